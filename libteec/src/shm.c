// SPDX-License-Identifier: BSD-2-Clause
/*
 * Shared memory (GPD_SPE_007 §4.5.4-7, OP-TEE's
 * TEEC_RegisterSharedMemoryFileDescriptor): sealed memfds that this
 * process maps and passes once to the daemon with SCM_RIGHTS, which maps
 * them too (docs/protocol.md, "Shared memory").
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tee_client_api_extensions.h>

#include "teec_private.h"

/* SHRINK is what the daemon insists on (a file shrinking under its mapping
 * would fault it); GROW keeps the size as declared, SEAL freezes the set. */
#define CLIENT_SEALS (F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL)

/* The buffer of a zero-sized allocation: not NULL, never dereferenced. */
static uint8_t zero_sized;

/* new_memfd creates a sealed memfd of size bytes and maps it (size > 0). */
static TEEC_Result new_memfd(size_t size, int *fd, void **mem)
{
	*fd = memfd_create("veritee-shm", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (*fd < 0)
		return TEEC_ERROR_OUT_OF_MEMORY;
	if (ftruncate(*fd, (off_t)size) < 0 || fcntl(*fd, F_ADD_SEALS, CLIENT_SEALS) < 0)
		goto fail;
	*mem = NULL;
	if (size > 0) {
		*mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, *fd, 0);
		if (*mem == MAP_FAILED)
			goto fail;
	}
	return TEEC_SUCCESS;
fail:
	close(*fd);
	return TEEC_ERROR_OUT_OF_MEMORY;
}

/* register_fd sends REGISTER_SHM for fd and returns the daemon's id. */
static TEEC_Result register_fd(struct teec_conn *c, int fd, size_t size, uint32_t *id)
{
	uint8_t f[W_HEADER + 12];
	struct teec_call w;
	uint32_t origin;

	put64(f + W_HEADER, size);
	put32(f + W_HEADER + 8, TEEC_MEM_INPUT | TEEC_MEM_OUTPUT);
	teec_call_init(&w);
	TEEC_Result res = teec_roundtrip(c, W_REGISTER, f, sizeof(f), fd, &w, &origin, 4);
	if (res == TEEC_SUCCESS) {
		*id = get32(w.body + 8);
		if (*id == 0 || *id > INT32_MAX) {
			teec_conn_fail(c);
			res = TEEC_ERROR_COMMUNICATION;
		}
	}
	teec_call_destroy(&w);
	return res;
}

/* check validates the common arguments. */
static TEEC_Result check(TEEC_Context *context, TEEC_SharedMemory *shm, bool fd)
{
	if (!context || !shm)
		return TEEC_ERROR_BAD_PARAMETERS;
	if (shm->flags & ~(uint32_t)(TEEC_MEM_INPUT | TEEC_MEM_OUTPUT))
		return TEEC_ERROR_BAD_PARAMETERS;
	if (fd && !shm->flags)
		return TEEC_ERROR_BAD_PARAMETERS;
	if (!fd && (uint64_t)shm->size > TEEC_CONFIG_SHAREDMEM_MAX_SIZE)
		return TEEC_ERROR_OUT_OF_MEMORY;
	if (!context->imp)
		return TEEC_ERROR_BAD_STATE;
	return TEEC_SUCCESS;
}

/* share creates a memfd of shm->size bytes, registers it, and fills in
 * shm's implementation fields; *mem is the mapping. */
static TEEC_Result share(TEEC_Context *context, TEEC_SharedMemory *shm, void **mem, uint8_t kind)
{
	struct teec_conn *c = context->imp;
	int fd;
	uint32_t id;

	TEEC_Result res = new_memfd(shm->size, &fd, mem);
	if (res != TEEC_SUCCESS)
		return res;
	res = register_fd(c, fd, shm->size, &id);
	close(fd);
	if (res != TEEC_SUCCESS) {
		if (*mem)
			munmap(*mem, shm->size);
		return res;
	}
	teec_conn_get(c);
	shm->id = (int)id;
	shm->alloced_size = shm->size;
	shm->registered_fd = -1;
	shm->internal.flags = kind;
	shm->conn = c;
	return TEEC_SUCCESS;
}

TEEC_Result TEEC_AllocateSharedMemory(TEEC_Context *context, TEEC_SharedMemory *shm)
{
	void *mem;

	TEEC_Result res = check(context, shm, false);
	if (res != TEEC_SUCCESS)
		return res;
	res = share(context, shm, &mem, SHM_ALLOCATED);
	if (res != TEEC_SUCCESS)
		return res;
	shm->buffer = mem ? mem : &zero_sized;
	shm->shadow_buffer = NULL;
	return TEEC_SUCCESS;
}

TEEC_Result TEEC_RegisterSharedMemory(TEEC_Context *context, TEEC_SharedMemory *shm)
{
	void *mem;

	TEEC_Result res = check(context, shm, false);
	if (res != TEEC_SUCCESS)
		return res;
	if (!shm->buffer && shm->size > 0)
		return TEEC_ERROR_BAD_PARAMETERS;
	res = share(context, shm, &mem, SHM_SHADOW);
	if (res != TEEC_SUCCESS)
		return res;
	shm->shadow_buffer = mem;
	return TEEC_SUCCESS;
}

TEEC_Result TEEC_RegisterSharedMemoryFileDescriptor(TEEC_Context *context,
						    TEEC_SharedMemory *shm, int fd)
{
	struct stat st;
	uint32_t id;

	if (fd < 0)
		return TEEC_ERROR_BAD_PARAMETERS;
	TEEC_Result res = check(context, shm, true);
	if (res != TEEC_SUCCESS)
		return res;
	if (fstat(fd, &st) < 0 || st.st_size < 0)
		return TEEC_ERROR_BAD_PARAMETERS;
	if ((uint64_t)st.st_size > TEEC_CONFIG_SHAREDMEM_MAX_SIZE)
		return TEEC_ERROR_OUT_OF_MEMORY;
	res = register_fd(context->imp, fd, (size_t)st.st_size, &id);
	if (res != TEEC_SUCCESS)
		return res;
	teec_conn_get(context->imp);
	shm->buffer = NULL;
	shm->size = (size_t)st.st_size;
	shm->id = (int)id;
	shm->alloced_size = 0;
	shm->shadow_buffer = NULL;
	shm->registered_fd = fd;
	shm->internal.flags = SHM_FD;
	shm->conn = context->imp;
	return TEEC_SUCCESS;
}

/*
 * TEEC_ReleaseSharedMemory tells the daemon to forget the memory and
 * unmaps it here (allocated memory and shadows). The caller's buffer of
 * registered memory and fd stay the caller's. Releasing memory that a
 * running call uses is undefined in GP: do not.
 */
void TEEC_ReleaseSharedMemory(TEEC_SharedMemory *shm)
{
	uint8_t f[W_HEADER + 4];
	struct teec_call w;
	uint32_t origin;

	if (!shm || !shm->conn)
		return;
	struct teec_conn *c = shm->conn;
	put32(f + W_HEADER, (uint32_t)shm->id);
	teec_call_init(&w);
	(void)teec_roundtrip(c, W_RELEASE, f, sizeof(f), -1, &w, &origin, 0);
	teec_call_destroy(&w);
	if ((shm->internal.flags & SHM_ALLOCATED) && shm->alloced_size > 0)
		munmap(shm->buffer, shm->alloced_size);
	if ((shm->internal.flags & SHM_SHADOW) && shm->shadow_buffer)
		munmap(shm->shadow_buffer, shm->alloced_size);
	shm->conn = NULL;
	shm->id = -1;
	shm->buffer = NULL;
	shm->shadow_buffer = NULL;
	shm->alloced_size = 0;
	shm->registered_fd = -1;
	shm->internal.flags = 0;
	teec_conn_put(c);
}

/* SPDX-License-Identifier: BSD-2-Clause */
/* OP-TEE's extensions of the GP TEE Client API, for Veritee. */
#ifndef TEE_CLIENT_API_EXTENSIONS_H
#define TEE_CLIENT_API_EXTENSIONS_H

#include <tee_client_api.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * TEEC_RegisterSharedMemoryFileDescriptor registers memory the caller
 * already holds as a file descriptor (OP-TEE: a dma-buf). In Veritee fd
 * must be a memfd sealed with at least F_SEAL_SHRINK; it is passed to the
 * daemon, which maps it, and the caller keeps its own fd. sharedMem->flags
 * must be set; size is taken from the file and buffer is set to NULL (map
 * fd yourself to reach the bytes). Results: TEEC_SUCCESS;
 * TEEC_ERROR_BAD_PARAMETERS for NULL arguments, a negative fd, flags that
 * are 0 or unknown, or an fd that is not such a memfd;
 * TEEC_ERROR_OUT_OF_MEMORY for a file over
 * TEEC_CONFIG_SHAREDMEM_MAX_SIZE; TEEC_ERROR_BAD_STATE on a finalized
 * context; the daemon's code otherwise.
 */
TEEC_Result TEEC_RegisterSharedMemoryFileDescriptor(TEEC_Context *context,
						    TEEC_SharedMemory *sharedMem,
						    int fd);

#ifdef __cplusplus
}
#endif

#endif /* TEE_CLIENT_API_EXTENSIONS_H */

/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The GlobalPlatform TEE Client API v1.0 (GPD_SPE_007) for Veritee.
 *
 * Source compatible with OP-TEE's tee_client_api.h: the same types, field
 * names, constants and functions, so that an OP-TEE client application
 * builds against it unchanged. The library speaks the Veritee protocol
 * (docs/protocol.md) to the daemon over a Unix socket; see docs/libteec.md.
 *
 * Fields marked "implementation defined" belong to the library: set the
 * others, leave these alone.
 */
#ifndef TEE_CLIENT_API_H
#define TEE_CLIENT_API_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Number of parameters of an operation (GPD_SPE_007 §4.2.1). */
#define TEEC_CONFIG_PAYLOAD_REF_COUNT 4

/*
 * Largest shared memory block, allocated or registered: the largest buffer
 * a wasm32 TA can address (4 GiB - 1). Larger sizes fail with
 * TEEC_ERROR_OUT_OF_MEMORY.
 */
#define TEEC_CONFIG_SHAREDMEM_MAX_SIZE 0xFFFFFFFFUL

/* Parameter types (GPD_SPE_007 §4.5.5), packed by TEEC_PARAM_TYPES. */
#define TEEC_NONE                   0x00000000
#define TEEC_VALUE_INPUT            0x00000001
#define TEEC_VALUE_OUTPUT           0x00000002
#define TEEC_VALUE_INOUT            0x00000003
#define TEEC_MEMREF_TEMP_INPUT      0x00000005
#define TEEC_MEMREF_TEMP_OUTPUT     0x00000006
#define TEEC_MEMREF_TEMP_INOUT      0x00000007
#define TEEC_MEMREF_WHOLE           0x0000000C
#define TEEC_MEMREF_PARTIAL_INPUT   0x0000000D
#define TEEC_MEMREF_PARTIAL_OUTPUT  0x0000000E
#define TEEC_MEMREF_PARTIAL_INOUT   0x0000000F

/* Shared memory directions (GPD_SPE_007 §4.5.4). */
#define TEEC_MEM_INPUT   0x00000001
#define TEEC_MEM_OUTPUT  0x00000002

/*
 * Results (GPD_SPE_007 §4.4.2). The TEE_ERROR_* names are the Internal Core
 * API codes a TA may return to its client; OP-TEE's header defines them
 * here too, and so does this one.
 */
#define TEEC_SUCCESS                       0x00000000
#define TEEC_ERROR_STORAGE_NOT_AVAILABLE   0xF0100003
#define TEEC_ERROR_GENERIC                 0xFFFF0000
#define TEEC_ERROR_ACCESS_DENIED           0xFFFF0001
#define TEEC_ERROR_CANCEL                  0xFFFF0002
#define TEEC_ERROR_ACCESS_CONFLICT         0xFFFF0003
#define TEEC_ERROR_EXCESS_DATA             0xFFFF0004
#define TEEC_ERROR_BAD_FORMAT              0xFFFF0005
#define TEEC_ERROR_BAD_PARAMETERS          0xFFFF0006
#define TEEC_ERROR_BAD_STATE               0xFFFF0007
#define TEEC_ERROR_ITEM_NOT_FOUND          0xFFFF0008
#define TEEC_ERROR_NOT_IMPLEMENTED         0xFFFF0009
#define TEEC_ERROR_NOT_SUPPORTED           0xFFFF000A
#define TEEC_ERROR_NO_DATA                 0xFFFF000B
#define TEEC_ERROR_OUT_OF_MEMORY           0xFFFF000C
#define TEEC_ERROR_BUSY                    0xFFFF000D
#define TEEC_ERROR_COMMUNICATION           0xFFFF000E
#define TEEC_ERROR_SECURITY                0xFFFF000F
#define TEEC_ERROR_SHORT_BUFFER            0xFFFF0010
#define TEEC_ERROR_EXTERNAL_CANCEL         0xFFFF0011
#define TEEC_ERROR_TARGET_DEAD             0xFFFF3024
#define TEEC_ERROR_STORAGE_NO_SPACE        0xFFFF3041
#define TEE_ERROR_EXTERNAL_CANCEL          0xFFFF0011
#define TEE_ERROR_OVERFLOW                 0xFFFF300F
#define TEE_ERROR_TARGET_DEAD              0xFFFF3024
#define TEE_ERROR_STORAGE_NO_SPACE         0xFFFF3041
#define TEE_ERROR_MAC_INVALID              0xFFFF3071
#define TEE_ERROR_SIGNATURE_INVALID        0xFFFF3072
#define TEE_ERROR_TIME_NOT_SET             0xFFFF5000
#define TEE_ERROR_TIME_NEEDS_RESET         0xFFFF5001

/* Where a result comes from (GPD_SPE_007 §4.4.3). */
#define TEEC_ORIGIN_API          0x00000001
#define TEEC_ORIGIN_COMMS        0x00000002
#define TEEC_ORIGIN_TEE          0x00000003
#define TEEC_ORIGIN_TRUSTED_APP  0x00000004

/*
 * Login methods (GPD_SPE_007 §4.5.4). The daemon derives the identity from
 * the kernel's credentials of the client process; GROUP and
 * GROUP_APPLICATION take a group id (uint32_t) as connection data.
 */
#define TEEC_LOGIN_PUBLIC             0x00000000
#define TEEC_LOGIN_USER               0x00000001
#define TEEC_LOGIN_GROUP              0x00000002
#define TEEC_LOGIN_APPLICATION        0x00000004
#define TEEC_LOGIN_USER_APPLICATION   0x00000005
#define TEEC_LOGIN_GROUP_APPLICATION  0x00000006

/* TEEC_PARAM_TYPES packs four parameter types into paramTypes. */
#define TEEC_PARAM_TYPES(p0, p1, p2, p3) \
	((p0) | ((p1) << 4) | ((p2) << 8) | ((p3) << 12))

/* TEEC_PARAM_TYPE_GET returns parameter i's type from paramTypes p. */
#define TEEC_PARAM_TYPE_GET(p, i) (((p) >> ((i) * 4)) & 0xF)

typedef uint32_t TEEC_Result;

struct teec_conn;

/* TEEC_Context is a connection to the TEE (GPD_SPE_007 §4.3.2). */
typedef struct {
	/* Implementation defined */
	int fd;                 /* the daemon socket, -1 once finalized */
	bool reg_mem;           /* registered memory is supported: true */
	bool memref_null;       /* NULL memory references are supported: true */
	struct teec_conn *imp;  /* the connection's state */
} TEEC_Context;

/* TEEC_UUID identifies a Trusted Application (RFC 4122). */
typedef struct {
	uint32_t timeLow;
	uint16_t timeMid;
	uint16_t timeHiAndVersion;
	uint8_t clockSeqAndNode[8];
} TEEC_UUID;

/*
 * TEEC_SharedMemory is memory shared with the TEE (GPD_SPE_007 §4.3.4).
 * Set size and flags (and buffer, to register memory) before
 * TEEC_AllocateSharedMemory or TEEC_RegisterSharedMemory.
 */
typedef struct {
	void *buffer;
	size_t size;
	uint32_t flags;
	/* Implementation defined */
	int id;                 /* the daemon's id of the memory */
	size_t alloced_size;    /* bytes mapped in this process */
	void *shadow_buffer;    /* registered memory: the shared copy */
	int registered_fd;      /* TEEC_RegisterSharedMemoryFileDescriptor's fd */
	union {
		bool dummy;
		uint8_t flags;
	} internal;
	struct teec_conn *conn; /* the connection it belongs to; NULL once released */
} TEEC_SharedMemory;

/* TEEC_TempMemoryReference is a buffer shared for one operation. */
typedef struct {
	void *buffer;
	size_t size;
} TEEC_TempMemoryReference;

/* TEEC_RegisteredMemoryReference is a window of a TEEC_SharedMemory. */
typedef struct {
	TEEC_SharedMemory *parent;
	size_t size;
	size_t offset;
} TEEC_RegisteredMemoryReference;

/* TEEC_Value is two 32-bit integers passed by value. */
typedef struct {
	uint32_t a;
	uint32_t b;
} TEEC_Value;

/* TEEC_Parameter is one parameter of an operation (GPD_SPE_007 §4.3.8). */
typedef union {
	TEEC_TempMemoryReference tmpref;
	TEEC_RegisteredMemoryReference memref;
	TEEC_Value value;
} TEEC_Parameter;

/* TEEC_Session is an open session with a TA (GPD_SPE_007 §4.3.3). */
typedef struct {
	/* Implementation defined */
	TEEC_Context *ctx;      /* NULL once closed */
	uint32_t session_id;
} TEEC_Session;

/*
 * TEEC_Operation holds the parameters of one TEEC_OpenSession or
 * TEEC_InvokeCommand (GPD_SPE_007 §4.3.9). Set started to 0 before a call
 * that may be cancelled with TEEC_RequestCancellation.
 */
typedef struct {
	uint32_t started;
	uint32_t paramTypes;
	TEEC_Parameter params[TEEC_CONFIG_PAYLOAD_REF_COUNT];
	/* Implementation defined */
	TEEC_Session *session;  /* the session of the last call */
} TEEC_Operation;

/*
 * TEEC_InitializeContext connects to the TEE that name selects: NULL or ""
 * is the daemon's default socket ($VERITEE_SOCKET; /run/veritee/tee.sock as
 * root; else $XDG_RUNTIME_DIR/veritee/tee.sock, or
 * $TMPDIR/veritee-<uid>/tee.sock); "unix:PATH" or a name containing '/' is
 * the socket at that path. Results: TEEC_SUCCESS; TEEC_ERROR_BAD_PARAMETERS
 * for a NULL context; TEEC_ERROR_ITEM_NOT_FOUND for any other name or when
 * no daemon listens; TEEC_ERROR_ACCESS_DENIED when the socket may not be
 * opened; TEEC_ERROR_OUT_OF_MEMORY; TEEC_ERROR_COMMUNICATION for other
 * failures, including a daemon that does not answer within 10 seconds.
 */
TEEC_Result TEEC_InitializeContext(const char *name, TEEC_Context *context);

/*
 * TEEC_FinalizeContext closes the connection; the daemon closes every
 * session still open on it and forgets its shared memory. Memory still
 * allocated stays mapped here until TEEC_ReleaseSharedMemory.
 */
void TEEC_FinalizeContext(TEEC_Context *context);

/*
 * TEEC_OpenSession opens a session with the TA destination. Results are
 * those of the TEE or the TA (origin TEE or TRUSTED_APP), or
 * TEEC_ERROR_BAD_PARAMETERS (origin API) for bad arguments, an unknown
 * login method, missing or unexpected connection data, or a parameter the
 * library refuses; TEEC_ERROR_BAD_STATE (origin API) on a finalized context
 * or an operation another call is using; TEEC_ERROR_COMMUNICATION (origin
 * COMMS) when the connection breaks.
 */
TEEC_Result TEEC_OpenSession(TEEC_Context *context, TEEC_Session *session,
			     const TEEC_UUID *destination,
			     uint32_t connectionMethod,
			     const void *connectionData,
			     TEEC_Operation *operation,
			     uint32_t *returnOrigin);

/* TEEC_CloseSession closes a session; the TA's close entry point has run. */
void TEEC_CloseSession(TEEC_Session *session);

/*
 * TEEC_InvokeCommand invokes commandID in the session's TA. Outputs are
 * written back into operation whenever the TA ran, also with
 * TEEC_ERROR_SHORT_BUFFER, where the size is the size the TA needs.
 * Results as TEEC_OpenSession.
 */
TEEC_Result TEEC_InvokeCommand(TEEC_Session *session, uint32_t commandID,
			       TEEC_Operation *operation,
			       uint32_t *returnOrigin);

/*
 * TEEC_RegisterSharedMemory makes sharedMem->buffer usable in registered
 * memory references. The daemon cannot see this process's memory: the
 * library keeps a shadow copy in memory shared with it, filled before each
 * call for input and copied back after it for output (the bytes the TA
 * reported). Results: TEEC_SUCCESS; TEEC_ERROR_BAD_PARAMETERS for NULL
 * arguments, a NULL buffer with a size, or unknown flags;
 * TEEC_ERROR_OUT_OF_MEMORY; TEEC_ERROR_BAD_STATE on a finalized context;
 * the daemon's code otherwise.
 */
TEEC_Result TEEC_RegisterSharedMemory(TEEC_Context *context,
				      TEEC_SharedMemory *sharedMem);

/*
 * TEEC_AllocateSharedMemory allocates sharedMem->size bytes of zeroed
 * memory that this process and the daemon both map: no copies. A size of
 * 0 gives a non-NULL buffer that must not be dereferenced. Results as
 * TEEC_RegisterSharedMemory.
 */
TEEC_Result TEEC_AllocateSharedMemory(TEEC_Context *context,
				      TEEC_SharedMemory *sharedMem);

/*
 * TEEC_ReleaseSharedMemory releases memory from TEEC_AllocateSharedMemory,
 * TEEC_RegisterSharedMemory or TEEC_RegisterSharedMemoryFileDescriptor. It
 * does nothing for memory already released.
 */
void TEEC_ReleaseSharedMemory(TEEC_SharedMemory *sharedMemory);

/*
 * TEEC_RequestCancellation asks the TEE to cancel the call that uses
 * operation, from any thread. While the call runs, the TA sees its
 * cancellation flag at once. Before the call starts, and only when
 * operation->started is 0, the request is kept in the operation and the
 * call is cancelled as soon as it starts.
 */
void TEEC_RequestCancellation(TEEC_Operation *operation);

#ifdef __cplusplus
}
#endif

#endif /* TEE_CLIENT_API_H */

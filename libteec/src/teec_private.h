/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Internals of Veritee's libteec: the connection, the frames of the
 * protocol (docs/protocol.md) and the calls in flight. Nothing here is
 * exported.
 */
#ifndef TEEC_PRIVATE_H
#define TEEC_PRIVATE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#include <tee_client_api.h>

#define TEEC_HIDDEN __attribute__((visibility("hidden")))

/* Protocol constants (internal/wire). */
#define W_VERSION 1u
#define W_HEADER 16u
#define W_DESC 40u
#define W_PARAMS (4u * W_DESC)
#define W_DEFAULT_MAX_FRAME ((64u << 20) + 4096u)
#define W_MIN_MAX_FRAME 4096u
#define W_MAX_MEMREF 0xFFFFFFFFull

enum {
	W_HELLO = 0x01,
	W_OPEN = 0x02,
	W_INVOKE = 0x03,
	W_CLOSE = 0x04,
	W_CANCEL = 0x05,
	W_REGISTER = 0x06,
	W_RELEASE = 0x07,
	W_REPLY = 0x80,
	W_ERROR = 0xFF,
};

/* TA-level parameter types on the wire (TEE_PARAM_TYPE_*). */
enum {
	P_NONE = 0,
	P_VALUE_IN = 1,
	P_VALUE_OUT = 2,
	P_VALUE_INOUT = 3,
	P_MEMREF_IN = 5,
	P_MEMREF_OUT = 6,
	P_MEMREF_INOUT = 7,
};

#define P_FLAG_NULL 0x01

static inline bool p_is_value(uint8_t t) { return t >= 1 && t <= 3; }
static inline bool p_is_memref(uint8_t t) { return t >= 5 && t <= 7; }
static inline bool p_is_input(uint8_t t) { return t == 1 || t == 3 || t == 5 || t == 7; }
static inline bool p_is_output(uint8_t t) { return t == 2 || t == 3 || t == 6 || t == 7; }

/* Little-endian accessors. */
static inline void put32(uint8_t *b, uint32_t v)
{
	b[0] = (uint8_t)v; b[1] = (uint8_t)(v >> 8);
	b[2] = (uint8_t)(v >> 16); b[3] = (uint8_t)(v >> 24);
}
static inline void put64(uint8_t *b, uint64_t v)
{
	put32(b, (uint32_t)v);
	put32(b + 4, (uint32_t)(v >> 32));
}
static inline uint32_t get32(const uint8_t *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}
static inline uint64_t get64(const uint8_t *b)
{
	return (uint64_t)get32(b) | (uint64_t)get32(b + 4) << 32;
}

/* A result with its origin, as every reply carries them. */
struct teec_ret {
	uint32_t code;
	uint32_t origin;
};

/* One parameter as it travels (internal/wire.Param). */
struct wparam {
	uint8_t type;
	bool null;
	uint32_t a, b;
	uint32_t shm;
	uint64_t off;
	uint64_t size;
	const uint8_t *data; /* inline bytes: request input, or reply output */
	uint64_t dlen;
};

/*
 * teec_call is one request waiting for its reply, on the waiting thread's
 * stack. The leader (see conn.c) fills in the reply and sets done under
 * the connection's mu.
 */
struct teec_call {
	uint64_t id;
	pthread_cond_t cond;
	bool done;
	bool failed;          /* the connection broke: no reply */
	uint8_t type;         /* the reply's type */
	uint8_t *body;        /* the reply's body: small or malloc'd */
	size_t len;
	uint8_t small[512];
	struct teec_call *next, *prev;
};

/*
 * teec_conn is one connection to the daemon, shared by every thread that
 * uses its context. It is freed when its last reference goes: the
 * context's, one per shared memory block, one per call in flight.
 */
struct teec_conn {
	int fd;
	int refs;                /* atomic */
	uint64_t next_id;        /* atomic */
	uint32_t max_frame;      /* what the daemon accepts */

	pthread_mutex_t wmu;     /* serialises frames on the socket */

	pthread_mutex_t mu;      /* guards what follows */
	struct teec_call *pending;
	bool leading;            /* a waiting thread reads the socket */
	bool broken;

	/* Owned by the leader. */
	uint8_t *rbuf;
	size_t rcap, rlen, roff;
};

/* conn.c */
TEEC_HIDDEN TEEC_Result teec_conn_dial(const char *path, struct teec_conn **out);
TEEC_HIDDEN void teec_conn_get(struct teec_conn *c);
TEEC_HIDDEN void teec_conn_put(struct teec_conn *c);
TEEC_HIDDEN void teec_conn_close(struct teec_conn *c);
TEEC_HIDDEN uint64_t teec_conn_new_id(struct teec_conn *c);
TEEC_HIDDEN bool teec_conn_register(struct teec_conn *c, struct teec_call *w);
TEEC_HIDDEN void teec_conn_forget(struct teec_conn *c, struct teec_call *w);
TEEC_HIDDEN int teec_conn_send(struct teec_conn *c, struct iovec *iov, int n, int passfd);
TEEC_HIDDEN void teec_conn_wait(struct teec_conn *c, struct teec_call *w);
TEEC_HIDDEN void teec_conn_fail(struct teec_conn *c);
TEEC_HIDDEN void teec_conn_send_cancel(struct teec_conn *c, uint64_t target);
TEEC_HIDDEN void teec_call_init(struct teec_call *w);
TEEC_HIDDEN void teec_call_destroy(struct teec_call *w);

/* frame.c */
TEEC_HIDDEN void teec_put_header(uint8_t *b, uint8_t type, uint64_t id, uint32_t body);
TEEC_HIDDEN void teec_put_params(uint8_t *b, const struct wparam ps[4]);
TEEC_HIDDEN bool teec_get_params(const uint8_t *b, size_t len, struct wparam ps[4]);
TEEC_HIDDEN bool teec_reply_ret(const struct teec_call *w, uint8_t want, size_t fixed, struct teec_ret *r);
TEEC_HIDDEN TEEC_Result teec_roundtrip(struct teec_conn *c, uint8_t type, uint8_t *frame,
				       size_t len, int passfd, struct teec_call *w,
				       uint32_t *origin, size_t fixed);

/* path.c */
TEEC_HIDDEN TEEC_Result teec_socket_path(const char *name, char *out, size_t cap);

/* Kinds of shared memory, in TEEC_SharedMemory.internal.flags. */
#define SHM_ALLOCATED 0x1 /* TEEC_AllocateSharedMemory: buffer is the mapping */
#define SHM_SHADOW 0x2    /* TEEC_RegisterSharedMemory: shadow_buffer is */
#define SHM_FD 0x4        /* TEEC_RegisterSharedMemoryFileDescriptor: none is */

/* params.c */

/* slot remembers how one parameter was sent, to write its outputs back. */
struct slot {
	uint32_t ctype;          /* the client's TEEC_* type */
	uint8_t dir;             /* the wire type */
	uint64_t size;           /* the window or buffer sent */
	uint8_t *user;           /* where output bytes go: temp buffer or shadow target */
	uint8_t *shadow;         /* registered memory with a shadow: its window */
};

struct teec_op {
	struct wparam w[4];
	struct slot s[4];
	struct iovec iov[6];
	int niov;
	uint64_t inline_len;
};

TEEC_HIDDEN TEEC_Result teec_prepare(struct teec_conn *c, TEEC_Operation *op, struct teec_op *o);
TEEC_HIDDEN bool teec_finish(TEEC_Operation *op, struct teec_op *o,
			     const struct wparam reply[4], bool ran);

/* call.c: OPEN_SESSION and INVOKE with cancellation. */
TEEC_HIDDEN TEEC_Result teec_call_op(struct teec_conn *c, uint8_t type, const uint8_t *fixed,
				     size_t fixedlen, TEEC_Operation *op, uint32_t *session_out,
				     uint32_t *origin);

/* cancel.c: operations in flight, for TEEC_RequestCancellation. */
struct teec_inflight {
	TEEC_Operation *op;
	struct teec_conn *conn;
	uint64_t id;
	bool sent;
	bool cancel;
	struct teec_inflight *next, *prev;
};

/* started value of an operation cancelled before its call started. */
#define TEEC_STARTED_CANCELLED 0x7EECCA4Cu

TEEC_HIDDEN bool teec_inflight_begin(struct teec_inflight *f);
TEEC_HIDDEN void teec_inflight_sent(struct teec_inflight *f);
TEEC_HIDDEN void teec_inflight_end(struct teec_inflight *f);

#endif /* TEEC_PRIVATE_H */

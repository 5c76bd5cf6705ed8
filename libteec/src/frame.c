// SPDX-License-Identifier: BSD-2-Clause
/*
 * Frames of the Veritee protocol (docs/protocol.md): headers, parameter
 * descriptors, and the round trip of requests whose replies have a fixed
 * size. internal/wire is the reference codec; where they differ, that is a
 * bug here.
 */
#include <string.h>

#include "teec_private.h"

/* Descriptor field offsets. */
enum {
	D_TYPE = 0, D_FLAGS = 1, D_RSVD = 2, D_A = 4, D_B = 8,
	D_SHM = 12, D_OFF = 16, D_SIZE = 24, D_DLEN = 32,
};

void teec_put_header(uint8_t *b, uint8_t type, uint64_t id, uint32_t body)
{
	put32(b, body);
	b[4] = type;
	b[5] = b[6] = b[7] = 0;
	put64(b + 8, id);
}

void teec_put_params(uint8_t *b, const struct wparam ps[4])
{
	for (int i = 0; i < 4; i++) {
		uint8_t *d = b + i * W_DESC;
		const struct wparam *p = &ps[i];
		d[D_TYPE] = p->type;
		d[D_FLAGS] = p->null ? P_FLAG_NULL : 0;
		d[D_RSVD] = d[D_RSVD + 1] = 0;
		put32(d + D_A, p->a);
		put32(d + D_B, p->b);
		put32(d + D_SHM, p->shm);
		put64(d + D_OFF, p->off);
		put64(d + D_SIZE, p->size);
		put64(d + D_DLEN, p->dlen);
	}
}

/*
 * teec_get_params decodes the parameters of a reply from b, which they
 * must use up exactly, and checks them as a reply's (wire.Param.check
 * fromTEE). Data pointers alias b.
 */
bool teec_get_params(const uint8_t *b, size_t len, struct wparam ps[4])
{
	if (len < W_PARAMS)
		return false;
	const uint8_t *rest = b + W_PARAMS;
	uint64_t left = len - W_PARAMS;
	for (int i = 0; i < 4; i++) {
		const uint8_t *d = b + i * W_DESC;
		struct wparam *p = &ps[i];
		uint8_t t = d[D_TYPE];
		if (!(t == P_NONE || p_is_value(t) || p_is_memref(t)))
			return false;
		if ((d[D_FLAGS] & ~P_FLAG_NULL) || d[D_RSVD] || d[D_RSVD + 1])
			return false;
		p->type = t;
		p->null = d[D_FLAGS] & P_FLAG_NULL;
		p->a = get32(d + D_A);
		p->b = get32(d + D_B);
		p->shm = get32(d + D_SHM);
		p->off = get64(d + D_OFF);
		p->size = get64(d + D_SIZE);
		p->dlen = get64(d + D_DLEN);
		if (p->dlen > left)
			return false;
		p->data = p->dlen ? rest : NULL;
		rest += p->dlen;
		left -= p->dlen;
		if (!p_is_memref(t)) {
			if (p->null || p->shm || p->off || p->size || p->dlen)
				return false;
			if (t == P_NONE && (p->a || p->b))
				return false;
			continue;
		}
		if (p->a || p->b || p->shm || p->off)
			return false;
		if (p->null && p->dlen)
			return false;
		if (p->dlen > p->size || (p->dlen && !p_is_output(t)))
			return false;
	}
	return left == 0;
}

/*
 * teec_reply_ret reads the result and origin of w's reply into r: an
 * ERROR reply's, or the reply's own when it has type want and at least
 * fixed bytes after result and origin. It returns false when the reply
 * breaks the protocol (the caller then breaks the connection) or the
 * connection broke (w->failed).
 */
bool teec_reply_ret(const struct teec_call *w, uint8_t want, size_t fixed, struct teec_ret *r)
{
	r->code = TEEC_ERROR_COMMUNICATION;
	r->origin = TEEC_ORIGIN_COMMS;
	if (w->failed)
		return false;
	if (w->type == W_ERROR) {
		if (w->len != 8)
			return false;
	} else if (w->type != (want | W_REPLY) || w->len < 8 + fixed) {
		return false;
	}
	r->code = get32(w->body);
	r->origin = get32(w->body + 4);
	/* An ERROR reply without an error would read as success. */
	return w->type != W_ERROR || r->code != TEEC_SUCCESS;
}

/*
 * teec_roundtrip sends the request in frame (len bytes, header included,
 * filled in here) with passfd attached unless -1, and waits for its reply
 * into w, which must have exactly fixed bytes after result and origin.
 * w->body holds the reply on success; the caller destroys w.
 */
TEEC_Result teec_roundtrip(struct teec_conn *c, uint8_t type, uint8_t *frame,
			   size_t len, int passfd, struct teec_call *w,
			   uint32_t *origin, size_t fixed)
{
	struct iovec iov = { frame, len };

	*origin = TEEC_ORIGIN_COMMS;
	if (!teec_conn_register(c, w))
		return TEEC_ERROR_COMMUNICATION;
	teec_put_header(frame, type, w->id, (uint32_t)(len - W_HEADER));
	if (teec_conn_send(c, &iov, 1, passfd) != 0) {
		teec_conn_forget(c, w);
		teec_conn_fail(c);
		return TEEC_ERROR_COMMUNICATION;
	}
	teec_conn_wait(c, w);
	if (w->failed)
		return TEEC_ERROR_COMMUNICATION;
	struct teec_ret r;
	if (!teec_reply_ret(w, type, fixed, &r) || (w->type != W_ERROR && w->len != 8 + fixed)) {
		teec_conn_fail(c);
		return TEEC_ERROR_COMMUNICATION;
	}
	*origin = r.origin;
	return r.code;
}

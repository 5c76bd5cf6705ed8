// SPDX-License-Identifier: BSD-2-Clause
/*
 * One OPEN_SESSION or INVOKE: parameters out, the wait (cancellable from
 * another thread), parameters back.
 */
#include <string.h>

#include "teec_private.h"

/* Largest fixed part of a request: OPEN_SESSION's uuid, login, data. */
#define MAX_FIXED 24

static TEEC_Result broken(struct teec_conn *c, uint32_t *origin)
{
	teec_conn_fail(c);
	*origin = TEEC_ORIGIN_COMMS;
	return TEEC_ERROR_COMMUNICATION;
}

/* exchange sends the prepared request and waits for its reply in w. */
static TEEC_Result exchange(struct teec_conn *c, uint8_t *head, struct teec_op *o,
			    TEEC_Operation *op, struct teec_call *w, uint32_t *origin)
{
	struct teec_inflight f = { .op = op, .conn = c };

	if (!teec_conn_register(c, w)) {
		*origin = TEEC_ORIGIN_COMMS;
		return TEEC_ERROR_COMMUNICATION;
	}
	put64(head + 8, w->id);
	if (op) {
		f.id = w->id;
		if (!teec_inflight_begin(&f)) {
			teec_conn_forget(c, w);
			*origin = TEEC_ORIGIN_API;
			return TEEC_ERROR_BAD_STATE; /* another call uses op */
		}
	}
	int err = teec_conn_send(c, o->iov, o->niov, -1);
	if (err == 0 && op)
		teec_inflight_sent(&f);
	if (err == 0)
		teec_conn_wait(c, w);
	if (op)
		teec_inflight_end(&f);
	if (err != 0) {
		teec_conn_forget(c, w);
		return broken(c, origin);
	}
	return TEEC_SUCCESS;
}

/*
 * teec_call_op performs an OPEN_SESSION (type W_OPEN, which returns the
 * session in *session_out) or an INVOKE whose fixed request fields are
 * given, with op's parameters.
 */
TEEC_Result teec_call_op(struct teec_conn *c, uint8_t type, const uint8_t *fixed,
			 size_t fixedlen, TEEC_Operation *op, uint32_t *session_out,
			 uint32_t *origin)
{
	uint8_t head[W_HEADER + MAX_FIXED + W_PARAMS];
	struct teec_op o;
	struct teec_call w;
	struct wparam r[4];
	size_t rfixed = type == W_OPEN ? 4 : 0;

	*origin = TEEC_ORIGIN_API;
	TEEC_Result res = teec_prepare(c, op, &o);
	if (res != TEEC_SUCCESS)
		return res;
	size_t hlen = W_HEADER + fixedlen + W_PARAMS;
	uint64_t total = hlen + o.inline_len;
	if (total > c->max_frame) {
		*origin = TEEC_ORIGIN_COMMS;
		return TEEC_ERROR_EXCESS_DATA;
	}
	teec_put_header(head, type, 0, (uint32_t)(total - W_HEADER));
	memcpy(head + W_HEADER, fixed, fixedlen);
	teec_put_params(head + W_HEADER + fixedlen, o.w);
	o.iov[0].iov_base = head;
	o.iov[0].iov_len = hlen;

	teec_call_init(&w);
	teec_conn_get(c);
	res = exchange(c, head, &o, op, &w, origin);
	if (res != TEEC_SUCCESS)
		goto out;
	struct teec_ret ret;
	if (w.failed) {
		*origin = TEEC_ORIGIN_COMMS;
		res = TEEC_ERROR_COMMUNICATION;
		goto out;
	}
	if (!teec_reply_ret(&w, type, rfixed, &ret)) {
		res = broken(c, origin);
		goto out;
	}
	*origin = ret.origin;
	res = ret.code;
	if (w.type == W_ERROR)
		goto out;
	if (!teec_get_params(w.body + 8 + rfixed, w.len - 8 - rfixed, r)) {
		res = broken(c, origin);
		goto out;
	}
	bool ran = ret.code == TEEC_SUCCESS || ret.origin == TEEC_ORIGIN_TRUSTED_APP;
	if (!teec_finish(op, &o, r, ran)) {
		res = broken(c, origin);
		goto out;
	}
	if (type == W_OPEN) {
		*session_out = get32(w.body + 8);
		if (ret.code == TEEC_SUCCESS && *session_out == 0)
			res = broken(c, origin);
	}
out:
	teec_call_destroy(&w);
	teec_conn_put(c);
	return res;
}

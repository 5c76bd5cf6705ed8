// SPDX-License-Identifier: BSD-2-Clause
/*
 * An operation's parameters on their way to the TEE and back (GPD_SPE_007
 * §4.3.9, §4.5.9). Every check happens before anything is sent: a
 * violation is TEEC_ERROR_BAD_PARAMETERS with origin API, as in the Go
 * client (teec/marshal.go).
 */
#include <string.h>

#include "teec_private.h"

/* whole_dir is the wire type of a TEEC_MEMREF_WHOLE of memory with flags. */
static uint8_t whole_dir(uint32_t flags)
{
	switch (flags & (TEEC_MEM_INPUT | TEEC_MEM_OUTPUT)) {
	case TEEC_MEM_INPUT:
		return P_MEMREF_IN;
	case TEEC_MEM_OUTPUT:
		return P_MEMREF_OUT;
	case TEEC_MEM_INPUT | TEEC_MEM_OUTPUT:
		return P_MEMREF_INOUT;
	}
	return P_NONE;
}

/* registered resolves a registered memory reference into a window. */
static TEEC_Result registered(struct teec_conn *c, uint32_t t, TEEC_RegisteredMemoryReference *m,
			      struct wparam *w, struct slot *s)
{
	TEEC_SharedMemory *shm = m->parent;
	uint64_t off, size;
	uint8_t dir;

	if (!shm || shm->conn != c)
		return TEEC_ERROR_BAD_PARAMETERS; /* none, released, or another context's */
	uint64_t total = shm->size;
	if (t == TEEC_MEMREF_WHOLE) {
		dir = whole_dir(shm->flags);
		if (dir == P_NONE)
			return TEEC_ERROR_BAD_PARAMETERS;
		off = 0;
		size = total;
	} else {
		uint32_t need = t == TEEC_MEMREF_PARTIAL_INPUT ? TEEC_MEM_INPUT :
				t == TEEC_MEMREF_PARTIAL_OUTPUT ? TEEC_MEM_OUTPUT :
				TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
		if ((shm->flags & need) != need)
			return TEEC_ERROR_BAD_PARAMETERS;
		if (m->offset > total || m->size > total - m->offset)
			return TEEC_ERROR_BAD_PARAMETERS;
		dir = whole_dir(need);
		off = m->offset;
		size = m->size;
	}
	w->type = dir;
	w->shm = (uint32_t)shm->id;
	w->off = off;
	w->size = size;
	s->dir = dir;
	s->size = size;
	if ((shm->internal.flags & SHM_SHADOW) && size > 0) {
		s->shadow = (uint8_t *)shm->shadow_buffer + off;
		s->user = (uint8_t *)shm->buffer + off;
	}
	return TEEC_SUCCESS;
}

/* convert checks parameter i of op and describes it in o. */
static TEEC_Result convert(struct teec_conn *c, TEEC_Operation *op, int i, struct teec_op *o)
{
	uint32_t t = TEEC_PARAM_TYPE_GET(op->paramTypes, i);
	TEEC_Parameter *p = &op->params[i];
	struct wparam *w = &o->w[i];
	struct slot *s = &o->s[i];

	s->ctype = t;
	switch (t) {
	case TEEC_NONE:
		return TEEC_SUCCESS;
	case TEEC_VALUE_INPUT:
	case TEEC_VALUE_OUTPUT:
	case TEEC_VALUE_INOUT:
		w->type = s->dir = (uint8_t)t; /* the TA's numbers are the client's */
		w->a = p->value.a;
		w->b = p->value.b;
		return TEEC_SUCCESS;
	case TEEC_MEMREF_TEMP_INPUT:
	case TEEC_MEMREF_TEMP_OUTPUT:
	case TEEC_MEMREF_TEMP_INOUT:
		if ((uint64_t)p->tmpref.size > W_MAX_MEMREF)
			return TEEC_ERROR_BAD_PARAMETERS;
		w->type = s->dir = (uint8_t)(t - TEEC_MEMREF_TEMP_INPUT + P_MEMREF_IN);
		w->size = s->size = p->tmpref.size;
		if (!p->tmpref.buffer) {
			w->null = true; /* a NULL memref: a size query */
			return TEEC_SUCCESS;
		}
		s->user = p->tmpref.buffer;
		if (p_is_input(w->type) && w->size > 0) {
			w->data = p->tmpref.buffer;
			w->dlen = w->size;
			o->iov[o->niov].iov_base = p->tmpref.buffer;
			o->iov[o->niov].iov_len = w->size;
			o->niov++;
			o->inline_len += w->size;
		}
		return TEEC_SUCCESS;
	case TEEC_MEMREF_WHOLE:
	case TEEC_MEMREF_PARTIAL_INPUT:
	case TEEC_MEMREF_PARTIAL_OUTPUT:
	case TEEC_MEMREF_PARTIAL_INOUT:
		return registered(c, t, &p->memref, w, s);
	}
	return TEEC_ERROR_BAD_PARAMETERS;
}

/*
 * teec_prepare validates op (NULL: no parameters) and describes it in o for
 * the wire: values as they are, registered memory as (id, offset, size),
 * temporary memory inline. o->iov[0] is left for the caller's head. Input
 * bytes of registered memory with a shadow are copied into the shadow.
 */
TEEC_Result teec_prepare(struct teec_conn *c, TEEC_Operation *op, struct teec_op *o)
{
	memset(o, 0, sizeof(*o));
	o->niov = 1;
	if (!op)
		return TEEC_SUCCESS;
	if (op->paramTypes >> 16)
		return TEEC_ERROR_BAD_PARAMETERS;
	for (int i = 0; i < 4; i++) {
		TEEC_Result r = convert(c, op, i, o);
		if (r != TEEC_SUCCESS)
			return r;
	}
	for (int i = 0; i < 4; i++) {
		struct slot *s = &o->s[i];
		if (s->shadow && p_is_input(s->dir))
			memcpy(s->shadow, s->user, s->size);
	}
	return TEEC_SUCCESS;
}

static bool is_registered(uint32_t ctype)
{
	return ctype >= TEEC_MEMREF_WHOLE;
}

/*
 * teec_finish applies a reply's parameters to op: inline output bytes
 * into temporary buffers, and, when the TA ran (ran: success, or a result
 * from the TA such as TEEC_ERROR_SHORT_BUFFER), output values, sizes, and
 * the reported bytes of shadowed registered memory. It returns false,
 * having changed nothing, when the reply does not match the request.
 */
bool teec_finish(TEEC_Operation *op, struct teec_op *o, const struct wparam r[4], bool ran)
{
	for (int i = 0; i < 4; i++) {
		const struct slot *s = &o->s[i];
		if (r[i].type != o->w[i].type)
			return false;
		if (r[i].dlen && (is_registered(s->ctype) || !s->user || r[i].dlen > s->size))
			return false;
	}
	if (!op)
		return true;
	for (int i = 0; i < 4; i++) {
		const struct slot *s = &o->s[i];
		TEEC_Parameter *p = &op->params[i];
		if (r[i].dlen)
			memcpy(s->user, r[i].data, r[i].dlen);
		if (!ran || !p_is_output(s->dir))
			continue;
		if (p_is_value(s->dir)) {
			p->value.a = r[i].a;
			p->value.b = r[i].b;
		} else if (!is_registered(s->ctype)) {
			p->tmpref.size = (size_t)r[i].size;
		} else {
			if (s->shadow && r[i].size <= s->size)
				memcpy(s->user, s->shadow, r[i].size);
			p->memref.size = (size_t)r[i].size;
		}
	}
	return true;
}

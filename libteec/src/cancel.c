// SPDX-License-Identifier: BSD-2-Clause
/*
 * TEEC_RequestCancellation (GPD_SPE_007 §4.5.11) and the operations in
 * flight it looks for.
 *
 * The registry is global, keyed by the operation's address, so that a
 * cancellation never follows operation->session, which may point to a
 * session long closed. A call enters it before its request is sent and
 * leaves it before it returns; the connection it names stays alive
 * meanwhile because the call holds a reference.
 */
#include <stddef.h>

#include "teec_private.h"

static pthread_mutex_t reg_mu = PTHREAD_MUTEX_INITIALIZER;
static struct teec_inflight *reg_head;

static struct teec_inflight *find(TEEC_Operation *op)
{
	struct teec_inflight *f;
	for (f = reg_head; f && f->op != op; f = f->next)
		;
	return f;
}

/*
 * teec_inflight_begin records f's operation as running and marks it
 * started. A cancellation requested before the start (started was
 * TEEC_STARTED_CANCELLED) is kept in f. It returns false when another call
 * already uses the operation.
 */
bool teec_inflight_begin(struct teec_inflight *f)
{
	pthread_mutex_lock(&reg_mu);
	if (find(f->op)) {
		pthread_mutex_unlock(&reg_mu);
		return false;
	}
	f->sent = false;
	f->cancel = __atomic_exchange_n(&f->op->started, 1, __ATOMIC_ACQ_REL) == TEEC_STARTED_CANCELLED;
	f->prev = NULL;
	f->next = reg_head;
	if (reg_head)
		reg_head->prev = f;
	reg_head = f;
	pthread_mutex_unlock(&reg_mu);
	return true;
}

/*
 * teec_inflight_sent notes that f's request went out, and then sends the
 * CANCEL requested meanwhile, if any: a CANCEL that overtook its request
 * would be ignored by the daemon.
 */
void teec_inflight_sent(struct teec_inflight *f)
{
	pthread_mutex_lock(&reg_mu);
	f->sent = true;
	bool cancel = f->cancel;
	pthread_mutex_unlock(&reg_mu);
	if (cancel)
		teec_conn_send_cancel(f->conn, f->id);
}

/* teec_inflight_end forgets f. */
void teec_inflight_end(struct teec_inflight *f)
{
	pthread_mutex_lock(&reg_mu);
	if (f->prev)
		f->prev->next = f->next;
	else
		reg_head = f->next;
	if (f->next)
		f->next->prev = f->prev;
	pthread_mutex_unlock(&reg_mu);
}

/*
 * TEEC_RequestCancellation asks the TEE to cancel the call using
 * operation. A call in flight gets a CANCEL frame at once: the TA sees its
 * cancellation flag (TEE_Wait returns TEE_ERROR_CANCEL), and the call
 * returns whatever the TA returns. When no call uses the operation and its
 * started field is 0, the request is kept there and the next call is
 * cancelled as soon as its request is sent (the Go client does the same).
 * Otherwise, as after the call returned, it does nothing.
 */
void TEEC_RequestCancellation(TEEC_Operation *operation)
{
	if (!operation)
		return;
	pthread_mutex_lock(&reg_mu);
	struct teec_inflight *f = find(operation);
	if (f) {
		if (f->sent)
			teec_conn_send_cancel(f->conn, f->id);
		else
			f->cancel = true;
	} else {
		uint32_t zero = 0;
		__atomic_compare_exchange_n(&operation->started, &zero, TEEC_STARTED_CANCELLED,
					    false, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED);
	}
	pthread_mutex_unlock(&reg_mu);
}

// SPDX-License-Identifier: BSD-2-Clause
/*
 * TEEC_OpenSession, TEEC_InvokeCommand and TEEC_CloseSession
 * (GPD_SPE_007 §4.5.8-10).
 */
#include <string.h>

#include "teec_private.h"

static TEEC_Result fail(uint32_t *returnOrigin, TEEC_Result res, uint32_t origin)
{
	if (returnOrigin)
		*returnOrigin = origin;
	return res;
}

/* login_conn_data reports whether method takes connection data (a group
 * id), and whether a client may use it at all. */
static bool login_conn_data(uint32_t method, bool *needs)
{
	switch (method) {
	case TEEC_LOGIN_PUBLIC:
	case TEEC_LOGIN_USER:
	case TEEC_LOGIN_APPLICATION:
	case TEEC_LOGIN_USER_APPLICATION:
		*needs = false;
		return true;
	case TEEC_LOGIN_GROUP:
	case TEEC_LOGIN_GROUP_APPLICATION:
		*needs = true;
		return true;
	}
	return false;
}

/* put_uuid writes u in its canonical (RFC 4122 string) byte order. */
static void put_uuid(uint8_t *b, const TEEC_UUID *u)
{
	b[0] = (uint8_t)(u->timeLow >> 24);
	b[1] = (uint8_t)(u->timeLow >> 16);
	b[2] = (uint8_t)(u->timeLow >> 8);
	b[3] = (uint8_t)u->timeLow;
	b[4] = (uint8_t)(u->timeMid >> 8);
	b[5] = (uint8_t)u->timeMid;
	b[6] = (uint8_t)(u->timeHiAndVersion >> 8);
	b[7] = (uint8_t)u->timeHiAndVersion;
	memcpy(b + 8, u->clockSeqAndNode, 8);
}

/*
 * TEEC_OpenSession opens a session. connectionData is a pointer to a
 * uint32_t group id for TEEC_LOGIN_GROUP and TEEC_LOGIN_GROUP_APPLICATION,
 * and must be NULL for the other methods (GPD_SPE_007 §4.5.8). A group the
 * client is not a member of is TEEC_ERROR_ACCESS_DENIED.
 */
TEEC_Result TEEC_OpenSession(TEEC_Context *context, TEEC_Session *session,
			     const TEEC_UUID *destination, uint32_t connectionMethod,
			     const void *connectionData, TEEC_Operation *operation,
			     uint32_t *returnOrigin)
{
	uint8_t fixed[24];
	uint32_t origin, id = 0;
	bool needs;

	if (!context || !session || !destination)
		return fail(returnOrigin, TEEC_ERROR_BAD_PARAMETERS, TEEC_ORIGIN_API);
	session->ctx = NULL;
	if (!login_conn_data(connectionMethod, &needs) || needs != (connectionData != NULL))
		return fail(returnOrigin, TEEC_ERROR_BAD_PARAMETERS, TEEC_ORIGIN_API);
	struct teec_conn *c = context->imp;
	if (!c)
		return fail(returnOrigin, TEEC_ERROR_BAD_STATE, TEEC_ORIGIN_API);
	put_uuid(fixed, destination);
	put32(fixed + 16, connectionMethod);
	uint32_t group = 0;
	if (needs)
		memcpy(&group, connectionData, sizeof(group));
	put32(fixed + 20, group);
	if (operation)
		operation->session = session;
	TEEC_Result res = teec_call_op(c, W_OPEN, fixed, sizeof(fixed), operation, &id, &origin);
	if (res == TEEC_SUCCESS) {
		session->ctx = context;
		session->session_id = id;
	}
	return fail(returnOrigin, res, origin);
}

/*
 * TEEC_InvokeCommand invokes a command. Many threads may invoke on one
 * session or context at once; the TEE runs the calls into one TA instance
 * one at a time.
 */
TEEC_Result TEEC_InvokeCommand(TEEC_Session *session, uint32_t commandID,
			       TEEC_Operation *operation, uint32_t *returnOrigin)
{
	uint8_t fixed[8];
	uint32_t origin;

	if (!session)
		return fail(returnOrigin, TEEC_ERROR_BAD_PARAMETERS, TEEC_ORIGIN_API);
	if (!session->ctx || !session->ctx->imp)
		return fail(returnOrigin, TEEC_ERROR_BAD_STATE, TEEC_ORIGIN_API);
	put32(fixed, session->session_id);
	put32(fixed + 4, commandID);
	if (operation)
		operation->session = session;
	TEEC_Result res = teec_call_op(session->ctx->imp, W_INVOKE, fixed, sizeof(fixed),
				       operation, NULL, &origin);
	return fail(returnOrigin, res, origin);
}

/* TEEC_CloseSession closes the session; a closed session does nothing. */
void TEEC_CloseSession(TEEC_Session *session)
{
	uint8_t f[W_HEADER + 4];
	struct teec_call w;
	uint32_t origin;

	if (!session || !session->ctx)
		return;
	struct teec_conn *c = session->ctx->imp;
	session->ctx = NULL;
	if (!c)
		return;
	put32(f + W_HEADER, session->session_id);
	teec_call_init(&w);
	teec_conn_get(c);
	(void)teec_roundtrip(c, W_CLOSE, f, sizeof(f), -1, &w, &origin, 0);
	teec_call_destroy(&w);
	teec_conn_put(c);
}

// SPDX-License-Identifier: BSD-2-Clause
/* TEEC_InitializeContext and TEEC_FinalizeContext (GPD_SPE_007 §4.5.2-3). */
#include <limits.h>
#include <string.h>

#include "teec_private.h"

TEEC_Result TEEC_InitializeContext(const char *name, TEEC_Context *context)
{
	char path[PATH_MAX];
	struct teec_conn *c;

	if (!context)
		return TEEC_ERROR_BAD_PARAMETERS;
	memset(context, 0, sizeof(*context));
	context->fd = -1;
	TEEC_Result res = teec_socket_path(name, path, sizeof(path));
	if (res == TEEC_ERROR_BAD_PARAMETERS)
		res = TEEC_ERROR_COMMUNICATION; /* a path no socket can have */
	if (res != TEEC_SUCCESS)
		return res;
	res = teec_conn_dial(path, &c);
	if (res != TEEC_SUCCESS)
		return res;
	context->fd = c->fd;
	context->reg_mem = true;
	context->memref_null = true;
	context->imp = c;
	return TEEC_SUCCESS;
}

/*
 * TEEC_FinalizeContext closes the connection. GP leaves finalizing a
 * context with open sessions or memory undefined; here the daemon closes
 * the sessions, and memory stays mapped in this process until it is
 * released. Calls still running on other threads fail with
 * TEEC_ERROR_COMMUNICATION.
 */
void TEEC_FinalizeContext(TEEC_Context *context)
{
	if (!context || !context->imp)
		return;
	struct teec_conn *c = context->imp;
	context->imp = NULL;
	context->fd = -1;
	teec_conn_close(c);
}

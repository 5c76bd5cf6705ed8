// SPDX-License-Identifier: BSD-2-Clause
/*
 * The C test TA: every command of internal/testta/proto.go, exactly as
 * documented there. The Go test TA implements the same commands, so the
 * integration tests run against both.
 */
#include <string.h>
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>
#include <vt_test_ta.h>
#include <vt_families.h>
#include "params.h"

#define PT(i, types) TEE_PARAM_TYPE_GET((types), (i))

static uint32_t counter;

TEE_Result TA_CreateEntryPoint(void)
{
	DMSG("test TA variant %d created", VT_TEST_TA_VARIANT);
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
	DMSG("test TA variant %d destroyed", VT_TEST_TA_VARIANT);
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t types,
				    TEE_Param params[TEE_NUM_PARAMS],
				    void **sess_ctx)
{
	if (PT(0, types) == TEE_PARAM_TYPE_VALUE_INPUT &&
	    params[0].value.a == VT_TEST_TA_OPEN_REFUSE)
		return TEE_ERROR_ACCESS_DENIED;
	transform_params(types, params);
	*sess_ctx = NULL;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sess_ctx)
{
	(void)sess_ctx;
}

static bool is_memref(uint32_t t)
{
	return t == TEE_PARAM_TYPE_MEMREF_INPUT ||
	       t == TEE_PARAM_TYPE_MEMREF_OUTPUT ||
	       t == TEE_PARAM_TYPE_MEMREF_INOUT;
}

static TEE_Result cmd_short_buffer(uint32_t types, TEE_Param p[4])
{
	uint32_t n;

	if (PT(0, types) != TEE_PARAM_TYPE_MEMREF_OUTPUT ||
	    PT(1, types) != TEE_PARAM_TYPE_VALUE_INPUT)
		return TEE_ERROR_BAD_PARAMETERS;
	n = p[1].value.a;
	if (p[0].memref.size < n) {
		p[0].memref.size = n;
		return TEE_ERROR_SHORT_BUFFER;
	}
	if (n && !p[0].memref.buffer)
		return TEE_ERROR_BAD_PARAMETERS;
	memset(p[0].memref.buffer, 0xA5, n);
	p[0].memref.size = n;
	return TEE_SUCCESS;
}

static TEE_Result cmd_malloc_hog(uint32_t types, TEE_Param p[4])
{
	const size_t block = 64 * 1024;
	void *head = NULL, *b;
	uint32_t kib = 0;

	if (PT(0, types) != TEE_PARAM_TYPE_VALUE_OUTPUT)
		return TEE_ERROR_BAD_PARAMETERS;
	/* The blocks form a list through their first word. */
	while ((b = TEE_Malloc(block, TEE_MALLOC_NO_FILL))) {
		*(void **)b = head;
		head = b;
		kib += block / 1024;
	}
	while (head) {
		b = *(void **)head;
		TEE_Free(head);
		head = b;
	}
	p[0].value.a = kib;
	return TEE_ERROR_OUT_OF_MEMORY;
}

static TEE_Result cmd_log(uint32_t types, TEE_Param p[4])
{
	int n;
	const char *s = p[0].memref.buffer;

	if (PT(0, types) != TEE_PARAM_TYPE_MEMREF_INPUT)
		return TEE_ERROR_BAD_PARAMETERS;
	n = p[0].memref.size > 0x7FFFFFFF ? 0x7FFFFFFF : (int)p[0].memref.size;
	if (!s)
		n = 0;
	EMSG("%.*s", n, s ? s : "");
	IMSG("%.*s", n, s ? s : "");
	DMSG("%.*s", n, s ? s : "");
	FMSG("%.*s", n, s ? s : "");
	return TEE_SUCCESS;
}

static TEE_Result cmd_client_identity(uint32_t types, TEE_Param p[4])
{
	TEE_Identity id;
	TEE_Result res;
	uint8_t *o = p[1].memref.buffer;
	const TEE_UUID *u = &id.uuid;

	if (PT(0, types) != TEE_PARAM_TYPE_VALUE_OUTPUT ||
	    PT(1, types) != TEE_PARAM_TYPE_MEMREF_OUTPUT)
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_GetPropertyAsIdentity(TEE_PROPSET_CURRENT_CLIENT,
					"gpd.client.identity", &id);
	if (res != TEE_SUCCESS)
		return res;
	if (p[1].memref.size < 16) {
		p[1].memref.size = 16;
		return TEE_ERROR_SHORT_BUFFER;
	}
	if (!o)
		return TEE_ERROR_BAD_PARAMETERS;
	/* The canonical (RFC 4122) byte order: fields big-endian. */
	o[0] = (uint8_t)(u->timeLow >> 24);
	o[1] = (uint8_t)(u->timeLow >> 16);
	o[2] = (uint8_t)(u->timeLow >> 8);
	o[3] = (uint8_t)u->timeLow;
	o[4] = (uint8_t)(u->timeMid >> 8);
	o[5] = (uint8_t)u->timeMid;
	o[6] = (uint8_t)(u->timeHiAndVersion >> 8);
	o[7] = (uint8_t)u->timeHiAndVersion;
	memcpy(o + 8, u->clockSeqAndNode, 8);
	p[1].memref.size = 16;
	p[0].value.a = id.login;
	return TEE_SUCCESS;
}

static TEE_Result cmd_copy(uint32_t types, TEE_Param p[4])
{
	size_t n = p[0].memref.size;

	if (PT(0, types) != TEE_PARAM_TYPE_MEMREF_INPUT ||
	    PT(1, types) != TEE_PARAM_TYPE_MEMREF_OUTPUT)
		return TEE_ERROR_BAD_PARAMETERS;
	if (p[1].memref.size < n) {
		p[1].memref.size = n;
		return TEE_ERROR_SHORT_BUFFER;
	}
	if (n && (!p[0].memref.buffer || !p[1].memref.buffer))
		return TEE_ERROR_BAD_PARAMETERS;
	TEE_MemMove(p[1].memref.buffer, p[0].memref.buffer, n);
	p[1].memref.size = n;
	return TEE_SUCCESS;
}

/*
 * cmd_ta_call: p0 names the callee (TEE_UUID in canonical byte order, then
 * the u32 LE command); p1 and p2 become the callee's p0 and p1 and its
 * outputs come back into them; p3, when VALUE_OUTPUT, gets the origin and
 * the result of the call that failed, or of the invoke.
 */
static TEE_Result cmd_ta_call(uint32_t types, TEE_Param p[4])
{
	const uint8_t *in = p[0].memref.buffer;
	TEE_Param none[TEE_NUM_PARAMS] = { 0 };
	TEE_Param cp[TEE_NUM_PARAMS] = { 0 };
	TEE_TASessionHandle sess = TEE_HANDLE_NULL;
	uint32_t origin = 0;
	uint32_t cmd;
	TEE_UUID u;
	TEE_Result res;

	if (PT(0, types) != TEE_PARAM_TYPE_MEMREF_INPUT || !in ||
	    p[0].memref.size < 20)
		return TEE_ERROR_BAD_PARAMETERS;
	u.timeLow = (uint32_t)in[0] << 24 | (uint32_t)in[1] << 16 |
		    (uint32_t)in[2] << 8 | in[3];
	u.timeMid = (uint16_t)(in[4] << 8 | in[5]);
	u.timeHiAndVersion = (uint16_t)(in[6] << 8 | in[7]);
	memcpy(u.clockSeqAndNode, in + 8, 8);
	cmd = (uint32_t)in[16] | (uint32_t)in[17] << 8 |
	      (uint32_t)in[18] << 16 | (uint32_t)in[19] << 24;

	TEE_UnmaskCancellation();
	res = TEE_OpenTASession(&u, TEE_TIMEOUT_INFINITE, 0, none, &sess,
				&origin);
	if (res == TEE_SUCCESS) {
		cp[0] = p[1];
		cp[1] = p[2];
		res = TEE_InvokeTACommand(sess, TEE_TIMEOUT_INFINITE, cmd,
					  TEE_PARAM_TYPES(PT(1, types),
							  PT(2, types),
							  TEE_PARAM_TYPE_NONE,
							  TEE_PARAM_TYPE_NONE),
					  cp, &origin);
		p[1] = cp[0];
		p[2] = cp[1];
		TEE_CloseTASession(sess);
	}
	if (PT(3, types) == TEE_PARAM_TYPE_VALUE_OUTPUT) {
		p[3].value.a = origin;
		p[3].value.b = res;
	}
	return res;
}

/* cmd_ta_null_loop: n null invokes of p0's callee on one session. */
static TEE_Result cmd_ta_null_loop(uint32_t types, TEE_Param p[4])
{
	const uint8_t *in = p[0].memref.buffer;
	TEE_Param none[TEE_NUM_PARAMS] = { 0 };
	TEE_TASessionHandle sess = TEE_HANDLE_NULL;
	TEE_Result res;
	TEE_UUID u;
	uint32_t i;

	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT,
				     TEE_PARAM_TYPE_VALUE_INPUT,
				     TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE) ||
	    !in || p[0].memref.size < 16)
		return TEE_ERROR_BAD_PARAMETERS;
	u.timeLow = (uint32_t)in[0] << 24 | (uint32_t)in[1] << 16 |
		    (uint32_t)in[2] << 8 | in[3];
	u.timeMid = (uint16_t)(in[4] << 8 | in[5]);
	u.timeHiAndVersion = (uint16_t)(in[6] << 8 | in[7]);
	memcpy(u.clockSeqAndNode, in + 8, 8);
	res = TEE_OpenTASession(&u, TEE_TIMEOUT_INFINITE, 0, none, &sess, NULL);
	if (res != TEE_SUCCESS)
		return res;
	for (i = 0; i < p[1].value.a && res == TEE_SUCCESS; i++)
		res = TEE_InvokeTACommand(sess, TEE_TIMEOUT_INFINITE,
					  VT_TEST_TA_CMD_NULL, 0, none, NULL);
	TEE_CloseTASession(sess);
	return res;
}

static TEE_Result cmd_ta_time(uint32_t types, TEE_Param p[4])
{
	TEE_Result res;
	TEE_Time t;

	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INPUT,
				     TEE_PARAM_TYPE_VALUE_INOUT,
				     TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE) ||
	    p[0].value.a > 1)
		return TEE_ERROR_BAD_PARAMETERS;
	t.seconds = p[1].value.a;
	t.millis = p[1].value.b;
	if (p[0].value.a)
		return TEE_SetTAPersistentTime(&t);
	res = TEE_GetTAPersistentTime(&t);
	p[1].value.a = t.seconds;
	p[1].value.b = t.millis;
	return res;
}

TEE_Result TA_InvokeCommandEntryPoint(void *sess_ctx, uint32_t cmd,
				      uint32_t types,
				      TEE_Param params[TEE_NUM_PARAMS])
{
	TEE_Param *p = params;
	TEE_Time t;
	volatile uint32_t spins = 0;

	(void)sess_ctx;
	switch (cmd) {
	case VT_TEST_TA_CMD_NULL:
		return TEE_SUCCESS;
	case VT_TEST_TA_CMD_PARAMS:
		transform_params(types, params);
		return TEE_SUCCESS;
	case VT_TEST_TA_CMD_SHORT_BUFFER:
		return cmd_short_buffer(types, p);
	case VT_TEST_TA_CMD_PANIC:
		TEE_Panic(VT_TEST_TA_PANIC_CODE);
	case VT_TEST_TA_CMD_TRAP:
		__builtin_trap();
	case VT_TEST_TA_CMD_WAIT:
		if (PT(0, types) != TEE_PARAM_TYPE_VALUE_INPUT)
			return TEE_ERROR_BAD_PARAMETERS;
		/* Sessions start with cancellation masked, as in OP-TEE. */
		TEE_UnmaskCancellation();
		return TEE_Wait(p[0].value.a);
	case VT_TEST_TA_CMD_LOOP_UNTIL_CANCEL:
		TEE_UnmaskCancellation();
		while (!TEE_GetCancellationFlag())
			spins++;
		return TEE_ERROR_CANCEL;
	case VT_TEST_TA_CMD_SPIN:
		for (;;)
			spins++;
	case VT_TEST_TA_CMD_MALLOC_HOG:
		return cmd_malloc_hog(types, p);
	case VT_TEST_TA_CMD_RANDOM:
		if (PT(0, types) != TEE_PARAM_TYPE_MEMREF_OUTPUT)
			return TEE_ERROR_BAD_PARAMETERS;
		if (p[0].memref.buffer)
			TEE_GenerateRandom(p[0].memref.buffer,
					   p[0].memref.size);
		return TEE_SUCCESS;
	case VT_TEST_TA_CMD_TIME:
		if (PT(0, types) != TEE_PARAM_TYPE_VALUE_OUTPUT)
			return TEE_ERROR_BAD_PARAMETERS;
		TEE_GetSystemTime(&t);
		p[0].value.a = t.seconds;
		p[0].value.b = t.millis;
		return TEE_SUCCESS;
	case VT_TEST_TA_CMD_CHECK_ACCESS:
		if (!is_memref(PT(0, types)) ||
		    PT(1, types) != TEE_PARAM_TYPE_VALUE_INPUT)
			return TEE_ERROR_BAD_PARAMETERS;
		return TEE_CheckMemoryAccessRights(p[1].value.a,
						   p[0].memref.buffer,
						   p[0].memref.size);
	case VT_TEST_TA_CMD_MEM_FUNCS:
		return mem_funcs_selftest() ? TEE_SUCCESS : TEE_ERROR_GENERIC;
	case VT_TEST_TA_CMD_LOG:
		return cmd_log(types, p);
	case VT_TEST_TA_CMD_CLIENT_IDENTITY:
		return cmd_client_identity(types, p);
	case VT_TEST_TA_CMD_COUNTER:
		if (PT(0, types) != TEE_PARAM_TYPE_VALUE_OUTPUT)
			return TEE_ERROR_BAD_PARAMETERS;
		p[0].value.a = ++counter;
		return TEE_SUCCESS;
	case VT_TEST_TA_CMD_COPY:
		return cmd_copy(types, p);
	case VT_TEST_TA_CMD_TA_CALL:
		return cmd_ta_call(types, p);
	case VT_TEST_TA_CMD_TA_NULL_LOOP:
		return cmd_ta_null_loop(types, p);
	case VT_TEST_TA_CMD_TA_TIME:
		return cmd_ta_time(types, p);
	default:
		return vt_family_cmd(cmd, types, p);
	}
}

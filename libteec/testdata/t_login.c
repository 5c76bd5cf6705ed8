// SPDX-License-Identifier: BSD-2-Clause
/*
 * Every login method: prints the login and client identity the TA reads
 * (CmdClientIdentity) as "<login> <32 hex digits>", for the Go test to
 * compare with the identity derived from this process's credentials.
 */
#include <string.h>
#include <unistd.h>

#include "common.h"

int t_login(int argc, char **argv)
{
	TEEC_Context ctx;
	TEEC_UUID uuid;
	uint32_t origin, gid = (uint32_t)getegid(), other = gid + 12345;
	static const uint32_t logins[] = {
		TEEC_LOGIN_PUBLIC, TEEC_LOGIN_USER, TEEC_LOGIN_GROUP,
		TEEC_LOGIN_APPLICATION, TEEC_LOGIN_USER_APPLICATION, TEEC_LOGIN_GROUP_APPLICATION,
	};

	MUST(argc >= 1, "usage: login <uuid>");
	parse_uuid(argv[0], &uuid);
	init_ctx(&ctx);
	for (size_t i = 0; i < sizeof(logins) / sizeof(logins[0]); i++) {
		TEEC_Session s;
		TEEC_Operation op;
		uint8_t id[16];
		bool group = logins[i] == TEEC_LOGIN_GROUP || logins[i] == TEEC_LOGIN_GROUP_APPLICATION;
		TEEC_Result res = TEEC_OpenSession(&ctx, &s, &uuid, logins[i], group ? &gid : NULL, NULL, &origin);
		CHECK(res == TEEC_SUCCESS, "login %u: 0x%08x origin %u", logins[i], res, origin);
		if (res != TEEC_SUCCESS)
			continue;
		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE, TEEC_NONE);
		op.params[1].tmpref.buffer = id;
		op.params[1].tmpref.size = sizeof(id);
		res = TEEC_InvokeCommand(&s, CMD_CLIENT_IDENTITY, &op, &origin);
		CHECK(res == TEEC_SUCCESS, "identity: 0x%08x origin %u", res, origin);
		printf("%u ", op.params[0].value.a);
		for (int j = 0; j < 16; j++)
			printf("%02x", id[j]);
		printf("\n");
		TEEC_CloseSession(&s);
	}
	/* A group this process is not in: the daemon refuses. */
	TEEC_Session s;
	TEEC_Result res = TEEC_OpenSession(&ctx, &s, &uuid, TEEC_LOGIN_GROUP, &other, NULL, &origin);
	CHECK_RES(res, origin, TEEC_ERROR_ACCESS_DENIED, TEEC_ORIGIN_COMMS);
	TEEC_FinalizeContext(&ctx);
	return 0;
}

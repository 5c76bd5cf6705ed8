// SPDX-License-Identifier: BSD-2-Clause
/* bogus: two null invokes against a fake daemon that answers with a
 * malformed or unusual reply; prints "<result> <origin>" of each. The
 * library must report, not crash. */
#include <string.h>

#include "common.h"

int t_bogus(int argc, char **argv)
{
	TEEC_Context ctx;
	TEEC_Session sess;
	uint32_t origin = 0;

	(void)argc;
	(void)argv;
	init_ctx(&ctx);
	/* The fake daemon has no sessions to open: name one directly. */
	sess.ctx = &ctx;
	sess.session_id = 1;
	for (int i = 0; i < 2; i++) {
		TEEC_Result res = TEEC_InvokeCommand(&sess, CMD_NULL, NULL, &origin);
		printf("0x%08x %u\n", res, origin);
	}
	TEEC_FinalizeContext(&ctx);
	return 0;
}

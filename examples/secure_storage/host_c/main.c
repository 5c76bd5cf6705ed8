// SPDX-License-Identifier: BSD-2-Clause
/*
 * The secure_storage client in C: writes a secret into the TA's private
 * storage, reads it back, deletes it, and shows that reading it again
 * finds nothing. With arguments it does one step, so that a caller can show
 * an object outlives the session that wrote it:
 *   veritee_example_secure_storage [write ID DATA | read ID | delete ID]
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tee_client_api.h>

#include <secure_storage_ta.h>

static TEEC_Session sess;

static TEEC_Result invoke(uint32_t cmd, TEEC_Operation *op)
{
	uint32_t origin;

	return TEEC_InvokeCommand(&sess, cmd, op, &origin);
}

static void set_id(TEEC_Operation *op, const char *id)
{
	op->params[0].tmpref.buffer = (void *)id;
	op->params[0].tmpref.size = strlen(id);
}

static TEEC_Result write_raw(const char *id, const void *data, size_t len)
{
	TEEC_Operation op;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
					 TEEC_MEMREF_TEMP_INPUT,
					 TEEC_NONE, TEEC_NONE);
	set_id(&op, id);
	op.params[1].tmpref.buffer = (void *)data;
	op.params[1].tmpref.size = len;
	return invoke(TA_SECURE_STORAGE_CMD_WRITE_RAW, &op);
}

/*
 * read_raw reads the whole object into a malloc'd, NUL-terminated buffer:
 * a NULL buffer first, to which the TA answers SHORT_BUFFER with the size.
 */
static TEEC_Result read_raw(const char *id, char **data, size_t *len)
{
	TEEC_Operation op;
	TEEC_Result res;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
					 TEEC_MEMREF_TEMP_OUTPUT,
					 TEEC_NONE, TEEC_NONE);
	set_id(&op, id);
	res = invoke(TA_SECURE_STORAGE_CMD_READ_RAW, &op);
	if (res != TEEC_ERROR_SHORT_BUFFER && res != TEEC_SUCCESS)
		return res;
	*data = calloc(1, op.params[1].tmpref.size + 1);
	if (!*data)
		err(1, "calloc");
	if (res == TEEC_ERROR_SHORT_BUFFER) {
		op.params[1].tmpref.buffer = *data;
		res = invoke(TA_SECURE_STORAGE_CMD_READ_RAW, &op);
	}
	*len = op.params[1].tmpref.size;
	if (res != TEEC_SUCCESS) {
		free(*data);
		*data = NULL;
	}
	return res;
}

static TEEC_Result delete(const char *id)
{
	TEEC_Operation op;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	set_id(&op, id);
	return invoke(TA_SECURE_STORAGE_CMD_DELETE, &op);
}

static void check(const char *what, TEEC_Result res)
{
	if (res != TEEC_SUCCESS)
		errx(1, "%s: 0x%08x", what, res);
}

static void demo(void)
{
	static const char id[] = "secret#1";
	static const char secret[] =
		"This is a secret only the TA can read back.";
	char *data;
	size_t len;
	TEEC_Result res;

	printf("Writing object \"%s\" (%zu bytes)\n", id, strlen(secret));
	check("write", write_raw(id, secret, strlen(secret)));
	check("read", read_raw(id, &data, &len));
	printf("Read object \"%s\": %.*s\n", id, (int)len, data);
	free(data);
	printf("Deleting object \"%s\"\n", id);
	check("delete", delete(id));
	res = read_raw(id, &data, &len);
	if (res != TEEC_ERROR_ITEM_NOT_FOUND)
		errx(1, "reading a deleted object: 0x%08x, want TEEC_ERROR_ITEM_NOT_FOUND", res);
	printf("Reading object \"%s\" after delete: TEEC_ERROR_ITEM_NOT_FOUND\n", id);
}

int main(int argc, char *argv[])
{
	TEEC_Context ctx;
	TEEC_UUID uuid = TA_SECURE_STORAGE_UUID;
	uint32_t origin;
	TEEC_Result res;
	char *data;
	size_t len;

	res = TEEC_InitializeContext(NULL, &ctx);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_InitializeContext: 0x%x", res);
	res = TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	if (res != TEEC_SUCCESS)
		errx(1, "TEEC_OpenSession: 0x%x (origin %u)", res, origin);

	if (argc == 1) {
		demo();
	} else if (argc == 4 && !strcmp(argv[1], "write")) {
		check("write", write_raw(argv[2], argv[3], strlen(argv[3])));
	} else if (argc == 3 && !strcmp(argv[1], "read")) {
		check("read", read_raw(argv[2], &data, &len));
		printf("%.*s\n", (int)len, data);
		free(data);
	} else if (argc == 3 && !strcmp(argv[1], "delete")) {
		check("delete", delete(argv[2]));
	} else {
		fprintf(stderr, "usage: %s [write ID DATA | read ID | delete ID]\n", argv[0]);
		return 2;
	}

	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	return 0;
}

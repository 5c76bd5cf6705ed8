package csdk_test

// The throwaway OP-TEE TA tree of TestOPTEETree, written the way OP-TEE
// users write theirs (optee_examples' layout and Makefiles): a top-level
// Makefile that builds a static TA library and then the TA, the TA in GP
// v1.1 mode (CFG_TA_OPTEE_CORE_API_COMPAT_1_1=y, as most OP-TEE TAs are),
// with sub.mk files using srcs-y, global-incdirs-y, incdirs-y, cflags-y,
// cflags-<file>-y, cflags-remove-<file>-y, subdirs-y and libnames/libdirs/
// libdeps. Nothing in it knows about Veritee.

const demoUUID = "6b1e0b3e-3d2a-4c1b-9a5e-0f123456789a"

// Command numbers of include/demo_ta.h.
const (
	demoCmdScaleAdd = iota
	demoCmdReverse
	demoCmdDescription
	demoCmdMemory
	demoCmdBignum
	demoCmdBuildInfo
	demoCmdTA2TA
	demoCmdMore
	demoCmdCrypto
)

var opteeTree = map[string]string{
	"Makefile": `# Builds the static library, then the TA, as optee_examples' Makefiles do.
export V ?= 0

# If _HOST or _TA specific compilers are not specified, then use CROSS_COMPILE
HOST_CROSS_COMPILE ?= $(CROSS_COMPILE)
TA_CROSS_COMPILE ?= $(CROSS_COMPILE)

.PHONY: all clean
all:
	$(MAKE) -C ta/libmathops CROSS_COMPILE="$(TA_CROSS_COMPILE)" LDFLAGS="" O=$(CURDIR)/out/libmathops
	$(MAKE) -C ta CROSS_COMPILE="$(TA_CROSS_COMPILE)" LDFLAGS="" O=$(CURDIR)/out/ta

clean:
	$(MAKE) -C ta/libmathops clean O=$(CURDIR)/out/libmathops
	$(MAKE) -C ta clean O=$(CURDIR)/out/ta
`,

	"ta/Makefile": `CFG_TEE_TA_LOG_LEVEL ?= 4
CFG_TA_OPTEE_CORE_API_COMPAT_1_1=y
CFG_DEMO_FEATURE=y
CFG_DEMO_DISABLED=n

# The UUID for the Trusted Application
BINARY=` + demoUUID + `

-include $(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk

ifeq ($(wildcard $(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk), )
clean:
	@echo 'Note: $$(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk not found, cannot clean TA'
	@echo 'Note: TA_DEV_KIT_DIR=$(TA_DEV_KIT_DIR)'
endif
`,

	"ta/sub.mk": `global-incdirs-y += include
global-incdirs-y += libmathops/include
srcs-y += demo_ta.c
# Type mismatches between the v1.1 API and this code must fail the build.
cflags-y += -Werror -Wno-unused-parameter
cflags-demo_ta.c-y += -DDEMO_MAGIC=0x5EC
subdirs-y += helpers

libnames += mathops
libdirs += libmathops
libdeps += libmathops/libmathops.a
`,

	"ta/user_ta_header_defines.h": `#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <demo_ta.h>

#define TA_UUID				TA_DEMO_UUID

#define TA_FLAGS			(TA_FLAG_EXEC_DDR | TA_FLAG_MULTI_SESSION)
#define TA_STACK_SIZE			(2 * 1024)
#define TA_DATA_SIZE			(64 * 1024)

#define TA_VERSION	"1.2"
#define TA_DESCRIPTION	"Demo TA from an OP-TEE tree"

#define TA_CURRENT_TA_EXT_PROPERTIES \
    { "org.example.demo.answer", USER_TA_PROP_TYPE_U32, \
	&(const uint32_t){ 42 } }, \
    { "org.example.demo.blob", USER_TA_PROP_TYPE_BINARY_BLOCK, "AQID" }

#endif /* USER_TA_HEADER_DEFINES_H */
`,

	"ta/include/demo_ta.h": `#ifndef TA_DEMO_H
#define TA_DEMO_H

#define TA_DEMO_UUID \
	{ 0x6b1e0b3e, 0x3d2a, 0x4c1b, \
		{ 0x9a, 0x5e, 0x0f, 0x12, 0x34, 0x56, 0x78, 0x9a} }

/* [in/out] value[0].a: x, [in] value[0].b: y; x = mathops(x, y) */
#define TA_DEMO_CMD_SCALE_ADD		0
/* [in/out] memref[0]: bytes, reversed in place */
#define TA_DEMO_CMD_REVERSE		1
/* [out] memref[0]: gpd.ta.description */
#define TA_DEMO_CMD_DESCRIPTION		2
/* [out] memref[0]: text built with the TEE and C memory functions */
#define TA_DEMO_CMD_MEMORY		3
/* [in] memref[0], memref[1]: big-endian a, b; [out] memref[2]: a + b */
#define TA_DEMO_CMD_BIGNUM		4
/* [out] value[0]: DEMO_MAGIC, TRACE_LEVEL; [out] value[1]: CFG bits, bswap */
#define TA_DEMO_CMD_BUILD_INFO		5
/* [in/out] value[0] and [out] memref[1]: SCALE_ADD and REVERSE via a
 * session of this TA with itself */
#define TA_DEMO_CMD_TA2TA		6
/* [out] memref[0]: first TA property name; [out] value[1]: blob length and
 * bytes; [out] value[2]: 0x100 >> 4 and 3 * 5 mod 7 in FMM; [out]
 * value[3].a: 1 if 16 random bytes are not all zero */
#define TA_DEMO_CMD_MORE		7
/* [in] memref[0]: message, [in] memref[1]: HMAC key; [out] memref[2]:
 * SHA-256(message) || HMAC-SHA256(key, message); [out] value[3]: the key
 * object's keySize and maxKeySize */
#define TA_DEMO_CMD_CRYPTO		8

#endif /* TA_DEMO_H */
`,

	"ta/demo_ta.c": `#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <string_ext.h>
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>
#include <utee_defines.h>
#include <util.h>

#include <demo_ta.h>
#include <helpers.h>
#include <mathops.h>

TEE_Result TA_CreateEntryPoint(void)
{
	DMSG("has been called");
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
	DMSG("has been called");
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t param_types,
		TEE_Param __maybe_unused params[4],
		void __maybe_unused **sess_ctx)
{
	uint32_t exp_param_types = TEE_PARAM_TYPES(TEE_PARAM_TYPE_NONE,
						   TEE_PARAM_TYPE_NONE,
						   TEE_PARAM_TYPE_NONE,
						   TEE_PARAM_TYPE_NONE);

	DMSG("has been called");
	if (param_types != exp_param_types)
		return TEE_ERROR_BAD_PARAMETERS;
	IMSG("Hello from the demo TA!\n");
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void __maybe_unused *sess_ctx)
{
	IMSG("Goodbye!\n");
}

static TEE_Result scale_add(uint32_t param_types, TEE_Param params[4])
{
	if (param_types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INOUT,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	params[0].value.a = mathops_scale_add(params[0].value.a,
					      params[0].value.b);
	printf("printf says %u\n", (unsigned int)params[0].value.a);
	return TEE_SUCCESS;
}

static TEE_Result reverse(uint32_t param_types, TEE_Param params[4])
{
	/* In v1.1 a memref size is a uint32_t. */
	uint32_t *size = &params[0].memref.size;

	if (param_types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INOUT,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	helpers_reverse(params[0].memref.buffer, *size);
	return TEE_SUCCESS;
}

static TEE_Result description(uint32_t param_types, TEE_Param params[4])
{
	uint32_t len = params[0].memref.size;
	TEE_Result res;

	if (param_types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_OUTPUT,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_GetPropertyAsString(TEE_PROPSET_CURRENT_TA,
				      "gpd.ta.description",
				      params[0].memref.buffer, &len);
	params[0].memref.size = len;
	return res;
}

static TEE_Result memory(uint32_t param_types, TEE_Param params[4])
{
	uint32_t n = 16;
	char *a = TEE_Malloc(n, TEE_MALLOC_FILL_ZERO);
	char *b = malloc(n);
	char *c = NULL;
	const char *parts[] = { "x", "y", "z" };
	int len = 0;

	if (param_types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_OUTPUT,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	if (!a || !b)
		goto oom;
	TEE_MemFill(a, 'x', n - 1);
	TEE_MemMove(b, a, n);
	if (TEE_MemCompare(a, b, n) || strlen(b) != n - 1 ||
	    consttime_memcmp(a, b, n) || !buf_compare_ct(a, "y", 2))
		goto bad;
	memzero_explicit(b, n);
	if (b[0] || b[n - 2])
		goto bad;
	c = TEE_Realloc(a, 2 * n);
	if (!c)
		goto oom;
	a = NULL;
	memcpy(c + n - 1, "yz", 3);
	if (TEE_CheckMemoryAccessRights(TEE_MEMORY_ACCESS_READ |
					TEE_MEMORY_ACCESS_WRITE, c, 2 * n))
		goto bad;
	len = snprintf(params[0].memref.buffer, params[0].memref.size,
		       "%s/%zu/%zu", c, strlen(c), ARRAY_SIZE(parts));
	if (len < 0 || (uint32_t)len >= params[0].memref.size)
		goto bad;
	params[0].memref.size = len;
	TEE_Free(c);
	free(b);
	return TEE_SUCCESS;
oom:
	TEE_Free(a);
	free(b);
	return TEE_ERROR_OUT_OF_MEMORY;
bad:
	TEE_Free(a);
	TEE_Free(c);
	free(b);
	return TEE_ERROR_GENERIC;
}

static TEE_Result bignum(uint32_t param_types, TEE_Param params[4])
{
	uint32_t words = TEE_BigIntSizeInU32(256);
	TEE_BigInt *a = TEE_Malloc(words * sizeof(TEE_BigInt), 0);
	TEE_BigInt *b = TEE_Malloc(words * sizeof(TEE_BigInt), 0);
	TEE_BigInt *s = TEE_Malloc(words * sizeof(TEE_BigInt), 0);
	uint32_t out_len = params[2].memref.size;
	TEE_Result res = TEE_ERROR_OUT_OF_MEMORY;

	if (param_types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT,
					   TEE_PARAM_TYPE_MEMREF_INPUT,
					   TEE_PARAM_TYPE_MEMREF_OUTPUT,
					   TEE_PARAM_TYPE_NONE)) {
		res = TEE_ERROR_BAD_PARAMETERS;
		goto out;
	}
	if (!a || !b || !s)
		goto out;
	TEE_BigIntInit(a, words);
	TEE_BigIntInit(b, words);
	TEE_BigIntInit(s, words);
	res = TEE_BigIntConvertFromOctetString(a, params[0].memref.buffer,
					       params[0].memref.size, 0);
	if (res)
		goto out;
	res = TEE_BigIntConvertFromOctetString(b, params[1].memref.buffer,
					       params[1].memref.size, 0);
	if (res)
		goto out;
	TEE_BigIntAdd(s, a, b);
	res = TEE_BigIntConvertToOctetString(params[2].memref.buffer,
					     &out_len, s);
	params[2].memref.size = out_len;
	if (TEE_BigIntFMMContextSizeInU32(256) == 0)
		res = TEE_ERROR_GENERIC;
out:
	TEE_Free(a);
	TEE_Free(b);
	TEE_Free(s);
	return res;
}

static TEE_Result build_info(uint32_t param_types, TEE_Param params[4])
{
	uint32_t cfg = 0;

	if (param_types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_OUTPUT,
					   TEE_PARAM_TYPE_VALUE_OUTPUT,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
#ifdef CFG_DEMO_FEATURE
	cfg |= BIT(0);
#endif
#ifdef CFG_DEMO_DISABLED
	cfg |= BIT(1);
#endif
#if __has_include(<helpers_priv.h>)
	cfg |= BIT(2); /* incdirs-y leaked out of helpers/ */
#endif
	if (TEE_ALG_GET_CLASS(TEE_ALG_SHA256) == TEE_OPERATION_DIGEST &&
	    TEE_ALG_GET_MAIN_ALG(TEE_ALG_ECDSA_SHA256) == TEE_MAIN_ALGO_ECDSA &&
	    TEE_ALG_GET_DIGEST_SIZE(TEE_ALG_HMAC_SHA256) == TEE_SHA256_HASH_SIZE)
		cfg |= BIT(3);
	cfg |= helpers_flags();
	params[0].value.a = DEMO_MAGIC;
	params[0].value.b = TRACE_LEVEL;
	params[1].value.a = cfg;
	params[1].value.b = TEE_U32_TO_BIG_ENDIAN(0x01020304);
	return TEE_SUCCESS;
}

static TEE_Result ta2ta(uint32_t param_types, TEE_Param params[4])
{
	const TEE_UUID self = TA_DEMO_UUID;
	TEE_TASessionHandle sess = TEE_HANDLE_NULL;
	TEE_Param p[4];
	uint32_t origin = 0;
	char buf[8] = "abcdef";
	TEE_Result res;

	if (param_types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INOUT,
					   TEE_PARAM_TYPE_MEMREF_OUTPUT,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	memset(p, 0, sizeof(p));
	res = TEE_OpenTASession(&self, TEE_TIMEOUT_INFINITE, 0, p, &sess,
				&origin);
	if (res)
		return res;
	p[0].value.a = params[0].value.a;
	p[0].value.b = params[0].value.b;
	res = TEE_InvokeTACommand(sess, TEE_TIMEOUT_INFINITE,
				  TA_DEMO_CMD_SCALE_ADD,
				  TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INOUT,
						  TEE_PARAM_TYPE_NONE,
						  TEE_PARAM_TYPE_NONE,
						  TEE_PARAM_TYPE_NONE),
				  p, &origin);
	if (res)
		goto out;
	params[0].value.a = p[0].value.a;
	memset(p, 0, sizeof(p));
	p[0].memref.buffer = buf;
	p[0].memref.size = 6;
	res = TEE_InvokeTACommand(sess, TEE_TIMEOUT_INFINITE,
				  TA_DEMO_CMD_REVERSE,
				  TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INOUT,
						  TEE_PARAM_TYPE_NONE,
						  TEE_PARAM_TYPE_NONE,
						  TEE_PARAM_TYPE_NONE),
				  p, &origin);
	if (res)
		goto out;
	if (params[1].memref.size < p[0].memref.size) {
		res = TEE_ERROR_SHORT_BUFFER;
		goto out;
	}
	TEE_MemMove(params[1].memref.buffer, buf, p[0].memref.size);
	params[1].memref.size = p[0].memref.size;
out:
	TEE_CloseTASession(sess);
	return res;
}

static TEE_Result more(uint32_t param_types, TEE_Param params[4])
{
	TEE_PropSetHandle e = TEE_HANDLE_NULL;
	uint32_t name_len = params[0].memref.size;
	uint8_t blob[8];
	uint32_t blob_len = sizeof(blob);
	uint32_t words = TEE_BigIntSizeInU32(64);
	uint32_t fwords = TEE_BigIntFMMSizeInU32(64);
	uint32_t cwords = TEE_BigIntFMMContextSizeInU32(64);
	TEE_BigInt a[TEE_BigIntSizeInU32(64)], n[TEE_BigIntSizeInU32(64)];
	TEE_BigInt r[TEE_BigIntSizeInU32(64)];
	TEE_BigIntFMM *fa = TEE_Malloc(fwords * sizeof(TEE_BigIntFMM), 0);
	TEE_BigIntFMM *fb = TEE_Malloc(fwords * sizeof(TEE_BigIntFMM), 0);
	TEE_BigIntFMMContext *ctx = TEE_Malloc(cwords * sizeof(TEE_BigIntFMMContext), 0);
	uint8_t rnd[16] = { 0 };
	uint32_t i, any = 0;
	TEE_Result res;

	if (param_types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_OUTPUT,
					   TEE_PARAM_TYPE_VALUE_OUTPUT,
					   TEE_PARAM_TYPE_VALUE_OUTPUT,
					   TEE_PARAM_TYPE_VALUE_OUTPUT))
		return TEE_ERROR_BAD_PARAMETERS;
	if (!fa || !fb || !ctx) {
		res = TEE_ERROR_OUT_OF_MEMORY;
		goto out;
	}
	res = TEE_AllocatePropertyEnumerator(&e);
	if (res)
		goto out;
	TEE_StartPropertyEnumerator(e, TEE_PROPSET_CURRENT_TA);
	res = TEE_GetPropertyName(e, params[0].memref.buffer, &name_len);
	if (res)
		goto out;
	params[0].memref.size = name_len;
	res = TEE_GetPropertyAsBinaryBlock(TEE_PROPSET_CURRENT_TA,
					   "org.example.demo.blob", blob,
					   &blob_len);
	if (res)
		goto out;
	params[1].value.a = blob_len;
	params[1].value.b = blob[0] << 16 | blob[1] << 8 | blob[2];

	TEE_BigIntInit(a, words);
	TEE_BigIntInit(n, words);
	TEE_BigIntInit(r, words);
	TEE_BigIntConvertFromS32(a, 0x100);
	TEE_BigIntShiftRight(r, a, 4);
	res = TEE_BigIntConvertToS32((int32_t *)&params[2].value.a, r);
	if (res)
		goto out;
	TEE_BigIntConvertFromS32(n, 7);
	TEE_BigIntInitFMMContext(ctx, cwords, n);
	TEE_BigIntInitFMM(fa, fwords);
	TEE_BigIntInitFMM(fb, fwords);
	TEE_BigIntConvertFromS32(a, 3);
	TEE_BigIntConvertToFMM(fa, a, n, ctx);
	TEE_BigIntConvertFromS32(a, 5);
	TEE_BigIntConvertToFMM(fb, a, n, ctx);
	TEE_BigIntComputeFMM(fa, fa, fb, n, ctx);
	TEE_BigIntConvertFromFMM(r, fa, n, ctx);
	res = TEE_BigIntConvertToS32((int32_t *)&params[2].value.b, r);
	if (res)
		goto out;

	TEE_GenerateRandom(rnd, (uint32_t)sizeof(rnd));
	for (i = 0; i < sizeof(rnd); i++)
		any |= rnd[i];
	params[3].value.a = any != 0;
	params[3].value.b = 0;
out:
	TEE_FreePropertyEnumerator(e);
	TEE_Free(fa);
	TEE_Free(fb);
	TEE_Free(ctx);
	return res;
}

static TEE_Result crypto(uint32_t param_types, TEE_Param params[4])
{
	TEE_OperationHandle op = TEE_HANDLE_NULL;
	TEE_ObjectHandle key = TEE_HANDLE_NULL;
	TEE_Attribute attr;
	TEE_ObjectInfo info;
	uint8_t *out = params[2].memref.buffer;
	uint32_t key_bits = params[1].memref.size * 8;
	uint32_t len = 0;
	TEE_Result res;

	if (param_types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT,
					   TEE_PARAM_TYPE_MEMREF_INPUT,
					   TEE_PARAM_TYPE_MEMREF_OUTPUT,
					   TEE_PARAM_TYPE_VALUE_OUTPUT))
		return TEE_ERROR_BAD_PARAMETERS;
	if (params[2].memref.size < 2 * TEE_SHA256_HASH_SIZE)
		return TEE_ERROR_SHORT_BUFFER;

	res = TEE_AllocateOperation(&op, TEE_ALG_SHA256, TEE_MODE_DIGEST, 0);
	if (res)
		return res;
	TEE_DigestUpdate(op, params[0].memref.buffer, 1);
	len = TEE_SHA256_HASH_SIZE;
	res = TEE_DigestDoFinal(op, (uint8_t *)params[0].memref.buffer + 1,
				params[0].memref.size - 1, out, &len);
	TEE_FreeOperation(op);
	op = TEE_HANDLE_NULL;
	if (res)
		return res;

	res = TEE_AllocateTransientObject(TEE_TYPE_HMAC_SHA256, key_bits, &key);
	if (res)
		return res;
	TEE_InitRefAttribute(&attr, TEE_ATTR_SECRET_VALUE,
			     params[1].memref.buffer, params[1].memref.size);
	res = TEE_PopulateTransientObject(key, &attr, 1);
	if (res)
		goto out;
	res = TEE_GetObjectInfo1(key, &info);
	if (res)
		goto out;
	params[3].value.a = info.keySize;
	params[3].value.b = info.maxKeySize;
	res = TEE_AllocateOperation(&op, TEE_ALG_HMAC_SHA256, TEE_MODE_MAC,
				    key_bits);
	if (res)
		goto out;
	res = TEE_SetOperationKey(op, key);
	if (res)
		goto out;
	TEE_MACInit(op, NULL, 0);
	TEE_MACUpdate(op, params[0].memref.buffer, 2);
	len = TEE_SHA256_HASH_SIZE;
	res = TEE_MACComputeFinal(op, (uint8_t *)params[0].memref.buffer + 2,
				  params[0].memref.size - 2,
				  out + TEE_SHA256_HASH_SIZE, &len);
	if (res)
		goto out;
	params[2].memref.size = TEE_SHA256_HASH_SIZE + len;
out:
	if (op)
		TEE_FreeOperation(op);
	TEE_FreeTransientObject(key);
	return res;
}

TEE_Result TA_InvokeCommandEntryPoint(void __maybe_unused *sess_ctx,
			uint32_t cmd_id,
			uint32_t param_types, TEE_Param params[4])
{
	switch (cmd_id) {
	case TA_DEMO_CMD_SCALE_ADD:
		return scale_add(param_types, params);
	case TA_DEMO_CMD_REVERSE:
		return reverse(param_types, params);
	case TA_DEMO_CMD_DESCRIPTION:
		return description(param_types, params);
	case TA_DEMO_CMD_MEMORY:
		return memory(param_types, params);
	case TA_DEMO_CMD_BIGNUM:
		return bignum(param_types, params);
	case TA_DEMO_CMD_BUILD_INFO:
		return build_info(param_types, params);
	case TA_DEMO_CMD_TA2TA:
		return ta2ta(param_types, params);
	case TA_DEMO_CMD_MORE:
		return more(param_types, params);
	case TA_DEMO_CMD_CRYPTO:
		return crypto(param_types, params);
	default:
		EMSG("Command ID 0x%x is not supported", cmd_id);
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
`,

	"ta/helpers/sub.mk": `global-incdirs-y += .
incdirs-y += priv
srcs-y += helpers.c
cflags-y += -Werror
# helpers.c is written loosely; only it gets away with it.
cflags-remove-helpers.c-y += -Werror
cflags-helpers.c-y += -DHELPERS_FLAG=0x10
`,

	"ta/helpers/helpers.h": `#ifndef HELPERS_H
#define HELPERS_H
#include <stdint.h>
void helpers_reverse(void *buf, uint32_t len);
uint32_t helpers_flags(void);
#endif
`,

	"ta/helpers/priv/helpers_priv.h": `#ifndef HELPERS_PRIV_H
#define HELPERS_PRIV_H
#define HELPERS_PRIVATE_SEEN 1
#endif
`,

	"ta/helpers/helpers.c": `#include <helpers.h>
#include <helpers_priv.h>
#include <trace.h>

void helpers_reverse(void *buf, uint32_t len)
{
	uint8_t *p = buf;
	uint32_t i;
	int unused_but_no_error;

	FMSG("reversing %u bytes", (unsigned int)len);
	for (i = 0; i < len / 2; i++) {
		uint8_t t = p[i];

		p[i] = p[len - 1 - i];
		p[len - 1 - i] = t;
	}
}

uint32_t helpers_flags(void)
{
#if defined(HELPERS_PRIVATE_SEEN) && defined(HELPERS_FLAG)
	return HELPERS_FLAG;
#else
	return 0;
#endif
}
`,

	"ta/libmathops/Makefile": `# A static TA library, linked into the TA through libnames/libdirs.
CFG_TEE_TA_LOG_LEVEL ?= 3
LIBNAME=libmathops

-include $(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk
`,

	"ta/libmathops/sub.mk": `global-incdirs-y += include
srcs-y += mathops.c
cflags-mathops.c-y += -DMATHOPS_SCALE=3
`,

	"ta/libmathops/include/mathops.h": `#ifndef MATHOPS_H
#define MATHOPS_H
#include <stdint.h>
/* mathops_scale_add returns x * MATHOPS_SCALE + y. */
uint32_t mathops_scale_add(uint32_t x, uint32_t y);
#endif
`,

	"ta/libmathops/mathops.c": `#include <mathops.h>
#include <tee_internal_api.h>

uint32_t mathops_scale_add(uint32_t x, uint32_t y)
{
	DMSG("x=%u y=%u", (unsigned int)x, (unsigned int)y);
	return x * MATHOPS_SCALE + y;
}
`,
}

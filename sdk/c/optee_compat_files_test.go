package csdk_test

// The GP v1.1 TA of TestOPTEECompatCryptoStorage: one command per family
// that calls the cryptographic and storage functions with their v1.1
// signatures (uint32_t lengths, TEE_ObjectInfo.keySize, 32-bit seek
// offsets). It is built, not run.

const compatUUID = "6b1e0b3e-3d2a-4c1b-9a5e-0f123456789b"

var compatTree = map[string]string{
	"Makefile": `CFG_TEE_TA_LOG_LEVEL ?= 2
CFG_TA_OPTEE_CORE_API_COMPAT_1_1=y
BINARY=` + compatUUID + `
-include $(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk
`,
	"sub.mk": `srcs-y += compat_ta.c
cflags-y += -Werror
`,
	"user_ta_header_defines.h": `#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H
#define TA_UUID { 0x6b1e0b3e, 0x3d2a, 0x4c1b, \
		{ 0x9a, 0x5e, 0x0f, 0x12, 0x34, 0x56, 0x78, 0x9b } }
#define TA_FLAGS (TA_FLAG_EXEC_DDR | TA_FLAG_SINGLE_INSTANCE)
#define TA_STACK_SIZE (4 * 1024)
#define TA_DATA_SIZE (64 * 1024)
#endif
`,
	"compat_ta.c": `#include <string.h>
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t pt, TEE_Param params[4],
				    void **sess)
{
	(void)pt;
	(void)params;
	(void)sess;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sess)
{
	(void)sess;
}

static TEE_Result crypto(TEE_Param params[4])
{
	TEE_OperationHandle op = TEE_HANDLE_NULL;
	TEE_OperationHandle op2 = TEE_HANDLE_NULL;
	TEE_ObjectHandle key = TEE_HANDLE_NULL;
	TEE_Attribute attrs[2];
	uint8_t buf[64];
	uint8_t tag[16];
	uint32_t len = sizeof(buf);
	uint32_t tag_len = sizeof(tag);
	uint32_t info_len = 0;
	TEE_OperationInfoMultiple info;
	TEE_Result res;

	TEE_InitRefAttribute(&attrs[0], TEE_ATTR_SECRET_VALUE, buf, 16);
	TEE_InitValueAttribute(&attrs[1], TEE_ATTR_RSA_PSS_SALT_LENGTH, 20, 0);
	attrs[0].content.ref.length = 16;
	res = TEE_AllocateTransientObject(TEE_TYPE_AES, 128, &key);
	if (res)
		return res;
	res = TEE_PopulateTransientObject(key, attrs, 1);
	if (res)
		goto out;
	res = TEE_GenerateKey(key, 128, attrs, 0);
	if (res)
		goto out;
	res = TEE_AllocateOperation(&op, TEE_ALG_SHA256, TEE_MODE_DIGEST, 0);
	if (res)
		goto out;
	TEE_DigestUpdate(op, buf, len);
	res = TEE_DigestDoFinal(op, buf, len, buf, &len);
	if (res)
		goto out;
	info_len = sizeof(info);
	res = TEE_GetOperationInfoMultiple(op, &info, &info_len);
	if (res)
		goto out;
	TEE_FreeOperation(op);
	op = TEE_HANDLE_NULL;
	res = TEE_AllocateOperation(&op, TEE_ALG_AES_GCM, TEE_MODE_ENCRYPT, 128);
	if (res)
		goto out;
	res = TEE_SetOperationKey(op, key);
	if (res)
		goto out;
	res = TEE_AEInit(op, buf, 12, 128, 0, 0);
	if (res)
		goto out;
	TEE_AEUpdateAAD(op, buf, 4);
	len = sizeof(buf);
	res = TEE_AEUpdate(op, buf, 16, buf, &len);
	if (res)
		goto out;
	len = sizeof(buf);
	res = TEE_AEEncryptFinal(op, buf, 16, buf, &len, tag, &tag_len);
	if (res)
		goto out;
	res = TEE_AEDecryptFinal(op, buf, 16, buf, &len, tag, tag_len);
	TEE_CipherInit(op, buf, 16);
	res = TEE_CipherUpdate(op, buf, 16, buf, &len);
	res = TEE_CipherDoFinal(op, buf, 16, buf, &len);
	TEE_MACInit(op, buf, 0);
	TEE_MACUpdate(op, buf, 16);
	res = TEE_MACComputeFinal(op, buf, 16, buf, &len);
	res = TEE_MACCompareFinal(op, buf, 16, buf, len);
	res = TEE_SetOperationKey2(op, key, key);
	res = TEE_AsymmetricEncrypt(op, attrs, 0, buf, 16, buf, &len);
	res = TEE_AsymmetricDecrypt(op, attrs, 0, buf, 16, buf, &len);
	res = TEE_AsymmetricSignDigest(op, attrs, 2, buf, 32, buf, &len);
	res = TEE_AsymmetricVerifyDigest(op, attrs, 2, buf, 32, buf, len);
	TEE_AllocateOperation(&op2, TEE_ALG_DH_DERIVE_SHARED_SECRET,
			      TEE_MODE_DERIVE, 2048);
	TEE_DeriveKey(op2, attrs, 1, key);
	TEE_GenerateRandom(buf, len);
	params[0].value.a = len;
out:
	if (op)
		TEE_FreeOperation(op);
	if (op2)
		TEE_FreeOperation(op2);
	TEE_FreeTransientObject(key);
	return res;
}

static TEE_Result storage(TEE_Param params[4])
{
	const char id[] = "compat-object";
	TEE_ObjectHandle obj = TEE_HANDLE_NULL;
	TEE_ObjectHandle key = TEE_HANDLE_NULL;
	TEE_ObjectEnumHandle e = TEE_HANDLE_NULL;
	TEE_ObjectInfo info;
	uint8_t buf[32];
	uint8_t oid[TEE_OBJECT_ID_MAX_LEN];
	uint32_t n = 0;
	uint32_t oid_len = sizeof(oid);
	TEE_Result res;

	res = TEE_CreatePersistentObject(TEE_STORAGE_PRIVATE, id, strlen(id),
					 TEE_DATA_FLAG_ACCESS_WRITE |
					 TEE_DATA_FLAG_ACCESS_READ,
					 TEE_HANDLE_NULL, "abc", 3, &obj);
	if (res)
		return res;
	res = TEE_WriteObjectData(obj, "def", 3);
	res = TEE_SeekObjectData(obj, -3, TEE_DATA_SEEK_CUR);
	res = TEE_ReadObjectData(obj, buf, sizeof(buf), &n);
	res = TEE_TruncateObjectData(obj, 2);
	res = TEE_GetObjectInfo1(obj, &info);
	TEE_GetObjectInfo(obj, &info);
	params[0].value.a = info.keySize + info.maxKeySize + info.dataSize;
	n = sizeof(buf);
	res = TEE_GetObjectBufferAttribute(obj, TEE_ATTR_SECRET_VALUE, buf, &n);
	res = TEE_RenamePersistentObject(obj, "renamed", 7);
	TEE_CloseObject(obj);
	res = TEE_OpenPersistentObject(TEE_STORAGE_PRIVATE, "renamed", 7,
				       TEE_DATA_FLAG_ACCESS_WRITE_META, &obj);
	if (res)
		return res;
	res = TEE_AllocatePersistentObjectEnumerator(&e);
	res = TEE_StartPersistentObjectEnumerator(e, TEE_STORAGE_PRIVATE);
	res = TEE_GetNextPersistentObject(e, &info, oid, &oid_len);
	TEE_FreePersistentObjectEnumerator(e);
	res = TEE_AllocateTransientObject(TEE_TYPE_AES, 128, &key);
	TEE_RestrictObjectUsage(key, TEE_USAGE_ENCRYPT);
	TEE_CopyObjectAttributes(key, obj);
	TEE_FreeTransientObject(key);
	TEE_CloseAndDeletePersistentObject(obj);
	return res;
}

TEE_Result TA_InvokeCommandEntryPoint(void *sess, uint32_t cmd, uint32_t pt,
				      TEE_Param params[4])
{
	(void)sess;
	(void)pt;
	switch (cmd) {
	case 0:
		return crypto(params);
	case 1:
		return storage(params);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
`,
}

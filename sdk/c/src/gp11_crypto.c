// SPDX-License-Identifier: BSD-2-Clause
/*
 * The GP v1.1 API of tee_api_compat.h, part 4: cryptographic operations
 * (§6), whose lengths were uint32_t in v1.1. Output lengths are converted
 * in and out; the v1.3 functions decide every result and panic.
 */
#include "utee_private.h"

/*
 * v1.1 has no TEE_HANDLE_NULL case for TEE_FreeOperation: freeing no
 * operation is a programming error there, and panics, as in OP-TEE.
 */
void __GP11_TEE_FreeOperation(TEE_OperationHandle operation)
{
	if (operation == TEE_HANDLE_NULL)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	TEE_FreeOperation(operation);
}

TEE_Result __GP11_TEE_GetOperationInfoMultiple(TEE_OperationHandle operation,
					       TEE_OperationInfoMultiple *operationInfoMultiple,
					       uint32_t *operationSize)
{
	size_t n = *operationSize;
	TEE_Result res = TEE_GetOperationInfoMultiple(operation,
						      operationInfoMultiple, &n);

	*operationSize = n;
	return res;
}

TEE_Result __GP11_TEE_SetOperationKey(TEE_OperationHandle operation,
				      TEE_ObjectHandle key)
{
	return TEE_SetOperationKey(operation, key);
}

TEE_Result __GP11_TEE_SetOperationKey2(TEE_OperationHandle operation,
				       TEE_ObjectHandle key1,
				       TEE_ObjectHandle key2)
{
	return TEE_SetOperationKey2(operation, key1, key2);
}

void __GP11_TEE_DigestUpdate(TEE_OperationHandle operation, const void *chunk,
			     uint32_t chunkSize)
{
	TEE_DigestUpdate(operation, chunk, chunkSize);
}

TEE_Result __GP11_TEE_DigestDoFinal(TEE_OperationHandle operation,
				    const void *chunk, uint32_t chunkLen,
				    void *hash, uint32_t *hashLen)
{
	size_t n = *hashLen;
	TEE_Result res = TEE_DigestDoFinal(operation, chunk, chunkLen, hash, &n);

	*hashLen = n;
	return res;
}

void __GP11_TEE_CipherInit(TEE_OperationHandle operation, const void *IV,
			   uint32_t IVLen)
{
	TEE_CipherInit(operation, IV, IVLen);
}

TEE_Result __GP11_TEE_CipherUpdate(TEE_OperationHandle operation,
				   const void *srcData, uint32_t srcLen,
				   void *destData, uint32_t *destLen)
{
	size_t n = *destLen;
	TEE_Result res = TEE_CipherUpdate(operation, srcData, srcLen, destData,
					  &n);

	*destLen = n;
	return res;
}

TEE_Result __GP11_TEE_CipherDoFinal(TEE_OperationHandle operation,
				    const void *srcData, uint32_t srcLen,
				    void *destData, uint32_t *destLen)
{
	size_t n = *destLen;
	TEE_Result res = TEE_CipherDoFinal(operation, srcData, srcLen, destData,
					   &n);

	*destLen = n;
	return res;
}

void __GP11_TEE_MACInit(TEE_OperationHandle operation, const void *IV,
			uint32_t IVLen)
{
	TEE_MACInit(operation, IV, IVLen);
}

void __GP11_TEE_MACUpdate(TEE_OperationHandle operation, const void *chunk,
			  uint32_t chunkSize)
{
	TEE_MACUpdate(operation, chunk, chunkSize);
}

TEE_Result __GP11_TEE_MACComputeFinal(TEE_OperationHandle operation,
				      const void *message, uint32_t messageLen,
				      void *mac, uint32_t *macLen)
{
	size_t n = *macLen;
	TEE_Result res = TEE_MACComputeFinal(operation, message, messageLen,
					     mac, &n);

	*macLen = n;
	return res;
}

TEE_Result __GP11_TEE_MACCompareFinal(TEE_OperationHandle operation,
				      const void *message, uint32_t messageLen,
				      const void *mac, uint32_t macLen)
{
	return TEE_MACCompareFinal(operation, message, messageLen, mac, macLen);
}

TEE_Result __GP11_TEE_AEInit(TEE_OperationHandle operation, const void *nonce,
			     uint32_t nonceLen, uint32_t tagLen,
			     uint32_t AADLen, uint32_t payloadLen)
{
	return TEE_AEInit(operation, nonce, nonceLen, tagLen, AADLen,
			  payloadLen);
}

void __GP11_TEE_AEUpdateAAD(TEE_OperationHandle operation,
			    const void *AADdata, uint32_t AADdataLen)
{
	TEE_AEUpdateAAD(operation, AADdata, AADdataLen);
}

TEE_Result __GP11_TEE_AEUpdate(TEE_OperationHandle operation,
			       const void *srcData, uint32_t srcLen,
			       void *destData, uint32_t *destLen)
{
	size_t n = *destLen;
	TEE_Result res = TEE_AEUpdate(operation, srcData, srcLen, destData, &n);

	*destLen = n;
	return res;
}

TEE_Result __GP11_TEE_AEEncryptFinal(TEE_OperationHandle operation,
				     const void *srcData, uint32_t srcLen,
				     void *destData, uint32_t *destLen,
				     void *tag, uint32_t *tagLen)
{
	size_t n = *destLen, t = *tagLen;
	TEE_Result res = TEE_AEEncryptFinal(operation, srcData, srcLen,
					    destData, &n, tag, &t);

	*destLen = n;
	*tagLen = t;
	return res;
}

TEE_Result __GP11_TEE_AEDecryptFinal(TEE_OperationHandle operation,
				     const void *srcData, uint32_t srcLen,
				     void *destData, uint32_t *destLen,
				     void *tag, uint32_t tagLen)
{
	size_t n = *destLen;
	TEE_Result res = TEE_AEDecryptFinal(operation, srcData, srcLen,
					    destData, &n, tag, tagLen);

	*destLen = n;
	return res;
}

TEE_Result __GP11_TEE_AsymmetricEncrypt(TEE_OperationHandle operation,
					const __GP11_TEE_Attribute *params,
					uint32_t paramCount,
					const void *srcData, uint32_t srcLen,
					void *destData, uint32_t *destLen)
{
	size_t n = *destLen;
	TEE_Result res = TEE_AsymmetricEncrypt(operation,
					       (const TEE_Attribute *)params,
					       paramCount, srcData, srcLen,
					       destData, &n);

	*destLen = n;
	return res;
}

TEE_Result __GP11_TEE_AsymmetricDecrypt(TEE_OperationHandle operation,
					const __GP11_TEE_Attribute *params,
					uint32_t paramCount,
					const void *srcData, uint32_t srcLen,
					void *destData, uint32_t *destLen)
{
	size_t n = *destLen;
	TEE_Result res = TEE_AsymmetricDecrypt(operation,
					       (const TEE_Attribute *)params,
					       paramCount, srcData, srcLen,
					       destData, &n);

	*destLen = n;
	return res;
}

TEE_Result __GP11_TEE_AsymmetricSignDigest(TEE_OperationHandle operation,
					   const __GP11_TEE_Attribute *params,
					   uint32_t paramCount,
					   const void *digest,
					   uint32_t digestLen, void *signature,
					   uint32_t *signatureLen)
{
	size_t n = *signatureLen;
	TEE_Result res = TEE_AsymmetricSignDigest(operation,
						  (const TEE_Attribute *)params,
						  paramCount, digest, digestLen,
						  signature, &n);

	*signatureLen = n;
	return res;
}

TEE_Result __GP11_TEE_AsymmetricVerifyDigest(TEE_OperationHandle operation,
					     const __GP11_TEE_Attribute *params,
					     uint32_t paramCount,
					     const void *digest,
					     uint32_t digestLen,
					     const void *signature,
					     uint32_t signatureLen)
{
	return TEE_AsymmetricVerifyDigest(operation,
					  (const TEE_Attribute *)params,
					  paramCount, digest, digestLen,
					  signature, signatureLen);
}

void __GP11_TEE_DeriveKey(TEE_OperationHandle operation,
			  const __GP11_TEE_Attribute *params,
			  uint32_t paramCount, TEE_ObjectHandle derivedKey)
{
	TEE_DeriveKey(operation, (const TEE_Attribute *)params, paramCount,
		      derivedKey);
}

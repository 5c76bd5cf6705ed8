// SPDX-License-Identifier: BSD-2-Clause
/*
 * Asymmetric operations (GPD_SPE_010 §6.7) and key derivation (§6.8).
 *
 * One system call, asymm_operate, runs encryption, decryption or signing,
 * whichever the operation's mode says. GP makes calling, say,
 * TEE_AsymmetricEncrypt on a signing operation a panic, and only this
 * library knows which function was called, so each function first checks
 * the operation's class and mode.
 */
#include "crypto_private.h"

/* expect_mode panics unless op is of class cls in mode. */
static void expect_mode(TEE_OperationHandle op, uint32_t cls, uint32_t mode)
{
	TEE_OperationInfo info;

	vt_operation_info(op, &info);
	if (info.operationClass != cls || info.mode != mode)
		TEE_Panic(TEE_ERROR_BAD_STATE);
}

static TEE_Result asymm_operate(TEE_OperationHandle op,
				const TEE_Attribute *params,
				uint32_t paramCount, const void *src,
				size_t srcLen, void *dst, size_t *dstLen)
{
	vt_check_attrs(params, paramCount);
	vt_check_in(src, srcLen);
	vt_check_out(dst, dstLen);
	return _utee_asymm_operate(VT_H(op), VT_ADDR(params), paramCount,
				   VT_ADDR(src), (uint32_t)srcLen, VT_ADDR(dst),
				   VT_ADDR(dstLen));
}

/*
 * TEE_AsymmetricEncrypt (§6.7.1) encrypts srcData with the public key.
 * Results: TEE_SUCCESS, TEE_ERROR_SHORT_BUFFER (*destLen set to the size
 * needed), TEE_ERROR_BAD_PARAMETERS (input too long for the key), and, as
 * OP-TEE lets through, TEE_ERROR_CIPHERTEXT_INVALID and
 * TEE_ERROR_NOT_SUPPORTED.
 */
TEE_Result TEE_AsymmetricEncrypt(TEE_OperationHandle operation,
				 const TEE_Attribute *params,
				 uint32_t paramCount, const void *srcData,
				 size_t srcLen, void *destData,
				 size_t *destLen)
{
	expect_mode(operation, TEE_OPERATION_ASYMMETRIC_CIPHER,
		    TEE_MODE_ENCRYPT);
	return vt_allow(asymm_operate(operation, params, paramCount, srcData,
				      srcLen, destData, destLen),
			4, TEE_ERROR_SHORT_BUFFER, TEE_ERROR_BAD_PARAMETERS,
			TEE_ERROR_CIPHERTEXT_INVALID, TEE_ERROR_NOT_SUPPORTED);
}

/*
 * TEE_AsymmetricDecrypt (§6.7.2) decrypts srcData with the private key.
 * Results: TEE_SUCCESS, TEE_ERROR_SHORT_BUFFER (*destLen set to the size
 * needed), TEE_ERROR_BAD_PARAMETERS (a malformed ciphertext, as in
 * OP-TEE), TEE_ERROR_CIPHERTEXT_INVALID, TEE_ERROR_NOT_SUPPORTED.
 */
TEE_Result TEE_AsymmetricDecrypt(TEE_OperationHandle operation,
				 const TEE_Attribute *params,
				 uint32_t paramCount, const void *srcData,
				 size_t srcLen, void *destData,
				 size_t *destLen)
{
	expect_mode(operation, TEE_OPERATION_ASYMMETRIC_CIPHER,
		    TEE_MODE_DECRYPT);
	return vt_allow(asymm_operate(operation, params, paramCount, srcData,
				      srcLen, destData, destLen),
			4, TEE_ERROR_SHORT_BUFFER, TEE_ERROR_BAD_PARAMETERS,
			TEE_ERROR_CIPHERTEXT_INVALID, TEE_ERROR_NOT_SUPPORTED);
}

/*
 * TEE_AsymmetricSignDigest (§6.7.3) signs digest with the private key.
 * Results: TEE_SUCCESS, TEE_ERROR_SHORT_BUFFER (*signatureLen set to the
 * size needed).
 */
TEE_Result TEE_AsymmetricSignDigest(TEE_OperationHandle operation,
				    const TEE_Attribute *params,
				    uint32_t paramCount, const void *digest,
				    size_t digestLen, void *signature,
				    size_t *signatureLen)
{
	expect_mode(operation, TEE_OPERATION_ASYMMETRIC_SIGNATURE,
		    TEE_MODE_SIGN);
	return vt_allow(asymm_operate(operation, params, paramCount, digest,
				      digestLen, signature, signatureLen),
			1, TEE_ERROR_SHORT_BUFFER);
}

/*
 * TEE_AsymmetricVerifyDigest (§6.7.4) checks signature over digest with
 * the public key. The system call is verification only, so the core checks
 * the mode. Results: TEE_SUCCESS, TEE_ERROR_SIGNATURE_INVALID.
 */
TEE_Result TEE_AsymmetricVerifyDigest(TEE_OperationHandle operation,
				      const TEE_Attribute *params,
				      uint32_t paramCount, const void *digest,
				      size_t digestLen, const void *signature,
				      size_t signatureLen)
{
	vt_check_attrs(params, paramCount);
	vt_check_in(digest, digestLen);
	vt_check_in(signature, signatureLen);
	return vt_allow(_utee_asymm_verify(VT_H(operation), VT_ADDR(params),
					   paramCount, VT_ADDR(digest),
					   (uint32_t)digestLen,
					   VT_ADDR(signature),
					   (uint32_t)signatureLen),
			1, TEE_ERROR_SIGNATURE_INVALID);
}

/*
 * TEE_DeriveKey (§6.8.1) derives a shared secret or key into derivedKey,
 * an uninitialized TEE_TYPE_GENERIC_SECRET transient object. GP gives it
 * no result: every error panics, as in OP-TEE.
 */
void TEE_DeriveKey(TEE_OperationHandle operation, const TEE_Attribute *params,
		   uint32_t paramCount, TEE_ObjectHandle derivedKey)
{
	if (derivedKey == TEE_HANDLE_NULL)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	vt_check_attrs(params, paramCount);
	vt_must(_utee_derive_key(VT_H(operation), VT_ADDR(params), paramCount,
				 VT_H(derivedKey)));
}

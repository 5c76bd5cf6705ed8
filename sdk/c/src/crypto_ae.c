// SPDX-License-Identifier: BSD-2-Clause
/* Authenticated encryption (AES-GCM, AES-CCM), GPD_SPE_010 §6.6. */
#include "crypto_private.h"

/*
 * TEE_AEInit (§6.6.1) starts an AE operation with nonce, a tag of tagLen
 * bits, and (CCM) the AAD and payload lengths in bytes. Results:
 * TEE_SUCCESS, TEE_ERROR_NOT_SUPPORTED (tag length not offered).
 */
TEE_Result TEE_AEInit(TEE_OperationHandle operation, const void *nonce,
		      size_t nonceLen, uint32_t tagLen, size_t AADLen,
		      size_t payloadLen)
{
	vt_check_in(nonce, nonceLen);
	return vt_allow(_utee_authenc_init(VT_H(operation), VT_ADDR(nonce),
					   (uint32_t)nonceLen, tagLen,
					   (uint32_t)AADLen,
					   (uint32_t)payloadLen),
			1, TEE_ERROR_NOT_SUPPORTED);
}

/* TEE_AEUpdateAAD (§6.6.2) feeds additional authenticated data. */
void TEE_AEUpdateAAD(TEE_OperationHandle operation, const void *AADdata,
		     size_t AADdataLen)
{
	vt_check_in(AADdata, AADdataLen);
	vt_must(_utee_authenc_update_aad(VT_H(operation), VT_ADDR(AADdata),
					 (uint32_t)AADdataLen));
}

/*
 * TEE_AEUpdate (§6.6.3) encrypts or decrypts srcData into
 * destData (capacity *destLen). Results: TEE_SUCCESS, TEE_ERROR_SHORT_BUFFER
 * (*destLen set to the size needed).
 */
TEE_Result TEE_AEUpdate(TEE_OperationHandle operation, const void *srcData,
			size_t srcLen, void *destData, size_t *destLen)
{
	vt_check_in(srcData, srcLen);
	vt_check_out(destData, destLen);
	return vt_allow(_utee_authenc_update_payload(VT_H(operation),
						     VT_ADDR(srcData),
						     (uint32_t)srcLen,
						     VT_ADDR(destData),
						     VT_ADDR(destLen)),
			1, TEE_ERROR_SHORT_BUFFER);
}

/*
 * TEE_AEEncryptFinal (§6.6.4) encrypts the last data into destData
 * (capacity *destLen) and writes the tag into tag (capacity *tagLen).
 * destLen may be NULL when no output can result (a capacity of 0).
 * Results: TEE_SUCCESS, TEE_ERROR_SHORT_BUFFER (both lengths set to the
 * sizes needed).
 */
TEE_Result TEE_AEEncryptFinal(TEE_OperationHandle operation,
			      const void *srcData, size_t srcLen,
			      void *destData, size_t *destLen, void *tag,
			      size_t *tagLen)
{
	size_t none = 0;

	if (!destLen)
		destLen = &none;
	vt_check_in(srcData, srcLen);
	vt_check_out(destData, destLen);
	vt_check_out(tag, tagLen);
	return vt_allow(_utee_authenc_enc_final(VT_H(operation),
						VT_ADDR(srcData),
						(uint32_t)srcLen,
						VT_ADDR(destData),
						VT_ADDR(destLen), VT_ADDR(tag),
						VT_ADDR(tagLen)),
			1, TEE_ERROR_SHORT_BUFFER);
}

/*
 * TEE_AEDecryptFinal (§6.6.5) decrypts the last data into
 * destData (capacity *destLen) and checks the tag at tag/tagLen; on a mismatch
 * nothing is written. destLen may be NULL as for TEE_AEEncryptFinal.
 * Results: TEE_SUCCESS, TEE_ERROR_SHORT_BUFFER (*destLen set to the size
 * needed), TEE_ERROR_MAC_INVALID.
 */
TEE_Result TEE_AEDecryptFinal(TEE_OperationHandle operation,
			      const void *srcData, size_t srcLen,
			      void *destData, size_t *destLen, void *tag,
			      size_t tagLen)
{
	size_t none = 0;

	if (!destLen)
		destLen = &none;
	vt_check_in(srcData, srcLen);
	vt_check_out(destData, destLen);
	vt_check_in(tag, tagLen);
	return vt_allow(_utee_authenc_dec_final(VT_H(operation),
						VT_ADDR(srcData),
						(uint32_t)srcLen,
						VT_ADDR(destData),
						VT_ADDR(destLen), VT_ADDR(tag),
						(uint32_t)tagLen),
			2, TEE_ERROR_SHORT_BUFFER, TEE_ERROR_MAC_INVALID);
}

// SPDX-License-Identifier: BSD-2-Clause
/* Symmetric ciphers, GPD_SPE_010 §6.4. */
#include "crypto_private.h"

/*
 * TEE_CipherInit (§6.4.1) starts a cipher operation with the IV at
 * IV/IVLen (NULL for modes without one); an active operation restarts.
 */
void TEE_CipherInit(TEE_OperationHandle operation, const void *IV,
		    size_t IVLen)
{
	vt_check_in(IV, IVLen);
	vt_must(_utee_cipher_init(VT_H(operation), VT_ADDR(IV),
				  (uint32_t)IVLen));
}

/*
 * TEE_CipherUpdate (§6.4.2) encrypts or decrypts srcData into destData
 * (capacity *destLen); block modes keep a partial block for later. Results:
 * TEE_SUCCESS, TEE_ERROR_SHORT_BUFFER (*destLen set to the size needed, nothing
 * consumed).
 */
TEE_Result TEE_CipherUpdate(TEE_OperationHandle operation, const void *srcData,
			    size_t srcLen, void *destData, size_t *destLen)
{
	vt_check_in(srcData, srcLen);
	vt_check_out(destData, destLen);
	return vt_allow(_utee_cipher_update(VT_H(operation), VT_ADDR(srcData),
					    (uint32_t)srcLen,
					    VT_ADDR(destData),
					    VT_ADDR(destLen)),
			1, TEE_ERROR_SHORT_BUFFER);
}

/*
 * TEE_CipherDoFinal (§6.4.3) processes the last data and finishes the
 * operation. destLen may be NULL when no output can result (GP marks the
 * output [outbufopt]); it then counts as a capacity of 0. Results:
 * TEE_SUCCESS, TEE_ERROR_SHORT_BUFFER (*destLen set to the size needed).
 */
TEE_Result TEE_CipherDoFinal(TEE_OperationHandle operation,
			     const void *srcData, size_t srcLen,
			     void *destData, size_t *destLen)
{
	size_t none = 0;

	if (!destLen)
		destLen = &none;
	vt_check_in(srcData, srcLen);
	vt_check_out(destData, destLen);
	return vt_allow(_utee_cipher_final(VT_H(operation), VT_ADDR(srcData),
					   (uint32_t)srcLen, VT_ADDR(destData),
					   VT_ADDR(destLen)),
			1, TEE_ERROR_SHORT_BUFFER);
}

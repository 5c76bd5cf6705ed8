// SPDX-License-Identifier: BSD-2-Clause
/* Message digests, GPD_SPE_010 §6.3. */
#include "crypto_private.h"

/* TEE_DigestUpdate (§6.3.1) feeds chunk to the digest. */
void TEE_DigestUpdate(TEE_OperationHandle operation, const void *chunk,
		      size_t chunkSize)
{
	vt_check_in(chunk, chunkSize);
	vt_must(_utee_hash_update(VT_H(operation), VT_ADDR(chunk),
				  (uint32_t)chunkSize));
}

/*
 * TEE_DigestDoFinal (§6.3.2) feeds chunk, writes the digest to hash (capacity
 * *hashLen) and returns the operation to its initial state. Results:
 * TEE_SUCCESS, TEE_ERROR_SHORT_BUFFER (*hashLen set to the size needed; the
 * operation is unchanged).
 */
TEE_Result TEE_DigestDoFinal(TEE_OperationHandle operation, const void *chunk,
			     size_t chunkLen, void *hash, size_t *hashLen)
{
	vt_check_in(chunk, chunkLen);
	vt_check_out(hash, hashLen);
	return vt_allow(_utee_hash_final(VT_H(operation), VT_ADDR(chunk),
					 (uint32_t)chunkLen, VT_ADDR(hash),
					 VT_ADDR(hashLen)),
			1, TEE_ERROR_SHORT_BUFFER);
}

/*
 * TEE_DigestExtract (§6.3.3) writes the next *hashLen bytes of output
 * (of a SHAKE XOF, or what is left of a fixed digest, *hashLen set to the
 * bytes written) to hash. No further TEE_DigestUpdate is allowed until the
 * operation is reset or finished. Result: TEE_SUCCESS.
 */
TEE_Result TEE_DigestExtract(TEE_OperationHandle operation, void *hash,
			     size_t *hashLen)
{
	vt_check_out(hash, hashLen);
	vt_must(_utee_hash_extract(VT_H(operation), VT_ADDR(hash),
				   VT_ADDR(hashLen)));
	return TEE_SUCCESS;
}

// SPDX-License-Identifier: BSD-2-Clause
/*
 * Generic operation functions, GPD_SPE_010 §6.2. The core holds the
 * operation (algorithm, mode, keys, state) and checks every state rule;
 * these functions forward and keep GP's list of results.
 */
#include <stdarg.h>

#include "crypto_private.h"

TEE_Result vt_allow(TEE_Result res, int n, ...)
{
	va_list ap;
	bool ok = res == TEE_SUCCESS;

	va_start(ap, n);
	while (n-- > 0)
		if (res == va_arg(ap, TEE_Result))
			ok = true;
	va_end(ap);
	if (!ok)
		TEE_Panic(res);
	return res;
}

void vt_operation_info(TEE_OperationHandle op, TEE_OperationInfo *info)
{
	vt_must(_utee_cryp_state_info(VT_H(op), VT_ADDR(info)));
}

/*
 * TEE_AllocateOperation (§6.2.1) allocates an operation for algorithm in
 * mode, with keys of up to maxKeySize bits. On failure *operation is
 * TEE_HANDLE_NULL. Results: TEE_SUCCESS, TEE_ERROR_OUT_OF_MEMORY,
 * TEE_ERROR_NOT_SUPPORTED (algorithm, mode or size not offered).
 */
TEE_Result TEE_AllocateOperation(TEE_OperationHandle *operation,
				 uint32_t algorithm, uint32_t mode,
				 uint32_t maxKeySize)
{
	uint32_t h = 0;
	TEE_Result res;

	vt_check_ptr(operation);
	res = _utee_cryp_state_alloc(algorithm, mode, maxKeySize,
				     VT_ADDR(&h));
	vt_allow(res, 2, TEE_ERROR_OUT_OF_MEMORY, TEE_ERROR_NOT_SUPPORTED);
	*operation = res == TEE_SUCCESS ? (TEE_OperationHandle)(uintptr_t)h
					: TEE_HANDLE_NULL;
	return res;
}

/*
 * TEE_FreeOperation (§6.2.2) frees the operation, zeroing its keys and
 * state; TEE_HANDLE_NULL is a no-op (GP v1.2 and later).
 */
void TEE_FreeOperation(TEE_OperationHandle operation)
{
	if (operation == TEE_HANDLE_NULL)
		return;
	vt_must(_utee_cryp_state_free(VT_H(operation)));
}

/* TEE_GetOperationInfo (§6.2.3) fills *operationInfo. */
void TEE_GetOperationInfo(TEE_OperationHandle operation,
			  TEE_OperationInfo *operationInfo)
{
	vt_check_ptr(operationInfo);
	vt_operation_info(operation, operationInfo);
}

/*
 * TEE_GetOperationInfoMultiple (§6.2.4) fills the TEE_OperationInfoMultiple
 * at operationInfoMultiple, whose size in bytes is *operationSize (the
 * header and one TEE_OperationInfoKey per key). Results: TEE_SUCCESS,
 * TEE_ERROR_SHORT_BUFFER (*operationSize set to the size needed).
 */
TEE_Result TEE_GetOperationInfoMultiple(TEE_OperationHandle operation,
					TEE_OperationInfoMultiple *operationInfoMultiple,
					size_t *operationSize)
{
	vt_check_out(operationInfoMultiple, operationSize);
	return vt_allow(_utee_cryp_state_info_multiple(
				VT_H(operation), VT_ADDR(operationInfoMultiple),
				VT_ADDR(operationSize)),
			1, TEE_ERROR_SHORT_BUFFER);
}

/*
 * TEE_ResetOperation (§6.2.5) returns the operation to its initial state,
 * keeping its keys.
 */
void TEE_ResetOperation(TEE_OperationHandle operation)
{
	vt_must(_utee_cryp_state_reset(VT_H(operation)));
}

/*
 * TEE_SetOperationKey (§6.2.6) copies key into the operation;
 * TEE_HANDLE_NULL clears the operation's key. Results: TEE_SUCCESS,
 * TEE_ERROR_CORRUPT_OBJECT, TEE_ERROR_STORAGE_NOT_AVAILABLE.
 */
TEE_Result TEE_SetOperationKey(TEE_OperationHandle operation,
			       TEE_ObjectHandle key)
{
	return vt_allow(_utee_cryp_state_set_key(VT_H(operation), 1,
						 VT_H(key), 0),
			2, TEE_ERROR_CORRUPT_OBJECT,
			TEE_ERROR_STORAGE_NOT_AVAILABLE);
}

/*
 * TEE_SetOperationKey2 (§6.2.7) copies two keys (AES-XTS, SM2 KEP) into
 * the operation; two TEE_HANDLE_NULLs clear them. One handle given twice
 * is TEE_ERROR_SECURITY, as in OP-TEE: XTS with equal keys is unsafe.
 * Results: TEE_SUCCESS, TEE_ERROR_CORRUPT_OBJECT(_2),
 * TEE_ERROR_STORAGE_NOT_AVAILABLE(_2), TEE_ERROR_SECURITY.
 */
TEE_Result TEE_SetOperationKey2(TEE_OperationHandle operation,
				TEE_ObjectHandle key1, TEE_ObjectHandle key2)
{
	if (operation != TEE_HANDLE_NULL && key1 != TEE_HANDLE_NULL &&
	    key1 == key2)
		return TEE_ERROR_SECURITY;
	return vt_allow(_utee_cryp_state_set_key(VT_H(operation), 2,
						 VT_H(key1), VT_H(key2)),
			5, TEE_ERROR_CORRUPT_OBJECT, TEE_ERROR_CORRUPT_OBJECT_2,
			TEE_ERROR_STORAGE_NOT_AVAILABLE,
			TEE_ERROR_STORAGE_NOT_AVAILABLE_2, TEE_ERROR_SECURITY);
}

/*
 * TEE_CopyOperation (§6.2.8) makes dstOperation a copy of srcOperation,
 * keys and state included; both must have the same algorithm and mode.
 */
void TEE_CopyOperation(TEE_OperationHandle dstOperation,
		       TEE_OperationHandle srcOperation)
{
	vt_must(_utee_cryp_state_copy(VT_H(dstOperation), VT_H(srcOperation)));
}

/*
 * TEE_IsAlgorithmSupported (§6.2.9) asks the core whether algId with
 * element (a curve, or TEE_CRYPTO_ELEMENT_NONE) is offered. Results:
 * TEE_SUCCESS, TEE_ERROR_NOT_SUPPORTED.
 */
TEE_Result TEE_IsAlgorithmSupported(uint32_t algId, uint32_t element)
{
	return vt_allow(_utee_cryp_is_alg_supported(algId, element), 1,
			TEE_ERROR_NOT_SUPPORTED);
}

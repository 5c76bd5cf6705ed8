/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Helpers of the GP crypto functions (crypto_*.c), GPD_SPE_010 §5 and §6.
 *
 * A TEE_ObjectHandle or TEE_OperationHandle is the core's u32 handle,
 * cast; 0 is TEE_HANDLE_NULL. Keys, state and every check of a handle's
 * kind, state and mode live in the core, which kills the instance where GP
 * says "panic". What stays here is what the core cannot see: a NULL
 * pointer. Address 0 is ordinary linear memory to the core (the stack
 * sits at the bottom, --stack-first), so a NULL length or output pointer
 * would not fault there; these helpers panic on it first, as libutee's
 * annotation checks do.
 */
#ifndef CRYPTO_PRIVATE_H
#define CRYPTO_PRIVATE_H

#include "utee_private.h"

/* VT_H passes an object or operation handle to a system call. */
#define VT_H(h) ((uint32_t)(uintptr_t)(h))

/* vt_check_in panics on an input buffer that is NULL but not empty. */
static inline void vt_check_in(const void *buf, size_t len)
{
	if (!buf && len)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
}

/*
 * vt_check_out panics unless len points to the capacity of buf and buf is
 * non-NULL whenever that capacity is not 0 ([outbuf], §3.4.4).
 */
static inline void vt_check_out(const void *buf, const size_t *len)
{
	if (!len || (!buf && *len))
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
}

/* vt_check_ptr panics on a NULL pointer GP requires. */
static inline void vt_check_ptr(const void *p)
{
	if (!p)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
}

/* vt_check_attrs panics on a NULL attribute array that is not empty. */
static inline void vt_check_attrs(const TEE_Attribute *attrs, uint32_t n)
{
	if (!attrs && n)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
}

/* vt_must panics on any result but TEE_SUCCESS (a function GP gives none). */
static inline void vt_must(TEE_Result res)
{
	if (res != TEE_SUCCESS)
		TEE_Panic(res);
}

/*
 * vt_allow panics on a result other than TEE_SUCCESS and the n codes that
 * follow, the ones GP lets the function return; it returns res.
 */
TEE_Result vt_allow(TEE_Result res, int n, ...);

/*
 * vt_operation_info fetches the TEE_OperationInfo of op; any error (a bad
 * handle) has already killed the instance in the core.
 */
void vt_operation_info(TEE_OperationHandle op, TEE_OperationInfo *info);

#endif /* CRYPTO_PRIVATE_H */

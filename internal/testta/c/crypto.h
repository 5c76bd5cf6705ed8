/* SPDX-License-Identifier: BSD-2-Clause */
/* Helpers shared by the crypto commands (crypto.c, crypto_bench.c). */
#ifndef VT_TEST_TA_CRYPTO_H
#define VT_TEST_TA_CRYPTO_H

#include <tee_internal_api.h>
#include <vt_families.h>

/* abi.MaxAttributes: the most attributes one system call takes. */
#define VT_MAX_ATTRS 64

/* vt_attrs holds the attributes vt_decode_attrs decoded last. */
extern TEE_Attribute vt_attrs[VT_MAX_ATTRS];

static inline TEE_OperationHandle vt_op(uint32_t v)
{
	return (TEE_OperationHandle)(uintptr_t)v;
}

static inline TEE_ObjectHandle vt_obj(uint32_t v)
{
	return (TEE_ObjectHandle)(uintptr_t)v;
}

/* vt_in_ok reports whether an input memref is usable: not NULL, or empty. */
bool vt_in_ok(const TEE_Param *p);

/*
 * vt_decode_attrs turns an attrs memref (testta.EncodeAttrs) into
 * vt_attrs[] and their number *n; buffer attributes point into the memref.
 * A record that runs past the end, more than VT_MAX_ATTRS records, or a
 * NULL memref that is not empty is BAD_PARAMETERS.
 */
TEE_Result vt_decode_attrs(const TEE_Param *p, uint32_t *n);

/* vt_crypto_bench runs CmdCrypBench (crypto_bench.c). */
TEE_Result vt_crypto_bench(uint32_t types, TEE_Param p[TEE_NUM_PARAMS]);

#endif /* VT_TEST_TA_CRYPTO_H */

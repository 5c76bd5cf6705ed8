/*
 * Commands of the test TA that exercise one GP API family each, in ranges
 * of their own so that each family lives in a source file of its own
 * (internal/testta/proto_*.go names them):
 *   100..149  arithmetic (TEE_BigInt*)       vt_bignum_cmd, bignum.c
 *   200..249  properties and instance data   vt_props_cmd, props.c
 *   300..349  objects and crypto operations  vt_crypto_cmd, crypto.c
 *   400..449  secure storage                 vt_storage_cmd, storage.c
 */
#ifndef VT_FAMILIES_H
#define VT_FAMILIES_H

#include <tee_internal_api.h>

TEE_Result vt_family_cmd(uint32_t cmd, uint32_t types, TEE_Param p[TEE_NUM_PARAMS]);
TEE_Result vt_bignum_cmd(uint32_t cmd, uint32_t types, TEE_Param p[TEE_NUM_PARAMS]);
TEE_Result vt_props_cmd(uint32_t cmd, uint32_t types, TEE_Param p[TEE_NUM_PARAMS]);
TEE_Result vt_crypto_cmd(uint32_t cmd, uint32_t types, TEE_Param p[TEE_NUM_PARAMS]);
TEE_Result vt_storage_cmd(uint32_t cmd, uint32_t types, TEE_Param p[TEE_NUM_PARAMS]);

#endif

/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef VT_TEST_TA_PARAMS_H
#define VT_TEST_TA_PARAMS_H

#include <tee_internal_api.h>

/*
 * transform_params applies CmdParams' transformation (proto.go) to the four
 * parameters, in order, with a running sum.
 */
void transform_params(uint32_t types, TEE_Param params[TEE_NUM_PARAMS]);

/* mem_funcs_selftest checks the GP memory functions; true when all pass. */
bool mem_funcs_selftest(void);

#endif /* VT_TEST_TA_PARAMS_H */

// SPDX-License-Identifier: BSD-2-Clause
#include "utee_private.h"

/*
 * TEE_Panic raises a panic in the TA instance (GPD_SPE_010 §4.8): the core
 * kills the instance and its sessions get TEE_ERROR_TARGET_DEAD. It never
 * returns.
 */
void TEE_Panic(TEE_Result panicCode)
{
	_utee_panic(panicCode);
}

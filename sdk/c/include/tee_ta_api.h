/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The TA interface (GPD_SPE_010 §4.3): the five entry points every TA
 * defines. On Veritee they are the module's exports of the same names
 * (docs/ta-abi.md); the export_name attributes here make any definition
 * that sees this header an export, so a TA needs no linker flags of its own.
 */
#ifndef TEE_TA_API_H
#define TEE_TA_API_H

#include <tee_api_defines.h>
#include <tee_api_types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define __VERITEE_TA_EXPORT(name) __attribute__((export_name(name)))

/* §4.3.1 Called once when the instance is created. */
__VERITEE_TA_EXPORT("TA_CreateEntryPoint")
TEE_Result TA_CreateEntryPoint(void);

/* §4.3.2 Called once before the instance is destroyed. */
__VERITEE_TA_EXPORT("TA_DestroyEntryPoint")
void TA_DestroyEntryPoint(void);

/* §4.3.3 Called when a client opens a session. */
__VERITEE_TA_EXPORT("TA_OpenSessionEntryPoint")
TEE_Result TA_OpenSessionEntryPoint(uint32_t paramTypes,
				    TEE_Param params[TEE_NUM_PARAMS],
				    void **sessionContext);

/* §4.3.4 Called when a client closes a session. */
__VERITEE_TA_EXPORT("TA_CloseSessionEntryPoint")
void TA_CloseSessionEntryPoint(void *sessionContext);

/* §4.3.5 Called for every command a client invokes. */
__VERITEE_TA_EXPORT("TA_InvokeCommandEntryPoint")
TEE_Result TA_InvokeCommandEntryPoint(void *sessionContext, uint32_t commandID,
				      uint32_t paramTypes,
				      TEE_Param params[TEE_NUM_PARAMS]);

#ifdef __cplusplus
}
#endif

#endif /* TEE_TA_API_H */

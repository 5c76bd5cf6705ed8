/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * OP-TEE's TA-side extensions that make sense on Veritee. Cache maintenance
 * (TEE_CacheClean/Flush/Invalidate), memory mapping (tee_map_zi,
 * tee_unmap), supplicant plug-ins (tee_invoke_supp_plugin) and the
 * TEE_MEMORY_ACCESS_SECURE/NONSECURE flags have no meaning inside a wasm
 * sandbox and are not offered: a TA that uses them fails to build rather
 * than misbehave (docs/porting-from-optee.md).
 */
#ifndef TEE_INTERNAL_API_EXTENSIONS_H
#define TEE_INTERNAL_API_EXTENSIONS_H

#include <tee_api_defines_extensions.h>
#include <tee_api_types.h>
#include <trace.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * OP-TEE's hint for TEE_Malloc: do not zero the block. Accepted as
 * TEE_MALLOC_NO_FILL.
 */
#define TEE_USER_MEM_HINT_NO_FILL_ZERO 0x80000000

/*
 * tee_uuid_from_str parses the canonical form
 * "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" into *uuid. It returns TEE_SUCCESS
 * or TEE_ERROR_BAD_FORMAT.
 */
TEE_Result tee_uuid_from_str(TEE_UUID *uuid, const char *s);

#ifdef __cplusplus
}
#endif

#endif /* TEE_INTERNAL_API_EXTENSIONS_H */

// SPDX-License-Identifier: BSD-2-Clause
/*
 * Compile-time checks that the GP types are laid out as the core reads and
 * writes them (internal/abi: ParamSize, ParamOffsetA/B, TEEUUIDSize,
 * IdentitySize, TimeSize; docs/ta-abi.md). sdk/c/headers_test.go checks
 * these numbers against internal/abi. The file emits no code.
 */
#include <stddef.h>
#include <tee_internal_api.h>

_Static_assert(sizeof(TEE_Param) == 8, "TEE_Param is 8 bytes on wasm32");
_Static_assert(offsetof(TEE_Param, value.a) == 0, "value.a at 0");
_Static_assert(offsetof(TEE_Param, value.b) == 4, "value.b at 4");
_Static_assert(offsetof(TEE_Param, memref.buffer) == 0, "memref.buffer at 0");
_Static_assert(offsetof(TEE_Param, memref.size) == 4, "memref.size at 4");
_Static_assert(sizeof(TEE_UUID) == 16, "TEE_UUID is 16 bytes");
_Static_assert(sizeof(TEE_Identity) == 20, "TEE_Identity is 20 bytes");
_Static_assert(sizeof(TEE_Time) == 8, "TEE_Time is 8 bytes");
_Static_assert(sizeof(void *) == 4 && sizeof(size_t) == 4, "wasm32 is ILP32");

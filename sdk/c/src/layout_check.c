// SPDX-License-Identifier: BSD-2-Clause
/*
 * Compile-time checks that the GP types are laid out as the core reads and
 * writes them (internal/abi: ParamSize, ParamOffsetA/B, TEEUUIDSize,
 * IdentitySize, TimeSize; docs/ta-abi.md) and the GP crypto structures
 * (internal/abi/cryptlayout.go). sdk/c/headers_test.go and crypto_test.go
 * check these numbers against internal/abi. The file emits no code.
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

/* The GP crypto structures (internal/abi/cryptlayout.go). */
_Static_assert(sizeof(TEE_Attribute) == 12, "abi.AttributeSize");
_Static_assert(offsetof(TEE_Attribute, attributeID) == 0, "attributeID at 0");
_Static_assert(offsetof(TEE_Attribute, content.ref.buffer) == 4, "ref.buffer at 4");
_Static_assert(offsetof(TEE_Attribute, content.ref.length) == 8, "ref.length at 8");
_Static_assert(offsetof(TEE_Attribute, content.value.a) == 4, "value.a at 4");
_Static_assert(offsetof(TEE_Attribute, content.value.b) == 8, "value.b at 8");
_Static_assert(sizeof(TEE_ObjectInfo) == 28, "abi.ObjectInfoSize");
_Static_assert(offsetof(TEE_ObjectInfo, objectType) == 0, "objectType at 0");
_Static_assert(offsetof(TEE_ObjectInfo, objectSize) == 4, "objectSize at 4");
_Static_assert(offsetof(TEE_ObjectInfo, maxObjectSize) == 8, "maxObjectSize at 8");
_Static_assert(offsetof(TEE_ObjectInfo, objectUsage) == 12, "objectUsage at 12");
_Static_assert(offsetof(TEE_ObjectInfo, dataSize) == 16, "dataSize at 16");
_Static_assert(offsetof(TEE_ObjectInfo, dataPosition) == 20, "dataPosition at 20");
_Static_assert(offsetof(TEE_ObjectInfo, handleFlags) == 24, "handleFlags at 24");
_Static_assert(sizeof(TEE_OperationInfo) == 32, "abi.OperationInfoSize");
_Static_assert(offsetof(TEE_OperationInfo, algorithm) == 0, "algorithm at 0");
_Static_assert(offsetof(TEE_OperationInfo, operationClass) == 4, "operationClass at 4");
_Static_assert(offsetof(TEE_OperationInfo, mode) == 8, "mode at 8");
_Static_assert(offsetof(TEE_OperationInfo, digestLength) == 12, "digestLength at 12");
_Static_assert(offsetof(TEE_OperationInfo, maxKeySize) == 16, "maxKeySize at 16");
_Static_assert(offsetof(TEE_OperationInfo, keySize) == 20, "keySize at 20");
_Static_assert(offsetof(TEE_OperationInfo, requiredKeyUsage) == 24, "requiredKeyUsage at 24");
_Static_assert(offsetof(TEE_OperationInfo, handleState) == 28, "handleState at 28");
_Static_assert(sizeof(TEE_OperationInfoMultiple) == 32, "abi.OperationInfoMultipleHeaderSize");
_Static_assert(offsetof(TEE_OperationInfoMultiple, algorithm) == 0, "algorithm at 0");
_Static_assert(offsetof(TEE_OperationInfoMultiple, operationClass) == 4, "operationClass at 4");
_Static_assert(offsetof(TEE_OperationInfoMultiple, mode) == 8, "mode at 8");
_Static_assert(offsetof(TEE_OperationInfoMultiple, digestLength) == 12, "digestLength at 12");
_Static_assert(offsetof(TEE_OperationInfoMultiple, maxKeySize) == 16, "maxKeySize at 16");
_Static_assert(offsetof(TEE_OperationInfoMultiple, handleState) == 20, "handleState at 20");
_Static_assert(offsetof(TEE_OperationInfoMultiple, operationState) == 24, "operationState at 24");
_Static_assert(offsetof(TEE_OperationInfoMultiple, numberOfKeys) == 28, "numberOfKeys at 28");
_Static_assert(offsetof(TEE_OperationInfoMultiple, keyInformation) == 32, "keyInformation at 32");
_Static_assert(sizeof(TEE_OperationInfoKey) == 8, "abi.OperationInfoKeySize");
_Static_assert(offsetof(TEE_OperationInfoKey, keySize) == 0, "keySize at 0");
_Static_assert(offsetof(TEE_OperationInfoKey, requiredKeyUsage) == 4, "requiredKeyUsage at 4");

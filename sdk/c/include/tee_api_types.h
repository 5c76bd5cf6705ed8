/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Types of the GlobalPlatform TEE Internal Core API v1.3.1 (GPD_SPE_010),
 * chapter 3 "Common Definitions" and the types of chapters 4 to 8, as they
 * are laid out in a wasm32 Trusted Application (ILP32: pointers and size_t
 * are 32 bits, little-endian).
 */
#ifndef TEE_API_TYPES_H
#define TEE_API_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <inttypes.h>
#include <tee_api_defines.h>

/* §3.2.3 Return codes: TEE_SUCCESS or one of the TEE_ERROR_* codes. */
typedef uint32_t TEE_Result;

/* §3.2.4 TEE_UUID, an RFC 4122 UUID with native-endian integer fields. */
typedef struct {
	uint32_t timeLow;
	uint16_t timeMid;
	uint16_t timeHiAndVersion;
	uint8_t clockSeqAndNode[8];
} TEE_UUID;

/*
 * §4.1.1 TEE_Identity: how a client logged in (TEE_LOGIN_*) and its UUID.
 * 20 bytes on wasm32.
 */
typedef struct {
	uint32_t login;
	TEE_UUID uuid;
} TEE_Identity;

/*
 * §4.1.3 TEE_Param: one parameter of an entry point or of a TA-to-TA call.
 * 8 bytes on wasm32: memref.buffer and value.a at offset 0, memref.size and
 * value.b at offset 4 (docs/ta-abi.md).
 */
typedef union {
	struct {
		void *buffer;
		size_t size;
	} memref;
	struct {
		uint32_t a;
		uint32_t b;
	} value;
} TEE_Param;

/* §4.1.4 Opaque handles. */
typedef struct __TEE_TASessionHandle *TEE_TASessionHandle;
typedef struct __TEE_PropSetHandle *TEE_PropSetHandle;
typedef struct __TEE_ObjectHandle *TEE_ObjectHandle;
typedef struct __TEE_ObjectEnumHandle *TEE_ObjectEnumHandle;
typedef struct __TEE_OperationHandle *TEE_OperationHandle;

/* §5.3.1 TEE_Attribute: a reference (buffer) or a value attribute. */
typedef struct {
	uint32_t attributeID;
	union {
		struct {
			void *buffer;
			size_t length;
		} ref;
		struct {
			uint32_t a, b;
		} value;
	} content;
} TEE_Attribute;

/* §5.3.2 TEE_ObjectInfo. */
typedef struct {
	uint32_t objectType;
	uint32_t objectSize;
	uint32_t maxObjectSize;
	uint32_t objectUsage;
	size_t dataSize;
	size_t dataPosition;
	uint32_t handleFlags;
} TEE_ObjectInfo;

/* §5.3.3 TEE_Whence: TEE_DATA_SEEK_SET, _CUR or _END. */
typedef uint32_t TEE_Whence;

/* §5.3.4 TEE_ObjectType: one of the TEE_TYPE_* values. */
typedef uint32_t TEE_ObjectType;

/* §6.1.1 TEE_OperationMode: one of the TEE_MODE_* values. */
typedef uint32_t TEE_OperationMode;

/* §6.2.3 TEE_OperationInfo. */
typedef struct {
	uint32_t algorithm;
	uint32_t operationClass;
	uint32_t mode;
	uint32_t digestLength;
	uint32_t maxKeySize;
	uint32_t keySize;
	uint32_t requiredKeyUsage;
	uint32_t handleState;
} TEE_OperationInfo;

/* §6.2.4 TEE_OperationInfoKey and TEE_OperationInfoMultiple. */
typedef struct {
	uint32_t keySize;
	uint32_t requiredKeyUsage;
} TEE_OperationInfoKey;

typedef struct {
	uint32_t algorithm;
	uint32_t operationClass;
	uint32_t mode;
	uint32_t digestLength;
	uint32_t maxKeySize;
	uint32_t handleState;
	uint32_t operationState;
	uint32_t numberOfKeys;
	TEE_OperationInfoKey keyInformation[];
} TEE_OperationInfoMultiple;

/* §7.2.1 TEE_Time: seconds and milliseconds. */
typedef struct {
	uint32_t seconds;
	uint32_t millis;
} TEE_Time;

/*
 * §8.2 Arithmetical types. A TEE_BigInt is an array of uint32_t of
 * TEE_BigIntSizeInU32(bits) words; its layout is private to the library.
 */
typedef uint32_t TEE_BigInt;
typedef uint32_t TEE_BigIntFMM;
typedef uint32_t TEE_BigIntFMMContext __attribute__((aligned(__alignof__(void *))));

/* TEE_ErrorOrigin: TEE_ORIGIN_*. */
typedef uint32_t TEE_ErrorOrigin;

/* Session context pointer of the TA entry points. */
typedef void *TEE_Session;

#endif /* TEE_API_TYPES_H */

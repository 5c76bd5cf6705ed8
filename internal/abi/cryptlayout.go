package abi

// Memory layouts of the GP crypto structures in a wasm32 TA (size_t and
// pointers are 4 bytes, little-endian). The C SDK's layout_check.c and the
// Go SDK assert the same numbers, so a TA and the core never disagree.
const (
	// AttributeSize is sizeof(TEE_Attribute): attributeID at 0, then
	// either ref.buffer (pointer) at 4 and ref.length (size_t) at 8, or
	// value.a at 4 and value.b at 8.
	AttributeSize = 12
	// MaxAttributes bounds the attribute count of one system call: GP's
	// largest key (an RSA key pair with CRT parameters) has 8 attributes;
	// 64 leaves room for any mix of parameters while keeping a hostile
	// count from making the core allocate.
	MaxAttributes = 64

	// ObjectInfoSize is sizeof(TEE_ObjectInfo): objectType, objectSize,
	// maxObjectSize, objectUsage, dataSize, dataPosition, handleFlags,
	// each 4 bytes.
	ObjectInfoSize = 7 * 4
	// OperationInfoSize is sizeof(TEE_OperationInfo): algorithm,
	// operationClass, mode, digestLength, maxKeySize, keySize,
	// requiredKeyUsage, handleState.
	OperationInfoSize = 8 * 4
	// OperationInfoMultipleHeaderSize is the fixed part of
	// TEE_OperationInfoMultiple (algorithm, operationClass, mode,
	// digestLength, maxKeySize, handleState, operationState,
	// numberOfKeys); OperationInfoKeySize bytes follow per key.
	OperationInfoMultipleHeaderSize = 8 * 4
	OperationInfoKeySize            = 2 * 4
)

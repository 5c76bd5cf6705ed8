package ta

//go:generate go run ./internal/constgen -family crypto

// The GP cryptographic API (GPD_SPE_010 §5 objects, §6 operations). As in
// OP-TEE, keys and the state of operations live in the core: a TA holds
// only handles, the core's numbers for its objects and operations, and the
// SDK forwards each GP function to the system call that runs it. The core
// checks every handle, state and buffer itself and kills the instance
// where GP says the implementation panics (client sees TARGET_DEAD); the
// SDK returns what GP lets the TA see and, as OP-TEE's libutee does, panics
// on any other result (a code the GP function may not return).
//
// The constants (algorithms, object types, attribute ids, modes, usage
// flags, curves) are in crypto_consts.go, generated from internal/abi.

// ObjectHandle is a TEE_ObjectHandle (GPD_SPE_010 §5.2): the core's number
// for a transient object (and, later, a persistent one; Info,
// RestrictUsage, BufferAttribute, ValueAttribute and Close work on any
// object). The zero value is TEE_HANDLE_NULL.
type ObjectHandle uint32

// OperationHandle is a TEE_OperationHandle (GPD_SPE_010 §6.2): the core's
// number for an operation. The zero value is TEE_HANDLE_NULL.
type OperationHandle uint32

// HandleNull is TEE_HANDLE_NULL for either kind of handle.
const HandleNull = 0

// Attribute is a TEE_Attribute (GPD_SPE_010 §5.3.1): a buffer attribute
// (Ref) or, when ID has AttrFlagValue, a value attribute (A, B). Build it
// with RefAttribute or ValueAttribute. A buffer attribute aliases Ref; the
// core copies what it keeps, so the TA may wipe Ref once the call returns.
type Attribute struct {
	ID   uint32
	Ref  []byte
	A, B uint32
}

// RefAttribute is TEE_InitRefAttribute (§5.6.2): a buffer attribute over
// buf (aliased, not copied). It panics the TA when id is a value
// attribute (bit 29 set), as GP prescribes.
func RefAttribute(id uint32, buf []byte) Attribute {
	if id&AttrFlagValue != 0 {
		Panic(ErrBadParameters)
	}
	return Attribute{ID: id, Ref: buf}
}

// ValueAttribute is TEE_InitValueAttribute (§5.6.2): a value attribute
// (a, b). It panics the TA when id is a buffer attribute (bit 29 clear).
func ValueAttribute(id, a, b uint32) Attribute {
	if id&AttrFlagValue == 0 {
		Panic(ErrBadParameters)
	}
	return Attribute{ID: id, A: a, B: b}
}

// ObjectInfo is TEE_ObjectInfo (GPD_SPE_010 §5.3.2).
type ObjectInfo struct {
	ObjectType    uint32
	ObjectSize    uint32 // key size in bits; 0 while uninitialised
	MaxObjectSize uint32
	ObjectUsage   uint32 // Usage* flags
	DataSize      uint32 // persistent objects: size of the data stream
	DataPosition  uint32 // persistent objects: position in the data stream
	HandleFlags   uint32 // HandleFlag* flags
}

// OperationInfo is TEE_OperationInfo (GPD_SPE_010 §6.2.1).
type OperationInfo struct {
	Algorithm        uint32
	OperationClass   uint32
	Mode             uint32
	DigestLength     uint32
	MaxKeySize       uint32
	KeySize          uint32
	RequiredKeyUsage uint32
	HandleState      uint32
}

// OperationInfoKey is TEE_OperationInfoKey (§6.2.1).
type OperationInfoKey struct {
	KeySize          uint32
	RequiredKeyUsage uint32
}

// OperationInfoMultiple is TEE_OperationInfoMultiple (§6.2.1), with one
// OperationInfoKey per key of the operation (none for a digest, two for
// AES-XTS and SM2 KEP).
type OperationInfoMultiple struct {
	Algorithm      uint32
	OperationClass uint32
	Mode           uint32
	DigestLength   uint32
	MaxKeySize     uint32
	HandleState    uint32
	OperationState uint32
	Keys           []OperationInfoKey
}

package ta

import "encoding/binary"

// Objects (GPD_SPE_010 §5.5 generic object functions, §5.6 transient
// objects). The results each function may return are GP's; any other
// result from the core panics the TA.

// AllocateTransientObject is TEE_AllocateTransientObject (§5.6.1): a new,
// uninitialised object of objType (Type*) able to hold a key of up to
// maxSize bits. Results: ErrOutOfMemory (the instance holds too many
// handles), ErrNotSupported (objType or maxSize not supported).
func AllocateTransientObject(objType, maxSize uint32) (ObjectHandle, error) {
	h, r := sys.objAlloc(objType, maxSize)
	if err := allowed(r, ErrOutOfMemory, ErrNotSupported); err != nil {
		return HandleNull, err
	}
	return ObjectHandle(h), nil
}

// Info is TEE_GetObjectInfo1 (§5.5.1). Results: ErrCorruptObject,
// ErrStorageNotAvailable (persistent objects only).
func (o ObjectHandle) Info() (ObjectInfo, error) {
	info, r := sys.objGetInfo(uint32(o))
	return info, allowed(r, ErrCorruptObject, ErrStorageNotAvailable)
}

// RestrictUsage is TEE_RestrictObjectUsage1 (§5.5.3): it clears the
// object's usage flags not in usage. Results as Info.
func (o ObjectHandle) RestrictUsage(usage uint32) error {
	return allowed(sys.objRestrictUsage(uint32(o), usage), ErrCorruptObject, ErrStorageNotAvailable)
}

// BufferAttribute is TEE_GetObjectBufferAttribute (§5.5.4): it copies the
// buffer attribute id into buf and returns its length. Results:
// ErrItemNotFound (the object lacks it); ErrShortBuffer, n then being the
// length needed; ErrCorruptObject, ErrStorageNotAvailable. It panics the TA
// for a value attribute id, and (in the core) for an uninitialised object
// or a secret attribute of an object that is not extractable.
func (o ObjectHandle) BufferAttribute(id uint32, buf []byte) (n int, err error) {
	if id&AttrFlagValue != 0 {
		Panic(ErrBadParameters)
	}
	n, r := sys.objGetAttr(uint32(o), id, buf)
	return outLen(n, len(buf), r), allowed(r, ErrItemNotFound, ErrShortBuffer, ErrCorruptObject, ErrStorageNotAvailable)
}

// ValueAttribute is TEE_GetObjectValueAttribute (§5.5.5). Results and
// panics as BufferAttribute, the panic being for a buffer attribute id.
func (o ObjectHandle) ValueAttribute(id uint32) (a, b uint32, err error) {
	if id&AttrFlagValue == 0 {
		Panic(ErrBadParameters)
	}
	var v [8]byte
	n, r := sys.objGetAttr(uint32(o), id, v[:])
	if err := allowed(r, ErrItemNotFound, ErrCorruptObject, ErrStorageNotAvailable); err != nil {
		return 0, 0, err
	}
	if n != len(v) {
		Panic(ErrGeneric) // a core bug: a value attribute is 8 bytes
	}
	return binary.LittleEndian.Uint32(v[:]), binary.LittleEndian.Uint32(v[4:]), nil
}

// Close is TEE_CloseObject (§5.5.6): it frees the object, the core zeroing
// its key material. Closing HandleNull does nothing.
func (o ObjectHandle) Close() { mustSucceed(sys.objClose(uint32(o))) }

// Free is TEE_FreeTransientObject (§5.6.2): as Close, for a transient
// object; it panics the TA for a persistent one. Freeing HandleNull does
// nothing.
func (o ObjectHandle) Free() {
	if o == HandleNull {
		return
	}
	o.mustBeTransient()
	mustSucceed(sys.objClose(uint32(o)))
}

// mustBeTransient panics the TA unless o is a transient object: the GP
// functions for transient objects and TEE_CloseObject share system calls,
// so the SDK tells them apart, as libutee does.
func (o ObjectHandle) mustBeTransient() {
	info, r := sys.objGetInfo(uint32(o))
	mustSucceed(r)
	if info.HandleFlags&HandleFlagPersistent != 0 {
		Panic(ErrBadParameters)
	}
}

// Reset is TEE_ResetTransientObject (§5.6.3): the object becomes
// uninitialised again, its key material zeroed and its usage flags
// restored. Resetting HandleNull does nothing.
func (o ObjectHandle) Reset() { mustSucceed(sys.objReset(uint32(o))) }

// Populate is TEE_PopulateTransientObject (§5.6.4): it gives the
// uninitialised object the attributes attrs, every mandatory attribute of
// its type included. Results: ErrBadParameters (inconsistent attributes,
// for example an EC point off its curve; the object stays uninitialised).
// The core panics the TA for an initialised object, a missing, repeated or
// foreign attribute, or a key larger than the object's maximum size.
func (o ObjectHandle) Populate(attrs ...Attribute) error {
	return allowed(sys.objPopulate(uint32(o), attrs), ErrBadParameters)
}

// CopyAttributesFrom is TEE_CopyObjectAttributes1(o, src) (§5.6.5): it
// populates the uninitialised o with the attributes of src, of the same
// type or a key pair whose public half o holds. Results: ErrCorruptObject,
// ErrStorageNotAvailable (a persistent src).
func (o ObjectHandle) CopyAttributesFrom(src ObjectHandle) error {
	return allowed(sys.objCopy(uint32(o), uint32(src)), ErrCorruptObject, ErrStorageNotAvailable)
}

// GenerateKey is TEE_GenerateKey (§5.6.6): it fills the uninitialised
// object with a random key of keySize bits; params are the type's
// generation parameters (an RSA public exponent, DH or DSA domain
// parameters, an ECC curve). Results: ErrBadParameters (inconsistent
// parameters). The core panics the TA for an initialised object, a size
// the type does not allow, or a missing mandatory parameter.
func (o ObjectHandle) GenerateKey(keySize uint32, params ...Attribute) error {
	return allowed(sys.objGenerateKey(uint32(o), keySize, params), ErrBadParameters)
}

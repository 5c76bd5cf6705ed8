package ta

// ObjectEnumHandle is a TEE_ObjectEnumHandle (GPD_SPE_010 §5.8): the
// core's number for an enumerator of the TA's persistent objects. The zero
// value is TEE_HANDLE_NULL.
type ObjectEnumHandle uint32

// AllocatePersistentObjectEnumerator is
// TEE_AllocatePersistentObjectEnumerator (§5.8.1). Results:
// ErrOutOfMemory.
func AllocatePersistentObjectEnumerator() (ObjectEnumHandle, error) {
	h, r := sys.storageAllocEnum()
	if err := allowed(r, ErrOutOfMemory); err != nil {
		return HandleNull, err
	}
	return ObjectEnumHandle(h), nil
}

// Free is TEE_FreePersistentObjectEnumerator (§5.8.2). Freeing HandleNull
// does nothing.
func (e ObjectEnumHandle) Free() {
	if e != HandleNull {
		mustSucceed(sys.storageFreeEnum(uint32(e)))
	}
}

// Reset is TEE_ResetPersistentObjectEnumerator (§5.8.3): the enumerator
// returns to its state after allocation. Resetting HandleNull does
// nothing.
func (e ObjectEnumHandle) Reset() {
	if e != HandleNull {
		mustSucceed(sys.storageResetEnum(uint32(e)))
	}
}

// Start is TEE_StartPersistentObjectEnumerator (§5.8.4): it (re)starts
// the enumeration of the TA's objects in storage storageID. Results:
// ErrItemNotFound (no such storage, or no object of the TA in it),
// ErrCorruptObject, ErrStorageNotAvailable.
func (e ObjectEnumHandle) Start(storageID uint32) error {
	return allowed(sys.storageStartEnum(uint32(e), storageID), ErrItemNotFound, ErrCorruptObject, ErrStorageNotAvailable)
}

// GetNext is TEE_GetNextPersistentObject (§5.8.5): the next object's info
// (DataPosition 0) and its id, copied into id, whose length n it returns.
// Results: ErrItemNotFound (the enumeration is over, or not started),
// ErrCorruptObject, ErrStorageNotAvailable; and, where C passes a buffer
// of ObjectIDMaxLen bytes, ErrShortBuffer when id cannot hold the id, n
// then being the length needed and the enumerator staying on that object.
func (e ObjectEnumHandle) GetNext(id []byte) (info ObjectInfo, n int, err error) {
	info, n, r := sys.storageNextEnum(uint32(e), id)
	err = allowed(r, ErrItemNotFound, ErrCorruptObject, ErrStorageNotAvailable, ErrShortBuffer)
	n = outLen(n, len(id), r)
	if err != nil {
		return ObjectInfo{}, n, err
	}
	return info, n, nil
}

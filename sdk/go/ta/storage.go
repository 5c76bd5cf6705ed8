package ta

//go:generate go run ./internal/constgen -family storage

// Persistent objects (GPD_SPE_010 §5.7). As for transient objects, an
// object lives in the core and the TA holds a handle: a persistent object
// is an ObjectHandle whose Info reports HandleFlagPersistent, so Info,
// RestrictUsage, the attribute getters, Close and the operations' SetKey
// work on it unchanged. Its id is at most ObjectIDMaxLen bytes, private to
// the TA within its storage id (StoragePrivate, StoragePrivateREE,
// StoragePrivateRPMB).
//
// Each function returns only the results GP lists for it; the core
// reports misuse that GP says panics (reading without DataFlagAccessRead,
// renaming without DataFlagAccessWriteMeta, undefined flags, an id longer
// than ObjectIDMaxLen) with another result, on which the SDK panics the
// TA, as OP-TEE's libutee does. The constants (StorageXxx, DataFlagXxx,
// DataSeekXxx, the limits) are in storage_consts.go, generated from
// internal/abi.

// OpenPersistentObject is TEE_OpenPersistentObject (§5.7.1): it opens the
// object id of storage storageID with flags (DataFlagAccess* and
// DataFlagShare*). Results: ErrItemNotFound (no such storage or object),
// ErrAccessConflict (the sharing rules of §5.7.1 forbid it),
// ErrOutOfMemory, ErrCorruptObject (the object failed authentication and
// is deleted), ErrStorageNotAvailable.
func OpenPersistentObject(storageID uint32, id []byte, flags uint32) (ObjectHandle, error) {
	h, r := sys.storageObjOpen(storageID, id, flags)
	if err := allowed(r, ErrItemNotFound, ErrAccessConflict, ErrOutOfMemory, ErrCorruptObject, ErrStorageNotAvailable); err != nil {
		return HandleNull, err
	}
	return ObjectHandle(h), nil
}

// createResults are the results TEE_CreatePersistentObject may return.
var createResults = []Result{ErrItemNotFound, ErrAccessConflict, ErrOutOfMemory, ErrStorageNoSpace,
	ErrCorruptObject, ErrStorageNotAvailable}

// CreatePersistentObject is TEE_CreatePersistentObject (§5.7.2): it
// creates the object id in storage storageID, with the type, attributes
// and usage of attrs (an initialised transient object or a persistent
// one; HandleNull makes a pure data object) and the data stream data, and
// returns it opened with flags (which may add DataFlagOverwrite to replace
// an existing object). The write is atomic: the object exists wholly or
// not at all. Results: ErrItemNotFound (no such storage),
// ErrAccessConflict (the object exists without DataFlagOverwrite, or is
// open), ErrOutOfMemory, ErrStorageNoSpace, ErrCorruptObject,
// ErrStorageNotAvailable.
func CreatePersistentObject(storageID uint32, id []byte, flags uint32, attrs ObjectHandle, data []byte) (ObjectHandle, error) {
	h, r := sys.storageObjCreate(storageID, id, flags, uint32(attrs), data, true)
	if err := allowed(r, createResults...); err != nil {
		return HandleNull, err
	}
	return ObjectHandle(h), nil
}

// CreatePersistentObjectNoHandle is TEE_CreatePersistentObject with a NULL
// object pointer: it creates the object as CreatePersistentObject does and
// leaves it closed, so it takes no handle and holds no sharing lock.
// Results as CreatePersistentObject.
func CreatePersistentObjectNoHandle(storageID uint32, id []byte, flags uint32, attrs ObjectHandle, data []byte) error {
	_, r := sys.storageObjCreate(storageID, id, flags, uint32(attrs), data, false)
	return allowed(r, createResults...)
}

// CloseAndDelete is TEE_CloseAndDeletePersistentObject1 (§5.7.4): it
// deletes the object and closes o, which must have been opened with
// DataFlagAccessWriteMeta (the TA panics otherwise). Results:
// ErrStorageNotAvailable. HandleNull does nothing.
func (o ObjectHandle) CloseAndDelete() error {
	if o == HandleNull {
		return nil
	}
	return allowed(sys.storageObjDel(uint32(o)), ErrStorageNotAvailable)
}

// Rename is TEE_RenamePersistentObject (§5.7.5): the object, opened with
// DataFlagAccessWriteMeta (the TA panics otherwise), takes the id newID.
// Results: ErrAccessConflict (an object newID exists, this one included),
// ErrCorruptObject, ErrStorageNotAvailable. It panics the TA for
// HandleNull and for an id longer than ObjectIDMaxLen.
func (o ObjectHandle) Rename(newID []byte) error {
	if o == HandleNull {
		Panic(ErrItemNotFound)
	}
	return allowed(sys.storageObjRename(uint32(o), newID), ErrAccessConflict, ErrCorruptObject, ErrStorageNotAvailable)
}

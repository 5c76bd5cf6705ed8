package ta

// storageCore is the part of core that serves the secure storage system
// calls (abi.SysStorageObjOpen .. abi.SysStorageObjSeek), one method per
// call, in Go types. Ids and data are slices; handles are the core's
// numbers, persistent objects sharing the numbers of transient ones. As
// in cryptoCore, an implementation ends the instance where the core does;
// for misuse that OP-TEE's core reports with a result instead
// (ACCESS_CONFLICT, BAD_STATE, BAD_PARAMETERS) it returns that result, and
// the SDK panics the TA because GP does not let the function return it.
type storageCore interface {
	storageObjOpen(storageID uint32, id []byte, flags uint32) (uint32, Result)
	// storageObjCreate returns the new handle when wantHandle, else it
	// passes no handle pointer and the core closes the object at once.
	storageObjCreate(storageID uint32, id []byte, flags, attrs uint32, data []byte, wantHandle bool) (uint32, Result)
	storageObjDel(obj uint32) Result
	storageObjRename(obj uint32, newID []byte) Result
	storageAllocEnum() (uint32, Result)
	storageFreeEnum(enum uint32) Result
	storageResetEnum(enum uint32) Result
	storageStartEnum(enum, storageID uint32) Result
	// storageNextEnum writes the id into id and returns its length, or
	// with ErrShortBuffer the length needed.
	storageNextEnum(enum uint32, id []byte) (ObjectInfo, int, Result)
	storageObjRead(obj uint32, buf []byte) (int, Result)
	storageObjWrite(obj uint32, buf []byte) Result
	storageObjTrunc(obj, size uint32) Result
	storageObjSeek(obj uint32, offset int32, whence uint32) Result
}

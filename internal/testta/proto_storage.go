package testta

// Commands of the secure storage family (GPD_SPE_010 §5.7–§5.9, persistent
// objects, their data streams and enumerators), 400..449; C in c/storage.c,
// Go in gota/storage.go. Each command calls exactly one GP function (except
// CmdStorBench), so a test drives the storage API step by step from the
// client the way OP-TEE's xtest drives its storage TA.
//
// Conventions (the same as the crypto family's):
//   - Handles travel as values: a TEE_ObjectHandle or
//     TEE_ObjectEnumHandle is passed as its numeric value (0 =
//     TEE_HANDLE_NULL). A handle a command returns is the value the GP
//     function wrote, or 0 when it failed.
//   - Storage ids (TEE_STORAGE_*), data flags (TEE_DATA_FLAG_*), seek
//     origins (TEE_DATA_SEEK_*) travel as values, unchanged.
//   - An object id travels in a memref: its buffer and size are passed to
//     the GP function as objectID and objectIDLen exactly as they arrive
//     (a NULL memref passes NULL, 0). The TA checks nothing itself, so an
//     over-long id reaches the core (and the library panics on the core's
//     BAD_PARAMETERS, as libutee does).
//   - Unless a command says otherwise its result is the GP function's
//     result. A GP function that panics the TA panics it: the client then
//     sees TARGET_DEAD.
//   - A TEE_ObjectInfo travels as 7 LE u32 (abi.ObjectInfoSize bytes):
//     objectType, objectSize, maxObjectSize, objectUsage, dataSize,
//     dataPosition, handleFlags.
//
// Persistent object handles are TEE_ObjectHandles: the crypto family's
// object commands work on them unchanged — CmdCrypGetObjectInfo
// (TEE_GetObjectInfo1), CmdCrypRestrictObjectUsage,
// CmdCrypGetObjectBufferAttribute, CmdCrypGetObjectValueAttribute,
// CmdCrypCloseObject (TEE_CloseObject), CmdCrypSetOperationKey,
// CmdCrypCopyObjectAttributes (a persistent source) — so this family does
// not repeat them.
const (
	// TEE_OpenPersistentObject.
	//   [in]  value[0]: a = storageID, b = flags
	//   [in]  memref[1]: object id
	//   [out] value[2].a: the handle (0 on failure)
	CmdStorOpen = 400

	// TEE_CreatePersistentObject.
	//   [in]  value[0]: a = storageID, b = flags
	//   [in]  memref[1]: object id
	//   [inout] value[2]: in a = attributes (an object handle, transient
	//         or persistent, or 0 = TEE_HANDLE_NULL for a pure data
	//         object); in b = 0: pass &handle as object, b = 1: pass NULL
	//         as object (GP then closes the new object at once);
	//         out a = the new handle (0 when b was 1 or on failure),
	//         out b = in b
	//   [in]  memref[3]: initial data (a NULL memref passes NULL, 0)
	CmdStorCreate = 401

	// TEE_CloseAndDeletePersistentObject1.
	//   [in]  value[0].a: object (may be 0)
	CmdStorCloseAndDelete = 402

	// TEE_RenamePersistentObject.
	//   [in]  value[0].a: object
	//   [in]  memref[1]: the new object id
	CmdStorRename = 403

	// TEE_AllocatePersistentObjectEnumerator.
	//   [out] value[0].a: the enumerator handle (0 on failure)
	CmdStorAllocEnum = 404

	// TEE_FreePersistentObjectEnumerator.
	//   [in]  value[0].a: enumerator (may be 0)
	// Returns TEE_SUCCESS (the GP function returns nothing).
	CmdStorFreeEnum = 405

	// TEE_ResetPersistentObjectEnumerator.
	//   [in]  value[0].a: enumerator
	// Returns TEE_SUCCESS (the GP function returns nothing).
	CmdStorResetEnum = 406

	// TEE_StartPersistentObjectEnumerator.
	//   [in]  value[0]: a = enumerator, b = storageID
	CmdStorStartEnum = 407

	// TEE_GetNextPersistentObject.
	//   [in]  value[0].a: enumerator
	//   [out] memref[1]: the TEE_ObjectInfo (7 LE u32); a NULL memref
	//         passes NULL as objectInfo; otherwise its size must be at
	//         least abi.ObjectInfoSize (else the TA returns
	//         TEE_ERROR_BAD_PARAMETERS without calling anything) and is
	//         set to abi.ObjectInfoSize on success
	//   [out] memref[2]: the object id. The TA passes a buffer of its own
	//         of TEE_OBJECT_ID_MAX_LEN bytes to the GP function; on
	//         success it copies the id into memref[2] and sets its size to
	//         objectIDLen, or, when memref[2] is smaller than that, sets
	//         its size to objectIDLen and returns TEE_ERROR_SHORT_BUFFER
	//         (the enumerator has then moved past that object).
	// The GP function's result otherwise (ITEM_NOT_FOUND at the end).
	CmdStorNextEnum = 408

	// TEE_ReadObjectData.
	//   [in]  value[0].a: object
	//   [out] memref[1]: the buffer; the TA asks for memref[1]'s size in
	//         bytes and sets the size to the count read
	CmdStorRead = 409

	// TEE_WriteObjectData.
	//   [in]  value[0].a: object
	//   [in]  memref[1]: the data (a NULL memref passes NULL, 0)
	CmdStorWrite = 410

	// TEE_TruncateObjectData.
	//   [in]  value[0]: a = object, b = size
	CmdStorTruncate = 411

	// TEE_SeekObjectData.
	//   [in]  value[0]: a = object, b = offset, an int32_t in two's
	//         complement (b = 0xFFFFFFFF is -1)
	//   [in]  value[1].a: whence (TEE_DATA_SEEK_SET/CUR/END)
	CmdStorSeek = 412

	// TEE_CloseAndDeletePersistentObject (the deprecated void form, which
	// panics where ...1 would return an error).
	//   [in]  value[0].a: object (may be 0)
	// Returns TEE_SUCCESS.
	CmdStorCloseAndDeleteOld = 413

	// CmdStorBench repeats one storage operation inside the TA so that a
	// benchmark measures the storage API rather than the invoke path.
	//   [in]  value[0]: a = the operation (StorBench*), b = iterations N
	//   [in]  value[1]: a = storageID, b = size, the data size in bytes
	//   [in]  memref[2]: the object id (for the *Many operations: the
	//         base id; object i is the base id followed by i as a LE u32,
	//         so the base id is at most TEE_OBJECT_ID_MAX_LEN-4 bytes)
	//   [out] value[3]: a = for the read operations the bytes read by the
	//         last iteration, for StorBenchEnumerate the objects the last
	//         enumeration returned, else 0; b = 0
	// Data written is `size` bytes of 0xA5 from a TEE_Malloc'd buffer;
	// reads go into a TEE_Malloc'd buffer of `size` bytes. The flags
	// named below are TEE_DATA_FLAG_*. The result is the first failing GP
	// call's (the loop stops there), TEE_ERROR_OUT_OF_MEMORY when the
	// buffer cannot be allocated, TEE_ERROR_BAD_PARAMETERS for an unknown
	// operation, else TEE_SUCCESS. Handles opened by the command are
	// closed before it returns, also on failure.
	CmdStorBench = 449
)

// Operations of CmdStorBench, each iteration as given.
const (
	// StorBenchCreateWrite: TEE_CreatePersistentObject(storageID, id,
	// ACCESS_READ|ACCESS_WRITE|ACCESS_WRITE_META|OVERWRITE, NULL
	// attributes, no initial data); TEE_WriteObjectData(size bytes);
	// TEE_CloseObject.
	StorBenchCreateWrite = 1
	// StorBenchOpenReadClose: TEE_OpenPersistentObject(storageID, id,
	// ACCESS_READ|SHARE_READ); TEE_ReadObjectData(size);
	// TEE_CloseObject.
	StorBenchOpenReadClose = 2
	// StorBenchRead: before the loop TEE_OpenPersistentObject(storageID,
	// id, ACCESS_READ|SHARE_READ); each iteration TEE_SeekObjectData(0,
	// TEE_DATA_SEEK_SET); TEE_ReadObjectData(size); after the loop
	// TEE_CloseObject.
	StorBenchRead = 3
	// StorBenchWrite: before the loop TEE_OpenPersistentObject(storageID,
	// id, ACCESS_WRITE); each iteration TEE_SeekObjectData(0,
	// TEE_DATA_SEEK_SET); TEE_WriteObjectData(size bytes); after the loop
	// TEE_CloseObject.
	StorBenchWrite = 4
	// StorBenchOpen: TEE_OpenPersistentObject(storageID, id,
	// ACCESS_READ|SHARE_READ); TEE_CloseObject.
	StorBenchOpen = 5
	// StorBenchEnumerate: before the loop
	// TEE_AllocatePersistentObjectEnumerator; each iteration
	// TEE_StartPersistentObjectEnumerator(storageID), then
	// TEE_GetNextPersistentObject (objectInfo NULL) until it returns
	// TEE_ERROR_ITEM_NOT_FOUND (which ends the enumeration, not the
	// command; ITEM_NOT_FOUND from Start counts as 0 objects); after the
	// loop TEE_FreePersistentObjectEnumerator.
	StorBenchEnumerate = 6
	// StorBenchCreateMany: iteration i (0..N-1) does what
	// StorBenchCreateWrite does for object id || LE u32 i.
	StorBenchCreateMany = 7
	// StorBenchDeleteMany: iteration i (0..N-1) does
	// TEE_OpenPersistentObject(storageID, id || LE u32 i,
	// ACCESS_WRITE_META); TEE_CloseAndDeletePersistentObject1. An
	// ITEM_NOT_FOUND from the open is skipped, not a failure.
	StorBenchDeleteMany = 8
)

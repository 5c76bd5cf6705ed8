package abi

//go:generate go run ./gen

// HostModule is the name of the wasm import module that carries the TA
// system calls.
const HostModule = "veritee"

// ValType is the wasm type of a system-call argument: pointers and sizes
// are i32 in a wasm32 TA, 64-bit quantities are i64.
type ValType byte

const (
	I32 ValType = 'i'
	I64 ValType = 'I'
)

// Syscall describes one TA system call: its number, its import name in
// HostModule, and its wasm signature. Every system call returns an i32
// TEE_Result unless NoReturn is set (panic never returns).
//
// Names follow OP-TEE's _utee_* functions so that readers of libutee find
// their way; a C TA calls _utee_<Name>.
type Syscall struct {
	Nr       uint32
	Name     string
	Params   []ValType
	ArgNames []string
	NoReturn bool
	Doc      string
}

// System-call numbers. Numbers are never reused; a later issue appends.
const (
	SysLog                      uint32 = 1
	SysPanic                    uint32 = 2
	SysGetProperty              uint32 = 3
	SysGetPropertyNameToIndex   uint32 = 4
	SysGetTime                  uint32 = 5
	SysWait                     uint32 = 6
	SysGetCancellationFlag      uint32 = 7
	SysMaskCancellation         uint32 = 8
	SysUnmaskCancellation       uint32 = 9
	SysCrypRandomNumberGenerate uint32 = 10
	SysCheckAccessRights        uint32 = 11
	SysOpenTASession            uint32 = 12
	SysInvokeTACommand          uint32 = 13
	SysCloseTASession           uint32 = 14
	SysBigIntOp                 uint32 = 15
	SysBigIntFromOctets         uint32 = 16
	SysBigIntToOctets           uint32 = 17
	SysSetTATime                uint32 = 18

	// Cryptographic objects and operations (GPD_SPE_010 §5, §6). Handles
	// are per-instance numbers the core hands out; 0 is TEE_HANDLE_NULL.
	SysCrypObjGetInfo        uint32 = 19
	SysCrypObjRestrictUsage  uint32 = 20
	SysCrypObjGetAttr        uint32 = 21
	SysCrypObjAlloc          uint32 = 22
	SysCrypObjClose          uint32 = 23
	SysCrypObjReset          uint32 = 24
	SysCrypObjPopulate       uint32 = 25
	SysCrypObjCopy           uint32 = 26
	SysCrypObjGenerateKey    uint32 = 27
	SysCrypStateAlloc        uint32 = 28
	SysCrypStateFree         uint32 = 29
	SysCrypStateCopy         uint32 = 30
	SysCrypStateInfo         uint32 = 31
	SysCrypStateInfoMultiple uint32 = 32
	SysCrypStateReset        uint32 = 33
	SysCrypStateSetKey       uint32 = 34
	SysCrypIsAlgSupported    uint32 = 35
	SysHashUpdate            uint32 = 36
	SysHashFinal             uint32 = 37
	SysHashExtract           uint32 = 38
	SysCipherInit            uint32 = 39
	SysCipherUpdate          uint32 = 40
	SysCipherFinal           uint32 = 41
	SysMACInit               uint32 = 42
	SysMACUpdate             uint32 = 43
	SysMACFinalCompute       uint32 = 44
	SysMACFinalCompare       uint32 = 45
	SysAuthencInit           uint32 = 46
	SysAuthencUpdateAAD      uint32 = 47
	SysAuthencUpdatePayload  uint32 = 48
	SysAuthencEncFinal       uint32 = 49
	SysAuthencDecFinal       uint32 = 50
	SysAsymmOperate          uint32 = 51
	SysAsymmVerify           uint32 = 52
	SysDeriveKey             uint32 = 53

	// Persistent objects (GPD_SPE_010 §5.7–§5.9). Object handles share
	// the table of the transient objects; enumerators get handles of
	// their own kind in it.
	SysStorageObjOpen   uint32 = 54
	SysStorageObjCreate uint32 = 55
	SysStorageObjDel    uint32 = 56
	SysStorageObjRename uint32 = 57
	SysStorageAllocEnum uint32 = 58
	SysStorageFreeEnum  uint32 = 59
	SysStorageResetEnum uint32 = 60
	SysStorageStartEnum uint32 = 61
	SysStorageNextEnum  uint32 = 62
	SysStorageObjRead   uint32 = 63
	SysStorageObjWrite  uint32 = 64
	SysStorageObjTrunc  uint32 = 65
	SysStorageObjSeek   uint32 = 66
)

func sc(nr uint32, name, doc string, args ...string) Syscall {
	s := Syscall{Nr: nr, Name: name, Doc: doc}
	for _, a := range args {
		t := I32
		if a[0] == '!' { // "!name" marks a 64-bit argument
			t, a = I64, a[1:]
		}
		s.Params = append(s.Params, t)
		s.ArgNames = append(s.ArgNames, a)
	}
	return s
}

// Syscalls is the system-call table, in number order.
var Syscalls = []Syscall{
	sc(SysLog, "log", "writes len bytes at buf to the TA log at trace level (TraceError..TraceFlow)", "level", "buf", "len"),
	func() Syscall {
		s := sc(SysPanic, "panic", "TEE_Panic: kills the instance; its sessions then get TARGET_DEAD", "code")
		s.NoReturn = true
		return s
	}(),
	sc(SysGetProperty, "get_property", "property number index of prop_set: name (NUL-terminated) into name/*name_len when name != 0, value into buf/*buf_len, type into *type; SHORT_BUFFER sets the needed length; ITEM_NOT_FOUND past the last", "prop_set", "index", "name", "name_len", "buf", "buf_len", "type"),
	sc(SysGetPropertyNameToIndex, "get_property_name_to_index", "looks a property up by name (name_len bytes, no NUL needed) and writes its index to *index", "prop_set", "name", "name_len", "index"),
	sc(SysGetTime, "get_time", "writes TEE_Time of category cat (TimeCat*) to *time", "cat", "time"),
	sc(SysWait, "wait", "TEE_Wait: sleeps timeout ms (0xFFFFFFFF = forever); CANCEL when cancelled and not masked", "timeout"),
	sc(SysGetCancellationFlag, "get_cancellation_flag", "writes 1 to *cancel when the current operation is cancelled and cancellation is unmasked, else 0", "cancel"),
	sc(SysMaskCancellation, "mask_cancellation", "masks cancellation; writes the previous mask state (1 = was masked) to *old_mask", "old_mask"),
	sc(SysUnmaskCancellation, "unmask_cancellation", "unmasks cancellation; writes the previous mask state to *old_mask", "old_mask"),
	sc(SysCrypRandomNumberGenerate, "cryp_random_number_generate", "fills len bytes at buf from the OS CSPRNG", "buf", "len"),
	sc(SysCheckAccessRights, "check_access_rights", "TEE_CheckMemoryAccessRights on [buf, buf+len) with MemoryAccess* flags", "flags", "buf", "len"),
	sc(SysOpenTASession, "open_ta_session", "TEE_OpenTASession: opens a session with the TA whose TEE_UUID is at uuid, passing types and the TEE_Param[4] at params (updated on return); writes the session handle to *sess and the return origin to *origin (origin may be 0); cancel_timeout in ms, 0xFFFFFFFF = none", "uuid", "cancel_timeout", "types", "params", "sess", "origin"),
	sc(SysInvokeTACommand, "invoke_ta_command", "TEE_InvokeTACommand on session handle sess: command cmd with types and the TEE_Param[4] at params (updated on return); writes the return origin to *origin (origin may be 0)", "sess", "cancel_timeout", "cmd", "types", "params", "origin"),
	sc(SysCloseTASession, "close_ta_session", "TEE_CloseTASession: closes session handle sess", "sess"),
	sc(SysBigIntOp, "bigint_op", "TEE_BigInt* arithmetic: operation op (BigOp*) on the TEE_BigInts op1, op2, n (0 = absent) with 32-bit operands arg, arg2; results into the TEE_BigInts dst, dst2, dst3 and the u32 at out (each 0 when unused); OVERFLOW when a result does not fit its destination, BAD_PARAMETERS for bad memory, a malformed TEE_BigInt or an operand GP makes the TA panic on", "op", "dst", "dst2", "dst3", "op1", "op2", "n", "arg", "arg2", "out"),
	sc(SysBigIntFromOctets, "bigint_from_octets", "TEE_BigIntConvertFromOctetString: dst = the big-endian magnitude at buf/len, negative when sign < 0; OVERFLOW when it does not fit", "dst", "buf", "len", "sign"),
	sc(SysBigIntToOctets, "bigint_to_octets", "TEE_BigIntConvertToOctetString: the big-endian magnitude of src into buf/*len (0 bytes for zero); SHORT_BUFFER sets *len to the length needed", "src", "buf", "len"),
	sc(SysSetTATime, "set_ta_time", "TEE_SetTAPersistentTime: sets the TA's persistent time to the TEE_Time at *time; BAD_PARAMETERS when its millis are ≥ 1000; STORAGE_NO_SPACE or OUT_OF_MEMORY when it cannot be stored", "time"),
	sc(SysCrypObjGetInfo, "cryp_obj_get_info", "TEE_GetObjectInfo1: writes the TEE_ObjectInfo of object obj (ObjectInfoSize bytes) to info", "obj", "info"),
	sc(SysCrypObjRestrictUsage, "cryp_obj_restrict_usage", "TEE_RestrictObjectUsage1: objectUsage &= usage", "obj", "usage"),
	sc(SysCrypObjGetAttr, "cryp_obj_get_attr", "TEE_GetObjectBufferAttribute / TEE_GetObjectValueAttribute: a buffer attribute into buf/*len, a value attribute as two u32 (a, b) into buf with *len = 8; ITEM_NOT_FOUND when absent, SHORT_BUFFER sets *len to the size needed; the instance panics on a secret attribute of a non-extractable object", "obj", "attr_id", "buf", "len"),
	sc(SysCrypObjAlloc, "cryp_obj_alloc", "TEE_AllocateTransientObject: writes the new object's handle to *obj; NOT_SUPPORTED for an unknown type or size, OUT_OF_MEMORY when the instance holds too many handles", "type", "max_size", "obj"),
	sc(SysCrypObjClose, "cryp_obj_close", "TEE_CloseObject / TEE_FreeTransientObject: frees the object, zeroing its key material; 0 is ignored", "obj"),
	sc(SysCrypObjReset, "cryp_obj_reset", "TEE_ResetTransientObject; 0 is ignored", "obj"),
	sc(SysCrypObjPopulate, "cryp_obj_populate", "TEE_PopulateTransientObject from count TEE_Attribute (AttributeSize bytes each) at attrs", "obj", "attrs", "count"),
	sc(SysCrypObjCopy, "cryp_obj_copy", "TEE_CopyObjectAttributes1: copies src's attributes into dst", "dst", "src"),
	sc(SysCrypObjGenerateKey, "cryp_obj_generate_key", "TEE_GenerateKey of key_size bits with count TEE_Attribute parameters at params", "obj", "key_size", "params", "count"),
	sc(SysCrypStateAlloc, "cryp_state_alloc", "TEE_AllocateOperation: writes the new operation's handle to *op; NOT_SUPPORTED for an algorithm, mode or size the core does not offer, OUT_OF_MEMORY when the instance holds too many handles", "alg", "mode", "max_key_size", "op"),
	sc(SysCrypStateFree, "cryp_state_free", "TEE_FreeOperation: frees op, zeroing its keys and state; 0 is ignored", "op"),
	sc(SysCrypStateCopy, "cryp_state_copy", "TEE_CopyOperation: dst becomes a copy of src, keys and state included", "dst", "src"),
	sc(SysCrypStateInfo, "cryp_state_info", "TEE_GetOperationInfo: writes the TEE_OperationInfo (OperationInfoSize bytes) to info", "op", "info"),
	sc(SysCrypStateInfoMultiple, "cryp_state_info_multiple", "TEE_GetOperationInfoMultiple: writes the TEE_OperationInfoMultiple into buf/*len; SHORT_BUFFER sets *len to the size needed", "op", "buf", "len"),
	sc(SysCrypStateReset, "cryp_state_reset", "TEE_ResetOperation", "op"),
	sc(SysCrypStateSetKey, "cryp_state_set_key", "TEE_SetOperationKey (nkeys = 1, key2 ignored) or TEE_SetOperationKey2 (nkeys = 2); a key of 0 clears the operation's key", "op", "nkeys", "key1", "key2"),
	sc(SysCrypIsAlgSupported, "cryp_is_alg_supported", "TEE_IsAlgorithmSupported: SUCCESS or NOT_SUPPORTED", "alg", "element"),
	sc(SysHashUpdate, "hash_update", "TEE_DigestUpdate", "op", "chunk", "len"),
	sc(SysHashFinal, "hash_final", "TEE_DigestDoFinal: the digest into hash/*hash_len; SHORT_BUFFER sets *hash_len", "op", "chunk", "len", "hash", "hash_len"),
	sc(SysHashExtract, "hash_extract", "TEE_DigestExtract: the next *hash_len bytes of the XOF output into hash", "op", "hash", "hash_len"),
	sc(SysCipherInit, "cipher_init", "TEE_CipherInit with the IV at iv/iv_len", "op", "iv", "iv_len"),
	sc(SysCipherUpdate, "cipher_update", "TEE_CipherUpdate: src/len in, dst/*dst_len out; SHORT_BUFFER sets *dst_len", "op", "src", "len", "dst", "dst_len"),
	sc(SysCipherFinal, "cipher_final", "TEE_CipherDoFinal: as cipher_update, then finishes the operation", "op", "src", "len", "dst", "dst_len"),
	sc(SysMACInit, "mac_init", "TEE_MACInit with the IV at iv/iv_len", "op", "iv", "iv_len"),
	sc(SysMACUpdate, "mac_update", "TEE_MACUpdate", "op", "chunk", "len"),
	sc(SysMACFinalCompute, "mac_final_compute", "TEE_MACComputeFinal: the MAC into mac/*mac_len; SHORT_BUFFER sets *mac_len", "op", "msg", "len", "mac", "mac_len"),
	sc(SysMACFinalCompare, "mac_final_compare", "TEE_MACCompareFinal: MAC_INVALID unless the MAC of the message equals mac/mac_len (compared in constant time)", "op", "msg", "len", "mac", "mac_len"),
	sc(SysAuthencInit, "authenc_init", "TEE_AEInit: nonce, tag length in bits, AAD and payload lengths in bytes (CCM needs them)", "op", "nonce", "nonce_len", "tag_len", "aad_len", "payload_len"),
	sc(SysAuthencUpdateAAD, "authenc_update_aad", "TEE_AEUpdateAAD", "op", "aad", "len"),
	sc(SysAuthencUpdatePayload, "authenc_update_payload", "TEE_AEUpdate: src/len in, dst/*dst_len out; SHORT_BUFFER sets *dst_len", "op", "src", "len", "dst", "dst_len"),
	sc(SysAuthencEncFinal, "authenc_enc_final", "TEE_AEEncryptFinal: the last payload into dst/*dst_len, the tag into tag/*tag_len; SHORT_BUFFER sets both lengths to the sizes needed", "op", "src", "len", "dst", "dst_len", "tag", "tag_len"),
	sc(SysAuthencDecFinal, "authenc_dec_final", "TEE_AEDecryptFinal: MAC_INVALID when the tag at tag/tag_len does not match, and then nothing is written to dst", "op", "src", "len", "dst", "dst_len", "tag", "tag_len"),
	sc(SysAsymmOperate, "asymm_operate", "TEE_AsymmetricEncrypt, TEE_AsymmetricDecrypt or TEE_AsymmetricSignDigest, by the operation's mode, with count TEE_Attribute parameters at params: src/len in, dst/*dst_len out; SHORT_BUFFER sets *dst_len", "op", "params", "count", "src", "len", "dst", "dst_len"),
	sc(SysAsymmVerify, "asymm_verify", "TEE_AsymmetricVerifyDigest with count TEE_Attribute parameters at params: SIGNATURE_INVALID unless sig/sig_len signs the digest", "op", "params", "count", "digest", "digest_len", "sig", "sig_len"),
	sc(SysDeriveKey, "derive_key", "TEE_DeriveKey with count TEE_Attribute parameters at params, into the transient object derived", "op", "params", "count", "derived"),
	sc(SysStorageObjOpen, "storage_obj_open", "TEE_OpenPersistentObject: the object id_len bytes at id in storage storage_id, opened with flags (TEE_DATA_FLAG_*); writes the handle to *obj; ITEM_NOT_FOUND, ACCESS_CONFLICT, CORRUPT_OBJECT (the object is then deleted), OUT_OF_MEMORY, STORAGE_NOT_AVAILABLE", "storage_id", "id", "id_len", "flags", "obj"),
	sc(SysStorageObjCreate, "storage_obj_create", "TEE_CreatePersistentObject: creates the object with the attributes of attr_obj (0: a pure data object) and the initial data data/len; writes the handle to *obj, or closes it at once when obj is 0; ACCESS_CONFLICT when it exists without TEE_DATA_FLAG_OVERWRITE, STORAGE_NO_SPACE, CORRUPT_OBJECT, OUT_OF_MEMORY, STORAGE_NOT_AVAILABLE", "storage_id", "id", "id_len", "flags", "attr_obj", "data", "len", "obj"),
	sc(SysStorageObjDel, "storage_obj_del", "TEE_CloseAndDeletePersistentObject1: deletes the object and closes obj; needs TEE_DATA_FLAG_ACCESS_WRITE_META", "obj"),
	sc(SysStorageObjRename, "storage_obj_rename", "TEE_RenamePersistentObject: renames obj to the id_len bytes at id; ACCESS_CONFLICT when that id exists; needs TEE_DATA_FLAG_ACCESS_WRITE_META", "obj", "id", "id_len"),
	sc(SysStorageAllocEnum, "storage_alloc_enum", "TEE_AllocatePersistentObjectEnumerator: writes the enumerator's handle to *enumerator", "enumerator"),
	sc(SysStorageFreeEnum, "storage_free_enum", "TEE_FreePersistentObjectEnumerator; 0 is ignored", "enumerator"),
	sc(SysStorageResetEnum, "storage_reset_enum", "TEE_ResetPersistentObjectEnumerator", "enumerator"),
	sc(SysStorageStartEnum, "storage_start_enum", "TEE_StartPersistentObjectEnumerator over storage storage_id; ITEM_NOT_FOUND when it holds no object of the TA's", "enumerator", "storage_id"),
	sc(SysStorageNextEnum, "storage_next_enum", "TEE_GetNextPersistentObject: the next object's TEE_ObjectInfo into info (ObjectInfoSize bytes; 0 = not wanted) and its id into id/*id_len; ITEM_NOT_FOUND at the end; SHORT_BUFFER sets *id_len", "enumerator", "info", "id", "id_len"),
	sc(SysStorageObjRead, "storage_obj_read", "TEE_ReadObjectData: up to len bytes from the data position into buf; writes the count read to *count", "obj", "buf", "len", "count"),
	sc(SysStorageObjWrite, "storage_obj_write", "TEE_WriteObjectData: len bytes at buf at the data position; STORAGE_NO_SPACE, OVERFLOW past TEE_DATA_MAX_POSITION", "obj", "buf", "len"),
	sc(SysStorageObjTrunc, "storage_obj_trunc", "TEE_TruncateObjectData to size bytes; STORAGE_NO_SPACE", "obj", "size"),
	sc(SysStorageObjSeek, "storage_obj_seek", "TEE_SeekObjectData: the signed 32-bit offset from whence (TEE_DATA_SEEK_*); OVERFLOW past TEE_DATA_MAX_POSITION", "obj", "offset", "whence"),
}

// SyscallByNr returns the table entry for nr.
func SyscallByNr(nr uint32) (Syscall, bool) {
	for _, s := range Syscalls {
		if s.Nr == nr {
			return s, true
		}
	}
	return Syscall{}, false
}

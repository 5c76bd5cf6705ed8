//go:build wasip1

package ta

import "unsafe"

// The Veritee system calls (abi.Syscalls, docs/ta-abi.md), imported from the
// host module "veritee". Pointers are passed as unsafe.Pointer or *uint32,
// which the Go compiler lowers to wasm i32 addresses; every call returns a
// TEE_Result except panic. A test checks these declarations against
// abi.Syscalls by parsing this file.

//go:wasmimport veritee log
func sysLog(level uint32, buf unsafe.Pointer, len uint32) uint32

//go:wasmimport veritee panic
func sysPanic(code uint32)

//go:wasmimport veritee get_property
func sysGetProperty(propSet, index uint32, name unsafe.Pointer, nameLen *uint32, buf unsafe.Pointer, bufLen *uint32, typ *uint32) uint32

//go:wasmimport veritee get_property_name_to_index
func sysGetPropertyNameToIndex(propSet uint32, name unsafe.Pointer, nameLen uint32, index *uint32) uint32

//go:wasmimport veritee get_time
func sysGetTime(cat uint32, time unsafe.Pointer) uint32

//go:wasmimport veritee set_ta_time
func sysSetTATime(time unsafe.Pointer) uint32

//go:wasmimport veritee wait
func sysWait(timeout uint32) uint32

//go:wasmimport veritee get_cancellation_flag
func sysGetCancellationFlag(cancel *uint32) uint32

//go:wasmimport veritee mask_cancellation
func sysMaskCancellation(oldMask *uint32) uint32

//go:wasmimport veritee unmask_cancellation
func sysUnmaskCancellation(oldMask *uint32) uint32

//go:wasmimport veritee cryp_random_number_generate
func sysCrypRandomNumberGenerate(buf unsafe.Pointer, len uint32) uint32

//go:wasmimport veritee check_access_rights
func sysCheckAccessRights(flags uint32, buf unsafe.Pointer, len uint32) uint32

//go:wasmimport veritee open_ta_session
func sysOpenTASession(uuid unsafe.Pointer, cancelTimeout, types uint32, params unsafe.Pointer, sess *uint32, origin *uint32) uint32

//go:wasmimport veritee invoke_ta_command
func sysInvokeTACommand(sess, cancelTimeout, cmd, types uint32, params unsafe.Pointer, origin *uint32) uint32

//go:wasmimport veritee close_ta_session
func sysCloseTASession(sess uint32) uint32

//go:wasmimport veritee bigint_op
func sysBigIntOp(op uint32, dst, dst2, dst3, op1, op2, n unsafe.Pointer, arg, arg2 uint32, out *uint32) uint32

//go:wasmimport veritee bigint_from_octets
func sysBigIntFromOctets(dst, buf unsafe.Pointer, len uint32, sign int32) uint32

//go:wasmimport veritee bigint_to_octets
func sysBigIntToOctets(src, buf unsafe.Pointer, len *uint32) uint32

// Cryptographic objects and operations (crypto_wasip1.go). Lengths are u32
// in TA memory: an output's length pointer holds its capacity on entry and
// the length written (or needed) on return.

//go:wasmimport veritee cryp_obj_get_info
func sysCrypObjGetInfo(obj uint32, info unsafe.Pointer) uint32

//go:wasmimport veritee cryp_obj_restrict_usage
func sysCrypObjRestrictUsage(obj, usage uint32) uint32

//go:wasmimport veritee cryp_obj_get_attr
func sysCrypObjGetAttr(obj, attrID uint32, buf unsafe.Pointer, len *uint32) uint32

//go:wasmimport veritee cryp_obj_alloc
func sysCrypObjAlloc(typ, maxSize uint32, obj *uint32) uint32

//go:wasmimport veritee cryp_obj_close
func sysCrypObjClose(obj uint32) uint32

//go:wasmimport veritee cryp_obj_reset
func sysCrypObjReset(obj uint32) uint32

//go:wasmimport veritee cryp_obj_populate
func sysCrypObjPopulate(obj uint32, attrs unsafe.Pointer, count uint32) uint32

//go:wasmimport veritee cryp_obj_copy
func sysCrypObjCopy(dst, src uint32) uint32

//go:wasmimport veritee cryp_obj_generate_key
func sysCrypObjGenerateKey(obj, keySize uint32, params unsafe.Pointer, count uint32) uint32

//go:wasmimport veritee cryp_state_alloc
func sysCrypStateAlloc(alg, mode, maxKeySize uint32, op *uint32) uint32

//go:wasmimport veritee cryp_state_free
func sysCrypStateFree(op uint32) uint32

//go:wasmimport veritee cryp_state_copy
func sysCrypStateCopy(dst, src uint32) uint32

//go:wasmimport veritee cryp_state_info
func sysCrypStateInfo(op uint32, info unsafe.Pointer) uint32

//go:wasmimport veritee cryp_state_info_multiple
func sysCrypStateInfoMultiple(op uint32, buf unsafe.Pointer, len *uint32) uint32

//go:wasmimport veritee cryp_state_reset
func sysCrypStateReset(op uint32) uint32

//go:wasmimport veritee cryp_state_set_key
func sysCrypStateSetKey(op, nkeys, key1, key2 uint32) uint32

//go:wasmimport veritee cryp_is_alg_supported
func sysCrypIsAlgSupported(alg, element uint32) uint32

//go:wasmimport veritee hash_update
func sysHashUpdate(op uint32, chunk unsafe.Pointer, len uint32) uint32

//go:wasmimport veritee hash_final
func sysHashFinal(op uint32, chunk unsafe.Pointer, len uint32, hash unsafe.Pointer, hashLen *uint32) uint32

//go:wasmimport veritee hash_extract
func sysHashExtract(op uint32, hash unsafe.Pointer, hashLen *uint32) uint32

//go:wasmimport veritee cipher_init
func sysCipherInit(op uint32, iv unsafe.Pointer, ivLen uint32) uint32

//go:wasmimport veritee cipher_update
func sysCipherUpdate(op uint32, src unsafe.Pointer, len uint32, dst unsafe.Pointer, dstLen *uint32) uint32

//go:wasmimport veritee cipher_final
func sysCipherFinal(op uint32, src unsafe.Pointer, len uint32, dst unsafe.Pointer, dstLen *uint32) uint32

//go:wasmimport veritee mac_init
func sysMACInit(op uint32, iv unsafe.Pointer, ivLen uint32) uint32

//go:wasmimport veritee mac_update
func sysMACUpdate(op uint32, chunk unsafe.Pointer, len uint32) uint32

//go:wasmimport veritee mac_final_compute
func sysMACFinalCompute(op uint32, msg unsafe.Pointer, len uint32, mac unsafe.Pointer, macLen *uint32) uint32

//go:wasmimport veritee mac_final_compare
func sysMACFinalCompare(op uint32, msg unsafe.Pointer, len uint32, mac unsafe.Pointer, macLen uint32) uint32

//go:wasmimport veritee authenc_init
func sysAuthencInit(op uint32, nonce unsafe.Pointer, nonceLen, tagLen, aadLen, payloadLen uint32) uint32

//go:wasmimport veritee authenc_update_aad
func sysAuthencUpdateAAD(op uint32, aad unsafe.Pointer, len uint32) uint32

//go:wasmimport veritee authenc_update_payload
func sysAuthencUpdatePayload(op uint32, src unsafe.Pointer, len uint32, dst unsafe.Pointer, dstLen *uint32) uint32

//go:wasmimport veritee authenc_enc_final
func sysAuthencEncFinal(op uint32, src unsafe.Pointer, len uint32, dst unsafe.Pointer, dstLen *uint32, tag unsafe.Pointer, tagLen *uint32) uint32

//go:wasmimport veritee authenc_dec_final
func sysAuthencDecFinal(op uint32, src unsafe.Pointer, len uint32, dst unsafe.Pointer, dstLen *uint32, tag unsafe.Pointer, tagLen uint32) uint32

//go:wasmimport veritee asymm_operate
func sysAsymmOperate(op uint32, params unsafe.Pointer, count uint32, src unsafe.Pointer, len uint32, dst unsafe.Pointer, dstLen *uint32) uint32

//go:wasmimport veritee asymm_verify
func sysAsymmVerify(op uint32, params unsafe.Pointer, count uint32, digest unsafe.Pointer, digestLen uint32, sig unsafe.Pointer, sigLen uint32) uint32

//go:wasmimport veritee derive_key
func sysDeriveKey(op uint32, params unsafe.Pointer, count uint32, derived uint32) uint32

// Persistent objects, enumerators and data streams (storage_wasip1.go).
// A handle pointer may be nil where the ABI says 0 means "not wanted".

//go:wasmimport veritee storage_obj_open
func sysStorageObjOpen(storageID uint32, id unsafe.Pointer, idLen, flags uint32, obj *uint32) uint32

//go:wasmimport veritee storage_obj_create
func sysStorageObjCreate(storageID uint32, id unsafe.Pointer, idLen, flags, attrObj uint32, data unsafe.Pointer, len uint32, obj *uint32) uint32

//go:wasmimport veritee storage_obj_del
func sysStorageObjDel(obj uint32) uint32

//go:wasmimport veritee storage_obj_rename
func sysStorageObjRename(obj uint32, id unsafe.Pointer, idLen uint32) uint32

//go:wasmimport veritee storage_alloc_enum
func sysStorageAllocEnum(enum *uint32) uint32

//go:wasmimport veritee storage_free_enum
func sysStorageFreeEnum(enum uint32) uint32

//go:wasmimport veritee storage_reset_enum
func sysStorageResetEnum(enum uint32) uint32

//go:wasmimport veritee storage_start_enum
func sysStorageStartEnum(enum, storageID uint32) uint32

//go:wasmimport veritee storage_next_enum
func sysStorageNextEnum(enum uint32, info unsafe.Pointer, id unsafe.Pointer, idLen *uint32) uint32

//go:wasmimport veritee storage_obj_read
func sysStorageObjRead(obj uint32, buf unsafe.Pointer, len uint32, count *uint32) uint32

//go:wasmimport veritee storage_obj_write
func sysStorageObjWrite(obj uint32, buf unsafe.Pointer, len uint32) uint32

//go:wasmimport veritee storage_obj_trunc
func sysStorageObjTrunc(obj, size uint32) uint32

//go:wasmimport veritee storage_obj_seek
func sysStorageObjSeek(obj uint32, offset int32, whence uint32) uint32

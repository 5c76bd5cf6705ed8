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

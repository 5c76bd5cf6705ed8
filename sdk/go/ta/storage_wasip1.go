//go:build wasip1

package ta

import (
	"runtime"
	"unsafe"

	"github.com/veritee/veritee/internal/abi"
)

// The secure storage system calls of wasmCore. Buffers are passed in
// place, and the handle and length results go through the globals of
// crypto_wasip1.go (cryptHandle, cryptLen), for the same reasons.

func (wasmCore) storageObjOpen(storageID uint32, id []byte, flags uint32) (uint32, Result) {
	cryptHandle = 0
	r := Result(sysStorageObjOpen(storageID, ptr(id), uint32(len(id)), flags, &cryptHandle))
	runtime.KeepAlive(id)
	return cryptHandle, r
}

func (wasmCore) storageObjCreate(storageID uint32, id []byte, flags, attrs uint32, data []byte, wantHandle bool) (uint32, Result) {
	cryptHandle = 0
	var obj *uint32
	if wantHandle {
		obj = &cryptHandle
	}
	r := Result(sysStorageObjCreate(storageID, ptr(id), uint32(len(id)), flags, attrs, ptr(data), uint32(len(data)), obj))
	runtime.KeepAlive(id)
	runtime.KeepAlive(data)
	return cryptHandle, r
}

func (wasmCore) storageObjDel(obj uint32) Result { return Result(sysStorageObjDel(obj)) }

func (wasmCore) storageObjRename(obj uint32, newID []byte) Result {
	r := Result(sysStorageObjRename(obj, ptr(newID), uint32(len(newID))))
	runtime.KeepAlive(newID)
	return r
}

func (wasmCore) storageAllocEnum() (uint32, Result) {
	cryptHandle = 0
	r := Result(sysStorageAllocEnum(&cryptHandle))
	return cryptHandle, r
}

func (wasmCore) storageFreeEnum(enum uint32) Result { return Result(sysStorageFreeEnum(enum)) }

func (wasmCore) storageResetEnum(enum uint32) Result { return Result(sysStorageResetEnum(enum)) }

func (wasmCore) storageStartEnum(enum, storageID uint32) Result {
	return Result(sysStorageStartEnum(enum, storageID))
}

func (wasmCore) storageNextEnum(enum uint32, id []byte) (ObjectInfo, int, Result) {
	var b [abi.ObjectInfoSize]byte
	cryptLen = uint32(len(id))
	r := Result(sysStorageNextEnum(enum, unsafe.Pointer(&b), ptr(id), &cryptLen))
	runtime.KeepAlive(id)
	u := u32s(b[:], 7)
	return ObjectInfo{ObjectType: u[0], ObjectSize: u[1], MaxObjectSize: u[2], ObjectUsage: u[3],
		DataSize: u[4], DataPosition: u[5], HandleFlags: u[6]}, int(cryptLen), r
}

func (wasmCore) storageObjRead(obj uint32, buf []byte) (int, Result) {
	cryptLen = 0
	r := Result(sysStorageObjRead(obj, ptr(buf), uint32(len(buf)), &cryptLen))
	runtime.KeepAlive(buf)
	return int(cryptLen), r
}

func (wasmCore) storageObjWrite(obj uint32, buf []byte) Result {
	r := Result(sysStorageObjWrite(obj, ptr(buf), uint32(len(buf))))
	runtime.KeepAlive(buf)
	return r
}

func (wasmCore) storageObjTrunc(obj, size uint32) Result {
	return Result(sysStorageObjTrunc(obj, size))
}

func (wasmCore) storageObjSeek(obj uint32, offset int32, whence uint32) Result {
	return Result(sysStorageObjSeek(obj, offset, whence))
}

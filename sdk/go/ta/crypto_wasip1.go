//go:build wasip1

package ta

import (
	"encoding/binary"
	"runtime"
	"unsafe"

	"github.com/veritee/veritee/internal/abi"
)

// The cryptographic system calls of wasmCore. Buffers are passed in place:
// Go's collector does not move objects, and every call is synchronous.

// cryptLen and cryptLen2 are the u32 lengths the core reads and writes
// back, and cryptHandle the handle it returns: globals, so that a call
// allocates nothing for them (a TA instance runs one call at a time, and
// nothing between setting and reading them can switch goroutines).
var cryptLen, cryptLen2, cryptHandle uint32

// attrArray lays attrs out as the TEE_Attribute array the core reads
// (abi.AttributeSize bytes each), buffer attributes pointing at the Go
// buffers themselves; the caller keeps attrs alive over the call.
func attrArray(attrs []Attribute) (unsafe.Pointer, uint32) {
	if len(attrs) == 0 {
		return nil, 0
	}
	raw := make([]byte, len(attrs)*abi.AttributeSize)
	for i, a := range attrs {
		f := raw[i*abi.AttributeSize:]
		binary.LittleEndian.PutUint32(f, a.ID)
		if a.ID&AttrFlagValue != 0 {
			binary.LittleEndian.PutUint32(f[4:], a.A)
			binary.LittleEndian.PutUint32(f[8:], a.B)
			continue
		}
		binary.LittleEndian.PutUint32(f[4:], uint32(uintptr(ptr(a.Ref))))
		binary.LittleEndian.PutUint32(f[8:], uint32(len(a.Ref)))
	}
	return ptr(raw), uint32(len(attrs))
}

func u32s(b []byte, n int) []uint32 {
	out := make([]uint32, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return out
}

func (wasmCore) objGetInfo(obj uint32) (ObjectInfo, Result) {
	var b [abi.ObjectInfoSize]byte
	r := Result(sysCrypObjGetInfo(obj, unsafe.Pointer(&b)))
	u := u32s(b[:], 7)
	return ObjectInfo{ObjectType: u[0], ObjectSize: u[1], MaxObjectSize: u[2], ObjectUsage: u[3],
		DataSize: u[4], DataPosition: u[5], HandleFlags: u[6]}, r
}

func (wasmCore) objRestrictUsage(obj, usage uint32) Result {
	return Result(sysCrypObjRestrictUsage(obj, usage))
}

func (wasmCore) objGetAttr(obj, id uint32, buf []byte) (int, Result) {
	cryptLen = uint32(len(buf))
	r := Result(sysCrypObjGetAttr(obj, id, ptr(buf), &cryptLen))
	runtime.KeepAlive(buf)
	return int(cryptLen), r
}

func (wasmCore) objAlloc(typ, maxSize uint32) (uint32, Result) {
	cryptHandle = 0
	r := Result(sysCrypObjAlloc(typ, maxSize, &cryptHandle))
	return cryptHandle, r
}

func (wasmCore) objClose(obj uint32) Result { return Result(sysCrypObjClose(obj)) }

func (wasmCore) objReset(obj uint32) Result { return Result(sysCrypObjReset(obj)) }

func (wasmCore) objPopulate(obj uint32, attrs []Attribute) Result {
	p, n := attrArray(attrs)
	r := Result(sysCrypObjPopulate(obj, p, n))
	runtime.KeepAlive(attrs)
	return r
}

func (wasmCore) objCopy(dst, src uint32) Result { return Result(sysCrypObjCopy(dst, src)) }

func (wasmCore) objGenerateKey(obj, keySize uint32, params []Attribute) Result {
	p, n := attrArray(params)
	r := Result(sysCrypObjGenerateKey(obj, keySize, p, n))
	runtime.KeepAlive(params)
	return r
}

func (wasmCore) stateAlloc(alg, mode, maxKeySize uint32) (uint32, Result) {
	cryptHandle = 0
	r := Result(sysCrypStateAlloc(alg, mode, maxKeySize, &cryptHandle))
	return cryptHandle, r
}

func (wasmCore) stateFree(op uint32) Result { return Result(sysCrypStateFree(op)) }

func (wasmCore) stateCopy(dst, src uint32) Result { return Result(sysCrypStateCopy(dst, src)) }

func (wasmCore) stateInfo(op uint32) (OperationInfo, Result) {
	var b [abi.OperationInfoSize]byte
	r := Result(sysCrypStateInfo(op, unsafe.Pointer(&b)))
	u := u32s(b[:], 8)
	return OperationInfo{Algorithm: u[0], OperationClass: u[1], Mode: u[2], DigestLength: u[3],
		MaxKeySize: u[4], KeySize: u[5], RequiredKeyUsage: u[6], HandleState: u[7]}, r
}

func (wasmCore) stateInfoMultiple(op uint32, buf []byte) (int, Result) {
	cryptLen = uint32(len(buf))
	r := Result(sysCrypStateInfoMultiple(op, ptr(buf), &cryptLen))
	runtime.KeepAlive(buf)
	return int(cryptLen), r
}

func (wasmCore) stateReset(op uint32) Result { return Result(sysCrypStateReset(op)) }

func (wasmCore) stateSetKey(op, nkeys, key1, key2 uint32) Result {
	return Result(sysCrypStateSetKey(op, nkeys, key1, key2))
}

func (wasmCore) isAlgSupported(alg, element uint32) Result {
	return Result(sysCrypIsAlgSupported(alg, element))
}

func (wasmCore) hashUpdate(op uint32, chunk []byte) Result {
	r := Result(sysHashUpdate(op, ptr(chunk), uint32(len(chunk))))
	runtime.KeepAlive(chunk)
	return r
}

func (wasmCore) hashFinal(op uint32, chunk, hash []byte) (int, Result) {
	cryptLen = uint32(len(hash))
	r := Result(sysHashFinal(op, ptr(chunk), uint32(len(chunk)), ptr(hash), &cryptLen))
	runtime.KeepAlive(chunk)
	runtime.KeepAlive(hash)
	return int(cryptLen), r
}

func (wasmCore) hashExtract(op uint32, hash []byte) (int, Result) {
	cryptLen = uint32(len(hash))
	r := Result(sysHashExtract(op, ptr(hash), &cryptLen))
	runtime.KeepAlive(hash)
	return int(cryptLen), r
}

func (wasmCore) cipherInit(op uint32, iv []byte) Result {
	r := Result(sysCipherInit(op, ptr(iv), uint32(len(iv))))
	runtime.KeepAlive(iv)
	return r
}

func (wasmCore) cipherUpdate(op uint32, src, dst []byte) (int, Result) {
	cryptLen = uint32(len(dst))
	r := Result(sysCipherUpdate(op, ptr(src), uint32(len(src)), ptr(dst), &cryptLen))
	runtime.KeepAlive(src)
	runtime.KeepAlive(dst)
	return int(cryptLen), r
}

func (wasmCore) cipherFinal(op uint32, src, dst []byte) (int, Result) {
	cryptLen = uint32(len(dst))
	r := Result(sysCipherFinal(op, ptr(src), uint32(len(src)), ptr(dst), &cryptLen))
	runtime.KeepAlive(src)
	runtime.KeepAlive(dst)
	return int(cryptLen), r
}

func (wasmCore) macInit(op uint32, iv []byte) Result {
	r := Result(sysMACInit(op, ptr(iv), uint32(len(iv))))
	runtime.KeepAlive(iv)
	return r
}

func (wasmCore) macUpdate(op uint32, chunk []byte) Result {
	r := Result(sysMACUpdate(op, ptr(chunk), uint32(len(chunk))))
	runtime.KeepAlive(chunk)
	return r
}

func (wasmCore) macFinalCompute(op uint32, msg, mac []byte) (int, Result) {
	cryptLen = uint32(len(mac))
	r := Result(sysMACFinalCompute(op, ptr(msg), uint32(len(msg)), ptr(mac), &cryptLen))
	runtime.KeepAlive(msg)
	runtime.KeepAlive(mac)
	return int(cryptLen), r
}

func (wasmCore) macFinalCompare(op uint32, msg, mac []byte) Result {
	r := Result(sysMACFinalCompare(op, ptr(msg), uint32(len(msg)), ptr(mac), uint32(len(mac))))
	runtime.KeepAlive(msg)
	runtime.KeepAlive(mac)
	return r
}

func (wasmCore) authencInit(op uint32, nonce []byte, tagLen, aadLen, payloadLen uint32) Result {
	r := Result(sysAuthencInit(op, ptr(nonce), uint32(len(nonce)), tagLen, aadLen, payloadLen))
	runtime.KeepAlive(nonce)
	return r
}

func (wasmCore) authencUpdateAAD(op uint32, aad []byte) Result {
	r := Result(sysAuthencUpdateAAD(op, ptr(aad), uint32(len(aad))))
	runtime.KeepAlive(aad)
	return r
}

func (wasmCore) authencUpdatePayload(op uint32, src, dst []byte) (int, Result) {
	cryptLen = uint32(len(dst))
	r := Result(sysAuthencUpdatePayload(op, ptr(src), uint32(len(src)), ptr(dst), &cryptLen))
	runtime.KeepAlive(src)
	runtime.KeepAlive(dst)
	return int(cryptLen), r
}

func (wasmCore) authencEncFinal(op uint32, src, dst, tag []byte) (int, int, Result) {
	cryptLen, cryptLen2 = uint32(len(dst)), uint32(len(tag))
	r := Result(sysAuthencEncFinal(op, ptr(src), uint32(len(src)), ptr(dst), &cryptLen, ptr(tag), &cryptLen2))
	runtime.KeepAlive(src)
	runtime.KeepAlive(dst)
	runtime.KeepAlive(tag)
	return int(cryptLen), int(cryptLen2), r
}

func (wasmCore) authencDecFinal(op uint32, src, dst, tag []byte) (int, Result) {
	cryptLen = uint32(len(dst))
	r := Result(sysAuthencDecFinal(op, ptr(src), uint32(len(src)), ptr(dst), &cryptLen, ptr(tag), uint32(len(tag))))
	runtime.KeepAlive(src)
	runtime.KeepAlive(dst)
	runtime.KeepAlive(tag)
	return int(cryptLen), r
}

func (wasmCore) asymmOperate(op uint32, params []Attribute, src, dst []byte) (int, Result) {
	p, n := attrArray(params)
	cryptLen = uint32(len(dst))
	r := Result(sysAsymmOperate(op, p, n, ptr(src), uint32(len(src)), ptr(dst), &cryptLen))
	runtime.KeepAlive(params)
	runtime.KeepAlive(src)
	runtime.KeepAlive(dst)
	return int(cryptLen), r
}

func (wasmCore) asymmVerify(op uint32, params []Attribute, digest, sig []byte) Result {
	p, n := attrArray(params)
	r := Result(sysAsymmVerify(op, p, n, ptr(digest), uint32(len(digest)), ptr(sig), uint32(len(sig))))
	runtime.KeepAlive(params)
	runtime.KeepAlive(digest)
	runtime.KeepAlive(sig)
	return r
}

func (wasmCore) deriveKey(op uint32, params []Attribute, derived uint32) Result {
	p, n := attrArray(params)
	r := Result(sysDeriveKey(op, p, n, derived))
	runtime.KeepAlive(params)
	return r
}

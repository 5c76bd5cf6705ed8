//go:build !wasip1

package ta

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"unsafe"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto"
)

// The FakeCore side of the cryptographic system calls: the core's engine
// (internal/gpcrypto) behind a handle table, with the core's rules, so a
// TA unit-tested on the host sees what it sees in Veritee. Where the core
// kills the instance (an unknown handle, a misuse GP says panics) the
// FakeCore does too, with the same code: ErrBadParameters for a bad handle
// or attribute count, ErrBadState for a panic of the engine. Callees
// (FakeCore.Callees) share the table, where in the core each instance has
// its own.

// fakeMaxHandles bounds the objects and operations, as the core's
// per-instance limit does.
const fakeMaxHandles = 4096

// fakeCrypto is the FakeCore's handle table. Numbers are never reused, so
// a stale handle is an unknown one.
type fakeCrypto struct {
	mu   sync.Mutex
	next uint32
	m    map[uint32]any
}

func (f *fakeCrypto) add(v any) (uint32, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.m) >= fakeMaxHandles || f.next == ^uint32(0) {
		return 0, false
	}
	if f.m == nil {
		f.m = make(map[uint32]any)
	}
	f.next++
	f.m[f.next] = v
	return f.next, true
}

func (f *fakeCrypto) get(h uint32) any {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.m[h]
}

func (f *fakeCrypto) remove(h uint32) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.m, h)
}

// killTA ends the instance as the core does for a misuse: the reason to
// the log, then TEE_Panic(code).
func (c *FakeCore) killTA(code Result, format string, args ...any) {
	c.log(TraceError, "core: "+fmt.Sprintf(format, args...))
	c.panic(code)
}

func (c *FakeCore) object(fn string, h uint32) *gpcrypto.Object {
	if o, ok := c.crypto.get(h).(*gpcrypto.Object); ok {
		return o
	}
	c.killTA(ErrBadParameters, "%s: 0x%x is not an object handle", fn, h)
	return nil
}

func (c *FakeCore) optObject(fn string, h uint32) *gpcrypto.Object {
	if h == 0 {
		return nil
	}
	return c.object(fn, h)
}

func (c *FakeCore) operation(fn string, h uint32) *gpcrypto.Operation {
	if op, ok := c.crypto.get(h).(*gpcrypto.Operation); ok {
		return op
	}
	c.killTA(ErrBadParameters, "%s: 0x%x is not an operation handle", fn, h)
	return nil
}

// attrs converts the SDK's attributes as the core decodes a TEE_Attribute
// array: at most abi.MaxAttributes, or the TA dies.
func (c *FakeCore) attrs(fn string, in []Attribute) []gpcrypto.Attribute {
	if len(in) > abi.MaxAttributes {
		c.killTA(ErrBadParameters, "%s: %d attributes, at most %d", fn, len(in), abi.MaxAttributes)
	}
	if len(in) == 0 {
		return nil
	}
	out := make([]gpcrypto.Attribute, len(in))
	for i, a := range in {
		if gpcrypto.IsValueAttr(a.ID) {
			out[i] = gpcrypto.ValueAttr(a.ID, a.A, a.B)
		} else {
			out[i] = gpcrypto.RefAttribute(a.ID, a.Ref)
		}
	}
	return out
}

// result turns an engine error into the call's result: a *gpcrypto.Panic
// kills the TA with ErrBadState, anything else is its GP code.
func (c *FakeCore) result(err error) Result {
	var p *gpcrypto.Panic
	if errors.As(err, &p) {
		c.killTA(ErrBadState, "%s", p.Error())
	}
	return Result(gpcrypto.ResultOf(err))
}

// sized is result for a call with an output: n is the bytes written, or
// with SHORT_BUFFER the bytes needed.
func (c *FakeCore) sized(n int, err error) (int, Result) {
	r := c.result(err)
	if need, ok := gpcrypto.NeededSize(err); ok {
		n = need
	}
	return n, r
}

// source returns src, or a copy when it overlaps an output, as the core
// does: Go's ciphers refuse inexact overlaps.
func source(src []byte, outs ...[]byte) []byte {
	for _, o := range outs {
		if overlap(src, o) {
			return append([]byte(nil), src...)
		}
	}
	return src
}

func overlap(a, b []byte) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	pa, pb := uintptr(unsafe.Pointer(unsafe.SliceData(a))), uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	return pa < pb+uintptr(len(b)) && pb < pa+uintptr(len(a))
}

func (c *FakeCore) objGetInfo(obj uint32) (ObjectInfo, Result) {
	i := c.object("TEE_GetObjectInfo1", obj).Info()
	return ObjectInfo{ObjectType: i.ObjectType, ObjectSize: i.ObjectSize, MaxObjectSize: i.MaxObjectSize,
		ObjectUsage: i.ObjectUsage, DataSize: i.DataSize, DataPosition: i.DataPosition, HandleFlags: i.HandleFlags}, Success
}

func (c *FakeCore) objRestrictUsage(obj, usage uint32) Result {
	c.object("TEE_RestrictObjectUsage1", obj).RestrictUsage(usage)
	return Success
}

func (c *FakeCore) objGetAttr(obj, id uint32, buf []byte) (int, Result) {
	o := c.object("TEE_GetObjectAttribute", obj)
	if !gpcrypto.IsValueAttr(id) {
		return c.sized(o.BufferAttribute(id, buf))
	}
	a, b, err := o.ValueAttribute(id)
	if r := c.result(err); r != Success {
		return 0, r
	}
	if len(buf) < 8 {
		return 8, ErrShortBuffer
	}
	binary.LittleEndian.PutUint32(buf, a)
	binary.LittleEndian.PutUint32(buf[4:], b)
	return 8, Success
}

func (c *FakeCore) objAlloc(typ, maxSize uint32) (uint32, Result) {
	o, err := gpcrypto.NewObject(typ, maxSize)
	if r := c.result(err); r != Success {
		return 0, r
	}
	h, ok := c.crypto.add(o)
	if !ok {
		return 0, ErrOutOfMemory
	}
	return h, Success
}

func (c *FakeCore) objClose(obj uint32) Result {
	if obj == 0 {
		return Success
	}
	c.object("TEE_CloseObject", obj).Zero()
	c.crypto.remove(obj)
	return Success
}

func (c *FakeCore) objReset(obj uint32) Result {
	if obj != 0 {
		c.object("TEE_ResetTransientObject", obj).Reset()
	}
	return Success
}

func (c *FakeCore) objPopulate(obj uint32, attrs []Attribute) Result {
	const fn = "TEE_PopulateTransientObject"
	return c.result(c.object(fn, obj).Populate(c.attrs(fn, attrs)))
}

func (c *FakeCore) objCopy(dst, src uint32) Result {
	const fn = "TEE_CopyObjectAttributes1"
	return c.result(c.object(fn, dst).CopyAttributesFrom(c.object(fn, src)))
}

func (c *FakeCore) objGenerateKey(obj, keySize uint32, params []Attribute) Result {
	const fn = "TEE_GenerateKey"
	return c.result(c.object(fn, obj).Generate(keySize, c.attrs(fn, params), c.Rand))
}

func (c *FakeCore) stateAlloc(alg, mode, maxKeySize uint32) (uint32, Result) {
	op, err := gpcrypto.NewOperation(alg, mode, maxKeySize)
	if r := c.result(err); r != Success {
		return 0, r
	}
	h, ok := c.crypto.add(op)
	if !ok {
		op.Free()
		return 0, ErrOutOfMemory
	}
	return h, Success
}

func (c *FakeCore) stateFree(op uint32) Result {
	if op == 0 {
		return Success
	}
	c.operation("TEE_FreeOperation", op).Free()
	c.crypto.remove(op)
	return Success
}

func (c *FakeCore) stateCopy(dst, src uint32) Result {
	const fn = "TEE_CopyOperation"
	d := c.operation(fn, dst)
	return c.result(c.operation(fn, src).CopyTo(d))
}

func (c *FakeCore) stateInfo(op uint32) (OperationInfo, Result) {
	i := c.operation("TEE_GetOperationInfo", op).Info()
	return OperationInfo{Algorithm: i.Algorithm, OperationClass: i.OperationClass, Mode: i.Mode,
		DigestLength: i.DigestLength, MaxKeySize: i.MaxKeySize, KeySize: i.KeySize,
		RequiredKeyUsage: i.RequiredKeyUsage, HandleState: i.HandleState}, Success
}

// stateInfoMultiple writes the C layout; a buf without room for every key
// (or shorter than the header) is SHORT_BUFFER with the size needed, as in
// the core.
func (c *FakeCore) stateInfoMultiple(op uint32, buf []byte) (int, Result) {
	i := c.operation("TEE_GetOperationInfoMultiple", op).InfoMultiple()
	need := abi.OperationInfoMultipleHeaderSize + len(i.Keys)*abi.OperationInfoKeySize
	if len(buf) < need {
		return need, ErrShortBuffer
	}
	clear(buf)
	words := []uint32{i.Algorithm, i.OperationClass, i.Mode, i.DigestLength, i.MaxKeySize,
		i.HandleState, i.OperationState, uint32(len(i.Keys))}
	for _, k := range i.Keys {
		words = append(words, k.KeySize, k.RequiredKeyUsage)
	}
	for j, w := range words {
		binary.LittleEndian.PutUint32(buf[4*j:], w)
	}
	return need, Success
}

func (c *FakeCore) stateReset(op uint32) Result {
	return c.result(c.operation("TEE_ResetOperation", op).Reset())
}

func (c *FakeCore) stateSetKey(op, nkeys, key1, key2 uint32) Result {
	switch nkeys {
	case 1:
		const fn = "TEE_SetOperationKey"
		o := c.operation(fn, op)
		return c.result(o.SetKey(c.optObject(fn, key1)))
	case 2:
		const fn = "TEE_SetOperationKey2"
		o := c.operation(fn, op)
		return c.result(o.SetKey2(c.optObject(fn, key1), c.optObject(fn, key2)))
	}
	c.killTA(ErrBadParameters, "cryp_state_set_key: %d keys", nkeys)
	return ErrBadParameters
}

func (c *FakeCore) isAlgSupported(alg, element uint32) Result {
	if gpcrypto.IsAlgorithmSupported(alg, element) {
		return Success
	}
	return ErrNotSupported
}

func (c *FakeCore) hashUpdate(op uint32, chunk []byte) Result {
	return c.result(c.operation("TEE_DigestUpdate", op).DigestUpdate(chunk))
}

func (c *FakeCore) hashFinal(op uint32, chunk, hash []byte) (int, Result) {
	return c.sized(c.operation("TEE_DigestDoFinal", op).DigestDoFinal(source(chunk, hash), hash))
}

func (c *FakeCore) hashExtract(op uint32, hash []byte) (int, Result) {
	return c.sized(c.operation("TEE_DigestExtract", op).DigestExtract(hash))
}

func (c *FakeCore) cipherInit(op uint32, iv []byte) Result {
	return c.result(c.operation("TEE_CipherInit", op).CipherInit(iv))
}

func (c *FakeCore) cipherUpdate(op uint32, src, dst []byte) (int, Result) {
	return c.sized(c.operation("TEE_CipherUpdate", op).CipherUpdate(source(src, dst), dst))
}

func (c *FakeCore) cipherFinal(op uint32, src, dst []byte) (int, Result) {
	return c.sized(c.operation("TEE_CipherDoFinal", op).CipherDoFinal(source(src, dst), dst))
}

func (c *FakeCore) macInit(op uint32, iv []byte) Result {
	return c.result(c.operation("TEE_MACInit", op).MACInit(iv))
}

func (c *FakeCore) macUpdate(op uint32, chunk []byte) Result {
	return c.result(c.operation("TEE_MACUpdate", op).MACUpdate(chunk))
}

func (c *FakeCore) macFinalCompute(op uint32, msg, mac []byte) (int, Result) {
	return c.sized(c.operation("TEE_MACComputeFinal", op).MACComputeFinal(source(msg, mac), mac))
}

func (c *FakeCore) macFinalCompare(op uint32, msg, mac []byte) Result {
	return c.result(c.operation("TEE_MACCompareFinal", op).MACCompareFinal(msg, mac))
}

func (c *FakeCore) authencInit(op uint32, nonce []byte, tagLen, aadLen, payloadLen uint32) Result {
	return c.result(c.operation("TEE_AEInit", op).AEInit(nonce, tagLen, uint64(aadLen), uint64(payloadLen)))
}

func (c *FakeCore) authencUpdateAAD(op uint32, aad []byte) Result {
	return c.result(c.operation("TEE_AEUpdateAAD", op).AEUpdateAAD(aad))
}

func (c *FakeCore) authencUpdatePayload(op uint32, src, dst []byte) (int, Result) {
	return c.sized(c.operation("TEE_AEUpdate", op).AEUpdate(source(src, dst), dst))
}

// authencEncFinal reports both sizes needed with SHORT_BUFFER, as the core
// does.
func (c *FakeCore) authencEncFinal(op uint32, src, dst, tag []byte) (int, int, Result) {
	n, tagN, err := c.operation("TEE_AEEncryptFinal", op).AEEncryptFinal(source(src, dst, tag), dst, tag)
	return n, tagN, c.result(err)
}

func (c *FakeCore) authencDecFinal(op uint32, src, dst, tag []byte) (int, Result) {
	return c.sized(c.operation("TEE_AEDecryptFinal", op).AEDecryptFinal(source(src, dst), dst, source(tag, dst)))
}

// asymmOperate picks the GP function by the operation's mode, as the core
// does.
func (c *FakeCore) asymmOperate(op uint32, params []Attribute, src, dst []byte) (int, Result) {
	const fn = "asymm_operate"
	o := c.operation(fn, op)
	ps := c.attrs(fn, params)
	in := source(src, dst)
	switch o.Info().Mode {
	case abi.ModeEncrypt:
		return c.sized(o.AsymmetricEncrypt(ps, in, dst))
	case abi.ModeDecrypt:
		return c.sized(o.AsymmetricDecrypt(ps, in, dst))
	case abi.ModeSign:
		return c.sized(o.AsymmetricSignDigest(ps, in, dst))
	}
	c.killTA(ErrBadState, "%s: operation 0x%x is in mode %d, not encrypt, decrypt or sign", fn, op, o.Info().Mode)
	return 0, ErrBadState
}

func (c *FakeCore) asymmVerify(op uint32, params []Attribute, digest, sig []byte) Result {
	const fn = "TEE_AsymmetricVerifyDigest"
	o := c.operation(fn, op)
	return c.result(o.AsymmetricVerifyDigest(c.attrs(fn, params), digest, sig))
}

// deriveKey returns the engine's result; the SDK panics the TA on any
// error, as GP's TEE_DeriveKey returns nothing.
func (c *FakeCore) deriveKey(op uint32, params []Attribute, derived uint32) Result {
	const fn = "TEE_DeriveKey"
	o := c.operation(fn, op)
	ps := c.attrs(fn, params)
	return c.result(o.DeriveKey(ps, c.object(fn, derived)))
}

package main

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io"
	"log/slog"
	"testing"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/hostapi"
	"github.com/veritee/veritee/internal/testta"
)

// cryptoSyscalls serves the cryptographic and storage system calls of the
// miniCore with the core's own handlers, over one per-instance State (the
// handle table, which persistent objects share with transient ones), so
// the SDK's wasip1 half meets the real argument checks. The storage is
// the engine over memory (storage_core_test.go).
func cryptoSyscalls(t *testing.T, m map[string]api.GoModuleFunc) {
	st := &hostapi.State{Rand: rand.Reader, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		UUID: miniCoreUUID, Storage: memStorage(t)}
	for nr := abi.SysCrypObjGetInfo; nr <= abi.SysStorageObjSeek; nr++ {
		s, ok := abi.SyscallByNr(nr)
		if !ok {
			continue
		}
		m[s.Name] = func(ctx context.Context, mod api.Module, stack []uint64) {
			hostapi.Dispatch(hostapi.WithState(ctx, st), mod, nr, stack)
		}
	}
}

// crypt runs one crypto command and fails the test on a trap.
func (c *miniCore) crypt(t *testing.T, sess, cmd uint32, args [4]arg) (abi.Result, [4]arg) {
	t.Helper()
	r, out, err := c.invoke(sess, cmd, args)
	if err != nil {
		t.Fatalf("command %d: %v", cmd, err)
	}
	return r, out
}

func in(v uint32) arg              { return val(abi.ParamValueInput, v, 0) }
func in2(a, b uint32) arg          { return val(abi.ParamValueInput, a, b) }
func memIn(d []byte) arg           { return ref(abi.ParamMemrefInput, d) }
func memOut(n int) arg             { return ref(abi.ParamMemrefOutput, make([]byte, n)) }
func nullOut(size uint32) arg      { return arg{typ: abi.ParamMemrefOutput, null: true, size: size} }
func valOut() arg                  { return val(abi.ParamValueOutput, 0, 0) }
func attrsIn(a ...testta.Attr) arg { return memIn(testta.EncodeAttrs(a)) }

// TestWasmCrypto drives the crypto commands of the wasm TA through the
// core's handlers: AES-CBC and SHA-256 round trips against Go's own, the
// SHORT_BUFFER sizes, object attributes and infos, and the commands' type
// checks.
func TestWasmCrypto(t *testing.T) {
	t.Parallel()
	c := newMiniCore(t)
	sess, r, _ := c.open([4]arg{none, none, none, none})
	if r != abi.Success {
		t.Fatal(r)
	}
	key := bytes.Repeat([]byte{0x2b}, 16)
	iv := bytes.Repeat([]byte{0x01}, 16)
	msg := bytes.Repeat([]byte("0123456789abcdef"), 4)

	r, out := c.crypt(t, sess, testta.CmdCrypAllocTransientObject, [4]arg{in2(abi.TypeAES, 128), valOut(), none, none})
	obj := out[1].a
	if r != abi.Success || obj == 0 {
		t.Fatalf("AllocateTransientObject: %v, handle %d", r, obj)
	}
	if r, _ := c.crypt(t, sess, testta.CmdCrypPopulateTransientObject, [4]arg{in(obj), attrsIn(testta.Attr{ID: abi.AttrSecretValue, Ref: key}), none, none}); r != abi.Success {
		t.Fatalf("Populate: %v", r)
	}
	r, out = c.crypt(t, sess, testta.CmdCrypGetObjectInfo, [4]arg{in(obj), memOut(abi.ObjectInfoSize), none, none})
	if r != abi.Success || binary.LittleEndian.Uint32(out[1].data) != abi.TypeAES || binary.LittleEndian.Uint32(out[1].data[4:]) != 128 {
		t.Errorf("GetObjectInfo: %v %x", r, out[1].data)
	}
	r, out = c.crypt(t, sess, testta.CmdCrypGetObjectBufferAttribute, [4]arg{in2(obj, abi.AttrSecretValue), nullOut(0), none, none})
	if r != abi.ErrShortBuffer || out[1].size != 16 {
		t.Errorf("secret attribute into a NULL memref: %v, size %d; want SHORT_BUFFER, 16", r, out[1].size)
	}
	r, out = c.crypt(t, sess, testta.CmdCrypGetObjectBufferAttribute, [4]arg{in2(obj, abi.AttrSecretValue), memOut(32), none, none})
	if r != abi.Success || !bytes.Equal(out[1].data[:out[1].size], key) {
		t.Errorf("secret attribute: %v %x", r, out[1].data)
	}

	r, out = c.crypt(t, sess, testta.CmdCrypAllocOperation, [4]arg{in2(abi.AlgAESCBCNoPad, abi.ModeEncrypt), in(128), valOut(), none})
	op := out[2].a
	if r != abi.Success || op == 0 {
		t.Fatalf("AllocateOperation: %v, handle %d", r, op)
	}
	if r, _ := c.crypt(t, sess, testta.CmdCrypSetOperationKey, [4]arg{in2(op, obj), none, none, none}); r != abi.Success {
		t.Fatalf("SetOperationKey: %v", r)
	}
	if r, _ := c.crypt(t, sess, testta.CmdCrypCipherInit, [4]arg{in(op), memIn(iv), none, none}); r != abi.Success {
		t.Fatalf("CipherInit: %v", r)
	}
	r, out = c.crypt(t, sess, testta.CmdCrypCipherDoFinal, [4]arg{in(op), memIn(msg), memOut(8), none})
	if r != abi.ErrShortBuffer || out[2].size != uint32(len(msg)) {
		t.Errorf("CipherDoFinal into 8 bytes: %v, size %d; want SHORT_BUFFER, %d", r, out[2].size, len(msg))
	}
	r, out = c.crypt(t, sess, testta.CmdCrypCipherDoFinal, [4]arg{in(op), memIn(msg), memOut(len(msg)), none})
	want := make([]byte, len(msg))
	blk, _ := aes.NewCipher(key)
	cipher.NewCBCEncrypter(blk, iv).CryptBlocks(want, msg)
	if r != abi.Success || !bytes.Equal(out[2].data, want) {
		t.Errorf("CipherDoFinal: %v %x, want %x", r, out[2].data, want)
	}
	r, out = c.crypt(t, sess, testta.CmdCrypGetOperationInfoMultiple, [4]arg{in(op), memOut(abi.OperationInfoMultipleHeaderSize), none, none})
	if need := uint32(abi.OperationInfoMultipleHeaderSize + abi.OperationInfoKeySize); r != abi.ErrShortBuffer || out[1].size != need {
		t.Errorf("GetOperationInfoMultiple without room for the key: %v, size %d; want SHORT_BUFFER, %d", r, out[1].size, need)
	}

	r, out = c.crypt(t, sess, testta.CmdCrypAllocOperation, [4]arg{in2(abi.AlgSHA256, abi.ModeDigest), in(0), valOut(), none})
	dig := out[2].a
	if r != abi.Success {
		t.Fatalf("AllocateOperation(SHA256): %v", r)
	}
	if r, _ := c.crypt(t, sess, testta.CmdCrypDigestUpdate, [4]arg{in(dig), memIn(msg[:10]), none, none}); r != abi.Success {
		t.Fatalf("DigestUpdate: %v", r)
	}
	r, out = c.crypt(t, sess, testta.CmdCrypDigestDoFinal, [4]arg{in(dig), memIn(msg[10:]), memOut(32), none})
	if sum := sha256.Sum256(msg); r != abi.Success || !bytes.Equal(out[2].data, sum[:]) {
		t.Errorf("DigestDoFinal: %v %x", r, out[2].data)
	}
	r, out = c.crypt(t, sess, testta.CmdCrypBench, [4]arg{in2(dig, 3), in2(testta.CrypBenchDigest, 0), memIn(msg), ref(abi.ParamMemrefInout, make([]byte, 32))})
	if sum := sha256.Sum256(msg); r != abi.Success || out[3].size != 32 || !bytes.Equal(out[3].data, sum[:]) {
		t.Errorf("CmdCrypBench digest: %v size %d %x", r, out[3].size, out[3].data)
	}
	if r, _ := c.crypt(t, sess, testta.CmdCrypIsAlgorithmSupported, [4]arg{in2(abi.AlgIllegalValue, 0), none, none, none}); r != abi.ErrNotSupported {
		t.Errorf("IsAlgorithmSupported(ILLEGAL): %v", r)
	}
	if r, _ := c.crypt(t, sess, testta.CmdCrypDigestDoFinal, [4]arg{in(dig), memIn(msg), none, none}); r != abi.ErrBadParameters {
		t.Errorf("DigestDoFinal without its output memref: %v, want BAD_PARAMETERS", r)
	}
	testWasmSignature(t, c, sess)

	for _, cmd := range []uint32{testta.CmdCrypFreeOperation, testta.CmdCrypFreeOperation} {
		h := op
		if r, _ := c.crypt(t, sess, cmd, [4]arg{in(h), none, none, none}); r != abi.Success {
			t.Errorf("FreeOperation: %v", r)
		}
		op = 0 // the second one frees TEE_HANDLE_NULL, which does nothing
	}

	// A freed handle is unknown: the core kills the instance.
	_, _, err := c.invoke(sess, testta.CmdCrypCipherInit, [4]arg{in(out[0].a + 1000), memIn(iv), none, none})
	var pe *hostapi.PanicError
	if !errors.As(err, &pe) {
		t.Errorf("CipherInit on an unknown handle: %v, want the instance killed", err)
	}
}

// testWasmSignature generates an ECDSA key with a value attribute, signs
// and verifies (asymm_operate, asymm_verify with their attribute arrays).
func testWasmSignature(t *testing.T, c *miniCore, sess uint32) {
	r, out := c.crypt(t, sess, testta.CmdCrypAllocTransientObject, [4]arg{in2(abi.TypeECDSAKeypair, 256), valOut(), none, none})
	kp := out[1].a
	if r != abi.Success {
		t.Fatalf("AllocateTransientObject(ECDSA): %v", r)
	}
	if r, _ := c.crypt(t, sess, testta.CmdCrypGenerateKey, [4]arg{in2(kp, 256), attrsIn(testta.Attr{ID: abi.AttrECCCurve, A: abi.ECCCurveNISTP256}), none, none}); r != abi.Success {
		t.Fatalf("GenerateKey: %v", r)
	}
	r, out = c.crypt(t, sess, testta.CmdCrypGetObjectValueAttribute, [4]arg{in2(kp, abi.AttrECCCurve), valOut(), none, none})
	if r != abi.Success || out[1].a != abi.ECCCurveNISTP256 || out[1].b != 0 {
		t.Errorf("GetObjectValueAttribute(curve): %v (%d, %d)", r, out[1].a, out[1].b)
	}
	var ops [2]uint32
	for i, mode := range []uint32{abi.ModeSign, abi.ModeVerify} {
		r, out := c.crypt(t, sess, testta.CmdCrypAllocOperation, [4]arg{in2(abi.AlgECDSASHA256, mode), in(256), valOut(), none})
		ops[i] = out[2].a
		if r != abi.Success {
			t.Fatalf("AllocateOperation(ECDSA, %d): %v", mode, r)
		}
		if r, _ := c.crypt(t, sess, testta.CmdCrypSetOperationKey, [4]arg{in2(ops[i], kp), none, none, none}); r != abi.Success {
			t.Fatalf("SetOperationKey(ECDSA): %v", r)
		}
	}
	digest := sha256.Sum256([]byte("signed in wasm"))
	r, out = c.crypt(t, sess, testta.CmdCrypAsymmetricSignDigest, [4]arg{in(ops[0]), attrsIn(), memIn(digest[:]), memOut(16)})
	if r != abi.ErrShortBuffer || out[3].size != 64 {
		t.Errorf("sign into 16 bytes: %v, size %d; want SHORT_BUFFER, 64", r, out[3].size)
	}
	r, out = c.crypt(t, sess, testta.CmdCrypAsymmetricSignDigest, [4]arg{in(ops[0]), attrsIn(), memIn(digest[:]), memOut(64)})
	if r != abi.Success || out[3].size != 64 {
		t.Fatalf("sign: %v, size %d", r, out[3].size)
	}
	sig := out[3].data
	if r, _ := c.crypt(t, sess, testta.CmdCrypAsymmetricVerifyDigest, [4]arg{in(ops[1]), attrsIn(), memIn(digest[:]), memIn(sig)}); r != abi.Success {
		t.Errorf("verify: %v", r)
	}
	sig[7] ^= 1
	r, _ = c.crypt(t, sess, testta.CmdCrypBench, [4]arg{in2(ops[1], 2), in2(testta.CrypBenchVerify, 0), memIn(digest[:]), ref(abi.ParamMemrefInout, sig)})
	if r != abi.ErrSignatureInvalid {
		t.Errorf("bench verify of a bad signature: %v, want SIGNATURE_INVALID", r)
	}
}

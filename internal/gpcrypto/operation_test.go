package gpcrypto

import (
	"bytes"
	"errors"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

func TestOperationInfo(t *testing.T) {
	t.Parallel()
	op, err := NewOperation(abi.AlgHMACSHA256, abi.ModeMAC, 512)
	if err != nil {
		t.Fatal(err)
	}
	want := OperationInfo{Algorithm: abi.AlgHMACSHA256, OperationClass: abi.OperationMAC, Mode: abi.ModeMAC, DigestLength: 32,
		MaxKeySize: 512, RequiredKeyUsage: abi.UsageMAC}
	if got := op.Info(); got != want {
		t.Errorf("fresh: %+v", got)
	}
	mustPanic(t, "Reset without a key", op.Reset())
	key := secretKey(t, abi.TypeHMACSHA256, make([]byte, 40))
	op.SetKey(key)
	op.MACInit(nil)
	want.KeySize, want.HandleState = 320, abi.HandleFlagKeySet|abi.HandleFlagInitialized
	if got := op.Info(); got != want {
		t.Errorf("initialised: %+v", got)
	}
	m := op.InfoMultiple()
	if m.OperationState != abi.OperationStateActive || len(m.Keys) != 1 || m.Keys[0].KeySize != 320 || m.Keys[0].RequiredKeyUsage != abi.UsageMAC {
		t.Errorf("multiple: %+v", m)
	}
	if err := op.Reset(); err != nil {
		t.Fatal(err)
	}
	if inf := op.InfoMultiple(); inf.OperationState != abi.OperationStateInitial || inf.HandleState != abi.HandleFlagKeySet {
		t.Errorf("after Reset: %+v", inf)
	}
	mustPanic(t, "update after Reset", op.MACUpdate(nil))
	// Clearing the key.
	if err := op.SetKey(nil); err != nil || op.Info().HandleState != 0 || op.Info().KeySize != 0 {
		t.Errorf("SetKey(nil): %v, %+v", err, op.Info())
	}

	xts, _ := NewOperation(abi.AlgAESXTS, abi.ModeDecrypt, 256)
	if m := xts.InfoMultiple(); len(m.Keys) != 2 || m.HandleState != abi.HandleFlagExpectTwoKeys || m.Keys[1].RequiredKeyUsage != abi.UsageDecrypt {
		t.Errorf("XTS: %+v", m)
	}
	d, _ := NewOperation(abi.AlgSHA512, abi.ModeDigest, 77)
	if inf := d.Info(); inf.MaxKeySize != 0 || inf.DigestLength != 64 || inf.HandleState != abi.HandleFlagKeySet|abi.HandleFlagInitialized {
		t.Errorf("digest: %+v", inf)
	}
	if _, err := NewOperation(abi.AlgAESCBCNoPad, abi.ModeEncrypt, 100); !errors.Is(err, ErrNotSupported) {
		t.Errorf("AES with maxKeySize 100: %v", err)
	}
	if _, err := NewOperation(abi.AlgRSASSAPKCS1PSSMGF1SHA256, abi.ModeEncrypt, 2048); !errors.Is(err, ErrNotSupported) {
		t.Errorf("signature in encrypt mode: %v", err)
	}
}

func TestCopyRules(t *testing.T) {
	t.Parallel()
	key := secretKey(t, abi.TypeAES, make([]byte, 32))
	src := keyedOp(t, abi.AlgAESCTR, abi.ModeEncrypt, key)
	small, _ := NewOperation(abi.AlgAESCTR, abi.ModeEncrypt, 128)
	mustPanic(t, "copy into a smaller maxKeySize", src.CopyTo(small))
	dec, _ := NewOperation(abi.AlgAESCTR, abi.ModeDecrypt, 256)
	mustPanic(t, "copy across modes", src.CopyTo(dec))
	// The copy owns its key: clearing the source's does not affect it.
	dst, _ := NewOperation(abi.AlgAESCTR, abi.ModeEncrypt, 256)
	if err := src.CopyTo(dst); err != nil {
		t.Fatal(err)
	}
	src.SetKey(nil)
	if err := dst.CipherInit(make([]byte, 16)); err != nil {
		t.Errorf("copy lost its key: %v", err)
	}
	// HMAC-SM3 copies by replay (SM3 has no hash.Cloner).
	hk := secretKey(t, abi.TypeHMACSM3, bytes.Repeat([]byte{3}, 16))
	h := keyedOp(t, abi.AlgHMACSM3, abi.ModeMAC, hk)
	h.MACInit(nil)
	h.MACUpdate([]byte("hello "))
	hc, _ := NewOperation(abi.AlgHMACSM3, abi.ModeMAC, 128)
	h.CopyTo(hc)
	a, b := make([]byte, 32), make([]byte, 32)
	h.MACComputeFinal([]byte("world"), a)
	hc.MACComputeFinal([]byte("world"), b)
	h.MACInit(nil)
	h.MACUpdate([]byte("hello world"))
	c := make([]byte, 32)
	h.MACComputeFinal(nil, c)
	if !bytes.Equal(a, b) || !bytes.Equal(a, c) {
		t.Errorf("HMAC-SM3 copy: %x %x %x", a, b, c)
	}
	// Key usage: a key without MAC usage cannot key a MAC.
	hk2 := secretKey(t, abi.TypeHMACSM3, bytes.Repeat([]byte{3}, 16))
	hk2.RestrictUsage(abi.UsageEncrypt)
	h2, _ := NewOperation(abi.AlgHMACSM3, abi.ModeMAC, 128)
	mustPanic(t, "key without MAC usage", h2.SetKey(hk2))
}

func TestDeriveMisuse(t *testing.T) {
	t.Parallel()
	a := genKey(t, abi.TypeX25519Keypair, 256)
	b := genKey(t, abi.TypeX25519Keypair, 256)
	op := keyedOp(t, abi.AlgX25519, abi.ModeDerive, a)
	peer := []Attribute{RefAttribute(abi.AttrX25519PublicValue, attrRef(b.attrs, abi.AttrX25519PublicValue))}
	mustPanic(t, "nil derived", op.DeriveKey(peer, nil))
	aes := secretKey(t, abi.TypeAES, make([]byte, 32))
	mustPanic(t, "initialised derived", op.DeriveKey(peer, aes))
	rsaObj, _ := NewObject(abi.TypeRSAPublicKey, 2048)
	mustPanic(t, "non-secret derived", op.DeriveKey(peer, rsaObj))
	aesFresh, _ := NewObject(abi.TypeAES, 256)
	if err := op.DeriveKey(peer, aesFresh); err != nil || aesFresh.Info().ObjectSize != 256 {
		t.Errorf("derive into an AES object: %v", err)
	}
	out, _ := NewObject(abi.TypeGenericSecret, 256)
	if err := op.DeriveKey(append(peer, RefAttribute(abi.AttrDHPublicValue, []byte{1})), out); !errors.Is(err, ErrBadParameters) {
		t.Errorf("foreign parameter: %v", err)
	}
	pub := publicOf(t, a, abi.TypeX25519PublicKey)
	op2, _ := NewOperation(abi.AlgX25519, abi.ModeDerive, 256)
	mustPanic(t, "derive with a public key", op2.SetKey(pub))
	mustPanic(t, "derive without a key", op2.DeriveKey(peer, out))
	mustPanic(t, "sign on a derive operation", func() error { _, err := op.AsymmetricSignDigest(nil, nil, nil); return err }())
}

func TestSHAKELengths(t *testing.T) {
	t.Parallel()
	op, _ := NewOperation(abi.AlgSHAKE256, abi.ModeDigest, 0)
	long := make([]byte, 200)
	if n, err := op.DigestDoFinal([]byte("x"), long); err != nil || n != 200 {
		t.Fatalf("%d, %v", n, err)
	}
	short := make([]byte, 7)
	op.DigestDoFinal([]byte("x"), short)
	if !bytes.Equal(short, long[:7]) {
		t.Error("SHAKE output is not a prefix")
	}
	// Extracting in pieces equals one extraction.
	op.DigestUpdate([]byte("x"))
	p := make([]byte, 200)
	for i := 0; i < 200; i += 50 {
		op.DigestExtract(p[i : i+50])
	}
	if !bytes.Equal(p, long) {
		t.Error("piecewise extraction differs")
	}
	mustPanic(t, "DoFinal while extracting", func() error { _, err := op.DigestDoFinal(nil, p); return err }())
}

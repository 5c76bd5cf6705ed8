//go:build !wasip1

package ta

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha3"
	"errors"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// The crypto API against FakeCore (the core's engine). FakeCore is
// process-wide, so these tests do not run in parallel.

// TestCryptoConstantsMatchABI checks every generated constant against the
// name table the C headers are checked against.
func TestCryptoConstantsMatchABI(t *testing.T) {
	t.Parallel()
	want := abi.CryptoConstants()
	if len(cryptoConstNames) != len(want) {
		t.Errorf("%d SDK constants, abi has %d", len(cryptoConstNames), len(want))
	}
	for name, v := range want {
		got, ok := cryptoConstNames[name]
		switch {
		case !ok:
			t.Errorf("%s missing from the SDK", name)
		case got != v:
			t.Errorf("%s = 0x%08x, abi has 0x%08x", name, got, v)
		}
	}
}

// quietCore makes a fresh FakeCore that logs nothing.
func quietCore() { NewFakeCore().Log = nil }

// must fails the test on err.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// secretKey allocates an object of typ holding key.
func secretKey(t *testing.T, typ uint32, key []byte) ObjectHandle {
	t.Helper()
	o, err := AllocateTransientObject(typ, uint32(8*len(key)))
	must(t, err)
	must(t, o.Populate(RefAttribute(AttrSecretValue, key)))
	return o
}

// keyedOp allocates an operation and sets key.
func keyedOp(t *testing.T, alg, mode, maxKeySize uint32, key ObjectHandle) OperationHandle {
	t.Helper()
	op, err := AllocateOperation(alg, mode, maxKeySize)
	must(t, err)
	must(t, op.SetKey(key))
	return op
}

func TestCryptoDigest(t *testing.T) {
	quietCore()
	msg := []byte("The quick brown fox jumps over the lazy dog")
	want := sha256.Sum256(msg)
	op, err := AllocateOperation(AlgSHA256, ModeDigest, 0)
	must(t, err)
	defer op.Free()
	op.DigestUpdate(msg[:7])
	if n, err := op.DigestDoFinal(msg[7:], make([]byte, 31)); err != ErrShortBuffer || n != 32 {
		t.Errorf("DigestDoFinal into 31 bytes: %d, %v; want 32, SHORT_BUFFER", n, err)
	}
	cp, err := AllocateOperation(AlgSHA256, ModeDigest, 0)
	must(t, err)
	cp.Copy(op)
	for _, o := range []OperationHandle{op, cp} {
		out := make([]byte, 40)
		n, err := o.DigestDoFinal(msg[7:], out)
		if err != nil || !bytes.Equal(out[:n], want[:]) {
			t.Errorf("DigestDoFinal: %x, %v", out[:n], err)
		}
	}
	if i := op.Info(); i.Algorithm != AlgSHA256 || i.OperationClass != OperationDigest || i.DigestLength != 32 {
		t.Errorf("Info = %+v", i)
	}
	if m := op.InfoMultiple(); m.Algorithm != AlgSHA256 || len(m.Keys) != 0 {
		t.Errorf("InfoMultiple = %+v", m)
	}
	if n := op.DigestExtract(make([]byte, 40)); n != 32 {
		t.Errorf("DigestExtract of SHA-256 gave %d bytes", n)
	}
}

// TestCryptoShake checks DigestExtract of an XOF: the output in pieces is
// the output in one go, and the operation is extracting until Reset.
func TestCryptoShake(t *testing.T) {
	quietCore()
	msg := []byte("extendable output")
	want := sha3.SumSHAKE128(msg, 100)
	op, err := AllocateOperation(AlgSHAKE128, ModeDigest, 0)
	must(t, err)
	op.DigestUpdate(msg)
	got := make([]byte, 100)
	if n := op.DigestExtract(got[:30]); n != 30 {
		t.Fatalf("DigestExtract(30) = %d", n)
	}
	if n := op.DigestExtract(got[30:]); n != 70 {
		t.Fatalf("DigestExtract(70) = %d", n)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("SHAKE128 = %x, want %x", got, want)
	}
	if i := op.InfoMultiple(); i.OperationState != OperationStateExtracting || i.HandleState&HandleFlagExtracting == 0 {
		t.Errorf("InfoMultiple while extracting = %+v", i)
	}
	if code := panics(func() { op.DigestUpdate(msg) }); code != ErrBadState {
		t.Errorf("DigestUpdate while extracting: panic 0x%x, want BAD_STATE", uint32(code))
	}
}

func TestCryptoCipher(t *testing.T) {
	quietCore()
	key, iv := bytes.Repeat([]byte{7}, 16), bytes.Repeat([]byte{9}, 16)
	msg := bytes.Repeat([]byte("sixteen byte blk"), 3)
	k := secretKey(t, TypeAES, key)
	enc := keyedOp(t, AlgAESCBCNoPad, ModeEncrypt, 128, k)
	dec := keyedOp(t, AlgAESCBCNoPad, ModeDecrypt, 128, k)
	enc.CipherInit(iv)
	if n, err := enc.CipherUpdate(msg, make([]byte, 8)); err != ErrShortBuffer || n != 48 {
		t.Errorf("CipherUpdate into 8 bytes: %d, %v; want 48, SHORT_BUFFER", n, err)
	}
	ct := append([]byte(nil), msg...)
	n, err := enc.CipherUpdate(ct[:20], ct) // in place
	must(t, err)
	m, err := enc.CipherDoFinal(ct[20:], ct[n:])
	must(t, err)
	want := make([]byte, len(msg))
	b, _ := aes.NewCipher(key)
	cipher.NewCBCEncrypter(b, iv).CryptBlocks(want, msg)
	if n+m != len(msg) || !bytes.Equal(ct, want) {
		t.Errorf("CBC encryption %x, want %x", ct, want)
	}
	dec.CipherInit(iv)
	pt := make([]byte, len(ct))
	if n, err := dec.CipherDoFinal(ct, pt); err != nil || !bytes.Equal(pt[:n], msg) {
		t.Errorf("CBC decryption %q, %v", pt[:n], err)
	}
}

func TestCryptoMAC(t *testing.T) {
	quietCore()
	key, msg := []byte("an HMAC-SHA256 key of 32 bytes.."), []byte("message")
	h := hmac.New(sha256.New, key)
	h.Write(msg)
	want := h.Sum(nil)
	op := keyedOp(t, AlgHMACSHA256, ModeMAC, 8*uint32(len(key)), secretKey(t, TypeHMACSHA256, key))
	op.MACInit(nil)
	op.MACUpdate(msg[:3])
	if n, err := op.MACComputeFinal(msg[3:], nil); err != ErrShortBuffer || n != 32 {
		t.Errorf("MACComputeFinal into nothing: %d, %v", n, err)
	}
	mac := make([]byte, 32)
	if n, err := op.MACComputeFinal(msg[3:], mac); err != nil || !bytes.Equal(mac[:n], want) {
		t.Errorf("MACComputeFinal = %x, %v; want %x", mac[:n], err, want)
	}
	op.MACInit(nil)
	must(t, op.MACCompareFinal(msg, want))
	want[0] ^= 1
	op.MACInit(nil)
	if err := op.MACCompareFinal(msg, want); err != ErrMACInvalid || !errors.Is(err, ErrMACInvalid) {
		t.Errorf("MACCompareFinal of a wrong MAC: %v", err)
	}
}

func TestCryptoAE(t *testing.T) {
	quietCore()
	key, nonce := bytes.Repeat([]byte{3}, 16), bytes.Repeat([]byte{4}, 12)
	aad, msg := []byte("header"), []byte("authenticated secret")
	k := secretKey(t, TypeAES, key)
	enc := keyedOp(t, AlgAESGCM, ModeEncrypt, 128, k)
	must(t, enc.AEInit(nonce, 128, uint32(len(aad)), uint32(len(msg))))
	enc.AEUpdateAAD(aad)
	n, err := enc.AEUpdate(msg[:5], make([]byte, 5))
	must(t, err)
	if n, tn, err := enc.AEEncryptFinal(msg[5:], nil, nil); err != ErrShortBuffer || n != len(msg) || tn != 16 {
		t.Errorf("AEEncryptFinal into nothing: %d, %d, %v; want %d, 16, SHORT_BUFFER", n, tn, err, len(msg))
	}
	ct, tag := make([]byte, len(msg)), make([]byte, 16)
	m, tn, err := enc.AEEncryptFinal(msg[5:], ct[n:], tag)
	must(t, err)
	b, _ := aes.NewCipher(key)
	g, _ := cipher.NewGCM(b)
	want := g.Seal(nil, nonce, msg, aad)
	if got := append(ct[:n+m:n+m], tag[:tn]...); !bytes.Equal(got, want) {
		t.Errorf("GCM = %x, want %x", got, want)
	}
	dec := keyedOp(t, AlgAESGCM, ModeDecrypt, 128, k)
	for _, flip := range []bool{false, true} {
		must(t, dec.AEInit(nonce, 128, uint32(len(aad)), uint32(len(msg))))
		dec.AEUpdateAAD(aad)
		bad := append([]byte(nil), tag...)
		if flip {
			bad[0] ^= 1
		}
		pt := make([]byte, len(msg))
		n, err := dec.AEDecryptFinal(ct, pt, bad)
		switch {
		case flip && err != ErrMACInvalid:
			t.Errorf("AEDecryptFinal with a bad tag: %v", err)
		case !flip && (err != nil || !bytes.Equal(pt[:n], msg)):
			t.Errorf("AEDecryptFinal = %q, %v", pt[:n], err)
		}
	}
	if err := enc.AEInit(nonce, 40, 0, 0); err != ErrNotSupported {
		t.Errorf("AEInit with a 40-bit tag: %v, want NOT_SUPPORTED", err)
	}
}

func TestCryptoSignature(t *testing.T) {
	quietCore()
	kp, err := AllocateTransientObject(TypeECDSAKeypair, 256)
	must(t, err)
	must(t, kp.GenerateKey(256, ValueAttribute(AttrECCCurve, ECCCurveNISTP256, 0)))
	if a, b, err := kp.ValueAttribute(AttrECCCurve); err != nil || a != ECCCurveNISTP256 || b != 0 {
		t.Errorf("ValueAttribute(curve) = %d, %d, %v", a, b, err)
	}
	pub, err := AllocateTransientObject(TypeECDSAPublicKey, 256)
	must(t, err)
	must(t, pub.CopyAttributesFrom(kp))
	if _, err := pub.BufferAttribute(AttrECCPrivateValue, make([]byte, 66)); err != ErrItemNotFound {
		t.Errorf("private value of a public key: %v, want ITEM_NOT_FOUND", err)
	}
	digest := sha256.Sum256([]byte("signed"))
	sign := keyedOp(t, AlgECDSASHA256, ModeSign, 256, kp)
	if n, err := sign.AsymmetricSignDigest(digest[:], make([]byte, 10)); err != ErrShortBuffer || n != 64 {
		t.Errorf("sign into 10 bytes: %d, %v; want 64, SHORT_BUFFER", n, err)
	}
	sig := make([]byte, 64)
	n, err := sign.AsymmetricSignDigest(digest[:], sig)
	must(t, err)
	verify := keyedOp(t, AlgECDSASHA256, ModeVerify, 256, pub)
	must(t, verify.AsymmetricVerifyDigest(digest[:], sig[:n]))
	sig[5] ^= 1
	if err := verify.AsymmetricVerifyDigest(digest[:], sig[:n]); err != ErrSignatureInvalid {
		t.Errorf("verify of a bad signature: %v", err)
	}
}

func TestCryptoAsymmetricCipher(t *testing.T) {
	quietCore()
	kp, err := AllocateTransientObject(TypeRSAKeypair, 1024)
	must(t, err)
	must(t, kp.GenerateKey(1024))
	enc := keyedOp(t, AlgRSAESPKCS1OAEPMGF1SHA256, ModeEncrypt, 1024, kp)
	dec := keyedOp(t, AlgRSAESPKCS1OAEPMGF1SHA256, ModeDecrypt, 1024, kp)
	label := RefAttribute(AttrRSAOAEPLabel, []byte("label"))
	msg := []byte("a short secret")
	if n, err := enc.AsymmetricEncrypt(msg, make([]byte, 10), label); err != ErrShortBuffer || n != 128 {
		t.Errorf("encrypt into 10 bytes: %d, %v; want 128, SHORT_BUFFER", n, err)
	}
	ct := make([]byte, 128)
	n, err := enc.AsymmetricEncrypt(msg, ct, label)
	must(t, err)
	pt := make([]byte, 128)
	m, err := dec.AsymmetricDecrypt(ct[:n], pt, label)
	if err != nil || !bytes.Equal(pt[:m], msg) {
		t.Errorf("decrypt = %q, %v", pt[:m], err)
	}
	if _, err := dec.AsymmetricDecrypt(ct[:n], pt); err != ErrBadParameters {
		t.Errorf("decrypt with the wrong label: %v, want BAD_PARAMETERS", err)
	}
}

func TestCryptoDerive(t *testing.T) {
	quietCore()
	var keys [2]ObjectHandle
	for i := range keys {
		k, err := AllocateTransientObject(TypeECDHKeypair, 256)
		must(t, err)
		must(t, k.GenerateKey(256, ValueAttribute(AttrECCCurve, ECCCurveNISTP256, 0)))
		keys[i] = k
	}
	var secrets [2][]byte
	for i, k := range keys {
		peer := keys[1-i]
		x, y := make([]byte, 32), make([]byte, 32)
		if _, err := peer.BufferAttribute(AttrECCPublicValueX, x); err != nil {
			t.Fatal(err)
		}
		if _, err := peer.BufferAttribute(AttrECCPublicValueY, y); err != nil {
			t.Fatal(err)
		}
		op := keyedOp(t, AlgECDHDeriveSharedSecret, ModeDerive, 256, k)
		out, err := AllocateTransientObject(TypeGenericSecret, 256)
		must(t, err)
		op.DeriveKey(out, RefAttribute(AttrECCPublicValueX, x), RefAttribute(AttrECCPublicValueY, y))
		secrets[i] = make([]byte, 32)
		n, err := out.BufferAttribute(AttrSecretValue, secrets[i])
		must(t, err)
		secrets[i] = secrets[i][:n]
		out.Free()
	}
	if len(secrets[0]) != 32 || !bytes.Equal(secrets[0], secrets[1]) {
		t.Errorf("ECDH secrets differ: %x, %x", secrets[0], secrets[1])
	}
}

func TestCryptoObjectsAndKeys(t *testing.T) {
	quietCore()
	if _, err := AllocateTransientObject(TypeAES, 100); err != ErrNotSupported {
		t.Errorf("AES of 100 bits: %v, want NOT_SUPPORTED", err)
	}
	if _, err := AllocateOperation(AlgIllegalValue, ModeEncrypt, 128); err != ErrNotSupported {
		t.Errorf("ILLEGAL algorithm: %v, want NOT_SUPPORTED", err)
	}
	if err := IsAlgorithmSupported(AlgAESGCM, CryptoElementNone); err != nil {
		t.Errorf("IsAlgorithmSupported(GCM): %v", err)
	}
	if err := IsAlgorithmSupported(AlgECDSASHA256, ECCCurveNISTP192); err != ErrNotSupported {
		t.Errorf("IsAlgorithmSupported(ECDSA, P-192): %v", err)
	}
	k := secretKey(t, TypeAES, bytes.Repeat([]byte{1}, 16))
	info, err := k.Info()
	must(t, err)
	if info.ObjectType != TypeAES || info.ObjectSize != 128 || info.HandleFlags&HandleFlagInitialized == 0 {
		t.Errorf("Info = %+v", info)
	}
	if n, err := k.BufferAttribute(AttrSecretValue, make([]byte, 4)); err != ErrShortBuffer || n != 16 {
		t.Errorf("secret into 4 bytes: %d, %v", n, err)
	}
	must(t, k.RestrictUsage(UsageEncrypt))
	if info, _ := k.Info(); info.ObjectUsage != UsageEncrypt {
		t.Errorf("usage after RestrictUsage = 0x%x", info.ObjectUsage)
	}
	k.Reset()
	if info, _ := k.Info(); info.HandleFlags&HandleFlagInitialized != 0 || info.ObjectUsage != UsageDefault {
		t.Errorf("Info after Reset = %+v", info)
	}
	k.Free()
	ObjectHandle(HandleNull).Free()

	xts, err := AllocateOperation(AlgAESXTS, ModeEncrypt, 256)
	must(t, err)
	k1 := secretKey(t, TypeAES, bytes.Repeat([]byte{1}, 16))
	k2 := secretKey(t, TypeAES, bytes.Repeat([]byte{2}, 16))
	if err := xts.SetKey2(k1, k1); err != ErrSecurity {
		t.Errorf("SetKey2 with one key twice: %v, want SECURITY", err)
	}
	must(t, xts.SetKey2(k1, k2))
	m := xts.InfoMultiple()
	if len(m.Keys) != 2 || m.Keys[0].KeySize != 128 || m.HandleState&HandleFlagExpectTwoKeys == 0 {
		t.Errorf("InfoMultiple = %+v", m)
	}
	if n, err := xts.InfoMultipleBytes(make([]byte, abi.OperationInfoMultipleHeaderSize+8)); err != ErrShortBuffer || n != 48 {
		t.Errorf("InfoMultipleBytes with room for one key: %d, %v; want 48, SHORT_BUFFER", n, err)
	}
	xts.Free()
	OperationHandle(HandleNull).Free()
}

// TestCryptoMisusePanics checks that every misuse GP says panics kills the
// TA with the code the real core (or libutee) uses.
func TestCryptoMisusePanics(t *testing.T) {
	aesKey := func(t *testing.T) ObjectHandle { return secretKey(t, TypeAES, make([]byte, 16)) }
	tests := []struct {
		name string
		f    func(t *testing.T)
		code Result
	}{
		{"unknown object", func(*testing.T) { ObjectHandle(77).Info() }, ErrBadParameters},
		{"unknown operation", func(*testing.T) { OperationHandle(77).Reset() }, ErrBadParameters},
		{"object as operation", func(t *testing.T) { OperationHandle(aesKey(t)).Info() }, ErrBadParameters},
		{"update before init", func(t *testing.T) {
			keyedOp(t, AlgAESCBCNoPad, ModeEncrypt, 128, aesKey(t)).CipherUpdate(make([]byte, 16), make([]byte, 16))
		}, ErrBadState},
		{"buffer getter, value id", func(t *testing.T) { aesKey(t).BufferAttribute(AttrECCCurve, nil) }, ErrBadParameters},
		{"value getter, buffer id", func(t *testing.T) { aesKey(t).ValueAttribute(AttrSecretValue) }, ErrBadParameters},
		{"ref attribute, value id", func(*testing.T) { RefAttribute(AttrECCCurve, nil) }, ErrBadParameters},
		{"value attribute, buffer id", func(*testing.T) { ValueAttribute(AttrSecretValue, 1, 2) }, ErrBadParameters},
		{"secret of a non-extractable key", func(t *testing.T) {
			k := aesKey(t)
			must(t, k.RestrictUsage(UsageEncrypt))
			k.BufferAttribute(AttrSecretValue, make([]byte, 16))
		}, ErrBadState},
		{"populate twice", func(t *testing.T) { aesKey(t).Populate(RefAttribute(AttrSecretValue, make([]byte, 16))) }, ErrBadState},
		{"too many attributes", func(t *testing.T) {
			o, err := AllocateTransientObject(TypeAES, 128)
			must(t, err)
			o.Populate(make([]Attribute, abi.MaxAttributes+1)...)
		}, ErrBadParameters},
		{"key of the wrong type", func(t *testing.T) {
			op, err := AllocateOperation(AlgHMACSHA256, ModeMAC, 256)
			must(t, err)
			op.SetKey(aesKey(t))
		}, ErrBadState},
		{"decrypt on an encrypting operation", func(t *testing.T) {
			op, err := AllocateOperation(AlgRSAESPKCS1V15, ModeEncrypt, 1024)
			must(t, err)
			op.AsymmetricDecrypt(make([]byte, 128), make([]byte, 128))
		}, ErrBadState},
		{"encrypt on a signing operation", func(t *testing.T) {
			op, err := AllocateOperation(AlgECDSASHA256, ModeSign, 256)
			must(t, err)
			op.AsymmetricEncrypt(make([]byte, 32), make([]byte, 64))
		}, ErrBadState},
		{"verify on a signing operation", func(t *testing.T) {
			op, err := AllocateOperation(AlgECDSASHA256, ModeSign, 256)
			must(t, err)
			op.AsymmetricVerifyDigest(make([]byte, 32), make([]byte, 64))
		}, ErrBadState},
		{"derive failure", func(t *testing.T) {
			k, err := AllocateTransientObject(TypeX25519Keypair, 256)
			must(t, err)
			must(t, k.GenerateKey(256))
			out, err := AllocateTransientObject(TypeGenericSecret, 256)
			must(t, err)
			keyedOp(t, AlgX25519, ModeDerive, 256, k).DeriveKey(out, RefAttribute(AttrX25519PublicValue, make([]byte, 32)))
		}, ErrBadParameters},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			quietCore()
			if code := panics(func() { tc.f(t) }); code != tc.code {
				t.Errorf("panic code 0x%x, want 0x%x", uint32(code), uint32(tc.code))
			}
		})
	}
}

// TestCryptoPanicKillsTA checks a core-side kill through an entry point:
// the session sees the panic, then TARGET_DEAD.
func TestCryptoPanicKillsTA(t *testing.T) {
	c, _, log := withProbe(t)
	s, err := c.OpenSession(nil)
	must(t, err)
	sessions.m[s.ctx].(*probeSession).f = func(*Params) error {
		OperationHandle(12345).CipherInit(nil)
		return nil
	}
	var pe *PanicError
	if err := s.Invoke(0, nil); !errors.As(err, &pe) || pe.Code != ErrBadParameters {
		t.Fatalf("Invoke: %v, want the TA killed with BAD_PARAMETERS", err)
	}
	if err := s.Invoke(0, nil); err != ErrTargetDead {
		t.Errorf("after the kill: %v, want TARGET_DEAD", err)
	}
	if !bytes.Contains(log.Bytes(), []byte("not an operation handle")) {
		t.Errorf("log %q lacks the reason", log.String())
	}
}

package conform

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"strconv"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// AEBehaviour runs AES-GCM and AES-CCM with every tag length GP allows:
// seal and open, agreement with crypto/cipher (GCM) and the engine, a copy
// taken mid-stream, SHORT_BUFFER for the data and for the tag, tampered
// tags and ciphertexts, tag lengths GP does not allow, and each misuse GP
// makes panic.
func AEBehaviour(t *testing.T, api API) {
	for _, c := range []struct {
		alg   uint32
		nonce int
		tags  []uint32
	}{{abi.AlgAESGCM, 12, gcmTagBits}, {abi.AlgAESCCM, 13, ccmTagBits}} {
		for _, bits := range c.tags {
			t.Run(algName(c.alg)+"/"+strconv.Itoa(int(bits)), func(t *testing.T) { aeBehaviour(t, api, c.alg, c.nonce, bits) })
		}
	}
	t.Run("misuse", func(t *testing.T) { aeMisuse(t, api) })
}

// seal runs one AE encryption in two updates and returns ciphertext and tag.
func seal(e env, alg uint32, key, nonce []byte, bits uint32, aad, pt []byte) ([]byte, []byte) {
	e.t.Helper()
	k := e.secret(abi.TypeAES, key)
	defer k.Close()
	op := e.op(alg, abi.ModeEncrypt, uint32(len(key)*8), k)
	defer op.Close()
	e.ok("AEInit", op.AEInit(nonce, bits, uint64(len(aad)), uint64(len(pt))))
	e.ok("AEUpdateAAD", op.AEUpdateAAD(aad))
	ct := make([]byte, len(pt))
	n, err := op.AEUpdate(pt[:17], ct)
	e.ok("AEUpdate", err)
	tag := make([]byte, 16)
	m, tn, err := op.AEEncryptFinal(pt[17:], ct[n:], tag)
	e.ok("AEEncryptFinal", err)
	return ct[:n+m], tag[:tn]
}

func aeBehaviour(t *testing.T, api API, alg uint32, nonceLen int, bits uint32) {
	e := env{t, api}
	key, nonce, aad, pt := pattern(16), pattern(nonceLen), pattern(20)[5:], pattern(70)
	tl := int(bits / 8)
	ct, tag := seal(e, alg, key, nonce, bits, aad, pt)
	if len(tag) != tl || len(ct) != len(pt) {
		t.Fatalf("ciphertext of %d bytes, tag of %d", len(ct), len(tag))
	}
	dct, dtag := seal(env{t, Direct()}, alg, key, nonce, bits, aad, pt)
	if !bytes.Equal(ct, dct) || !bytes.Equal(tag, dtag) {
		t.Errorf("sealed %x/%x, the engine %x/%x", ct, tag, dct, dtag)
	}
	if alg == abi.AlgAESGCM {
		b, _ := aes.NewCipher(key)
		g, _ := cipher.NewGCMWithTagSize(b, tl)
		if want := g.Seal(nil, nonce, pt, aad); !bytes.Equal(append(ct, tag...), want) {
			t.Errorf("sealed %x%x, crypto/cipher %x", ct, tag, want)
		}
	}

	k := e.secret(abi.TypeAES, key)
	// SHORT_BUFFER for the data, then for the tag; the retry succeeds.
	enc := e.op(alg, abi.ModeEncrypt, 128, k)
	e.ok("AEInit", enc.AEInit(nonce, bits, uint64(len(aad)), uint64(len(pt))))
	e.ok("AEUpdateAAD", enc.AEUpdateAAD(aad))
	_, _, err := enc.AEEncryptFinal(pt, make([]byte, 3), make([]byte, 16))
	need := e.short("AEEncryptFinal, short data buffer", err, len(pt))
	_, tagNeed, err := enc.AEEncryptFinal(pt, make([]byte, len(pt)), make([]byte, tl-1))
	e.result("AEEncryptFinal, short tag buffer", err, abi.ErrShortBuffer)
	if tagNeed != tl {
		t.Errorf("AEEncryptFinal, short tag buffer: asks for a %d-byte tag, want %d", tagNeed, tl)
	}
	out, otag := make([]byte, need), make([]byte, tl)
	n, tn, err := enc.AEEncryptFinal(pt, out, otag)
	if err != nil || !bytes.Equal(out[:n], ct) || !bytes.Equal(otag[:tn], tag) {
		t.Errorf("AEEncryptFinal after SHORT_BUFFER: %x/%x, %v", out[:n], otag[:tn], err)
	}

	// Open, copied mid-stream; tampered tags and ciphertexts fail.
	open := func(ct, tag []byte) ([]byte, []byte, error, error) {
		dec := e.op(alg, abi.ModeDecrypt, 128, k)
		defer dec.Close()
		e.ok("AEInit", dec.AEInit(nonce, bits, uint64(len(aad)), uint64(len(ct))))
		e.ok("AEUpdateAAD", dec.AEUpdateAAD(aad[:4]))
		e.ok("AEUpdateAAD", dec.AEUpdateAAD(aad[4:]))
		back := make([]byte, len(ct))
		n, err := dec.AEUpdate(ct[:5], back)
		e.ok("AEUpdate", err)
		cp := e.op(alg, abi.ModeDecrypt, 128)
		defer cp.Close()
		e.ok("CopyOperation", cp.CopyFrom(dec))
		back2 := append([]byte(nil), back...)
		m, err1 := dec.AEDecryptFinal(ct[5:], back[n:], tag)
		m2, err2 := cp.AEDecryptFinal(ct[5:], back2[n:], tag)
		return back[:n+m], back2[:n+m2], err1, err2
	}
	a, b, err1, err2 := open(ct, tag)
	if err1 != nil || err2 != nil || !bytes.Equal(a, pt) || !bytes.Equal(b, pt) {
		t.Errorf("opened %x (copy %x), %v, %v", a, b, err1, err2)
	}
	badTag := append([]byte(nil), tag...)
	badTag[0] ^= 1
	_, _, err1, err2 = open(ct, badTag)
	e.result("AEDecryptFinal, tampered tag", err1, abi.ErrMACInvalid)
	e.result("AEDecryptFinal, tampered tag, the copy", err2, abi.ErrMACInvalid)
	badCT := append([]byte(nil), ct...)
	badCT[len(badCT)-1] ^= 1
	_, _, err1, _ = open(badCT, tag)
	e.result("AEDecryptFinal, tampered ciphertext", err1, abi.ErrMACInvalid)
	_, _, err1, _ = open(ct, tag[:len(tag)-1])
	e.result("AEDecryptFinal, truncated tag", err1, abi.ErrMACInvalid)
	enc.Close()
	k.Close()
}

// aeMisuse: tag lengths GP does not allow, declared lengths not kept, and
// the calls GP makes panic, each in its own scenario.
func aeMisuse(t *testing.T, api API) {
	e := env{t, api}
	keyed := func(alg, mode uint32) Operation {
		return e.op(alg, mode, 128, e.secret(abi.TypeAES, pattern(16)))
	}
	e.result("GCM with a 64-bit tag", keyed(abi.AlgAESGCM, abi.ModeEncrypt).AEInit(pattern(12), 64, 0, 0), abi.ErrNotSupported)
	e.result("CCM with a 40-bit tag", keyed(abi.AlgAESCCM, abi.ModeEncrypt).AEInit(pattern(13), 40, 0, 0), abi.ErrNotSupported)
	ccm := keyed(abi.AlgAESCCM, abi.ModeEncrypt)
	e.ok("AEInit", ccm.AEInit(pattern(13), 64, 0, 4))
	_, _, err := ccm.AEEncryptFinal([]byte("abc"), make([]byte, 4), make([]byte, 8))
	e.rejected("CCM payload shorter than declared", err, abi.ErrBadParameters)

	e.panics("AEUpdateAAD before AEInit", keyed(abi.AlgAESGCM, abi.ModeEncrypt).AEUpdateAAD([]byte("a")))
	_, err = keyed(abi.AlgAESGCM, abi.ModeEncrypt).AEUpdate([]byte("a"), make([]byte, 1))
	e.panics("AEUpdate before AEInit", err)
	op := keyed(abi.AlgAESGCM, abi.ModeEncrypt)
	e.ok("AEInit", op.AEInit(pattern(12), 128, 0, 0))
	_, err = op.AEUpdate([]byte("x"), make([]byte, 1))
	e.ok("AEUpdate", err)
	e.panics("AEUpdateAAD after the payload", op.AEUpdateAAD([]byte("a")))
	op = keyed(abi.AlgAESGCM, abi.ModeEncrypt)
	e.ok("AEInit", op.AEInit(pattern(12), 128, 0, 0))
	_, err = op.AEDecryptFinal(nil, nil, make([]byte, 16))
	e.panics("AEDecryptFinal on an encryption", err)
	op = keyed(abi.AlgAESGCM, abi.ModeEncrypt)
	e.ok("AEInit", op.AEInit(pattern(12), 128, 0, 1))
	_, _, err = op.AEEncryptFinal([]byte("x"), make([]byte, 1), make([]byte, 16))
	e.ok("AEEncryptFinal", err)
	_, _, err = op.AEEncryptFinal([]byte("x"), make([]byte, 1), make([]byte, 16))
	e.panics("AEEncryptFinal twice", err)
	op, err = api.NewOperation(abi.AlgAESGCM, abi.ModeEncrypt, 128)
	if e.ok("AllocateOperation", err) {
		e.panics("AEInit without a key", op.AEInit(pattern(12), 128, 0, 0))
	}
	op, err = api.NewOperation(abi.AlgAESGCM, abi.ModeEncrypt, 128)
	if e.ok("AllocateOperation", err) {
		e.panics("wrong key type", op.SetKey(e.secret(abi.TypeDES, pattern(8))))
	}
	op, err = api.NewOperation(abi.AlgAESGCM, abi.ModeEncrypt, 128)
	if e.ok("AllocateOperation", err) {
		e.panics("key larger than maxKeySize", op.SetKey(e.secret(abi.TypeAES, pattern(32))))
	}
	e.panics("CipherInit on AE", keyed(abi.AlgAESCCM, abi.ModeDecrypt).CipherInit(pattern(16)))
}

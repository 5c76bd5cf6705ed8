package conform

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// cipherCase is one GP cipher with the key size the suite uses.
type cipherCase struct {
	alg, typ uint32
	keyLen   int  // bytes
	bs       int  // block size
	stream   bool // takes any length (CTR, CTS)
	twoKeys  bool // XTS
	bigKey   int  // a key size of the type above keyLen, 0 if none
	misuse   bool // runs the state-machine misuse checks (one case per key type)
}

var cipherCases = []cipherCase{
	{abi.AlgAESECBNoPad, abi.TypeAES, 16, 16, false, false, 32, false}, {abi.AlgAESCBCNoPad, abi.TypeAES, 24, 16, false, false, 32, true},
	{abi.AlgAESCTR, abi.TypeAES, 16, 16, true, false, 24, false}, {abi.AlgAESCTS, abi.TypeAES, 16, 16, true, false, 32, false},
	{abi.AlgAESXTS, abi.TypeAES, 16, 16, false, true, 32, true},
	{abi.AlgDESECBNoPad, abi.TypeDES, 8, 8, false, false, 0, false}, {abi.AlgDESCBCNoPad, abi.TypeDES, 8, 8, false, false, 0, true},
	{abi.AlgDES3ECBNoPad, abi.TypeDES3, 16, 8, false, false, 24, true}, {abi.AlgDES3CBCNoPad, abi.TypeDES3, 24, 8, false, false, 0, false},
	{abi.AlgSM4ECBNoPad, abi.TypeSM4, 16, 16, false, false, 0, false}, {abi.AlgSM4CBCNoPad, abi.TypeSM4, 16, 16, false, false, 0, false},
	{abi.AlgSM4CTR, abi.TypeSM4, 16, 16, true, false, 0, true}, {abi.AlgSM4XTS, abi.TypeSM4, 16, 16, false, true, 0, true},
}

func (c cipherCase) bits() uint32 { return uint32(c.keyLen * 8) }

// keys makes the case's key objects from k1 (and k2 for XTS).
func (c cipherCase) keys(e env, k1, k2 []byte) []Object {
	if c.twoKeys {
		return []Object{e.secret(c.typ, k1), e.secret(c.typ, k2)}
	}
	return []Object{e.secret(c.typ, k1)}
}

// ivFor is the IV CipherInit takes (none for ECB).
func (c cipherCase) iv() []byte {
	switch c.alg {
	case abi.AlgAESECBNoPad, abi.AlgDESECBNoPad, abi.AlgDES3ECBNoPad, abi.AlgSM4ECBNoPad:
		return nil
	}
	return pattern(c.bs)
}

// CipherBehaviour runs every GP cipher: the round trip, agreement with
// the engine, a copy taken mid-stream, SHORT_BUFFER with the size needed,
// partial blocks, and each misuse GP makes panic.
func CipherBehaviour(t *testing.T, api API) {
	for _, c := range cipherCases {
		t.Run(algName(c.alg), func(t *testing.T) { cipherBehaviour(t, api, c) })
	}
}

func cipherBehaviour(t *testing.T, api API, c cipherCase) {
	e := env{t, api}
	k1, k2 := pattern(c.keyLen), bytes.Repeat([]byte{0x5a}, c.keyLen)
	iv := c.iv()
	pt := pattern(7 * c.bs)[c.bs:]
	if c.stream {
		pt = pt[:len(pt)-3]
	}
	// run encrypts or decrypts in in two calls, copying the operation after
	// the first; the original and the copy must finish identically.
	run := func(e env, mode uint32, in []byte) []byte {
		keys := c.keys(e, k1, k2)
		op := e.op(c.alg, mode, c.bits(), keys...)
		cp := e.op(c.alg, mode, c.bits())
		defer func() {
			op.Close()
			cp.Close()
			for _, k := range keys {
				k.Close()
			}
		}()
		e.ok("CipherInit", op.CipherInit(iv))
		out := make([]byte, len(in)+2*c.bs)
		n, err := op.CipherUpdate(in[:3*c.bs+1], out)
		e.ok("CipherUpdate", err)
		e.ok("CopyOperation", cp.CopyFrom(op))
		rest := in[3*c.bs+1:]
		_, err = op.CipherDoFinal(rest, make([]byte, 1))
		need := e.short("CipherDoFinal", err, -1)
		if need < len(in)-n {
			t.Errorf("CipherDoFinal: SHORT_BUFFER asks for %d bytes, %d remain", need, len(in)-n)
		}
		m, err := op.CipherDoFinal(rest, out[n:n+need])
		e.ok("CipherDoFinal with the size asked for", err)
		out2 := append([]byte(nil), out[:n]...)
		out2 = append(out2, make([]byte, len(out)-n)...)
		m2, err := cp.CipherDoFinal(rest, out2[n:])
		if err != nil || !bytes.Equal(out[:n+m], out2[:n+m2]) {
			t.Errorf("the copy finishes with %x, %v; the original %x", out2[:n+m2], err, out[:n+m])
		}
		return out[:n+m]
	}
	ct := run(e, abi.ModeEncrypt, pt)
	if len(ct) != len(pt) || bytes.Equal(ct, pt) {
		t.Fatalf("ciphertext %x", ct)
	}
	if want := run(env{t, Direct()}, abi.ModeEncrypt, pt); !bytes.Equal(ct, want) {
		t.Errorf("ciphertext %x, the engine's %x", ct, want)
	}
	if want := bareCipher(c.alg, k1, iv, pt); want != nil && !bytes.Equal(ct, want) {
		t.Errorf("ciphertext %x, crypto/cipher's %x", ct, want)
	}
	if back := run(e, abi.ModeDecrypt, ct); !bytes.Equal(back, pt) {
		t.Errorf("round trip: %x, want %x", back, pt)
	}
	if !c.stream {
		keys := c.keys(e, k1, k2)
		op := e.op(c.alg, abi.ModeEncrypt, c.bits(), keys...)
		e.ok("CipherInit", op.CipherInit(iv))
		_, err := op.CipherDoFinal(pt[:c.bs+1], make([]byte, 3*c.bs))
		e.rejected("CipherDoFinal of a partial block", err, abi.ErrBadParameters)
	}
	if c.twoKeys {
		a, b := e.secret(c.typ, k1), e.secret(c.typ, k1)
		op, err := api.NewOperation(c.alg, abi.ModeEncrypt, c.bits())
		if e.ok("AllocateOperation", err) {
			e.result("SetOperationKey2 with equal XTS keys", op.SetKey2(a, b), abi.ErrSecurity)
		}
	}
	_, err := api.NewOperation(c.alg, abi.ModeEncrypt, c.bits()*4)
	e.result("maxKeySize above the type's sizes", err, abi.ErrNotSupported)
	_, err = api.NewObject(c.typ, 8)
	e.result("object size below the type's sizes", err, abi.ErrNotSupported)
	_, err = api.NewOperation(c.alg, abi.ModeMAC, c.bits())
	e.result("cipher in MAC mode", err, abi.ErrNotSupported)

	// Misuse, each in its own scenario (the TA dies of it).
	fresh := func() (Operation, []Object) {
		keys := c.keys(e, k1, k2)
		op, err := api.NewOperation(c.alg, abi.ModeEncrypt, c.bits())
		if err != nil {
			t.Fatal(err)
		}
		return op, keys
	}
	setKey := func(op Operation, keys []Object) error {
		if c.twoKeys {
			return op.SetKey2(keys[0], keys[1])
		}
		return op.SetKey(keys[0])
	}
	keyed := func() Operation {
		op, keys := fresh()
		e.ok("key", setKey(op, keys))
		return op
	}
	hmacKey := func() Object { return e.secret(abi.TypeHMACSHA256, make([]byte, 32)) }
	// Every cipher: wrong key type, wrong key size, wrong mode.
	op, _ := fresh()
	if c.twoKeys {
		e.panics("wrong key type", op.SetKey2(hmacKey(), hmacKey()))
	} else {
		e.panics("wrong key type", op.SetKey(hmacKey()))
	}
	if c.bigKey > 0 {
		op, keys := fresh()
		keys[0] = e.secret(c.typ, pattern(c.bigKey))
		e.panics("key larger than maxKeySize", setKey(op, keys))
	}
	e.panics("MACInit on a cipher", keyed().MACInit(nil))
	if !c.misuse {
		return
	}
	// The state machine, once per key type (each panic costs a TA instance).
	op, _ = fresh()
	e.panics("CipherInit without a key", op.CipherInit(iv))
	if c.twoKeys {
		op, keys := fresh()
		e.panics("SetOperationKey on XTS", op.SetKey(keys[0]))
	} else {
		op, keys := fresh()
		e.panics("SetOperationKey2 on a one-key cipher", op.SetKey2(keys[0], e.secret(c.typ, k2)))
	}
	_, err = keyed().CipherUpdate(pt, make([]byte, len(pt)))
	e.panics("CipherUpdate before CipherInit", err)
	e.panics("AEInit on a cipher", keyed().AEInit(pattern(12), 128, 0, 0))
	if iv != nil {
		e.panics("IV of the wrong length", keyed().CipherInit(iv[:3]))
	}
	op = keyed()
	e.ok("CipherInit", op.CipherInit(iv))
	_, err = op.CipherDoFinal(pt, make([]byte, len(pt)))
	e.ok("CipherDoFinal", err)
	_, err = op.CipherUpdate(pt, make([]byte, len(pt)))
	e.panics("CipherUpdate after CipherDoFinal", err)
	op = keyed()
	e.ok("CipherInit", op.CipherInit(iv))
	e.panics("SetOperationKey on an active operation", setKey(op, c.keys(e, k1, k2)))
}

// bareCipher encrypts pt with crypto/cipher for the modes Go has (AES and
// DES ECB, CBC, CTR); nil for the others.
func bareCipher(alg uint32, key, iv, pt []byte) []byte {
	var b cipher.Block
	var err error
	switch alg {
	case abi.AlgAESECBNoPad, abi.AlgAESCBCNoPad, abi.AlgAESCTR:
		b, err = aes.NewCipher(key)
	case abi.AlgDESECBNoPad, abi.AlgDESCBCNoPad:
		b, err = des.NewCipher(key)
	case abi.AlgDES3ECBNoPad, abi.AlgDES3CBCNoPad:
		if len(key) == 16 {
			key = append(append([]byte(nil), key...), key[:8]...)
		}
		b, err = des.NewTripleDESCipher(key)
	default:
		return nil
	}
	if err != nil {
		panic(err)
	}
	out := make([]byte, len(pt))
	switch alg {
	case abi.AlgAESCBCNoPad, abi.AlgDESCBCNoPad, abi.AlgDES3CBCNoPad:
		cipher.NewCBCEncrypter(b, iv).CryptBlocks(out, pt)
	case abi.AlgAESCTR:
		cipher.NewCTR(b, iv).XORKeyStream(out, pt)
	default:
		for i := 0; i < len(pt); i += b.BlockSize() {
			b.Encrypt(out[i:], pt[i:])
		}
	}
	return out
}

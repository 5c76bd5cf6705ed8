package conform

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/hmac"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// macCase is one GP MAC with the key type and size the suite uses.
type macCase struct {
	alg, typ uint32
	keyLen   int
	size     int    // MAC length
	bs       int    // block size of a CBC-MAC without padding, else 0
	digest   uint32 // the hash of an HMAC, for crypto/hmac
	misuse   bool   // runs the state-machine misuse checks (one case per key type)
}

var macCases = []macCase{
	{abi.AlgAESCBCMACNoPad, abi.TypeAES, 16, 16, 16, 0, true}, {abi.AlgAESCBCMACPKCS5, abi.TypeAES, 24, 16, 0, 0, false},
	{abi.AlgAESCMAC, abi.TypeAES, 32, 16, 0, 0, false},
	{abi.AlgDESCBCMACNoPad, abi.TypeDES, 8, 8, 8, 0, false}, {abi.AlgDESCBCMACPKCS5, abi.TypeDES, 8, 8, 0, 0, false},
	{abi.AlgDES3CBCMACNoPad, abi.TypeDES3, 24, 8, 8, 0, false}, {abi.AlgDES3CBCMACPKCS5, abi.TypeDES3, 16, 8, 0, 0, false},
	{abi.AlgDES3CMAC, abi.TypeDES3, 16, 8, 0, 0, true},
	{abi.AlgHMACMD5, abi.TypeHMACMD5, 16, 16, 0, abi.AlgMD5, false}, {abi.AlgHMACSHA1, abi.TypeHMACSHA1, 20, 20, 0, abi.AlgSHA1, false},
	{abi.AlgHMACSHA224, abi.TypeHMACSHA224, 28, 28, 0, abi.AlgSHA224, false}, {abi.AlgHMACSHA256, abi.TypeHMACSHA256, 32, 32, 0, abi.AlgSHA256, true},
	{abi.AlgHMACSHA384, abi.TypeHMACSHA384, 48, 48, 0, abi.AlgSHA384, false}, {abi.AlgHMACSHA512, abi.TypeHMACSHA512, 64, 64, 0, abi.AlgSHA512, false},
	{abi.AlgHMACSHA3_224, abi.TypeHMACSHA3_224, 28, 28, 0, abi.AlgSHA3_224, false}, {abi.AlgHMACSHA3_256, abi.TypeHMACSHA3_256, 32, 32, 0, abi.AlgSHA3_256, false},
	{abi.AlgHMACSHA3_384, abi.TypeHMACSHA3_384, 48, 48, 0, abi.AlgSHA3_384, false}, {abi.AlgHMACSHA3_512, abi.TypeHMACSHA3_512, 64, 64, 0, abi.AlgSHA3_512, false},
	{abi.AlgHMACSM3, abi.TypeHMACSM3, 32, 32, 0, abi.AlgSM3, true},
	{abi.AlgHMACSHA256, abi.TypeGenericSecret, 40, 32, 0, abi.AlgSHA256, false},
}

// MACBehaviour runs every GP MAC: agreement with crypto/hmac (HMAC) and
// the engine, the message split, a copy taken mid-stream, SHORT_BUFFER
// with the size needed, wrong and truncated MACs, partial blocks, and each
// misuse GP makes panic.
func MACBehaviour(t *testing.T, api API) {
	for _, c := range macCases {
		name := algName(c.alg)
		if c.typ == abi.TypeGenericSecret {
			name += "/generic-secret"
		}
		t.Run(name, func(t *testing.T) { macBehaviour(t, api, c) })
	}
}

func macBehaviour(t *testing.T, api API, c macCase) {
	e := env{t, api}
	key := pattern(c.keyLen)
	msg := pattern(64)[3:]
	if c.bs > 0 {
		msg = pattern(4 * c.bs)
	}
	k := e.secret(c.typ, key)
	op := e.op(c.alg, abi.ModeMAC, uint32(c.keyLen*8), k)
	e.ok("MACInit", op.MACInit(nil))
	_, err := op.MACComputeFinal(msg, make([]byte, c.size-1))
	need := e.short("MACComputeFinal", err, c.size)
	mac := make([]byte, need)
	n, err := op.MACComputeFinal(msg, mac)
	if !e.ok("MACComputeFinal with the size asked for", err) || n != c.size {
		t.Fatalf("MAC of %d bytes", n)
	}
	if c.digest != 0 {
		h := hmac.New(bareDigests[c.digest], key)
		h.Write(msg)
		if want := h.Sum(nil); !bytes.Equal(mac, want) {
			t.Errorf("MAC %x, crypto/hmac %x", mac, want)
		}
	}
	if want := bareCBCMAC(c.alg, key, msg); want != nil && !bytes.Equal(mac, want) {
		t.Errorf("MAC %x, CBC with a zero IV in crypto/cipher %x", mac, want)
	}
	de := env{t, Direct()}
	dop := de.op(c.alg, abi.ModeMAC, uint32(c.keyLen*8), de.secret(c.typ, key))
	de.ok("MACInit", dop.MACInit(nil))
	if want := make([]byte, 64); true {
		m, err := dop.MACComputeFinal(msg, want)
		if err != nil || !bytes.Equal(mac, want[:m]) {
			t.Errorf("MAC %x, the engine's %x (%v)", mac, want[:m], err)
		}
	}
	// Split and copied mid-stream: both compare equal.
	split := len(msg)/2 + 3
	e.ok("MACInit", op.MACInit(nil))
	e.ok("MACUpdate", op.MACUpdate(msg[:split]))
	cp := e.op(c.alg, abi.ModeMAC, uint32(c.keyLen*8))
	e.ok("CopyOperation", cp.CopyFrom(op))
	e.ok("MACCompareFinal", op.MACCompareFinal(msg[split:], mac))
	e.ok("MACCompareFinal on the copy", cp.MACCompareFinal(msg[split:], mac))
	// Wrong and truncated MACs.
	bad := append([]byte(nil), mac...)
	bad[len(bad)-1] ^= 0x80
	e.ok("MACInit", op.MACInit(nil))
	e.result("MACCompareFinal of a wrong MAC", op.MACCompareFinal(msg, bad), abi.ErrMACInvalid)
	e.ok("MACInit", op.MACInit(nil))
	e.result("MACCompareFinal of a truncated MAC", op.MACCompareFinal(msg, mac[:len(mac)-1]), abi.ErrMACInvalid)
	if c.bs > 0 {
		e.ok("MACInit", op.MACInit(nil))
		_, err := op.MACComputeFinal(msg[:c.bs+1], make([]byte, c.size))
		e.rejected("MACComputeFinal of a partial block", err, abi.ErrBadParameters)
	}
	_, err = api.NewOperation(c.alg, abi.ModeEncrypt, uint32(c.keyLen*8))
	e.result("MAC in encrypt mode", err, abi.ErrNotSupported)
	op.Close()
	cp.Close()
	k.Close()

	// Misuse, each in its own scenario: wrong key type and wrong mode for
	// every MAC, the state machine once per key type.
	keyed := func() Operation {
		return e.op(c.alg, abi.ModeMAC, uint32(c.keyLen*8), e.secret(c.typ, key))
	}
	wrong := func() Object { return e.secret(abi.TypeGenericSecret, pattern(16)) }
	if c.digest != 0 {
		wrong = func() Object { return e.secret(abi.TypeAES, pattern(16)) }
	}
	op, err = api.NewOperation(c.alg, abi.ModeMAC, uint32(c.keyLen*8))
	if e.ok("AllocateOperation", err) {
		e.panics("wrong key type", op.SetKey(wrong()))
	}
	e.panics("CipherInit on a MAC", keyed().CipherInit(pattern(16)))
	if !c.misuse {
		return
	}
	e.panics("MACUpdate before MACInit", keyed().MACUpdate(msg))
	op = keyed()
	e.ok("MACInit", op.MACInit(nil))
	_, err = op.MACComputeFinal(msg, make([]byte, c.size))
	e.ok("MACComputeFinal", err)
	e.panics("MACUpdate after MACComputeFinal", op.MACUpdate(msg))
	op, err = api.NewOperation(c.alg, abi.ModeMAC, uint32(c.keyLen*8))
	if e.ok("AllocateOperation", err) {
		big := 2 * c.keyLen
		if c.typ == abi.TypeDES3 {
			big = 24
		}
		e.panics("key larger than maxKeySize", op.SetKey(e.secret(c.typ, pattern(big))))
	}
}

// bareCBCMAC is the CBC-MAC of msg (ISO/IEC 9797-1 algorithm 1: the last
// block of CBC encryption with a zero IV; PKCS#5-padded first for the
// PKCS5 variants), computed with crypto/cipher; nil for other MACs.
func bareCBCMAC(alg uint32, key, msg []byte) []byte {
	var b cipher.Block
	var err error
	pad := false
	switch alg {
	case abi.AlgAESCBCMACPKCS5:
		pad = true
		fallthrough
	case abi.AlgAESCBCMACNoPad:
		b, err = aes.NewCipher(key)
	case abi.AlgDESCBCMACPKCS5:
		pad = true
		fallthrough
	case abi.AlgDESCBCMACNoPad:
		b, err = des.NewCipher(key)
	case abi.AlgDES3CBCMACPKCS5:
		pad = true
		fallthrough
	case abi.AlgDES3CBCMACNoPad:
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
	bs := b.BlockSize()
	in := append([]byte(nil), msg...)
	if pad {
		p := bs - len(in)%bs
		in = append(in, bytes.Repeat([]byte{byte(p)}, p)...)
	}
	out := make([]byte, len(in))
	cipher.NewCBCEncrypter(b, make([]byte, bs)).CryptBlocks(out, in)
	return out[len(out)-bs:]
}

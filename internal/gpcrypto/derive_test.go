package gpcrypto

import (
	"bytes"
	"crypto"
	"crypto/dsa"
	"crypto/rand"
	"errors"
	"sync"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

var (
	dsaOnce sync.Once
	dsaKey  *Object
)

func testDSAKey(t testing.TB) *Object {
	dsaOnce.Do(func() {
		var p dsa.Parameters
		if err := dsa.GenerateParameters(&p, rand.Reader, dsa.L1024N160); err != nil {
			panic(err)
		}
		o, _ := NewObject(abi.TypeDSAKeypair, 1024)
		err := o.Generate(1024, []Attribute{RefAttribute(abi.AttrDSAPrime, p.P.Bytes()), RefAttribute(abi.AttrDSASubprime, p.Q.Bytes()),
			RefAttribute(abi.AttrDSABase, p.G.Bytes())}, rand.Reader)
		if err != nil {
			panic(err)
		}
		dsaKey = o
	})
	return dsaKey
}

func secretOf(t testing.TB, o *Object) []byte {
	t.Helper()
	b := make([]byte, 512)
	n, err := o.BufferAttribute(abi.AttrSecretValue, b)
	if err != nil {
		t.Fatal(err)
	}
	return b[:n]
}

func derive(t testing.TB, alg uint32, key *Object, params []Attribute, outBits uint32) (*Object, error) {
	t.Helper()
	op := keyedOp(t, alg, abi.ModeDerive, key)
	out, err := NewObject(abi.TypeGenericSecret, outBits)
	if err != nil {
		t.Fatal(err)
	}
	return out, op.DeriveKey(params, out)
}

// TestKeyAgreement derives the same secret on both sides for DH, ECDH on
// every supported curve and X25519, and rejects bad peer values.
func TestKeyAgreement(t *testing.T) {
	t.Parallel()
	// ECDH.
	for _, c := range []uint32{abi.ECCCurveNISTP224, abi.ECCCurveNISTP256, abi.ECCCurveNISTP384, abi.ECCCurveNISTP521} {
		bits := curves[c].bits
		a := genKey(t, abi.TypeECDHKeypair, bits, ValueAttr(abi.AttrECCCurve, c, 0))
		b := genKey(t, abi.TypeECDHKeypair, bits, ValueAttr(abi.AttrECCCurve, c, 0))
		pubParams := func(o *Object) []Attribute {
			return []Attribute{RefAttribute(abi.AttrECCPublicValueX, attrRef(o.attrs, abi.AttrECCPublicValueX)),
				RefAttribute(abi.AttrECCPublicValueY, attrRef(o.attrs, abi.AttrECCPublicValueY))}
		}
		outBits := (bits + 7) / 8 * 8
		za, err := derive(t, abi.AlgECDHDeriveSharedSecret, a, pubParams(b), outBits)
		if err != nil {
			t.Fatalf("%s: %v", curves[c].name, err)
		}
		zb, err := derive(t, abi.AlgECDHDeriveSharedSecret, b, pubParams(a), outBits)
		if err != nil || !bytes.Equal(secretOf(t, za), secretOf(t, zb)) {
			t.Errorf("%s: secrets differ: %v", curves[c].name, err)
		}
		bad := pubParams(b)
		bad[1].Ref = append([]byte(nil), bad[1].Ref...)
		bad[1].Ref[len(bad[1].Ref)-1] ^= 1
		if _, err := derive(t, abi.AlgECDHDeriveSharedSecret, a, bad, outBits); !errors.Is(err, ErrBadParameters) {
			t.Errorf("%s: point off the curve: %v", curves[c].name, err)
		}
		if _, err := derive(t, abi.AlgECDHDeriveSharedSecret, a, bad[:1], outBits); !IsPanic(err) {
			t.Errorf("%s: missing Y: %v", curves[c].name, err)
		}
		if _, err := derive(t, abi.AlgECDHDeriveSharedSecret, a, pubParams(b), 64); !IsPanic(err) {
			t.Errorf("%s: derived object too small: %v", curves[c].name, err)
		}
	}
	// X25519: RFC 7748 §6.1.
	alice, _ := NewObject(abi.TypeX25519Keypair, 256)
	if err := alice.Populate([]Attribute{
		RefAttribute(abi.AttrX25519PrivateValue, unhex(t, "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")),
		RefAttribute(abi.AttrX25519PublicValue, unhex(t, "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")),
	}); err != nil {
		t.Fatal(err)
	}
	z, err := derive(t, abi.AlgX25519, alice, []Attribute{RefAttribute(abi.AttrX25519PublicValue,
		unhex(t, "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"))}, 256)
	if err != nil || !bytes.Equal(secretOf(t, z), unhex(t, "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742")) {
		t.Errorf("X25519 RFC 7748: %v", err)
	}
	if _, err := derive(t, abi.AlgX25519, alice, []Attribute{RefAttribute(abi.AttrX25519PublicValue, make([]byte, 32))}, 256); !errors.Is(err, ErrBadParameters) {
		t.Errorf("X25519 low-order point: %v", err)
	}
	// DH on the DSA group (p, g with subgroup q).
	dk := testDSAKey(t)
	dom := []Attribute{RefAttribute(abi.AttrDHPrime, attrRef(dk.attrs, abi.AttrDSAPrime)), RefAttribute(abi.AttrDHBase, attrRef(dk.attrs, abi.AttrDSABase)),
		RefAttribute(abi.AttrDHSubprime, attrRef(dk.attrs, abi.AttrDSASubprime))}
	a := genKey(t, abi.TypeDHKeypair, 1024, dom...)
	b := genKey(t, abi.TypeDHKeypair, 1024, dom...)
	za, err := derive(t, abi.AlgDHDeriveSharedSecret, a, []Attribute{RefAttribute(abi.AttrDHPublicValue, attrRef(b.attrs, abi.AttrDHPublicValue))}, 1024)
	if err != nil {
		t.Fatal(err)
	}
	zb, _ := derive(t, abi.AlgDHDeriveSharedSecret, b, []Attribute{RefAttribute(abi.AttrDHPublicValue, attrRef(a.attrs, abi.AttrDHPublicValue))}, 1024)
	if !bytes.Equal(secretOf(t, za), secretOf(t, zb)) || len(secretOf(t, za)) != 128 {
		t.Error("DH secrets differ")
	}
	if _, err := derive(t, abi.AlgDHDeriveSharedSecret, a, []Attribute{RefAttribute(abi.AttrDHPublicValue, []byte{1})}, 1024); !errors.Is(err, ErrBadParameters) {
		t.Errorf("DH peer 1: %v", err)
	}
}

// TestKDFs checks HKDF against RFC 5869 A.1, PBKDF2 against RFC 6070, and
// Concat KDF against a hand-computed single block.
func TestKDFs(t *testing.T) {
	t.Parallel()
	ikm := unhex(t, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b")
	salt, info := unhex(t, "000102030405060708090a0b0c"), unhex(t, "f0f1f2f3f4f5f6f7f8f9")
	okm := unhex(t, "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")
	for _, c := range []struct {
		name   string
		alg    uint32
		typ    uint32
		params []Attribute
	}{
		{"OP-TEE HKDF", abi.AlgHKDFSHA256DeriveKey, abi.TypeHKDFIKM, []Attribute{RefAttribute(abi.OPTEEAttrHKDFSalt, salt),
			RefAttribute(abi.OPTEEAttrHKDFInfo, info), ValueAttr(abi.AttrHKDFOKMLength, 42, 0)}},
		{"OP-TEE HKDF, GP names", abi.AlgHKDFSHA256DeriveKey, abi.TypeHKDFIKM, []Attribute{RefAttribute(abi.AttrHKDFSalt, salt),
			RefAttribute(abi.AttrHKDFInfo, info), ValueAttr(abi.AttrHKDFOKMLength, 42, 0)}},
		{"GP HKDF", abi.AlgHKDF, abi.TypeHKDF, []Attribute{RefAttribute(abi.AttrHKDFSalt, salt), RefAttribute(abi.AttrHKDFInfo, info),
			ValueAttr(abi.AttrHKDFHashAlgorithm, abi.AlgSHA256, 0), ValueAttr(abi.AttrKDFKeySize, 42, 0)}},
	} {
		k := secretKey(t, c.typ, ikm)
		out, err := derive(t, c.alg, k, c.params, 512)
		if err != nil || !bytes.Equal(secretOf(t, out), okm) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	pw := secretKey(t, abi.TypePBKDF2Password, []byte("password"))
	out, err := derive(t, abi.AlgPBKDF2HMACSHA1DeriveKey, pw, []Attribute{RefAttribute(abi.AttrPBKDF2Salt, []byte("salt")),
		ValueAttr(abi.AttrPBKDF2IterationCount, 2, 0), ValueAttr(abi.AttrPBKDF2DKMLength, 20, 0)}, 160)
	if err != nil || !bytes.Equal(secretOf(t, out), unhex(t, "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957")) {
		t.Errorf("PBKDF2 RFC 6070: %v", err)
	}
	if _, err := derive(t, abi.AlgPBKDF2HMACSHA1DeriveKey, pw, nil, 160); !IsPanic(err) {
		t.Errorf("PBKDF2 without parameters: %v", err)
	}
	z := secretKey(t, abi.TypeConcatKDFZ, []byte("shared secret Z"))
	out, err = derive(t, abi.AlgConcatKDFSHA256DeriveKey, z, []Attribute{RefAttribute(abi.AttrConcatKDFOtherInfo, []byte("other")),
		ValueAttr(abi.AttrConcatKDFDKMLength, 40, 0)}, 320)
	want := append(hashOf(crypto.SHA256, []byte("\x00\x00\x00\x01shared secret Zother")), hashOf(crypto.SHA256, []byte("\x00\x00\x00\x02shared secret Zother"))...)
	if err != nil || !bytes.Equal(secretOf(t, out), want[:40]) {
		t.Errorf("Concat KDF: %v", err)
	}
}

package gpcrypto

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"errors"
	"sync"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

var (
	rsaOnce    sync.Once
	rsaKeyPair *Object
)

// testRSAKey returns a shared 1024-bit RSA key pair (generation is slow).
func testRSAKey(t testing.TB) *Object {
	rsaOnce.Do(func() {
		o, err := NewObject(abi.TypeRSAKeypair, 2048)
		if err != nil {
			panic(err)
		}
		if err := o.Generate(1024, nil, rand.Reader); err != nil {
			panic(err)
		}
		rsaKeyPair = o
	})
	return rsaKeyPair
}

func genKey(t testing.TB, typ, size uint32, params ...Attribute) *Object {
	t.Helper()
	o, err := NewObject(typ, size)
	if err != nil {
		t.Fatal(err)
	}
	if err := o.Generate(size, params, rand.Reader); err != nil {
		t.Fatalf("Generate %#x: %v", typ, err)
	}
	return o
}

func publicOf(t testing.TB, pair *Object, pubType uint32) *Object {
	t.Helper()
	p, err := NewObject(pubType, pair.maxSize)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.CopyAttributesFrom(pair); err != nil {
		t.Fatal(err)
	}
	return p
}

func hashOf(h crypto.Hash, msg []byte) []byte {
	if h == 0 {
		return msg
	}
	d := newHash(h)
	d.Write(msg)
	return d.Sum(nil)
}

// TestSignatures signs and verifies with every supported signature
// algorithm: the round trip, a flipped bit, a short signature buffer, the
// wrong mode, the wrong key type, a missing key.
func TestSignatures(t *testing.T) {
	t.Parallel()
	rsaPair := testRSAKey(t)
	rsaPub := publicOf(t, rsaPair, abi.TypeRSAPublicKey)
	ec := map[uint32]*Object{}
	for _, c := range []uint32{abi.ECCCurveNISTP224, abi.ECCCurveNISTP256, abi.ECCCurveNISTP384, abi.ECCCurveNISTP521} {
		ec[c] = genKey(t, abi.TypeECDSAKeypair, curves[c].bits, ValueAttr(abi.AttrECCCurve, c, 0))
	}
	ed := genKey(t, abi.TypeEd25519Keypair, 256)
	dsaPair := testDSAKey(t)
	msg := []byte("the message to sign")
	var ids []uint32
	for id, a := range algs {
		if a.supported && a.class == abi.OperationAsymmetricSignature {
			ids = append(ids, id)
		}
	}
	for _, id := range ids {
		a := algs[id]
		var pairs []*Object
		var pubType uint32
		switch a.kind {
		case kRSASSAPKCS1, kRSASSAPSS:
			pairs, pubType = []*Object{rsaPair}, abi.TypeRSAPublicKey
		case kECDSA:
			for _, o := range ec {
				pairs = append(pairs, o)
			}
			pubType = abi.TypeECDSAPublicKey
		case kEd25519:
			pairs, pubType = []*Object{ed}, abi.TypeEd25519PublicKey
		case kDSA:
			pairs, pubType = []*Object{dsaPair}, abi.TypeDSAPublicKey
		case kSM2DSA:
			pairs, pubType = []*Object{genKey(t, abi.TypeSM2DSAKeypair, 256)}, abi.TypeSM2DSAPublicKey
		}
		if len(pairs) == 0 {
			t.Errorf("%s: not tested", a.name)
		}
		for _, pair := range pairs {
			digest := hashOf(a.hash, msg)
			if a.kind == kSM2DSA {
				digest = bytes.Repeat([]byte{7}, 32) // e = SM3(Z || M), which the TA computes
			}
			signer := keyedOp(t, id, abi.ModeSign, pair)
			pub := pair
			if pubType != 0 && id != abi.AlgRSASSAPKCS1V15 {
				pub = publicOf(t, pair, pubType)
			}
			verifier, err := NewOperation(id, abi.ModeVerify, pub.Info().ObjectSize)
			if err != nil {
				t.Fatal(err)
			}
			if err := verifier.SetKey(pub); err != nil {
				t.Fatalf("%s: %v", a.name, err)
			}
			var params []Attribute
			if a.kind == kRSASSAPSS && a.hash.Size() == 64 {
				// a 64-byte salt does not fit a 1024-bit key (BAD_PARAMETERS)
				params = []Attribute{ValueAttr(abi.AttrRSAPSSSaltLength, 20, 0)}
				if _, err := signer.AsymmetricSignDigest(nil, digest, make([]byte, 128)); !errors.Is(err, ErrBadParameters) {
					t.Errorf("%s: default salt on 1024 bits: %v", a.name, err)
				}
			}
			_, err = signer.AsymmetricSignDigest(params, digest, make([]byte, 1))
			need, ok := NeededSize(err)
			if !ok {
				t.Errorf("%s: short buffer: %v", a.name, err)
				continue
			}
			sig := make([]byte, need)
			n, err := signer.AsymmetricSignDigest(params, digest, sig)
			if err != nil {
				t.Errorf("%s: sign: %v", a.name, err)
				continue
			}
			if err := verifier.AsymmetricVerifyDigest(params, digest, sig[:n]); err != nil {
				t.Errorf("%s: verify: %v", a.name, err)
			}
			sig[n/2] ^= 1
			if err := verifier.AsymmetricVerifyDigest(params, digest, sig[:n]); !errors.Is(err, ErrSignatureInvalid) {
				t.Errorf("%s: tampered signature: %v", a.name, err)
			}
			if a.hash != 0 && a.kind != kEd25519 {
				mustPanic(t, a.name+": digest length", func() error { _, err := signer.AsymmetricSignDigest(nil, digest[1:], sig); return err }())
			}
			mustPanic(t, a.name+": verify on a sign operation", signer.AsymmetricVerifyDigest(nil, digest, sig))
			mustPanic(t, a.name+": sign on a verify operation", func() error { _, err := verifier.AsymmetricSignDigest(nil, digest, sig); return err }())
			mustPanic(t, a.name+": encrypt on a signature operation", func() error { _, err := signer.AsymmetricEncrypt(nil, digest, sig); return err }())
			s3, _ := NewOperation(id, abi.ModeSign, pair.Info().ObjectSize)
			mustPanic(t, a.name+": wrong key type", s3.SetKey(genKey(t, abi.TypeAES, 128)))
			if a.kind == kECDSA && pair.Info().ObjectSize > 224 {
				s4, _ := NewOperation(id, abi.ModeSign, 224)
				mustPanic(t, a.name+": key larger than maxKeySize", s4.SetKey(pair))
			}
			if pubType != 0 && pub != pair {
				s2, _ := NewOperation(id, abi.ModeSign, pair.Info().ObjectSize)
				mustPanic(t, a.name+": sign with a public key", s2.SetKey(pub))
				mustPanic(t, a.name+": sign without a key", func() error { _, err := s2.AsymmetricSignDigest(nil, digest, sig); return err }())
			}
		}
	}
	_ = rsaPub
}

// TestRSAParams: PSS salt lengths, OAEP labels and MGF1 hashes, the
// NOPAD round trip, and decryption failures.
func TestRSACipher(t *testing.T) {
	t.Parallel()
	pair := testRSAKey(t)
	pub := publicOf(t, pair, abi.TypeRSAPublicKey)
	mgf := func(alg uint32) []byte { return []byte{byte(alg), byte(alg >> 8), byte(alg >> 16), byte(alg >> 24)} }
	for _, c := range []struct {
		alg    uint32
		params []Attribute
	}{
		{abi.AlgRSAESPKCS1V15, nil},
		{abi.AlgRSAESPKCS1OAEPMGF1SHA1, nil},
		{abi.AlgRSAESPKCS1OAEPMGF1SHA256, []Attribute{RefAttribute(abi.AttrRSAOAEPLabel, []byte("label"))}},
		{abi.AlgRSAESPKCS1OAEPMGF1SHA384, []Attribute{RefAttribute(abi.AttrRSAOAEPMGFHash, mgf(abi.AlgSHA1))}},
		{abi.AlgRSAESPKCS1OAEPMGF1SHA3_256, nil},
		{abi.AlgRSANoPad, nil},
	} {
		name, _ := AlgorithmName(c.alg)
		enc := keyedOp(t, c.alg, abi.ModeEncrypt, pub)
		dec := keyedOp(t, c.alg, abi.ModeDecrypt, pair)
		msg := []byte("a secret message")
		ct := make([]byte, 128)
		n, err := enc.AsymmetricEncrypt(c.params, msg, ct)
		if err != nil {
			t.Errorf("%s: encrypt: %v", name, err)
			continue
		}
		if _, err := dec.AsymmetricDecrypt(c.params, ct[:n], make([]byte, 2)); !errors.Is(err, ErrShortBuffer) {
			t.Errorf("%s: short: %v", name, err)
		}
		pt := make([]byte, 128)
		m, err := dec.AsymmetricDecrypt(c.params, ct[:n], pt)
		if err != nil || !bytes.Equal(pt[:m], msg) {
			t.Errorf("%s: decrypt = %q, %v", name, pt[:m], err)
		}
		if c.alg != abi.AlgRSANoPad {
			ct[5] ^= 1
			if _, err := dec.AsymmetricDecrypt(c.params, ct[:n], pt); !errors.Is(err, ErrBadParameters) {
				t.Errorf("%s: corrupted ciphertext: %v", name, err)
			}
			if _, err := enc.AsymmetricEncrypt(c.params, make([]byte, 200), ct); !errors.Is(err, ErrBadParameters) {
				t.Errorf("%s: message too long: %v", name, err)
			}
		}
		mustPanic(t, name+": decrypt on an encrypt operation", func() error { _, err := enc.AsymmetricDecrypt(nil, ct, pt); return err }())
		d2, _ := NewOperation(c.alg, abi.ModeDecrypt, 2048)
		mustPanic(t, name+": decrypt with a public key", d2.SetKey(pub))
		mustPanic(t, name+": wrong key type", d2.SetKey(genKey(t, abi.TypeAES, 128)))
	}
	// PSS with explicit salt lengths; verification with another salt length fails.
	digest := hashOf(crypto.SHA256, []byte("m"))
	s := keyedOp(t, abi.AlgRSASSAPKCS1PSSMGF1SHA256, abi.ModeSign, pair)
	v := keyedOp(t, abi.AlgRSASSAPKCS1PSSMGF1SHA256, abi.ModeVerify, pub)
	for _, salt := range []uint32{0, 20, 32} {
		p := []Attribute{ValueAttr(abi.AttrRSAPSSSaltLength, salt, 0)}
		sig := make([]byte, 128)
		if _, err := s.AsymmetricSignDigest(p, digest, sig); err != nil {
			t.Fatalf("salt %d: %v", salt, err)
		}
		if err := v.AsymmetricVerifyDigest(p, digest, sig); err != nil {
			t.Errorf("salt %d: verify: %v", salt, err)
		}
		if err := v.AsymmetricVerifyDigest([]Attribute{ValueAttr(abi.AttrRSAPSSSaltLength, salt+1, 0)}, digest, sig); !errors.Is(err, ErrSignatureInvalid) {
			t.Errorf("salt %d: verify with salt+1: %v", salt, err)
		}
	}
	if _, err := s.AsymmetricSignDigest([]Attribute{RefAttribute(abi.AttrRSAOAEPLabel, nil)}, digest, make([]byte, 128)); !errors.Is(err, ErrBadParameters) {
		t.Errorf("foreign parameter: %v", err)
	}
}

// TestEd25519RFC8032 checks RFC 8032 §7.1 test 1 and the ctx/ph variants'
// round trips.
func TestEd25519RFC8032(t *testing.T) {
	t.Parallel()
	o, _ := NewObject(abi.TypeEd25519Keypair, 256)
	err := o.Populate([]Attribute{
		RefAttribute(abi.AttrEd25519PrivateValue, unhex(t, "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")),
		RefAttribute(abi.AttrEd25519PublicValue, unhex(t, "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")),
	})
	if err != nil {
		t.Fatal(err)
	}
	s := keyedOp(t, abi.AlgEd25519, abi.ModeSign, o)
	sig := make([]byte, 64)
	if _, err := s.AsymmetricSignDigest(nil, nil, sig); err != nil {
		t.Fatal(err)
	}
	if want := unhex(t, "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"); !bytes.Equal(sig, want) {
		t.Errorf("sig = %x", sig)
	}
	v := keyedOp(t, abi.AlgEd25519, abi.ModeVerify, publicOf(t, o, abi.TypeEd25519PublicKey))
	for _, p := range [][]Attribute{
		{RefAttribute(abi.AttrEdDSACtx, []byte("foo"))},
		{ValueAttr(abi.AttrEdDSAPrehash, 1, 0)},
		{ValueAttr(abi.AttrEdDSAPrehash, 1, 0), RefAttribute(abi.AttrEdDSACtx, []byte("foo"))},
	} {
		if _, err := s.AsymmetricSignDigest(p, []byte("abc"), sig); err != nil {
			t.Fatal(err)
		}
		if err := v.AsymmetricVerifyDigest(p, []byte("abc"), sig); err != nil {
			t.Errorf("%v: %v", p, err)
		}
		if err := v.AsymmetricVerifyDigest(nil, []byte("abc"), sig); !errors.Is(err, ErrSignatureInvalid) {
			t.Errorf("%v verified as pure Ed25519: %v", p, err)
		}
	}
}

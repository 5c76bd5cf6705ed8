package conform

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"math/big"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto"
)

// sigFamily is a signature scheme: its algorithms, the key the suite
// signs with, and the length of a signature.
type sigFamily struct {
	name   string
	algs   []uint32
	hashes map[uint32]crypto.Hash // the digest each algorithm signs; absent: the message itself (EdDSA) or SHA-256 (no OID)
	key    func(e env) keyPair
	sigLen func(k keyPair) int
	params []gpcrypto.Attribute
	bigger func(e env) keyPair // a larger key of the same type, nil if none
}

func hashMap(pairs ...any) map[uint32]crypto.Hash {
	m := map[uint32]crypto.Hash{}
	for i := 0; i < len(pairs); i += 2 {
		m[pairs[i].(uint32)] = pairs[i+1].(crypto.Hash)
	}
	return m
}

func sigFamilies(t *testing.T) []sigFamily {
	rsa1024 := func(env) keyPair { return rsaKey(1024) }
	rsa2048 := func(env) keyPair { return rsaKey(2048) }
	rsaLen := func(k keyPair) int { return int(k.bits / 8) }
	ecc := func(curveID, bits uint32) func(env) keyPair {
		return func(e env) keyPair { return e.eccKey(abi.TypeECDSAKeypair, abi.TypeECDSAPublicKey, curveID, bits) }
	}
	eccLen := func(k keyPair) int { return 2 * int((k.bits+7)/8) }
	ecdsaAlgs := hashMap(abi.AlgECDSASHA1, crypto.SHA1, abi.AlgECDSASHA224, crypto.SHA224, abi.AlgECDSASHA256, crypto.SHA256,
		abi.AlgECDSASHA384, crypto.SHA384, abi.AlgECDSASHA512, crypto.SHA512, abi.AlgECDSASHA3_224, crypto.SHA3_224,
		abi.AlgECDSASHA3_256, crypto.SHA3_256, abi.AlgECDSASHA3_384, crypto.SHA3_384, abi.AlgECDSASHA3_512, crypto.SHA3_512)
	ecdsaIDs := []uint32{abi.AlgECDSASHA1, abi.AlgECDSASHA224, abi.AlgECDSASHA256, abi.AlgECDSASHA384, abi.AlgECDSASHA512,
		abi.AlgECDSASHA3_224, abi.AlgECDSASHA3_256, abi.AlgECDSASHA3_384, abi.AlgECDSASHA3_512}
	p, q, g := dsaDomain(t)
	dsaKey := func(e env) keyPair {
		return e.generated(abi.TypeDSAKeypair, abi.TypeDSAPublicKey, 2048, dsaPairIDs, dsaPubIDs, nil,
			ref(abi.AttrDSAPrime, p), ref(abi.AttrDSASubprime, q), ref(abi.AttrDSABase, g))
	}
	return []sigFamily{
		{name: "RSASSA-PKCS1-v1_5", key: rsa1024, sigLen: rsaLen, bigger: rsa2048,
			algs: []uint32{abi.AlgRSASSAPKCS1V15MD5, abi.AlgRSASSAPKCS1V15SHA1, abi.AlgRSASSAPKCS1V15SHA224, abi.AlgRSASSAPKCS1V15SHA256,
				abi.AlgRSASSAPKCS1V15SHA384, abi.AlgRSASSAPKCS1V15SHA512, abi.AlgRSASSAPKCS1V15SHA3_224, abi.AlgRSASSAPKCS1V15SHA3_256,
				abi.AlgRSASSAPKCS1V15SHA3_384, abi.AlgRSASSAPKCS1V15SHA3_512, abi.AlgRSASSAPKCS1V15MD5SHA1, abi.AlgRSASSAPKCS1V15},
			hashes: hashMap(abi.AlgRSASSAPKCS1V15MD5, crypto.MD5, abi.AlgRSASSAPKCS1V15SHA1, crypto.SHA1,
				abi.AlgRSASSAPKCS1V15SHA224, crypto.SHA224, abi.AlgRSASSAPKCS1V15SHA256, crypto.SHA256,
				abi.AlgRSASSAPKCS1V15SHA384, crypto.SHA384, abi.AlgRSASSAPKCS1V15SHA512, crypto.SHA512,
				abi.AlgRSASSAPKCS1V15SHA3_224, crypto.SHA3_224, abi.AlgRSASSAPKCS1V15SHA3_256, crypto.SHA3_256,
				abi.AlgRSASSAPKCS1V15SHA3_384, crypto.SHA3_384, abi.AlgRSASSAPKCS1V15SHA3_512, crypto.SHA3_512,
				abi.AlgRSASSAPKCS1V15MD5SHA1, crypto.MD5SHA1)},
		{name: "RSASSA-PSS", key: rsa2048, sigLen: rsaLen,
			algs: []uint32{abi.AlgRSASSAPKCS1PSSMGF1MD5, abi.AlgRSASSAPKCS1PSSMGF1SHA1, abi.AlgRSASSAPKCS1PSSMGF1SHA224,
				abi.AlgRSASSAPKCS1PSSMGF1SHA256, abi.AlgRSASSAPKCS1PSSMGF1SHA384, abi.AlgRSASSAPKCS1PSSMGF1SHA512,
				abi.AlgRSASSAPKCS1PSSMGF1SHA3_224, abi.AlgRSASSAPKCS1PSSMGF1SHA3_256, abi.AlgRSASSAPKCS1PSSMGF1SHA3_384,
				abi.AlgRSASSAPKCS1PSSMGF1SHA3_512},
			hashes: hashMap(abi.AlgRSASSAPKCS1PSSMGF1MD5, crypto.MD5, abi.AlgRSASSAPKCS1PSSMGF1SHA1, crypto.SHA1,
				abi.AlgRSASSAPKCS1PSSMGF1SHA224, crypto.SHA224, abi.AlgRSASSAPKCS1PSSMGF1SHA256, crypto.SHA256,
				abi.AlgRSASSAPKCS1PSSMGF1SHA384, crypto.SHA384, abi.AlgRSASSAPKCS1PSSMGF1SHA512, crypto.SHA512,
				abi.AlgRSASSAPKCS1PSSMGF1SHA3_224, crypto.SHA3_224, abi.AlgRSASSAPKCS1PSSMGF1SHA3_256, crypto.SHA3_256,
				abi.AlgRSASSAPKCS1PSSMGF1SHA3_384, crypto.SHA3_384, abi.AlgRSASSAPKCS1PSSMGF1SHA3_512, crypto.SHA3_512)},
		{name: "DSA", key: dsaKey, sigLen: func(keyPair) int { return 64 },
			algs: []uint32{abi.AlgDSASHA1, abi.AlgDSASHA224, abi.AlgDSASHA256, abi.AlgDSASHA3_224, abi.AlgDSASHA3_256,
				abi.AlgDSASHA3_384, abi.AlgDSASHA3_512},
			hashes: hashMap(abi.AlgDSASHA1, crypto.SHA1, abi.AlgDSASHA224, crypto.SHA224, abi.AlgDSASHA256, crypto.SHA256,
				abi.AlgDSASHA3_224, crypto.SHA3_224, abi.AlgDSASHA3_256, crypto.SHA3_256, abi.AlgDSASHA3_384, crypto.SHA3_384,
				abi.AlgDSASHA3_512, crypto.SHA3_512)},
		{name: "ECDSA-P224", key: ecc(abi.ECCCurveNISTP224, 224), sigLen: eccLen, algs: ecdsaIDs, hashes: ecdsaAlgs},
		{name: "ECDSA-P256", key: ecc(abi.ECCCurveNISTP256, 256), sigLen: eccLen, algs: ecdsaIDs, hashes: ecdsaAlgs,
			bigger: ecc(abi.ECCCurveNISTP384, 384)},
		{name: "ECDSA-P384", key: ecc(abi.ECCCurveNISTP384, 384), sigLen: eccLen, algs: ecdsaIDs, hashes: ecdsaAlgs},
		{name: "ECDSA-P521", key: ecc(abi.ECCCurveNISTP521, 521), sigLen: eccLen, algs: ecdsaIDs, hashes: ecdsaAlgs},
		{name: "Ed25519", sigLen: func(keyPair) int { return 64 }, algs: []uint32{abi.AlgEd25519},
			key: func(e env) keyPair {
				return e.generated(abi.TypeEd25519Keypair, abi.TypeEd25519PublicKey, 256,
					[]uint32{abi.AttrEd25519PrivateValue, abi.AttrEd25519PublicValue}, []uint32{abi.AttrEd25519PublicValue}, nil)
			}},
		{name: "Ed25519ctx", sigLen: func(keyPair) int { return 64 }, algs: []uint32{abi.AlgEd25519},
			params: []gpcrypto.Attribute{ref(abi.AttrEdDSACtx, []byte("context"))},
			key: func(e env) keyPair {
				return e.generated(abi.TypeEd25519Keypair, abi.TypeEd25519PublicKey, 256,
					[]uint32{abi.AttrEd25519PrivateValue, abi.AttrEd25519PublicValue}, []uint32{abi.AttrEd25519PublicValue}, nil)
			}},
		{name: "Ed25519ph", sigLen: func(keyPair) int { return 64 }, algs: []uint32{abi.AlgEd25519},
			params: []gpcrypto.Attribute{val(abi.AttrEdDSAPrehash, 1, 0)},
			key: func(e env) keyPair {
				return e.generated(abi.TypeEd25519Keypair, abi.TypeEd25519PublicKey, 256,
					[]uint32{abi.AttrEd25519PrivateValue, abi.AttrEd25519PublicValue}, []uint32{abi.AttrEd25519PublicValue}, nil)
			}},
		{name: "SM2-DSA", sigLen: func(keyPair) int { return 64 }, algs: []uint32{abi.AlgSM2DSASM3},
			hashes: hashMap(abi.AlgSM2DSASM3, crypto.SHA256), // e = SM3(Z || M) is the TA's to compute: any 32 bytes
			key: func(e env) keyPair {
				return e.generated(abi.TypeSM2DSAKeypair, abi.TypeSM2DSAPublicKey, 256, eccPairIDs, eccPubIDs, nil)
			}},
	}
}

// SignatureBehaviour signs and verifies with every GP signature algorithm:
// SHORT_BUFFER with the signature's size, the retry, verification by the
// engine and (RSA, ECDSA, Ed25519) by Go, tampered signatures and digests,
// and each misuse GP makes panic.
func SignatureBehaviour(t *testing.T, api API) {
	for _, f := range sigFamilies(t) {
		t.Run(f.name, func(t *testing.T) { signFamily(t, api, f) })
	}
	t.Run("PSS-salt-length", func(t *testing.T) { pssSaltLength(t, api) })
	t.Run("RSA-generated", func(t *testing.T) {
		e := env{t, api}
		k := e.generated(abi.TypeRSAKeypair, abi.TypeRSAPublicKey, 1024,
			[]uint32{abi.AttrRSAModulus, abi.AttrRSAPublicExponent, abi.AttrRSAPrivateExponent},
			[]uint32{abi.AttrRSAModulus, abi.AttrRSAPublicExponent}, nil)
		if e := attrOf(k.pub, abi.AttrRSAPublicExponent); !bytes.Equal(e, []byte{1, 0, 1}) {
			t.Errorf("generated public exponent %x", e)
		}
		f := sigFamily{key: func(env) keyPair { return k }, sigLen: func(keyPair) int { return 128 },
			algs: []uint32{abi.AlgRSASSAPKCS1V15SHA256}, hashes: hashMap(abi.AlgRSASSAPKCS1V15SHA256, crypto.SHA256)}
		signFamily(t, api, f)
	})
}

func signFamily(t *testing.T, api API, f sigFamily) {
	e := env{t, api}
	k := f.key(e)
	msg := pattern(100)
	digestOf := func(alg uint32) []byte {
		h, ok := f.hashes[alg]
		switch {
		case alg == abi.AlgRSASSAPKCS1V15:
			return hashOf(crypto.SHA256, msg)
		case !ok:
			return msg
		case h == crypto.MD5SHA1:
			return append(hashOf(crypto.MD5, msg), hashOf(crypto.SHA1, msg)...)
		}
		return hashOf(h, msg)
	}
	for _, alg := range f.algs {
		name := algName(alg)
		digest := digestOf(alg)
		pair, pub := k.objects(e)
		signer := e.op(alg, abi.ModeSign, k.bits, pair)
		verifier := e.op(alg, abi.ModeVerify, k.bits, pub)
		_, err := signer.AsymmetricSignDigest(f.params, digest, make([]byte, 1))
		need := e.short(name+": AsymmetricSignDigest", err, f.sigLen(k))
		sig := make([]byte, need)
		n, err := signer.AsymmetricSignDigest(f.params, digest, sig)
		if !e.ok(name+": AsymmetricSignDigest with the size asked for", err) {
			continue
		}
		sig = sig[:n]
		e.ok(name+": AsymmetricVerifyDigest", verifier.AsymmetricVerifyDigest(f.params, digest, sig))
		de := env{t, Direct()}
		_, dpub := k.objects(de)
		de.ok(name+": the engine verifies", de.op(alg, abi.ModeVerify, k.bits, dpub).AsymmetricVerifyDigest(f.params, digest, sig))
		if err := bareVerify(alg, k, f.params, digest, sig); err != nil {
			t.Errorf("%s: Go does not verify: %v", name, err)
		}
		bad := append([]byte(nil), sig...)
		bad[n/2] ^= 1
		e.result(name+": tampered signature", verifier.AsymmetricVerifyDigest(f.params, digest, bad), abi.ErrSignatureInvalid)
		other := append([]byte(nil), digest...)
		other[0] ^= 1
		e.result(name+": other digest", verifier.AsymmetricVerifyDigest(f.params, other, sig), abi.ErrSignatureInvalid)
		for _, o := range []interface{ Close() }{signer, verifier, pair, pub} {
			o.Close()
		}
	}
	if len(f.params) > 0 || f.name == "" {
		return // the misuse below is the family's, checked once
	}
	alg := f.algs[0]
	digest := digestOf(alg)
	sig := make([]byte, f.sigLen(k))
	aes := func() Object { return e.secret(abi.TypeAES, pattern(16)) }
	alloc := func(mode, bits uint32) Operation {
		op, err := api.NewOperation(alg, mode, bits)
		if err != nil {
			t.Fatalf("AllocateOperation: %v", err)
		}
		return op
	}
	signer := func() Operation { pair, _ := k.objects(e); return e.op(alg, abi.ModeSign, k.bits, pair) }
	verifier := func() Operation { _, pub := k.objects(e); return e.op(alg, abi.ModeVerify, k.bits, pub) }
	e.panics("AsymmetricVerifyDigest on a signing operation", signer().AsymmetricVerifyDigest(nil, digest, sig))
	_, err := verifier().AsymmetricSignDigest(nil, digest, sig)
	e.panics("AsymmetricSignDigest on a verifying operation", err)
	_, err = signer().AsymmetricEncrypt(nil, digest, sig)
	e.panics("AsymmetricEncrypt on a signing operation", err)
	e.panics("wrong key type", alloc(abi.ModeSign, k.bits).SetKey(aes()))
	_, pub := k.objects(e)
	e.panics("signing with a public key", alloc(abi.ModeSign, k.bits).SetKey(pub))
	_, err = alloc(abi.ModeSign, k.bits).AsymmetricSignDigest(nil, digest, sig)
	e.panics("signing without a key", err)
	if f.bigger != nil {
		b := f.bigger(e)
		pair, _ := b.objects(e)
		e.panics("key larger than maxKeySize", alloc(abi.ModeSign, k.bits).SetKey(pair))
	}
	if _, ok := f.hashes[alg]; ok && alg != abi.AlgSM2DSASM3 {
		_, err = signer().AsymmetricSignDigest(nil, digest[1:], sig)
		e.panics("digest of the wrong length", err)
	}
}

// bareVerify checks a signature with Go's own packages where they take
// the key and scheme: RSA PKCS#1 v1.5 and PSS (hashes crypto/rsa knows),
// ECDSA, Ed25519. Other schemes return nil (the engine checked them).
func bareVerify(alg uint32, k keyPair, params []gpcrypto.Attribute, digest, sig []byte) error {
	switch k.pubType {
	case abi.TypeRSAPublicKey:
		pub := &rsa.PublicKey{N: new(big.Int).SetBytes(attrOf(k.pub, abi.AttrRSAModulus)),
			E: int(new(big.Int).SetBytes(attrOf(k.pub, abi.AttrRSAPublicExponent)).Int64())}
		switch alg {
		case abi.AlgRSASSAPKCS1V15SHA256:
			return rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest, sig)
		case abi.AlgRSASSAPKCS1V15SHA512:
			return rsa.VerifyPKCS1v15(pub, crypto.SHA512, digest, sig)
		case abi.AlgRSASSAPKCS1V15:
			return rsa.VerifyPKCS1v15(pub, 0, digest, sig)
		case abi.AlgRSASSAPKCS1PSSMGF1SHA256:
			return rsa.VerifyPSS(pub, crypto.SHA256, digest, sig, nil)
		case abi.AlgRSASSAPKCS1PSSMGF1SHA384:
			return rsa.VerifyPSS(pub, crypto.SHA384, digest, sig, nil)
		}
	case abi.TypeECDSAPublicKey:
		c := map[int]elliptic.Curve{28: elliptic.P224(), 32: elliptic.P256(), 48: elliptic.P384(), 66: elliptic.P521()}
		x := attrOf(k.pub, abi.AttrECCPublicValueX)
		n := len(sig) / 2
		pub := &ecdsa.PublicKey{Curve: c[n], X: new(big.Int).SetBytes(x), Y: new(big.Int).SetBytes(attrOf(k.pub, abi.AttrECCPublicValueY))}
		if !ecdsa.Verify(pub, digest, new(big.Int).SetBytes(sig[:n]), new(big.Int).SetBytes(sig[n:])) {
			return errVerify
		}
	case abi.TypeEd25519PublicKey:
		opts := &ed25519.Options{Context: string(attrOf(params, abi.AttrEdDSACtx))}
		msg := digest
		for _, a := range params {
			if a.ID == abi.AttrEdDSAPrehash && a.A != 0 {
				opts.Hash, msg = crypto.SHA512, hashOf(crypto.SHA512, digest)
			}
		}
		return ed25519.VerifyWithOptions(attrOf(k.pub, abi.AttrEd25519PublicValue), msg, sig, opts)
	}
	return nil
}

var errVerify = &gpcrypto.Error{Code: abi.ErrSignatureInvalid, Msg: "verification failed"}

// pssSaltLength signs with explicit PSS salt lengths (0, 20, 32): each
// verifies with its own length, in the engine and in crypto/rsa, and not
// with another; SHA-512's default salt does not fit a 1024-bit key.
func pssSaltLength(t *testing.T, api API) {
	e := env{t, api}
	k := rsaKey(1024)
	pair, pub := k.objects(e)
	const alg = abi.AlgRSASSAPKCS1PSSMGF1SHA256
	s, v := e.op(alg, abi.ModeSign, k.bits, pair), e.op(alg, abi.ModeVerify, k.bits, pub)
	digest := hashOf(crypto.SHA256, pattern(10))
	goPub := &goRSAKeys()[1024].PublicKey
	for _, salt := range []uint32{0, 20, 32} {
		p := []gpcrypto.Attribute{val(abi.AttrRSAPSSSaltLength, salt, 0)}
		sig := make([]byte, 128)
		n, err := s.AsymmetricSignDigest(p, digest, sig)
		if !e.ok("AsymmetricSignDigest", err) {
			continue
		}
		e.ok("verify with the same salt length", v.AsymmetricVerifyDigest(p, digest, sig[:n]))
		e.result("verify with another salt length", v.AsymmetricVerifyDigest([]gpcrypto.Attribute{val(abi.AttrRSAPSSSaltLength, salt+1, 0)},
			digest, sig[:n]), abi.ErrSignatureInvalid)
		if err := rsa.VerifyPSS(goPub, crypto.SHA256, digest, sig[:n], &rsa.PSSOptions{SaltLength: int(salt)}); err != nil {
			t.Errorf("salt %d: crypto/rsa: %v", salt, err)
		}
	}
	s512 := e.op(abi.AlgRSASSAPKCS1PSSMGF1SHA512, abi.ModeSign, k.bits, pair)
	_, err := s512.AsymmetricSignDigest(nil, hashOf(crypto.SHA512, pattern(10)), make([]byte, 128))
	e.rejected("SHA-512's default salt on 1024 bits", err, abi.ErrBadParameters)
}

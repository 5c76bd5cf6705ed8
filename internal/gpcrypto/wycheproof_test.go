package gpcrypto

import (
	"bytes"
	"crypto"
	"math/big"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	wp "github.com/veritee/veritee/internal/gpcrypto/wycheproof"
)

// The Wycheproof runs go through the GP-shaped API (NewObject, Populate,
// NewOperation, SetKey, ...) exactly as a TA's calls would, not through the
// primitives underneath. An input the GP API itself refuses (a key size or
// tag length GP does not define: NewObject/AEInit answer NOT_SUPPORTED, or
// a parameter GP calls a panic) counts as a rejection; a "valid" case
// outside GP's parameter space is skipped and counted, never silently
// passed. Policy for "acceptable" cases: wycheproof.Checker (either answer,
// recorded and logged).

// gpKey makes a populated secret object, or nil when GP refuses the size.
func gpKey(typ uint32, key []byte) *Object {
	o, err := NewObject(typ, uint32(len(key))*8)
	if err != nil {
		return nil
	}
	if o.Populate([]Attribute{{ID: objTypes[typ].secretAttr, Ref: key}}) != nil {
		return nil
	}
	return o
}

type skipCounter struct {
	t     *testing.T
	n     int
	notes map[string]int
}

func (s *skipCounter) skip(why string) { s.n++; s.notes[why]++ }
func (s *skipCounter) done() {
	for k, v := range s.notes {
		s.t.Logf("skipped %d valid case(s) outside GP's parameter space: %s", v, k)
	}
}
func newSkips(t *testing.T) *skipCounter { return &skipCounter{t: t, notes: map[string]int{}} }

// key is gpKey for a Wycheproof case. When GP refuses the key size it
// returns nil, counting a valid case as skipped and checking an invalid
// one as rejected.
func (s *skipCounter) key(ck *wp.Checker, typ uint32, raw []byte, tc wp.Case) *Object {
	k := gpKey(typ, raw)
	if k == nil {
		if tc.Result == wp.Valid {
			s.skip("key size")
		} else {
			ck.Check(tc, false)
		}
	}
	return k
}

func TestWycheproofAEAD(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		file string
		alg  uint32
	}{{"aes_gcm_test.json", abi.AlgAESGCM}, {"aes_ccm_test.json", abi.AlgAESCCM}} {
		var f wp.File[wp.AEADGroup]
		wp.Load(t, c.file, &f)
		ck := wp.NewChecker(t, c.file)
		sk := newSkips(t)
		for _, g := range f.TestGroups {
			for _, tc := range g.Tests {
				key := sk.key(ck, abi.TypeAES, tc.Key, tc.Base())
				if key == nil {
					continue
				}
				dec := keyedOp(t, c.alg, abi.ModeDecrypt, key)
				if err := dec.AEInit(tc.IV, uint32(g.TagSize), uint64(len(tc.AAD)), uint64(len(tc.CT))); err != nil {
					if tc.Result == wp.Valid && ResultOf(err) == abi.ErrNotSupported {
						sk.skip("tag length")
						continue
					}
					ck.CheckErr(tc.Base(), err)
					continue
				}
				dec.AEUpdateAAD(tc.AAD)
				out := make([]byte, len(tc.CT))
				n, err := dec.AEDecryptFinal(tc.CT, out, tc.Tag)
				if err == nil && !bytes.Equal(out[:n], tc.Msg) {
					t.Errorf("%s tcId %d: wrong plaintext", c.file, tc.TcID)
				}
				if ck.CheckErr(tc.Base(), err) && tc.Result == wp.Valid {
					enc := keyedOp(t, c.alg, abi.ModeEncrypt, key)
					enc.AEInit(tc.IV, uint32(g.TagSize), uint64(len(tc.AAD)), uint64(len(tc.Msg)))
					enc.AEUpdateAAD(tc.AAD)
					ct, tag := make([]byte, len(tc.Msg)), make([]byte, 16)
					_, tn, err := enc.AEEncryptFinal(tc.Msg, ct, tag)
					if err != nil || !bytes.Equal(ct, tc.CT) || !bytes.Equal(tag[:tn], tc.Tag) {
						t.Errorf("%s tcId %d: encryption differs: %v", c.file, tc.TcID, err)
					}
				}
			}
		}
		sk.done()
	}
}

func TestWycheproofMAC(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		file     string
		alg, typ uint32
	}{
		{"aes_cmac_test.json", abi.AlgAESCMAC, abi.TypeAES},
		{"hmac_sha1_test.json", abi.AlgHMACSHA1, abi.TypeGenericSecret},
		{"hmac_sha224_test.json", abi.AlgHMACSHA224, abi.TypeGenericSecret},
		{"hmac_sha256_test.json", abi.AlgHMACSHA256, abi.TypeGenericSecret},
		{"hmac_sha384_test.json", abi.AlgHMACSHA384, abi.TypeGenericSecret},
		{"hmac_sha512_test.json", abi.AlgHMACSHA512, abi.TypeGenericSecret},
		{"hmac_sha3_224_test.json", abi.AlgHMACSHA3_224, abi.TypeGenericSecret},
		{"hmac_sha3_256_test.json", abi.AlgHMACSHA3_256, abi.TypeGenericSecret},
		{"hmac_sha3_384_test.json", abi.AlgHMACSHA3_384, abi.TypeGenericSecret},
		{"hmac_sha3_512_test.json", abi.AlgHMACSHA3_512, abi.TypeGenericSecret},
		{"hmac_sm3_test.json", abi.AlgHMACSM3, abi.TypeGenericSecret},
	} {
		var f wp.File[wp.MACGroup]
		wp.Load(t, c.file, &f)
		ck := wp.NewChecker(t, c.file)
		sk := newSkips(t)
		for _, g := range f.TestGroups {
			for _, tc := range g.Tests {
				key := sk.key(ck, c.typ, tc.Key, tc.Base())
				if key == nil {
					continue
				}
				op := keyedOp(t, c.alg, abi.ModeMAC, key)
				op.MACInit(nil)
				if g.TagSize/8 == int(op.Info().DigestLength) || c.alg != abi.AlgAESCMAC && g.TagSize == algs[c.alg].hsize*8 {
					ck.CheckErr(tc.Base(), op.MACCompareFinal(tc.Msg, tc.Tag))
					continue
				}
				// A truncated tag: the TA computes the MAC and compares a prefix.
				full := make([]byte, 64)
				n, err := op.MACComputeFinal(tc.Msg, full)
				if err != nil {
					t.Fatal(err)
				}
				ok := len(tc.Tag) == g.TagSize/8 && len(tc.Tag) <= n && bytes.Equal(full[:len(tc.Tag)], tc.Tag)
				ck.Check(tc.Base(), ok)
			}
		}
		sk.done()
	}
}

func TestWycheproofAESCBC(t *testing.T) {
	t.Parallel()
	// GP's AES_CBC_NOPAD has no padding: the valid cases are run with the
	// PKCS#5 padding applied and removed by the test; the invalid ones are
	// all about the padding, which GP leaves to the TA, and are not run.
	const file = "aes_cbc_pkcs5_test.json"
	var f wp.File[wp.IndCPAGroup]
	wp.Load(t, file, &f)
	ran := 0
	for _, g := range f.TestGroups {
		for _, tc := range g.Tests {
			if tc.Result != wp.Valid {
				continue
			}
			key := gpKey(abi.TypeAES, tc.Key)
			if key == nil {
				continue
			}
			p := 16 - len(tc.Msg)%16
			pt := append(append([]byte(nil), tc.Msg...), bytes.Repeat([]byte{byte(p)}, p)...)
			op := keyedOp(t, abi.AlgAESCBCNoPad, abi.ModeEncrypt, key)
			op.CipherInit(tc.IV)
			out := make([]byte, len(pt))
			if n, err := op.CipherDoFinal(pt, out); err != nil || !bytes.Equal(out[:n], tc.CT) {
				t.Errorf("tcId %d: %v", tc.TcID, err)
			}
			ran++
		}
	}
	t.Logf("%s: %d valid cases", file, ran)
}

func rsaPublicObject(t *testing.T, k wp.RSAPublicKey) *Object {
	o, err := NewObject(abi.TypeRSAPublicKey, uint32(new(big.Int).SetBytes(k.Modulus).BitLen()))
	if err != nil {
		return nil
	}
	if err := o.Populate([]Attribute{RefAttribute(abi.AttrRSAModulus, k.Modulus), RefAttribute(abi.AttrRSAPublicExponent, k.PublicExponent)}); err != nil {
		t.Fatalf("RSA public key: %v", err)
	}
	return o
}

func rsaPrivateObject(t *testing.T, k wp.RSAPrivateKey) *Object {
	o, err := NewObject(abi.TypeRSAKeypair, uint32(new(big.Int).SetBytes(k.Modulus).BitLen()))
	if err != nil {
		return nil
	}
	if err := o.Populate([]Attribute{RefAttribute(abi.AttrRSAModulus, k.Modulus), RefAttribute(abi.AttrRSAPublicExponent, k.PublicExponent),
		RefAttribute(abi.AttrRSAPrivateExponent, k.PrivateExponent), RefAttribute(abi.AttrRSAPrime1, k.Prime1),
		RefAttribute(abi.AttrRSAPrime2, k.Prime2), RefAttribute(abi.AttrRSAExponent1, k.Exponent1),
		RefAttribute(abi.AttrRSAExponent2, k.Exponent2), RefAttribute(abi.AttrRSACoefficient, k.Coefficient)}); err != nil {
		t.Fatalf("RSA private key: %v", err)
	}
	return o
}

var wpHashes = map[string]struct {
	h                        crypto.Hash
	digest, pkcs1, pss, oaep uint32
}{
	"SHA-1":    {crypto.SHA1, abi.AlgSHA1, abi.AlgRSASSAPKCS1V15SHA1, abi.AlgRSASSAPKCS1PSSMGF1SHA1, abi.AlgRSAESPKCS1OAEPMGF1SHA1},
	"SHA-224":  {crypto.SHA224, abi.AlgSHA224, abi.AlgRSASSAPKCS1V15SHA224, abi.AlgRSASSAPKCS1PSSMGF1SHA224, abi.AlgRSAESPKCS1OAEPMGF1SHA224},
	"SHA-256":  {crypto.SHA256, abi.AlgSHA256, abi.AlgRSASSAPKCS1V15SHA256, abi.AlgRSASSAPKCS1PSSMGF1SHA256, abi.AlgRSAESPKCS1OAEPMGF1SHA256},
	"SHA-384":  {crypto.SHA384, abi.AlgSHA384, abi.AlgRSASSAPKCS1V15SHA384, abi.AlgRSASSAPKCS1PSSMGF1SHA384, abi.AlgRSAESPKCS1OAEPMGF1SHA384},
	"SHA-512":  {crypto.SHA512, abi.AlgSHA512, abi.AlgRSASSAPKCS1V15SHA512, abi.AlgRSASSAPKCS1PSSMGF1SHA512, abi.AlgRSAESPKCS1OAEPMGF1SHA512},
	"SHA3-224": {crypto.SHA3_224, abi.AlgSHA3_224, abi.AlgRSASSAPKCS1V15SHA3_224, abi.AlgRSASSAPKCS1PSSMGF1SHA3_224, abi.AlgRSAESPKCS1OAEPMGF1SHA3_224},
	"SHA3-256": {crypto.SHA3_256, abi.AlgSHA3_256, abi.AlgRSASSAPKCS1V15SHA3_256, abi.AlgRSASSAPKCS1PSSMGF1SHA3_256, abi.AlgRSAESPKCS1OAEPMGF1SHA3_256},
	"SHA3-384": {crypto.SHA3_384, abi.AlgSHA3_384, abi.AlgRSASSAPKCS1V15SHA3_384, abi.AlgRSASSAPKCS1PSSMGF1SHA3_384, abi.AlgRSAESPKCS1OAEPMGF1SHA3_384},
	"SHA3-512": {crypto.SHA3_512, abi.AlgSHA3_512, abi.AlgRSASSAPKCS1V15SHA3_512, abi.AlgRSASSAPKCS1PSSMGF1SHA3_512, abi.AlgRSAESPKCS1OAEPMGF1SHA3_512},
}

// verifyThrough runs one signature case: digest the message as the TA
// would, then TEE_AsymmetricVerifyDigest.
func verifyThrough(t *testing.T, alg uint32, key *Object, params []Attribute, h crypto.Hash, msg, sig []byte) error {
	op := keyedOp(t, alg, abi.ModeVerify, key)
	return op.AsymmetricVerifyDigest(params, hashOf(h, msg), sig)
}

func TestWycheproofRSASignatures(t *testing.T) {
	t.Parallel()
	for _, file := range []string{"rsa_signature_2048_sha224_test.json", "rsa_signature_2048_sha256_test.json",
		"rsa_signature_2048_sha384_test.json", "rsa_signature_2048_sha3_224_test.json", "rsa_signature_2048_sha3_256_test.json"} {
		var f wp.File[wp.RSASSAPKCS1Group]
		wp.Load(t, file, &f)
		ck := wp.NewChecker(t, file)
		for _, g := range f.TestGroups {
			hs, ok := wpHashes[g.SHA]
			key := rsaPublicObject(t, g.PublicKey)
			if !ok || key == nil {
				t.Fatalf("%s: %s, key %v", file, g.SHA, key)
			}
			for _, tc := range g.Tests {
				ck.CheckErr(tc.Base(), verifyThrough(t, hs.pkcs1, key, nil, hs.h, tc.Msg, tc.Sig))
			}
		}
	}
	for _, file := range []string{"rsa_pss_2048_sha1_mgf1_20_test.json", "rsa_pss_2048_sha256_mgf1_0_test.json",
		"rsa_pss_2048_sha256_mgf1_32_test.json", "rsa_pss_2048_sha384_mgf1_48_test.json", "rsa_pss_3072_sha256_mgf1_32_test.json",
		"rsa_pss_4096_sha512_mgf1_32_test.json", "rsa_pss_2048_sha256_mgf1sha1_20_test.json"} {
		var f wp.File[wp.RSASSAPSSGroup]
		wp.Load(t, file, &f)
		ck := wp.NewChecker(t, file)
		sk := newSkips(t)
		for _, g := range f.TestGroups {
			hs := wpHashes[g.SHA]
			key := rsaPublicObject(t, g.PublicKey)
			for _, tc := range g.Tests {
				if g.MGFSHA != g.SHA {
					// GP's PSS algorithms use the message hash for MGF1.
					if tc.Result == wp.Valid {
						sk.skip("MGF1 hash differs from the message hash")
					}
					continue
				}
				p := []Attribute{ValueAttr(abi.AttrRSAPSSSaltLength, uint32(g.SLen), 0)}
				ck.CheckErr(tc.Base(), verifyThrough(t, hs.pss, key, p, hs.h, tc.Msg, tc.Sig))
			}
		}
		sk.done()
	}
}

func TestWycheproofRSADecrypt(t *testing.T) {
	t.Parallel()
	for _, file := range []string{"rsa_oaep_2048_sha1_mgf1sha1_test.json", "rsa_oaep_2048_sha256_mgf1sha256_test.json",
		"rsa_oaep_2048_sha256_mgf1sha1_test.json", "rsa_oaep_3072_sha512_mgf1sha512_test.json", "rsa_oaep_misc_test.json"} {
		var f wp.File[wp.RSAESOAEPGroup]
		wp.Load(t, file, &f)
		ck := wp.NewChecker(t, file)
		sk := newSkips(t)
		for _, g := range f.TestGroups {
			hs, ok1 := wpHashes[g.SHA]
			mh, ok2 := wpHashes[g.MGFSHA]
			key := rsaPrivateObject(t, g.PrivateKey)
			switch {
			case !ok1 || !ok2:
				sk.skip("hash " + g.SHA + " with MGF1 " + g.MGFSHA + " (no GP identifier)")
				continue
			case key == nil:
				sk.skip("RSA key size outside 1024..4096 bits")
				continue
			}
			var params []Attribute
			if g.MGFSHA != g.SHA {
				params = append(params, RefAttribute(abi.AttrRSAOAEPMGFHash, []byte{byte(mh.digest), byte(mh.digest >> 8), byte(mh.digest >> 16), byte(mh.digest >> 24)}))
			}
			op := keyedOp(t, hs.oaep, abi.ModeDecrypt, key)
			for _, tc := range g.Tests {
				p := params
				if len(tc.Label) > 0 {
					p = append(append([]Attribute(nil), params...), RefAttribute(abi.AttrRSAOAEPLabel, tc.Label))
				}
				out := make([]byte, 1024)
				n, err := op.AsymmetricDecrypt(p, tc.CT, out)
				if err == nil && !bytes.Equal(out[:n], tc.Msg) {
					t.Errorf("%s tcId %d: wrong plaintext", file, tc.TcID)
				}
				ck.CheckErr(tc.Base(), err)
			}
		}
		sk.done()
	}
	for _, file := range []string{"rsa_pkcs1_2048_test.json", "rsa_pkcs1_3072_test.json"} {
		var f wp.File[wp.RSAESPKCS1Group]
		wp.Load(t, file, &f)
		ck := wp.NewChecker(t, file)
		for _, g := range f.TestGroups {
			op := keyedOp(t, abi.AlgRSAESPKCS1V15, abi.ModeDecrypt, rsaPrivateObject(t, g.PrivateKey))
			for _, tc := range g.Tests {
				out := make([]byte, 1024)
				n, err := op.AsymmetricDecrypt(nil, tc.CT, out)
				if err == nil && !bytes.Equal(out[:n], tc.Msg) {
					t.Errorf("%s tcId %d: wrong plaintext", file, tc.TcID)
				}
				ck.CheckErr(tc.Base(), err)
			}
		}
	}
}

var wpCurves = map[string]uint32{"secp224r1": abi.ECCCurveNISTP224, "secp256r1": abi.ECCCurveNISTP256,
	"secp384r1": abi.ECCCurveNISTP384, "secp521r1": abi.ECCCurveNISTP521}

var wpECDSA = map[string]uint32{"SHA-224": abi.AlgECDSASHA224, "SHA-256": abi.AlgECDSASHA256, "SHA-384": abi.AlgECDSASHA384,
	"SHA-512": abi.AlgECDSASHA512, "SHA3-224": abi.AlgECDSASHA3_224, "SHA3-256": abi.AlgECDSASHA3_256,
	"SHA3-384": abi.AlgECDSASHA3_384, "SHA3-512": abi.AlgECDSASHA3_512}

func TestWycheproofECDSA(t *testing.T) {
	t.Parallel()
	for _, file := range []string{"ecdsa_secp224r1_sha224_p1363_test.json", "ecdsa_secp224r1_sha256_p1363_test.json",
		"ecdsa_secp256r1_sha256_p1363_test.json", "ecdsa_secp256r1_sha512_p1363_test.json", "ecdsa_secp384r1_sha384_p1363_test.json",
		"ecdsa_secp384r1_sha512_p1363_test.json", "ecdsa_secp521r1_sha512_p1363_test.json"} {
		var f wp.File[wp.ECDSAGroup]
		wp.Load(t, file, &f)
		ck := wp.NewChecker(t, file)
		for _, g := range f.TestGroups {
			c, alg := wpCurves[g.PublicKey.Curve], wpECDSA[g.SHA]
			if c == 0 || alg == 0 {
				t.Fatalf("%s: %s %s", file, g.PublicKey.Curve, g.SHA)
			}
			key, _ := NewObject(abi.TypeECDSAPublicKey, curves[c].bits)
			if err := key.Populate([]Attribute{RefAttribute(abi.AttrECCPublicValueX, stripLead(g.PublicKey.Wx)),
				RefAttribute(abi.AttrECCPublicValueY, stripLead(g.PublicKey.Wy)), ValueAttr(abi.AttrECCCurve, c, 0)}); err != nil {
				t.Fatalf("%s: key: %v", file, err)
			}
			for _, tc := range g.Tests {
				ck.CheckErr(tc.Base(), verifyThrough(t, alg, key, nil, algs[alg].hash, tc.Msg, tc.Sig))
			}
		}
	}
}

// stripLead drops the sign byte Wycheproof puts before some coordinates.
func stripLead(b []byte) []byte {
	for len(b) > 1 && b[0] == 0 {
		b = b[1:]
	}
	return b
}

func TestWycheproofECDH(t *testing.T) {
	t.Parallel()
	for _, file := range []string{"ecdh_secp224r1_ecpoint_test.json", "ecdh_secp256r1_ecpoint_test.json",
		"ecdh_secp384r1_ecpoint_test.json", "ecdh_secp521r1_ecpoint_test.json"} {
		var f wp.File[wp.ECDHGroup]
		wp.Load(t, file, &f)
		ck := wp.NewChecker(t, file)
		for _, g := range f.TestGroups {
			c := wpCurves[g.Curve]
			ci := curves[c]
			for _, tc := range g.Tests {
				// The private key: a key pair object needs its public point,
				// computed here from the scalar by a throwaway derivation.
				priv := stripLead(tc.Private)
				pair, err := ecdhPair(ci, priv)
				if err != nil {
					t.Fatalf("%s tcId %d: private key: %v", file, tc.TcID, err)
				}
				// The peer's point arrives as X and Y (GP has no compressed form).
				if len(tc.Public) != 1+2*ci.byteLen || tc.Public[0] != 4 {
					ck.Check(tc.Base(), false) // compressed or malformed: not expressible, rejected
					continue
				}
				x, y := tc.Public[1:1+ci.byteLen], tc.Public[1+ci.byteLen:]
				op := keyedOp(t, abi.AlgECDHDeriveSharedSecret, abi.ModeDerive, pair)
				out, _ := NewObject(abi.TypeGenericSecret, uint32(ci.byteLen*8))
				err = op.DeriveKey([]Attribute{RefAttribute(abi.AttrECCPublicValueX, x), RefAttribute(abi.AttrECCPublicValueY, y)}, out)
				if err == nil && !bytes.Equal(secretOf(t, out), tc.Shared) {
					t.Errorf("%s tcId %d: wrong shared secret", file, tc.TcID)
				}
				ck.CheckErr(tc.Base(), err)
			}
		}
	}
}

func ecdhPair(c *curveInfo, d []byte) (*Object, error) {
	k, err := parseECCPrivateOnly(c, d)
	if err != nil {
		return nil, err
	}
	o, _ := NewObject(abi.TypeECDHKeypair, c.bits)
	return o, o.Populate(k)
}

func TestWycheproofX25519Ed25519(t *testing.T) {
	t.Parallel()
	{
		const file = "x25519_test.json"
		var f wp.File[wp.XDHGroup]
		wp.Load(t, file, &f)
		ck := wp.NewChecker(t, file)
		for _, g := range f.TestGroups {
			for _, tc := range g.Tests {
				pair, err := x25519Pair(tc.Private)
				if err != nil {
					t.Fatal(err)
				}
				op := keyedOp(t, abi.AlgX25519, abi.ModeDerive, pair)
				out, _ := NewObject(abi.TypeGenericSecret, 256)
				err = op.DeriveKey([]Attribute{RefAttribute(abi.AttrX25519PublicValue, tc.Public)}, out)
				if err == nil && !bytes.Equal(secretOf(t, out), tc.Shared) {
					t.Errorf("%s tcId %d: wrong shared secret", file, tc.TcID)
				}
				ck.CheckErr(tc.Base(), err)
			}
		}
	}
	{
		const file = "ed25519_test.json"
		var f wp.File[wp.EdDSAGroup]
		wp.Load(t, file, &f)
		ck := wp.NewChecker(t, file)
		for _, g := range f.TestGroups {
			key, _ := NewObject(abi.TypeEd25519PublicKey, 256)
			if err := key.Populate([]Attribute{RefAttribute(abi.AttrEd25519PublicValue, g.PublicKey.PK)}); err != nil {
				t.Fatal(err)
			}
			for _, tc := range g.Tests {
				ck.CheckErr(tc.Base(), verifyThrough(t, abi.AlgEd25519, key, nil, 0, tc.Msg, tc.Sig))
			}
		}
	}
}

func TestWycheproofHKDF(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		file string
		alg  uint32
	}{{"hkdf_sha1_test.json", abi.AlgHKDFSHA1DeriveKey}, {"hkdf_sha256_test.json", abi.AlgHKDFSHA256DeriveKey},
		{"hkdf_sha384_test.json", abi.AlgHKDFSHA384DeriveKey}, {"hkdf_sha512_test.json", abi.AlgHKDFSHA512DeriveKey}} {
		var f wp.File[wp.HKDFGroup]
		wp.Load(t, c.file, &f)
		ck := wp.NewChecker(t, c.file)
		sk := newSkips(t)
		for _, g := range f.TestGroups {
			for _, tc := range g.Tests {
				ikm := gpKey(abi.TypeHKDFIKM, tc.IKM)
				if ikm == nil || tc.Size*8 > 4096 || tc.Size == 0 {
					if tc.Result == wp.Valid {
						sk.skip("IKM or OKM size outside GP's secret sizes (8..4096 bits)")
						continue
					}
					ck.Check(tc.Base(), false)
					continue
				}
				op := keyedOp(t, c.alg, abi.ModeDerive, ikm)
				out, _ := NewObject(abi.TypeGenericSecret, 4096)
				err := op.DeriveKey([]Attribute{RefAttribute(abi.OPTEEAttrHKDFSalt, tc.Salt), RefAttribute(abi.OPTEEAttrHKDFInfo, tc.Info),
					ValueAttr(abi.AttrHKDFOKMLength, uint32(tc.Size), 0)}, out)
				if err == nil && !bytes.Equal(secretOf(t, out), tc.OKM) {
					t.Errorf("%s tcId %d: wrong OKM", c.file, tc.TcID)
				}
				ck.CheckErr(tc.Base(), err)
			}
		}
		sk.done()
	}
}

func TestWycheproofDSA(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		file string
		alg  uint32
	}{{"dsa_2048_224_sha224_p1363_test.json", abi.AlgDSASHA224}, {"dsa_2048_224_sha256_p1363_test.json", abi.AlgDSASHA256},
		{"dsa_2048_256_sha256_p1363_test.json", abi.AlgDSASHA256}, {"dsa_3072_256_sha256_p1363_test.json", abi.AlgDSASHA256}} {
		var f wp.File[wp.DSAGroup]
		wp.Load(t, c.file, &f)
		ck := wp.NewChecker(t, c.file)
		for _, g := range f.TestGroups {
			pk := g.PublicKey
			key, err := NewObject(abi.TypeDSAPublicKey, uint32(new(big.Int).SetBytes(pk.P).BitLen()))
			if err != nil {
				t.Fatal(err)
			}
			if err := key.Populate([]Attribute{RefAttribute(abi.AttrDSAPrime, pk.P), RefAttribute(abi.AttrDSASubprime, pk.Q),
				RefAttribute(abi.AttrDSABase, pk.G), RefAttribute(abi.AttrDSAPublicValue, pk.Y)}); err != nil {
				t.Fatal(err)
			}
			for _, tc := range g.Tests {
				ck.CheckErr(tc.Base(), verifyThrough(t, c.alg, key, nil, algs[c.alg].hash, tc.Msg, tc.Sig))
			}
		}
	}
}

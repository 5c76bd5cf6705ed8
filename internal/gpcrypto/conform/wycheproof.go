package conform

import (
	"bytes"
	"crypto"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto"
	wp "github.com/veritee/veritee/internal/gpcrypto/wycheproof"
)

// The Wycheproof suites. Each loads its files from the pinned
// github.com/c2sp/wycheproof module (wycheproof.Load) and judges every
// case with a wycheproof.Checker.

var ref, val = gpcrypto.RefAttribute, gpcrypto.ValueAttr

// AEAD: AES-GCM and AES-CCM decryption of every case, and encryption of
// the valid ones.
func AEAD(t *testing.T, api API) {
	for _, c := range []struct {
		file string
		alg  uint32
	}{{"aes_gcm_test.json", abi.AlgAESGCM}, {"aes_ccm_test.json", abi.AlgAESCCM}} {
		var f wp.File[wp.AEADGroup]
		wp.Load(t, c.file, &f)
		s := newSuite(t, api, c.file)
		for _, g := range f.TestGroups {
			for _, tc := range g.Tests {
				if !s.take(tc.TcID) {
					continue
				}
				key := s.secret(abi.TypeAES, abi.AttrSecretValue, tc.Key, tc.Base())
				if key == nil {
					continue
				}
				bits := uint32(len(tc.Key) * 8)
				dec := s.keyed(c.alg, abi.ModeDecrypt, bits, key)
				err := dec.AEInit(tc.IV, uint32(g.TagSize), uint64(len(tc.AAD)), uint64(len(tc.CT)))
				switch {
				case err != nil && tc.Result == wp.Valid && gpcrypto.ResultOf(err) == abi.ErrNotSupported:
					s.skip("tag or nonce length")
				case err != nil:
					s.ck.CheckErr(tc.Base(), err)
				default:
					if len(tc.AAD) > 0 {
						dec.AEUpdateAAD(tc.AAD)
					}
					out := make([]byte, len(tc.CT))
					n, err := dec.AEDecryptFinal(tc.CT, out, tc.Tag)
					if err == nil && !bytes.Equal(out[:n], tc.Msg) {
						t.Errorf("%s tcId %d: wrong plaintext", c.file, tc.TcID)
					}
					if s.ck.CheckErr(tc.Base(), err) && tc.Result == wp.Valid {
						enc := s.keyed(c.alg, abi.ModeEncrypt, bits, key)
						enc.AEInit(tc.IV, uint32(g.TagSize), uint64(len(tc.AAD)), uint64(len(tc.Msg)))
						if len(tc.AAD) > 0 {
							enc.AEUpdateAAD(tc.AAD)
						}
						ct, tag := make([]byte, len(tc.Msg)), make([]byte, 16)
						_, tn, err := enc.AEEncryptFinal(tc.Msg, ct, tag)
						if err != nil || !bytes.Equal(ct, tc.CT) || !bytes.Equal(tag[:tn], tc.Tag) {
							t.Errorf("%s tcId %d: encryption differs: %v", c.file, tc.TcID, err)
						}
						enc.Close()
					}
				}
				dec.Close()
				key.Close()
			}
		}
		s.done()
	}
}

// macSizes is the full MAC length of each MAC algorithm, in bytes.
var macSizes = map[uint32]int{
	abi.AlgAESCMAC: 16, abi.AlgHMACSHA1: 20, abi.AlgHMACSHA224: 28, abi.AlgHMACSHA256: 32, abi.AlgHMACSHA384: 48,
	abi.AlgHMACSHA512: 64, abi.AlgHMACSHA3_224: 28, abi.AlgHMACSHA3_256: 32, abi.AlgHMACSHA3_384: 48,
	abi.AlgHMACSHA3_512: 64, abi.AlgHMACSM3: 32,
}

// MAC: CMAC and every HMAC. A full-length tag goes through
// MACCompareFinal; a truncated one is compared with the prefix of
// MACComputeFinal's output (GP has no truncated MAC verification).
func MAC(t *testing.T, api API) {
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
		s := newSuite(t, api, c.file)
		for _, g := range f.TestGroups {
			for _, tc := range g.Tests {
				if !s.take(tc.TcID) {
					continue
				}
				key := s.secret(c.typ, abi.AttrSecretValue, tc.Key, tc.Base())
				if key == nil {
					continue
				}
				op := s.keyed(c.alg, abi.ModeMAC, uint32(len(tc.Key)*8), key)
				op.MACInit(nil)
				if g.TagSize == macSizes[c.alg]*8 {
					s.ck.CheckErr(tc.Base(), op.MACCompareFinal(tc.Msg, tc.Tag))
				} else {
					full := make([]byte, 64)
					n, err := op.MACComputeFinal(tc.Msg, full)
					if err != nil {
						t.Fatalf("%s tcId %d: %v", c.file, tc.TcID, err)
					}
					ok := len(tc.Tag) == g.TagSize/8 && len(tc.Tag) <= n && bytes.Equal(full[:len(tc.Tag)], tc.Tag)
					s.ck.Check(tc.Base(), ok)
				}
				op.Close()
				key.Close()
			}
		}
		s.done()
	}
}

// AESCBC: the valid cases of the PKCS#5 file, padded by the test (GP's
// AES-CBC has no padding).
func AESCBC(t *testing.T, api API) {
	const file = "aes_cbc_pkcs5_test.json"
	var f wp.File[wp.IndCPAGroup]
	wp.Load(t, file, &f)
	s := newSuite(t, api, file)
	ran := 0
	for _, g := range f.TestGroups {
		for _, tc := range g.Tests {
			if !s.take(tc.TcID) {
				continue
			}
			if tc.Result != wp.Valid {
				continue
			}
			key := s.object(abi.TypeAES, uint32(len(tc.Key)*8), ref(abi.AttrSecretValue, tc.Key))
			if key == nil {
				continue
			}
			p := 16 - len(tc.Msg)%16
			pt := append(append([]byte(nil), tc.Msg...), bytes.Repeat([]byte{byte(p)}, p)...)
			op := s.keyed(abi.AlgAESCBCNoPad, abi.ModeEncrypt, uint32(len(tc.Key)*8), key)
			op.CipherInit(tc.IV)
			out := make([]byte, len(pt))
			if n, err := op.CipherDoFinal(pt, out); err != nil || !bytes.Equal(out[:n], tc.CT) {
				t.Errorf("tcId %d: %v", tc.TcID, err)
			}
			op.Close()
			key.Close()
			ran++
		}
	}
	t.Logf("%s: %d valid cases", file, ran)
}

func (s *suite) rsaPublic(k wp.RSAPublicKey) Object {
	return s.object(abi.TypeRSAPublicKey, bitLen(k.Modulus), ref(abi.AttrRSAModulus, k.Modulus),
		ref(abi.AttrRSAPublicExponent, k.PublicExponent))
}

func (s *suite) rsaPrivate(k wp.RSAPrivateKey) Object {
	return s.object(abi.TypeRSAKeypair, bitLen(k.Modulus), ref(abi.AttrRSAModulus, k.Modulus),
		ref(abi.AttrRSAPublicExponent, k.PublicExponent), ref(abi.AttrRSAPrivateExponent, k.PrivateExponent),
		ref(abi.AttrRSAPrime1, k.Prime1), ref(abi.AttrRSAPrime2, k.Prime2), ref(abi.AttrRSAExponent1, k.Exponent1),
		ref(abi.AttrRSAExponent2, k.Exponent2), ref(abi.AttrRSACoefficient, k.Coefficient))
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

// RSASignatures: PKCS#1 v1.5 and PSS verification.
func RSASignatures(t *testing.T, api API) {
	for _, file := range []string{"rsa_signature_2048_sha224_test.json", "rsa_signature_2048_sha256_test.json",
		"rsa_signature_2048_sha384_test.json", "rsa_signature_2048_sha3_224_test.json", "rsa_signature_2048_sha3_256_test.json"} {
		var f wp.File[wp.RSASSAPKCS1Group]
		wp.Load(t, file, &f)
		s := newSuite(t, api, file)
		for _, g := range f.TestGroups {
			hs, ok := wpHashes[g.SHA]
			key := s.rsaPublic(g.PublicKey)
			if !ok || key == nil {
				t.Fatalf("%s: %s, key %v", file, g.SHA, key)
			}
			for _, tc := range g.Tests {
				if !s.take(tc.TcID) {
					continue
				}
				s.ck.CheckErr(tc.Base(), s.verify(hs.pkcs1, bitLen(g.PublicKey.Modulus), key, nil, hs.h, tc.Msg, tc.Sig))
			}
			key.Close()
		}
	}
	for _, file := range []string{"rsa_pss_2048_sha1_mgf1_20_test.json", "rsa_pss_2048_sha256_mgf1_0_test.json",
		"rsa_pss_2048_sha256_mgf1_32_test.json", "rsa_pss_2048_sha384_mgf1_48_test.json", "rsa_pss_3072_sha256_mgf1_32_test.json",
		"rsa_pss_4096_sha512_mgf1_32_test.json", "rsa_pss_2048_sha256_mgf1sha1_20_test.json"} {
		var f wp.File[wp.RSASSAPSSGroup]
		wp.Load(t, file, &f)
		s := newSuite(t, api, file)
		for _, g := range f.TestGroups {
			hs := wpHashes[g.SHA]
			key := s.rsaPublic(g.PublicKey)
			for _, tc := range g.Tests {
				if !s.take(tc.TcID) {
					continue
				}
				if g.MGFSHA != g.SHA {
					if tc.Result == wp.Valid {
						s.skip("MGF1 hash differs from the message hash")
					}
					continue
				}
				p := []gpcrypto.Attribute{val(abi.AttrRSAPSSSaltLength, uint32(g.SLen), 0)}
				s.ck.CheckErr(tc.Base(), s.verify(hs.pss, bitLen(g.PublicKey.Modulus), key, p, hs.h, tc.Msg, tc.Sig))
			}
			key.Close()
		}
		s.done()
	}
}

// RSADecrypt: OAEP (label and MGF1 hash as GP attributes) and PKCS#1 v1.5.
func RSADecrypt(t *testing.T, api API) {
	for _, file := range []string{"rsa_oaep_2048_sha1_mgf1sha1_test.json", "rsa_oaep_2048_sha256_mgf1sha256_test.json",
		"rsa_oaep_2048_sha256_mgf1sha1_test.json", "rsa_oaep_3072_sha512_mgf1sha512_test.json", "rsa_oaep_misc_test.json"} {
		var f wp.File[wp.RSAESOAEPGroup]
		wp.Load(t, file, &f)
		s := newSuite(t, api, file)
		for _, g := range f.TestGroups {
			hs, ok1 := wpHashes[g.SHA]
			mh, ok2 := wpHashes[g.MGFSHA]
			if !ok1 || !ok2 {
				s.skip("hash " + g.SHA + " with MGF1 " + g.MGFSHA + " (no GP identifier)")
				continue
			}
			key := s.rsaPrivate(g.PrivateKey)
			if key == nil {
				s.skip("RSA key size outside 1024..4096 bits")
				continue
			}
			var params []gpcrypto.Attribute
			if g.MGFSHA != g.SHA {
				params = append(params, ref(abi.AttrRSAOAEPMGFHash, []byte{byte(mh.digest), byte(mh.digest >> 8), byte(mh.digest >> 16), byte(mh.digest >> 24)}))
			}
			op := s.keyed(hs.oaep, abi.ModeDecrypt, bitLen(g.PrivateKey.Modulus), key)
			for _, tc := range g.Tests {
				if !s.take(tc.TcID) {
					continue
				}
				p := params
				if len(tc.Label) > 0 {
					p = append(append([]gpcrypto.Attribute(nil), params...), ref(abi.AttrRSAOAEPLabel, tc.Label))
				}
				out := make([]byte, 1024)
				n, err := op.AsymmetricDecrypt(p, tc.CT, out)
				if err == nil && !bytes.Equal(out[:n], tc.Msg) {
					t.Errorf("%s tcId %d: wrong plaintext", file, tc.TcID)
				}
				s.ck.CheckErr(tc.Base(), err)
			}
			op.Close()
			key.Close()
		}
		s.done()
	}
	for _, file := range []string{"rsa_pkcs1_2048_test.json", "rsa_pkcs1_3072_test.json"} {
		var f wp.File[wp.RSAESPKCS1Group]
		wp.Load(t, file, &f)
		s := newSuite(t, api, file)
		for _, g := range f.TestGroups {
			key := s.rsaPrivate(g.PrivateKey)
			op := s.keyed(abi.AlgRSAESPKCS1V15, abi.ModeDecrypt, bitLen(g.PrivateKey.Modulus), key)
			for _, tc := range g.Tests {
				if !s.take(tc.TcID) {
					continue
				}
				out := make([]byte, 1024)
				n, err := op.AsymmetricDecrypt(nil, tc.CT, out)
				if err == nil && !bytes.Equal(out[:n], tc.Msg) {
					t.Errorf("%s tcId %d: wrong plaintext", file, tc.TcID)
				}
				s.ck.CheckErr(tc.Base(), err)
			}
			op.Close()
			key.Close()
		}
	}
}

var ecdsaAlgs = map[string]struct {
	alg uint32
	h   crypto.Hash
}{
	"SHA-224": {abi.AlgECDSASHA224, crypto.SHA224}, "SHA-256": {abi.AlgECDSASHA256, crypto.SHA256},
	"SHA-384": {abi.AlgECDSASHA384, crypto.SHA384}, "SHA-512": {abi.AlgECDSASHA512, crypto.SHA512},
	"SHA3-224": {abi.AlgECDSASHA3_224, crypto.SHA3_224}, "SHA3-256": {abi.AlgECDSASHA3_256, crypto.SHA3_256},
	"SHA3-384": {abi.AlgECDSASHA3_384, crypto.SHA3_384}, "SHA3-512": {abi.AlgECDSASHA3_512, crypto.SHA3_512},
}

// ECDSA: verification on P-224..P-521 (IEEE P1363 signatures, GP's format).
func ECDSA(t *testing.T, api API) {
	for _, file := range []string{"ecdsa_secp224r1_sha224_p1363_test.json", "ecdsa_secp224r1_sha256_p1363_test.json",
		"ecdsa_secp256r1_sha256_p1363_test.json", "ecdsa_secp256r1_sha512_p1363_test.json", "ecdsa_secp384r1_sha384_p1363_test.json",
		"ecdsa_secp384r1_sha512_p1363_test.json", "ecdsa_secp521r1_sha512_p1363_test.json"} {
		var f wp.File[wp.ECDSAGroup]
		wp.Load(t, file, &f)
		s := newSuite(t, api, file)
		for _, g := range f.TestGroups {
			c, ok1 := curves[g.PublicKey.Curve]
			a, ok2 := ecdsaAlgs[g.SHA]
			if !ok1 || !ok2 {
				t.Fatalf("%s: %s %s", file, g.PublicKey.Curve, g.SHA)
			}
			key := s.object(abi.TypeECDSAPublicKey, c.bits, ref(abi.AttrECCPublicValueX, stripLead(g.PublicKey.Wx)),
				ref(abi.AttrECCPublicValueY, stripLead(g.PublicKey.Wy)), val(abi.AttrECCCurve, c.id, 0))
			if key == nil {
				t.Fatalf("%s: public key refused", file)
			}
			for _, tc := range g.Tests {
				if !s.take(tc.TcID) {
					continue
				}
				s.ck.CheckErr(tc.Base(), s.verify(a.alg, c.bits, key, nil, a.h, tc.Msg, tc.Sig))
			}
			key.Close()
		}
	}
}

// derive runs one key agreement into a fresh generic secret of outBits.
func (s *suite) derive(alg, bits uint32, pair Object, outBits uint32, params ...gpcrypto.Attribute) ([]byte, error) {
	op := s.keyed(alg, abi.ModeDerive, bits, pair)
	defer op.Close()
	out, err := s.api.NewObject(abi.TypeGenericSecret, outBits)
	if err != nil {
		s.t.Fatalf("generic secret of %d bits: %v", outBits, err)
	}
	defer out.Close()
	if err := op.DeriveKey(params, out); err != nil {
		return nil, err
	}
	return s.secretOf(out), nil
}

// ECDH: the peer's point (uncompressed only: GP passes X and Y) must be
// checked to be on the curve.
func ECDH(t *testing.T, api API) {
	for _, file := range []string{"ecdh_secp224r1_ecpoint_test.json", "ecdh_secp256r1_ecpoint_test.json",
		"ecdh_secp384r1_ecpoint_test.json", "ecdh_secp521r1_ecpoint_test.json"} {
		var f wp.File[wp.ECDHGroup]
		wp.Load(t, file, &f)
		s := newSuite(t, api, file)
		for _, g := range f.TestGroups {
			c := curves[g.Curve]
			for _, tc := range g.Tests {
				if !s.take(tc.TcID) {
					continue
				}
				attrs, err := eccPair(c, stripLead(tc.Private))
				if err != nil {
					t.Fatalf("%s tcId %d: private key: %v", file, tc.TcID, err)
				}
				if len(tc.Public) != 1+2*c.bytes || tc.Public[0] != 4 {
					s.ck.Check(tc.Base(), false) // compressed or malformed: not expressible, rejected
					continue
				}
				pair := s.object(abi.TypeECDHKeypair, c.bits, attrs...)
				if pair == nil {
					t.Fatalf("%s tcId %d: key pair refused", file, tc.TcID)
				}
				x, y := tc.Public[1:1+c.bytes], tc.Public[1+c.bytes:]
				got, err := s.derive(abi.AlgECDHDeriveSharedSecret, c.bits, pair, uint32(c.bytes*8),
					ref(abi.AttrECCPublicValueX, x), ref(abi.AttrECCPublicValueY, y))
				if err == nil && !bytes.Equal(got, tc.Shared) {
					t.Errorf("%s tcId %d: wrong shared secret", file, tc.TcID)
				}
				s.ck.CheckErr(tc.Base(), err)
				pair.Close()
			}
		}
	}
}

// X25519 key agreement.
func X25519(t *testing.T, api API) {
	const file = "x25519_test.json"
	var f wp.File[wp.XDHGroup]
	wp.Load(t, file, &f)
	s := newSuite(t, api, file)
	for _, g := range f.TestGroups {
		for _, tc := range g.Tests {
			if !s.take(tc.TcID) {
				continue
			}
			pub, err := x25519Public(tc.Private)
			if err != nil {
				t.Fatal(err)
			}
			pair := s.object(abi.TypeX25519Keypair, 256, ref(abi.AttrX25519PrivateValue, tc.Private), ref(abi.AttrX25519PublicValue, pub))
			if pair == nil {
				t.Fatalf("tcId %d: key pair refused", tc.TcID)
			}
			got, err := s.derive(abi.AlgX25519, 256, pair, 256, ref(abi.AttrX25519PublicValue, tc.Public))
			if err == nil && !bytes.Equal(got, tc.Shared) {
				t.Errorf("%s tcId %d: wrong shared secret", file, tc.TcID)
			}
			s.ck.CheckErr(tc.Base(), err)
			pair.Close()
		}
	}
}

// Ed25519 verification.
func Ed25519(t *testing.T, api API) {
	const file = "ed25519_test.json"
	var f wp.File[wp.EdDSAGroup]
	wp.Load(t, file, &f)
	s := newSuite(t, api, file)
	for _, g := range f.TestGroups {
		key := s.object(abi.TypeEd25519PublicKey, 256, ref(abi.AttrEd25519PublicValue, g.PublicKey.PK))
		if key == nil {
			t.Fatal("public key refused")
		}
		for _, tc := range g.Tests {
			if !s.take(tc.TcID) {
				continue
			}
			s.ck.CheckErr(tc.Base(), s.verify(abi.AlgEd25519, 256, key, nil, 0, tc.Msg, tc.Sig))
		}
		key.Close()
	}
}

// HKDF with OP-TEE's TEE_ALG_HKDF_*_DERIVE_KEY identifiers.
func HKDF(t *testing.T, api API) {
	for _, c := range []struct {
		file string
		alg  uint32
	}{{"hkdf_sha1_test.json", abi.AlgHKDFSHA1DeriveKey}, {"hkdf_sha256_test.json", abi.AlgHKDFSHA256DeriveKey},
		{"hkdf_sha384_test.json", abi.AlgHKDFSHA384DeriveKey}, {"hkdf_sha512_test.json", abi.AlgHKDFSHA512DeriveKey}} {
		var f wp.File[wp.HKDFGroup]
		wp.Load(t, c.file, &f)
		s := newSuite(t, api, c.file)
		for _, g := range f.TestGroups {
			for _, tc := range g.Tests {
				if !s.take(tc.TcID) {
					continue
				}
				var ikm Object
				if tc.Size > 0 && tc.Size*8 <= 4096 {
					ikm = s.object(abi.TypeHKDFIKM, uint32(len(tc.IKM)*8), ref(abi.AttrHKDFIKM, tc.IKM))
				}
				if ikm == nil {
					if tc.Result == wp.Valid {
						s.skip("IKM or OKM size outside GP's secret sizes (8..4096 bits)")
					} else {
						s.ck.Check(tc.Base(), false)
					}
					continue
				}
				got, err := s.derive(c.alg, uint32(len(tc.IKM)*8), ikm, 4096, ref(abi.OPTEEAttrHKDFSalt, tc.Salt),
					ref(abi.OPTEEAttrHKDFInfo, tc.Info), val(abi.AttrHKDFOKMLength, uint32(tc.Size), 0))
				if err == nil && !bytes.Equal(got, tc.OKM) {
					t.Errorf("%s tcId %d: wrong OKM", c.file, tc.TcID)
				}
				s.ck.CheckErr(tc.Base(), err)
				ikm.Close()
			}
		}
		s.done()
	}
}

// DSA verification (IEEE P1363 signatures).
func DSA(t *testing.T, api API) {
	for _, c := range []struct {
		file string
		alg  uint32
		h    crypto.Hash
	}{{"dsa_2048_224_sha224_p1363_test.json", abi.AlgDSASHA224, crypto.SHA224},
		{"dsa_2048_224_sha256_p1363_test.json", abi.AlgDSASHA256, crypto.SHA256},
		{"dsa_2048_256_sha256_p1363_test.json", abi.AlgDSASHA256, crypto.SHA256},
		{"dsa_3072_256_sha256_p1363_test.json", abi.AlgDSASHA256, crypto.SHA256}} {
		var f wp.File[wp.DSAGroup]
		wp.Load(t, c.file, &f)
		s := newSuite(t, api, c.file)
		for _, g := range f.TestGroups {
			pk := g.PublicKey
			key := s.object(abi.TypeDSAPublicKey, bitLen(pk.P), ref(abi.AttrDSAPrime, pk.P), ref(abi.AttrDSASubprime, pk.Q),
				ref(abi.AttrDSABase, pk.G), ref(abi.AttrDSAPublicValue, pk.Y))
			if key == nil {
				t.Fatalf("%s: public key refused", c.file)
			}
			for _, tc := range g.Tests {
				if !s.take(tc.TcID) {
					continue
				}
				s.ck.CheckErr(tc.Base(), s.verify(c.alg, bitLen(pk.P), key, nil, c.h, tc.Msg, tc.Sig))
			}
			key.Close()
		}
	}
}

package wycheproof

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// HexBytes is a byte string written in hex in the JSON files.
type HexBytes []byte

// UnmarshalJSON decodes a hex string.
func (h *HexBytes) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	d, err := hex.DecodeString(s)
	if err != nil {
		return fmt.Errorf("wycheproof: bad hex %q: %w", s, err)
	}
	*h = d
	return nil
}

// Result is a test case's expected result.
type Result string

// The three results Wycheproof uses.
const (
	Valid      Result = "valid"
	Invalid    Result = "invalid"
	Acceptable Result = "acceptable"
)

// Note explains a flag.
type Note struct {
	BugType     string   `json:"bugType"`
	Description string   `json:"description"`
	Effect      string   `json:"effect"`
	CVEs        []string `json:"cves"`
}

// Group is implemented by every test-group type below.
type Group interface{ numTests() int }

// File is one vector file with test groups of type G.
type File[G Group] struct {
	Algorithm     string          `json:"algorithm"`
	Schema        string          `json:"schema"`
	NumberOfTests int             `json:"numberOfTests"`
	Header        []string        `json:"header"`
	Notes         map[string]Note `json:"notes"`
	TestGroups    []G             `json:"testGroups"`
}

func (f *File[G]) count() (declared, found int) {
	for _, g := range f.TestGroups {
		found += g.numTests()
	}
	return f.NumberOfTests, found
}

// Case holds the fields every test case has.
type Case struct {
	TcID    int      `json:"tcId"`
	Comment string   `json:"comment"`
	Flags   []string `json:"flags"`
	Result  Result   `json:"result"`
}

// Base returns c itself, so Checker.Check can take any test type.
func (c Case) Base() Case { return c }

// Source names the generator of a group.
type Source struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// AEADGroup: schema aead_test_schema_v1 (AES-GCM, AES-CCM, SM4-CCM, ...).
// Sizes are in bits.
type AEADGroup struct {
	Type    string     `json:"type"`
	IVSize  int        `json:"ivSize"`
	KeySize int        `json:"keySize"`
	TagSize int        `json:"tagSize"`
	Tests   []AEADTest `json:"tests"`
}

// AEADTest is one AEAD case; CT excludes the tag.
type AEADTest struct {
	Case
	Key HexBytes `json:"key"`
	IV  HexBytes `json:"iv"`
	AAD HexBytes `json:"aad"`
	Msg HexBytes `json:"msg"`
	CT  HexBytes `json:"ct"`
	Tag HexBytes `json:"tag"`
}

// IndCPAGroup: schema ind_cpa_test_schema_v1 (AES-CBC-PKCS5).
type IndCPAGroup struct {
	Type    string       `json:"type"`
	IVSize  int          `json:"ivSize"`
	KeySize int          `json:"keySize"`
	Tests   []IndCPATest `json:"tests"`
}

// IndCPATest is one unauthenticated cipher case.
type IndCPATest struct {
	Case
	Key HexBytes `json:"key"`
	IV  HexBytes `json:"iv"`
	Msg HexBytes `json:"msg"`
	CT  HexBytes `json:"ct"`
}

// MACGroup: schema mac_test_schema_v1 (AES-CMAC, HMAC-*). Sizes in bits;
// TagSize may be shorter than the MAC's output (a truncated tag).
type MACGroup struct {
	Type    string    `json:"type"`
	KeySize int       `json:"keySize"`
	TagSize int       `json:"tagSize"`
	Tests   []MACTest `json:"tests"`
}

// MACTest is one MAC case.
type MACTest struct {
	Case
	Key HexBytes `json:"key"`
	Msg HexBytes `json:"msg"`
	Tag HexBytes `json:"tag"`
}

// SignatureTest is one signature verification case (RSA, ECDSA, EdDSA, DSA).
type SignatureTest struct {
	Case
	Msg HexBytes `json:"msg"`
	Sig HexBytes `json:"sig"`
}

// RSAPublicKey is an RSA public key as big-endian integers.
type RSAPublicKey struct {
	Modulus        HexBytes `json:"modulus"`
	PublicExponent HexBytes `json:"publicExponent"`
}

// RSAPrivateKey is an RSA private key as big-endian integers.
type RSAPrivateKey struct {
	Modulus         HexBytes `json:"modulus"`
	PublicExponent  HexBytes `json:"publicExponent"`
	PrivateExponent HexBytes `json:"privateExponent"`
	Prime1          HexBytes `json:"prime1"`
	Prime2          HexBytes `json:"prime2"`
	Exponent1       HexBytes `json:"exponent1"`
	Exponent2       HexBytes `json:"exponent2"`
	Coefficient     HexBytes `json:"coefficient"`
}

// RSASSAPKCS1Group: schema rsassa_pkcs1_verify_schema_v1
// (rsa_signature_*_test.json).
type RSASSAPKCS1Group struct {
	Type         string          `json:"type"`
	KeySize      int             `json:"keySize"`
	SHA          string          `json:"sha"`
	PublicKey    RSAPublicKey    `json:"publicKey"`
	PublicKeyDer HexBytes        `json:"publicKeyDer"`
	Tests        []SignatureTest `json:"tests"`
}

// RSASSAPSSGroup: schema rsassa_pss_verify_schema_v1 (rsa_pss_*_test.json).
type RSASSAPSSGroup struct {
	Type         string          `json:"type"`
	KeySize      int             `json:"keySize"`
	SHA          string          `json:"sha"`
	MGF          string          `json:"mgf"`
	MGFSHA       string          `json:"mgfSha"`
	SLen         int             `json:"sLen"`
	PublicKey    RSAPublicKey    `json:"publicKey"`
	PublicKeyDer HexBytes        `json:"publicKeyDer"`
	Tests        []SignatureTest `json:"tests"`
}

// RSAESOAEPGroup: schema rsaes_oaep_decrypt_schema_v1 (rsa_oaep_*_test.json).
type RSAESOAEPGroup struct {
	Type            string           `json:"type"`
	KeySize         int              `json:"keySize"`
	SHA             string           `json:"sha"`
	MGF             string           `json:"mgf"`
	MGFSHA          string           `json:"mgfSha"`
	PrivateKey      RSAPrivateKey    `json:"privateKey"`
	PrivateKeyPkcs8 HexBytes         `json:"privateKeyPkcs8"`
	Tests           []RSADecryptTest `json:"tests"`
}

// RSAESPKCS1Group: schema rsaes_pkcs1_decrypt_schema_v1 (rsa_pkcs1_*_test.json).
type RSAESPKCS1Group struct {
	Type            string           `json:"type"`
	KeySize         int              `json:"keySize"`
	PrivateKey      RSAPrivateKey    `json:"privateKey"`
	PrivateKeyPkcs8 HexBytes         `json:"privateKeyPkcs8"`
	Tests           []RSADecryptTest `json:"tests"`
}

// RSADecryptTest is one RSA decryption case; Label is OAEP's (empty for
// PKCS#1 v1.5).
type RSADecryptTest struct {
	Case
	Msg   HexBytes `json:"msg"`
	CT    HexBytes `json:"ct"`
	Label HexBytes `json:"label"`
}

// ECPublicKey is an EC public key; Wx and Wy are big-endian and may carry a
// leading zero byte.
type ECPublicKey struct {
	Type         string   `json:"type"`
	Curve        string   `json:"curve"`
	KeySize      int      `json:"keySize"`
	Uncompressed HexBytes `json:"uncompressed"`
	Wx           HexBytes `json:"wx"`
	Wy           HexBytes `json:"wy"`
}

// ECDSAGroup: schemas ecdsa_verify_schema_v1 (Type "EcdsaVerify", DER
// signatures, ecdsa_*_test.json) and ecdsa_p1363_verify_schema_v1 (Type
// "EcdsaP1363Verify", r||s signatures, ecdsa_*_p1363_test.json).
type ECDSAGroup struct {
	Type         string          `json:"type"`
	SHA          string          `json:"sha"`
	PublicKey    ECPublicKey     `json:"publicKey"`
	PublicKeyDer HexBytes        `json:"publicKeyDer"`
	Tests        []SignatureTest `json:"tests"`
}

// ECDHGroup: schemas ecdh_ecpoint_test_schema_v1 (Encoding "ecpoint": the
// public key is an uncompressed point, ecdh_*_ecpoint_test.json) and
// ecdh_test_schema_v1 (Encoding "asn": a DER SubjectPublicKeyInfo,
// ecdh_<curve>_test.json).
type ECDHGroup struct {
	Type     string         `json:"type"`
	Curve    string         `json:"curve"`
	Encoding string         `json:"encoding"`
	Tests    []KeyAgreeTest `json:"tests"`
}

// XDHGroup: schema xdh_comp_schema_v1 (x25519_test.json, x448_test.json);
// Curve is "curve25519" or "curve448" and keys are raw little-endian strings.
type XDHGroup struct {
	Type  string         `json:"type"`
	Curve string         `json:"curve"`
	Tests []KeyAgreeTest `json:"tests"`
}

// KeyAgreeTest is one ECDH or XDH case. Private is big-endian for ECDH and
// the raw scalar for XDH.
type KeyAgreeTest struct {
	Case
	Public  HexBytes `json:"public"`
	Private HexBytes `json:"private"`
	Shared  HexBytes `json:"shared"`
}

// EdDSAPublicKey is a raw EdDSA public key.
type EdDSAPublicKey struct {
	Type    string   `json:"type"`
	Curve   string   `json:"curve"`
	KeySize int      `json:"keySize"`
	PK      HexBytes `json:"pk"`
}

// EdDSAGroup: schema eddsa_verify_schema_v1 (ed25519_test.json,
// ed448_test.json; pure EdDSA with an empty context).
type EdDSAGroup struct {
	Type         string          `json:"type"`
	PublicKey    EdDSAPublicKey  `json:"publicKey"`
	PublicKeyDer HexBytes        `json:"publicKeyDer"`
	Tests        []SignatureTest `json:"tests"`
}

// HKDFGroup: schema hkdf_test_schema_v1 (hkdf_sha*_test.json).
type HKDFGroup struct {
	Type    string     `json:"type"`
	KeySize int        `json:"keySize"`
	Tests   []HKDFTest `json:"tests"`
}

// HKDFTest is one HKDF case; Size is the output length in bytes.
type HKDFTest struct {
	Case
	IKM  HexBytes `json:"ikm"`
	Salt HexBytes `json:"salt"`
	Info HexBytes `json:"info"`
	Size int      `json:"size"`
	OKM  HexBytes `json:"okm"`
}

// DSAPublicKey is a DSA public key as big-endian integers.
type DSAPublicKey struct {
	Type    string   `json:"type"`
	KeySize int      `json:"keySize"`
	P       HexBytes `json:"p"`
	Q       HexBytes `json:"q"`
	G       HexBytes `json:"g"`
	Y       HexBytes `json:"y"`
}

// DSAGroup: schemas dsa_verify_schema_v1 (Type "DsaVerify", DER signatures)
// and dsa_p1363_verify_schema_v1 (Type "DsaP1363Verify", r||s).
type DSAGroup struct {
	Type         string          `json:"type"`
	SHA          string          `json:"sha"`
	PublicKey    DSAPublicKey    `json:"publicKey"`
	PublicKeyDer HexBytes        `json:"publicKeyDer"`
	Tests        []SignatureTest `json:"tests"`
}

func (g AEADGroup) numTests() int        { return len(g.Tests) }
func (g IndCPAGroup) numTests() int      { return len(g.Tests) }
func (g MACGroup) numTests() int         { return len(g.Tests) }
func (g RSASSAPKCS1Group) numTests() int { return len(g.Tests) }
func (g RSASSAPSSGroup) numTests() int   { return len(g.Tests) }
func (g RSAESOAEPGroup) numTests() int   { return len(g.Tests) }
func (g RSAESPKCS1Group) numTests() int  { return len(g.Tests) }
func (g ECDSAGroup) numTests() int       { return len(g.Tests) }
func (g ECDHGroup) numTests() int        { return len(g.Tests) }
func (g XDHGroup) numTests() int         { return len(g.Tests) }
func (g EdDSAGroup) numTests() int       { return len(g.Tests) }
func (g HKDFGroup) numTests() int        { return len(g.Tests) }
func (g DSAGroup) numTests() int         { return len(g.Tests) }

package wycheproof

import (
	"bytes"
	"crypto/hkdf"
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"
)

// Every typed group decodes its files, and numberOfTests matches.
func TestLoadAllKinds(t *testing.T) {
	load := func(name string, v any) {
		t.Run(name, func(t *testing.T) { Load(t, name, v) })
	}
	load("aes_gcm_test.json", new(File[AEADGroup]))
	load("aes_ccm_test.json", new(File[AEADGroup]))
	load("aes_cbc_pkcs5_test.json", new(File[IndCPAGroup]))
	load("aes_cmac_test.json", new(File[MACGroup]))
	load("hmac_sha256_test.json", new(File[MACGroup]))
	load("rsa_signature_2048_sha256_test.json", new(File[RSASSAPKCS1Group]))
	load("rsa_pss_2048_sha256_mgf1_32_test.json", new(File[RSASSAPSSGroup]))
	load("rsa_oaep_2048_sha256_mgf1sha256_test.json", new(File[RSAESOAEPGroup]))
	load("rsa_pkcs1_2048_test.json", new(File[RSAESPKCS1Group]))
	load("ecdsa_secp256r1_sha256_test.json", new(File[ECDSAGroup]))
	load("ecdsa_secp256r1_sha256_p1363_test.json", new(File[ECDSAGroup]))
	load("ecdh_secp256r1_ecpoint_test.json", new(File[ECDHGroup]))
	load("ecdh_secp256r1_test.json", new(File[ECDHGroup]))
	load("x25519_test.json", new(File[XDHGroup]))
	load("x448_test.json", new(File[XDHGroup]))
	load("ed25519_test.json", new(File[EdDSAGroup]))
	load("ed448_test", new(File[EdDSAGroup]))
	load("hkdf_sha256_test.json", new(File[HKDFGroup]))
	load("dsa_2048_224_sha224_test.json", new(File[DSAGroup]))
	load("dsa_2048_224_sha224_p1363_test.json", new(File[DSAGroup]))
}

// A missing file fails rather than skips.
func TestLoadMissingFails(t *testing.T) {
	ft := &fakeT{TB: t}
	func() {
		defer func() { recover() }()
		Load(ft, "no_such_test.json", new(File[MACGroup]))
	}()
	if !ft.failed {
		t.Fatal("Load of a missing file did not fail the test")
	}
}

// fakeT records Fatalf instead of stopping the real test.
type fakeT struct {
	testing.TB
	failed bool
}

func (f *fakeT) Helper() {}
func (f *fakeT) Fatalf(format string, args ...any) {
	f.failed = true
	panic("fatal")
}

func TestDirHasVectors(t *testing.T) {
	if _, err := os.Stat(filepath.Join(Dir(t), "aes_cmac_test.json")); err != nil {
		t.Fatal(err)
	}
}

func TestPolicy(t *testing.T) {
	cases := []struct {
		r        Result
		accepted bool
		ok       bool
	}{
		{Valid, true, true}, {Valid, false, false},
		{Invalid, false, true}, {Invalid, true, false},
		{Acceptable, true, true}, {Acceptable, false, true},
		{"bogus", true, false},
	}
	for _, c := range cases {
		if got := Allowed(c.r, c.accepted); got != c.ok {
			t.Errorf("Allowed(%s, %v) = %v", c.r, c.accepted, got)
		}
	}
	ck := NewChecker(t, "x").Require("Pinned", false)
	if a, must := ck.Expect(Case{Result: Acceptable, Flags: []string{"Other", "Pinned"}}); !must || a {
		t.Errorf("pinned flag: accept %v must %v", a, must)
	}
	if _, must := ck.Expect(Case{Result: Acceptable, Flags: []string{"Other"}}); must {
		t.Errorf("unpinned acceptable must not be forced")
	}
	ck.Check(Case{TcID: 7, Result: Acceptable, Flags: []string{"Other"}}, true)
	if o := ck.Acceptable(); len(o) != 1 || o[0].TcID != 7 || !o[0].Accepted {
		t.Errorf("recorded %v", o)
	}
}

// The loader in use: Go's own HKDF against Wycheproof, as a smoke test of
// the whole path (types, policy) with an implementation known to be right.
func TestHKDFSHA256(t *testing.T) {
	var f File[HKDFGroup]
	Load(t, "hkdf_sha256_test.json", &f)
	ck := NewChecker(t, "hkdf_sha256_test.json")
	for _, g := range f.TestGroups {
		for _, tc := range g.Tests {
			okm, err := hkdf.Key(sha256.New, tc.IKM, tc.Salt, string(tc.Info), tc.Size)
			ck.Check(tc.Base(), err == nil && bytes.Equal(okm, tc.OKM), err)
		}
	}
}

func TestRequirePrecedence(t *testing.T) {
	ck := NewChecker(t, "x").Require("A", false).Require("B", true)
	if a, must := ck.Expect(Case{Result: Acceptable, Flags: []string{"B", "A"}}); !must || a {
		t.Errorf("the first rule must win: accept %v must %v", a, must)
	}
}

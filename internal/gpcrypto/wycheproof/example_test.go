package wycheproof_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"testing"

	"github.com/veritee/veritee/internal/gpcrypto/wycheproof"
)

// The pattern every engine test follows: load a file into the typed File for
// its schema, judge each answer with a Checker, pin acceptable cases only
// where Veritee's behaviour is decided.
func Example() {
	var t testing.TB // the test's *testing.T
	const name = "hmac_sha256_test.json"
	var f wycheproof.File[wycheproof.MACGroup]
	wycheproof.Load(t, name, &f)
	ck := wycheproof.NewChecker(t, name)
	for _, g := range f.TestGroups {
		for _, tc := range g.Tests {
			m := hmac.New(sha256.New, tc.Key)
			m.Write(tc.Msg)
			tag := m.Sum(nil)[:g.TagSize/8]
			ck.Check(tc.Base(), hmac.Equal(tag, tc.Tag))
		}
	}
}

func TestHMACSHA256(t *testing.T) {
	const name = "hmac_sha256_test.json"
	var f wycheproof.File[wycheproof.MACGroup]
	wycheproof.Load(t, name, &f)
	ck := wycheproof.NewChecker(t, name)
	for _, g := range f.TestGroups {
		for _, tc := range g.Tests {
			m := hmac.New(sha256.New, tc.Key)
			m.Write(tc.Msg)
			tag := m.Sum(nil)[:g.TagSize/8]
			ck.Check(tc.Base(), hmac.Equal(tag, tc.Tag))
		}
	}
}

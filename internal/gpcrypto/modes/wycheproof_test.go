package modes

import (
	"bytes"
	"crypto/aes"
	"crypto/subtle"
	"testing"

	"github.com/veritee/veritee/internal/gpcrypto/wycheproof"
)

func TestWycheproofAESCMAC(t *testing.T) {
	const name = "aes_cmac_test.json"
	var f wycheproof.File[wycheproof.MACGroup]
	wycheproof.Load(t, name, &f)
	ck := wycheproof.NewChecker(t, name)
	for _, g := range f.TestGroups {
		for _, tc := range g.Tests {
			b, err := aes.NewCipher(tc.Key)
			if err != nil {
				ck.CheckErr(tc.Base(), err)
				continue
			}
			m, err := NewCMAC(b)
			if err != nil {
				t.Fatal(err)
			}
			m.Write(tc.Msg)
			full := m.Sum(nil)
			ok := g.TagSize%8 == 0 && g.TagSize/8 <= len(full) && len(tc.Tag) == g.TagSize/8 &&
				subtle.ConstantTimeCompare(full[:g.TagSize/8], tc.Tag) == 1
			ck.Check(tc.Base(), ok)
		}
	}
}

func TestWycheproofAESCCM(t *testing.T) {
	const name = "aes_ccm_test.json"
	var f wycheproof.File[wycheproof.AEADGroup]
	wycheproof.Load(t, name, &f)
	ck := wycheproof.NewChecker(t, name)
	for _, g := range f.TestGroups {
		for _, tc := range g.Tests {
			b, err := aes.NewCipher(tc.Key)
			if err != nil {
				ck.CheckErr(tc.Base(), err)
				continue
			}
			a, err := NewCCM(b, len(tc.IV), g.TagSize/8)
			if err != nil {
				ck.CheckErr(tc.Base(), err)
				continue
			}
			sealed := append(append([]byte(nil), tc.CT...), tc.Tag...)
			pt, err := a.Open(nil, tc.IV, sealed, tc.AAD)
			if err == nil && !bytes.Equal(pt, tc.Msg) {
				t.Errorf("tcId %d: Open returned the wrong plaintext", tc.TcID)
			}
			if ck.CheckErr(tc.Base(), err) && tc.Result == wycheproof.Valid {
				if got := a.Seal(nil, tc.IV, tc.Msg, tc.AAD); !bytes.Equal(got, sealed) {
					t.Errorf("tcId %d: Seal %x, want %x", tc.TcID, got, sealed)
				}
			}
		}
	}
}

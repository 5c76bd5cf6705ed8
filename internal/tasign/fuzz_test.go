package tasign

import (
	"bytes"
	"testing"

	"github.com/veritee/veritee/internal/taimage"
)

// FuzzVerify feeds Verify mutations of valid images — plain, through a
// subkey chain, encrypted — and random bytes. It must never panic, and
// what it accepts must carry a body of the length the header gives that
// hashes to the signed hash.
func FuzzVerify(f *testing.F) {
	ks := testKeys(f)
	root, sub := ks["ed25519"], ks["p256"]
	ns := mustUUID("f04fa996-148a-453c-b037-1dcfbad120a6")
	chain, err := NewSubkey(root, 0, nil, NamespaceSubkey(sub.Public(), ns, 1, 1))
	if err != nil {
		f.Fatal(err)
	}
	uuid := taimage.SubkeyUUID(ns, []byte("ta"))
	plain, err := Sign(plainImage(f, testUUID, "1.0", 32), root, Signing{})
	if err != nil {
		f.Fatal(err)
	}
	viaSub, err := Sign(plainImage(f, uuid, "1.0", 32), sub, Signing{Chain: chain, Name: "ta"})
	if err != nil {
		f.Fatal(err)
	}
	key := bytes.Repeat([]byte{9}, 32)
	enc, err := Encrypt(plain, ClassKey, key)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(plain)
	f.Add(viaSub)
	f.Add(enc)
	f.Add([]byte("VTAI\x02\x00"))
	v := verifierFor(f, root)
	v.Versions = nil
	v.ClassKeys = [][]byte{key}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := v.Check(b)
		if err != nil {
			return
		}
		s, err := taimage.ParseSigned(b)
		if err != nil {
			t.Fatalf("Check accepted what ParseSigned refuses: %v", err)
		}
		if uint64(len(r.Body)) != s.BodyLen || imageDigest(s.Hashed, s.Chain, r.Body) != s.Hash {
			t.Fatal("accepted a body that does not match the signed hash")
		}
	})
}

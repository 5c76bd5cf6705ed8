package tasign

import (
	"crypto"
	"crypto/sha256"
	"errors"
	"testing"
	"time"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/taimage"
)

// element signs one subkey record with parent, skipping every check
// NewSubkey makes, so that tests can build the chains it refuses.
func element(tb testing.TB, parent crypto.Signer, rec taimage.SubkeyRecord, sub crypto.Signer, name string) []byte {
	tb.Helper()
	rec.ParentKeyID, _ = PublicKeyID(parent.Public())
	if rec.ParentAlg == 0 {
		a, _ := DefaultAlgorithm(parent.Public())
		rec.ParentAlg = uint16(a)
	}
	if rec.Algorithm == 0 {
		a, _ := DefaultAlgorithm(sub.Public())
		rec.Algorithm = uint16(a)
	}
	rec.PublicKey, _ = x509PKIX(sub.Public())
	signed, err := rec.Marshal()
	if err != nil {
		tb.Fatal(err)
	}
	d := sha256.Sum256(signed)
	sig, err := signDigest(parent, Algorithm(rec.ParentAlg), d[:])
	if err != nil {
		tb.Fatal(err)
	}
	el, err := taimage.AppendSubkey(nil, signed, sig, []byte(name))
	if err != nil {
		tb.Fatal(err)
	}
	return el
}

// signRaw signs body for uuid with key and chain as given, without the
// checks Prepare makes.
func signRaw(tb testing.TB, body []byte, uuid abi.UUID, key crypto.Signer, chain []byte) []byte {
	tb.Helper()
	img, err := taimage.Parse(body)
	if err != nil {
		tb.Fatal(err)
	}
	alg, _ := DefaultAlgorithm(key.Public())
	id, _ := PublicKeyID(key.Public())
	h := taimage.SignedHeader{UUID: uuid, TAVersion: img.TAVersion, Algorithm: uint16(alg), KeyID: id,
		ChainLen: uint32(len(chain)), BodyLen: uint64(len(body))}
	hashed := h.Marshal()
	d := imageDigest(hashed, chain, body)
	sig, err := signDigest(key, alg, d[:])
	if err != nil {
		tb.Fatal(err)
	}
	out, err := taimage.AssembleSigned(hashed, d, sig, chain, nil, body)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

func TestChainRefusals(t *testing.T) {
	t.Parallel()
	ks := testKeys(t)
	root, a, b := ks["ed25519"], ks["ed25519-b"], ks["ed25519-c"]
	ns := mustUUID("f04fa996-148a-453c-b037-1dcfbad120a6")
	childNS := taimage.SubkeyUUID(ns, []byte("child"))
	leaf := func(parentNS abi.UUID, name string) abi.UUID { return taimage.SubkeyUUID(parentNS, []byte(name)) }
	top := func(depth, version uint32, notAfter uint64, name string) []byte {
		return element(t, root, taimage.SubkeyRecord{Kind: taimage.SubkeyNamespace, UUID: ns, MaxDepth: depth, Version: version, NotAfter: notAfter}, a, name)
	}
	cat := func(bs ...[]byte) []byte {
		var out []byte
		for _, x := range bs {
			out = append(out, x...)
		}
		return out
	}
	tests := []struct {
		name  string
		uuid  abi.UUID
		key   crypto.Signer
		chain []byte
		want  error
	}{
		{"good", leaf(ns, "ta"), a, top(1, 1, 0, "ta"), nil},
		{"good two levels", leaf(childNS, "ta"), b, cat(top(1, 1, 0, "child"),
			element(t, a, taimage.SubkeyRecord{Kind: taimage.SubkeyNamespace, UUID: childNS, MaxDepth: 0, Version: 1}, b, "ta")), nil},
		{"depth does not shrink", leaf(childNS, "ta"), b, cat(top(1, 1, 0, "child"),
			element(t, a, taimage.SubkeyRecord{Kind: taimage.SubkeyNamespace, UUID: childNS, MaxDepth: 1, Version: 1}, b, "ta")), ErrSubkey},
		{"child outside the namespace", leaf(ns, "ta"), b, cat(top(1, 1, 0, "child"),
			element(t, a, taimage.SubkeyRecord{Kind: taimage.SubkeyNamespace, UUID: ns, MaxDepth: 0, Version: 1}, b, "ta")), ErrNamespace},
		{"child signed by another key", leaf(childNS, "ta"), b, cat(top(1, 1, 0, "child"),
			element(t, b, taimage.SubkeyRecord{Kind: taimage.SubkeyNamespace, UUID: childNS, MaxDepth: 0, Version: 1}, b, "ta")), ErrSubkey},
		{"TA outside the namespace", testUUID, a, top(1, 1, 0, "ta"), ErrNamespace},
		{"namespace subkey without a name", ns, a, top(1, 1, 0, ""), ErrSubkey},
		{"identity subkey with a name", testUUID, a, element(t, root, taimage.SubkeyRecord{Kind: taimage.SubkeyIdentity, UUID: testUUID, Version: 1}, a, "x"), ErrSubkey},
		{"identity subkey", testUUID, a, element(t, root, taimage.SubkeyRecord{Kind: taimage.SubkeyIdentity, UUID: testUUID, Version: 1}, a, ""), nil},
		{"identity subkey, other TA", leaf(ns, "ta"), a, element(t, root, taimage.SubkeyRecord{Kind: taimage.SubkeyIdentity, UUID: testUUID, Version: 1}, a, ""), ErrNamespace},
		{"expired", leaf(ns, "ta"), a, top(1, 1, uint64(time.Date(2026, 11, 26, 11, 0, 0, 0, time.UTC).Unix()), "ta"), ErrSubkeyExpired},
		{"not yet expired", leaf(ns, "ta"), a, top(1, 1, uint64(time.Date(2026, 11, 26, 13, 0, 0, 0, time.UTC).Unix()), "ta"), nil},
		{"signed by the root, not the subkey", leaf(ns, "ta"), root, top(1, 1, 0, "ta"), ErrSubkey},
		{"root not trusted", leaf(ns, "ta"), b, element(t, a, taimage.SubkeyRecord{Kind: taimage.SubkeyNamespace, UUID: ns, MaxDepth: 1, Version: 1}, b, "ta"), ErrUntrustedKey},
		{"subkey algorithm differs", leaf(ns, "ta"), a, element(t, root, taimage.SubkeyRecord{Kind: taimage.SubkeyNamespace, UUID: ns, MaxDepth: 1, Version: 1, Algorithm: uint16(ECDSAP256)}, a, "ta"), ErrSubkey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			img := signRaw(t, plainImage(t, tt.uuid, "1.0", 16), tt.uuid, tt.key, tt.chain)
			_, err := verifierFor(t, root).Verify(img, tt.uuid)
			if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("Verify: %v, want %v", err, tt.want)
			}
		})
	}
}

// TestVersions: a TA or subkey version below the highest seen is refused;
// equal and higher ones are accepted and raise the mark.
func TestVersions(t *testing.T) {
	t.Parallel()
	ks := testKeys(t)
	root, sub := ks["ed25519"], ks["ed25519-d"]
	v := verifierFor(t, root)
	ns := mustUUID("f04fa996-148a-453c-b037-1dcfbad120a6")
	uuid := taimage.SubkeyUUID(ns, []byte("ta"))
	chain := func(version uint32) []byte {
		c, err := NewSubkey(root, 0, nil, NamespaceSubkey(sub.Public(), ns, 0, version))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	img := func(taVersion string, skVersion uint32) []byte {
		return sign(t, plainImage(t, uuid, taVersion, 16), sub, chain(skVersion), "ta")
	}
	steps := []struct {
		ta   string
		sk   uint32
		want error
	}{
		{"1.0", 1, nil},
		{"1.0", 1, nil},
		{"2.0", 1, nil},
		{"1.9", 1, ErrRollback},
		{"2.0", 3, nil},
		{"2.1", 2, ErrSubkeyRevoked},
		{"2.1", 3, nil},
	}
	for i, s := range steps {
		_, err := v.Verify(img(s.ta, s.sk), uuid)
		if s.want == nil && err != nil || s.want != nil && !errors.Is(err, s.want) {
			t.Fatalf("step %d (TA %s, subkey %d): %v, want %v", i, s.ta, s.sk, err, s.want)
		}
	}
}

func sign(tb testing.TB, body []byte, key crypto.Signer, chain []byte, name string) []byte {
	tb.Helper()
	img, err := Sign(body, key, Signing{Chain: chain, Name: name})
	if err != nil {
		tb.Fatal(err)
	}
	return img
}

func TestNewSubkeyRefuses(t *testing.T) {
	t.Parallel()
	ks := testKeys(t)
	root, a, b := ks["ed25519"], ks["ed25519-b"], ks["ed25519-c"]
	ns := mustUUID("f04fa996-148a-453c-b037-1dcfbad120a6")
	parent, err := NewSubkey(root, 0, nil, NamespaceSubkey(a.Public(), ns, 1, 1))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		signer crypto.Signer
		chain  []byte
		p      SubkeyParams
	}{
		{"identity may not delegate", root, nil, SubkeyParams{Public: b.Public(), Kind: taimage.SubkeyIdentity, UUID: ns, MaxDepth: 1}},
		{"depth not below the parent's", a, parent, SubkeyParams{Public: b.Public(), Kind: taimage.SubkeyNamespace, Name: "x", MaxDepth: 1}},
		{"no name under a subkey", a, parent, SubkeyParams{Public: b.Public(), Kind: taimage.SubkeyNamespace}},
		{"wrong parent key", b, parent, SubkeyParams{Public: b.Public(), Kind: taimage.SubkeyNamespace, Name: "x"}},
		{"name under a root key", root, nil, SubkeyParams{Public: b.Public(), Kind: taimage.SubkeyNamespace, UUID: ns, Name: "x"}},
	}
	for _, tt := range tests {
		if _, err := NewSubkey(tt.signer, 0, tt.chain, tt.p); err == nil {
			t.Errorf("%s: NewSubkey accepted it", tt.name)
		}
	}
}

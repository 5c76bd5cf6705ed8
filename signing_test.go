package veritee_test

import (
	"bytes"
	"context"
	"crypto"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/veritee/veritee"
	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/huk"
	"github.com/veritee/veritee/internal/taimage"
	"github.com/veritee/veritee/internal/tasign"
	"github.com/veritee/veritee/internal/tastore"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/teec"
)

// helloBody returns the format-1 image inside the signed C hello_world TA
// that TestMain built: the TA every signing test signs anew.
func helloBody(tb testing.TB) []byte {
	tb.Helper()
	img, err := os.ReadFile(filepath.Join(taDir, testta.HelloWorldC+".ta"))
	if err != nil {
		tb.Fatal(err)
	}
	s, err := taimage.ParseSigned(img)
	if err != nil {
		tb.Fatal(err)
	}
	return bytes.Clone(s.Body)
}

// rebrand returns body as TA uuid at version (gpd.ta.version "M.m"): the
// same module under another identity.
func rebrand(tb testing.TB, body []byte, uuid abi.UUID, version string) []byte {
	tb.Helper()
	img, err := taimage.Parse(body)
	if err != nil {
		tb.Fatal(err)
	}
	p := &abi.Props{ABIVersion: img.Props.ABIVersion}
	for _, pr := range img.Props.List {
		switch pr.Name {
		case abi.PropAppID:
			pr.Value = abi.UUIDValue(uuid)
		case abi.PropVersion:
			pr.Type, pr.Value = abi.PropString, []byte(version)
		}
		p.List = append(p.List, pr)
	}
	img.Props, img.UUID, img.TAVersion = p, uuid, taimage.TAVersion(p)
	b, err := taimage.Marshal(img)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func newKey(tb testing.TB, kind string) crypto.Signer {
	tb.Helper()
	k, err := tasign.GenerateKey(kind)
	if err != nil {
		tb.Fatal(err)
	}
	return k
}

func sign(tb testing.TB, body []byte, k crypto.Signer, s tasign.Signing) []byte {
	tb.Helper()
	img, err := tasign.Sign(body, k, s)
	if err != nil {
		tb.Fatal(err)
	}
	return img
}

// trustDir writes the public keys of ks into a fresh trust directory.
func trustDir(tb testing.TB, ks ...crypto.Signer) string {
	tb.Helper()
	dir := tb.TempDir()
	for i, k := range ks {
		b, err := tasign.MarshalPublicKey(k.Public())
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "key"+string(rune('a'+i))+".pem"), b, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// signedTEE starts a TEE that trusts the keys in trust (not the dev key),
// loads TAs from taDir, and keeps its state in state.
func signedTEE(tb testing.TB, taDir, trust, state string, more ...teeOption) *testTEE {
	return startTEE(tb, append([]teeOption{func(o *veritee.Options) {
		o.TADirs, o.TrustDir, o.StateDir, o.DevKey = []string{taDir}, trust, state, ""
	}}, more...)...)
}

// put writes image as the TA uuid into dir.
func put(tb testing.TB, dir string, uuid abi.UUID, image []byte) {
	tb.Helper()
	if err := os.WriteFile(filepath.Join(dir, uuid.String()+".ta"), image, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// helloWorks opens a session with TA uuid and increments a value.
func helloWorks(tb testing.TB, tee *testTEE, uuid abi.UUID) {
	tb.Helper()
	c := tee.client(tb, embedded)
	s := open(tb, c, uuid)
	v := &teec.Value{Type: teec.ValueInout, A: 41}
	if err := s.InvokeCommand(context.Background(), 0, &teec.Operation{Params: [4]teec.Parameter{v}}); err != nil || v.A != 42 {
		tb.Fatalf("INC_VALUE: %v, %d", err, v.A)
	}
}

// refused checks that opening TA uuid fails with r (origin TEE) and that
// the log gives the reason.
func refused(tb testing.TB, tee *testTEE, uuid abi.UUID, r teec.Result, reason string) {
	tb.Helper()
	c := tee.client(tb, socket)
	_, err := c.OpenSession(context.Background(), uuid, teec.LoginPublic, nil, nil)
	wantResult(tb, err, r, teec.OriginTEE)
	if !strings.Contains(tee.logs.String(), reason) {
		tb.Fatalf("the log does not say %q:\n%s", reason, tee.logs.String())
	}
}

var (
	taA = abi.MustParseUUID("5160a7a0-0000-4000-8000-00000000000a")
	taB = abi.MustParseUUID("5160a7a0-0000-4000-8000-00000000000b")
)

// TestSignedTAsLoad: TAs signed by each algorithm, through a subkey, an
// identity subkey, encrypted for a class or for the device, and installed
// into the TA store, all load and run.
func TestSignedTAsLoad(t *testing.T) {
	t.Parallel()
	body := rebrand(t, helloBody(t), taA, "1.0")
	root, ec, rsa := newKey(t, "ed25519"), newKey(t, "p256"), newKey(t, "rsa-2048")
	partner := newKey(t, "ed25519")
	ns := abi.MustParseUUID("f04fa996-148a-453c-b037-1dcfbad120a6")
	chain, err := tasign.NewSubkey(root, 0, nil, tasign.NamespaceSubkey(partner.Public(), ns, 1, 1))
	if err != nil {
		t.Fatal(err)
	}
	inNS, _ := tasign.SubkeyUUIDFor(chain, "partner_ta")
	idChain, err := tasign.NewSubkey(root, 0, nil, tasign.IdentitySubkey(partner.Public(), taB, 1))
	if err != nil {
		t.Fatal(err)
	}
	classKey := bytes.Repeat([]byte{0x5a}, 32)
	state := t.TempDir()
	h, err := huk.LoadOrCreate(state)
	if err != nil {
		t.Fatal(err)
	}
	devKey := tasign.DeviceTAKey(h, taA)
	h.Destroy()
	encrypt := func(img []byte, kind tasign.KeyKind, key []byte) []byte {
		b, err := tasign.Encrypt(img, kind, key)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name  string
		uuid  abi.UUID
		image []byte
	}{
		{"ed25519", taA, sign(t, body, root, tasign.Signing{})},
		{"ecdsa-p256", taA, sign(t, body, ec, tasign.Signing{})},
		{"rsa-pss", taA, sign(t, body, rsa, tasign.Signing{Algorithm: tasign.RSAPSS})},
		{"rsa-pkcs1", taA, sign(t, body, rsa, tasign.Signing{Algorithm: tasign.RSAPKCS1})},
		{"namespace subkey", inNS, sign(t, rebrand(t, body, inNS, "1.0"), partner, tasign.Signing{Chain: chain, Name: "partner_ta"})},
		{"identity subkey", taB, sign(t, rebrand(t, body, taB, "1.0"), partner, tasign.Signing{Chain: idChain})},
		{"class key", taA, encrypt(sign(t, body, root, tasign.Signing{}), tasign.ClassKey, classKey)},
		{"device key", taA, encrypt(sign(t, body, root, tasign.Signing{}), tasign.DeviceKey, devKey)},
	}
	trust := trustDir(t, root, ec, rsa)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			put(t, dir, tt.uuid, tt.image)
			st := t.TempDir()
			if tt.name == "device key" {
				st = state
			}
			tee := signedTEE(t, dir, trust, st, func(o *veritee.Options) { o.ClassKeys = [][]byte{classKey} })
			helloWorks(t, tee, tt.uuid)
		})
	}
	t.Run("installed", func(t *testing.T) {
		st := t.TempDir()
		if _, err := tastore.Install(st, taA, tests[0].image); err != nil {
			t.Fatal(err)
		}
		tee := signedTEE(t, t.TempDir(), trust, st)
		helloWorks(t, tee, taA)
		if !strings.Contains(tee.logs.String(), tastore.DirName) {
			t.Errorf("the TA was not loaded from the TA store:\n%s", tee.logs)
		}
	})
}

// TestSignedTAsRefused: every kind of bad image is refused with OP-TEE's
// result and a log line that says why.
func TestSignedTAsRefused(t *testing.T) {
	t.Parallel()
	body := rebrand(t, helloBody(t), taA, "1.0")
	root, other, partner := newKey(t, "ed25519"), newKey(t, "ed25519"), newKey(t, "ed25519")
	good := sign(t, body, root, tasign.Signing{})
	s, err := taimage.ParseSigned(good)
	if err != nil {
		t.Fatal(err)
	}
	flip := func(off int) []byte { b := bytes.Clone(good); b[off] ^= 0x10; return b }
	sigAt := taimage.SignedHeaderSize
	bodyAt := len(good) - len(s.Body)

	ns := abi.MustParseUUID("f04fa996-148a-453c-b037-1dcfbad120a6")
	old := tasign.NamespaceSubkey(partner.Public(), ns, 1, 1)
	old.NotAfter = time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	oldChain, err := tasign.NewSubkey(root, 0, nil, old)
	if err != nil {
		t.Fatal(err)
	}
	inNS, _ := tasign.SubkeyUUIDFor(oldChain, "x")
	expired := sign(t, rebrand(t, body, inNS, "1.0"), partner, tasign.Signing{Chain: oldChain, Name: "x"})

	chain, err := tasign.NewSubkey(root, 0, nil, tasign.NamespaceSubkey(partner.Public(), ns, 1, 1))
	if err != nil {
		t.Fatal(err)
	}
	outside := outOfNamespace(t, body, partner, chain)

	tests := []struct {
		name   string
		uuid   abi.UUID
		image  []byte
		result teec.Result
		reason string
	}{
		{"unsigned", taA, body, teec.ErrSecurity, "unsigned TA image"},
		{"untrusted key", taA, sign(t, body, other, tasign.Signing{}), teec.ErrSecurity, "signed by a key that is not trusted"},
		{"bad signature", taA, flip(sigAt + 3), teec.ErrSecurity, "bad signature"},
		{"payload modified", taA, flip(bodyAt + len(s.Body)/2), teec.ErrSecurity, "image hash mismatch"},
		{"header modified", taA, flip(26), teec.ErrSecurity, "image hash mismatch"},
		{"hash modified", taA, flip(100), teec.ErrSecurity, "bad signature"},
		{"truncated", taA, good[:len(good)-1], teec.ErrSecurity, "malformed signed image"},
		{"expired subkey", inNS, expired, teec.ErrSecurity, "subkey expired"},
		{"outside the namespace", taA, outside, teec.ErrSecurity, "TA UUID outside the subkey's namespace"},
		{"file of another TA", taB, good, teec.ErrSecurity, "image is for another TA"},
		{"dev key not trusted", abi.MustParseUUID(testta.HelloWorldC), nil, teec.ErrSecurity, "signed by a key that is not trusted"},
		{"not found", abi.MustParseUUID("5160a7a0-0000-4000-8000-0000000000ff"), nil, teec.ErrItemNotFound, "TA not found"},
	}
	trust := trustDir(t, root)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if tt.image != nil {
				put(t, dir, tt.uuid, tt.image)
			}
			if tt.name == "dev key not trusted" {
				dir = taDir
			}
			tee := signedTEE(t, dir, trust, t.TempDir())
			refused(t, tee, tt.uuid, tt.result, tt.reason)
		})
	}
}

// outOfNamespace builds, by hand, an image for taA signed by the subkey of
// chain, whose namespace does not hold taA: the signing tools refuse to
// make one.
func outOfNamespace(tb testing.TB, body []byte, sub crypto.Signer, chain []byte) []byte {
	tb.Helper()
	chain, err := taimage.SetLastName(chain, []byte("x"))
	if err != nil {
		tb.Fatal(err)
	}
	id, _ := tasign.PublicKeyID(sub.Public())
	h := taimage.SignedHeader{UUID: taA, TAVersion: 0x10000, Algorithm: uint16(tasign.Ed25519), KeyID: id,
		ChainLen: uint32(len(chain)), BodyLen: uint64(len(body))}
	hashed := h.Marshal()
	d := sha256.New()
	d.Write(hashed)
	d.Write(chain)
	d.Write(body)
	var sum [32]byte
	d.Sum(sum[:0])
	sig, err := sub.Sign(nil, sum[:], crypto.Hash(0))
	if err != nil {
		tb.Fatal(err)
	}
	img, err := taimage.AssembleSigned(hashed, sum, sig, chain, nil, body)
	if err != nil {
		tb.Fatal(err)
	}
	return img
}

// TestRollback: once version 2 of a TA has loaded, version 1 is refused,
// also by a TEE started later on the same state directory; the same holds
// for subkey versions.
func TestRollback(t *testing.T) {
	t.Parallel()
	body := helloBody(t)
	root, partner := newKey(t, "ed25519"), newKey(t, "ed25519")
	trust := trustDir(t, root)
	state := t.TempDir()
	v1 := sign(t, rebrand(t, body, taA, "1.0"), root, tasign.Signing{})
	v2 := sign(t, rebrand(t, body, taA, "2.0"), root, tasign.Signing{})

	dir := t.TempDir()
	put(t, dir, taA, v2)
	func() {
		tee := signedTEE(t, dir, trust, state)
		helloWorks(t, tee, taA)
		tee.Close(context.Background())
	}()
	put(t, dir, taA, v1)
	tee := signedTEE(t, dir, trust, state)
	refused(t, tee, taA, teec.ErrAccessConflict, "TA version below the highest seen (rollback)")
	put(t, dir, taA, v2)
	helloWorks(t, tee, taA)

	// Subkey version 2 revokes version 1 of the same subkey.
	ns := abi.MustParseUUID("f04fa996-148a-453c-b037-1dcfbad120a6")
	chain1, _ := tasign.NewSubkey(root, 0, nil, tasign.NamespaceSubkey(partner.Public(), ns, 1, 1))
	chain2, _ := tasign.NewSubkey(root, 0, nil, tasign.NamespaceSubkey(partner.Public(), ns, 1, 2))
	inNS, _ := tasign.SubkeyUUIDFor(chain1, "x")
	nb := rebrand(t, body, inNS, "1.0")
	sub := t.TempDir()
	put(t, sub, inNS, sign(t, nb, partner, tasign.Signing{Chain: chain2, Name: "x"}))
	st := t.TempDir()
	func() {
		tee := signedTEE(t, sub, trust, st)
		helloWorks(t, tee, inNS)
		tee.Close(context.Background())
	}()
	put(t, sub, inNS, sign(t, nb, partner, tasign.Signing{Chain: chain1, Name: "x"}))
	tee = signedTEE(t, sub, trust, st)
	refused(t, tee, inNS, teec.ErrSecurity, "subkey version below the highest seen")
}

// TestDevKeyWarning: a TEE that trusts the development key says so.
func TestDevKeyWarning(t *testing.T) {
	t.Parallel()
	tee := startTEE(t)
	helloWorks(t, tee, abi.MustParseUUID(testta.HelloWorldC))
	if !strings.Contains(tee.logs.String(), "DEVELOPMENT MODE: trusting the development key") {
		t.Errorf("no development-mode warning:\n%s", tee.logs)
	}
}

// padded returns body with a non-critical section that makes it size
// bytes, so a real TA stands for a TA of that size.
func padded(tb testing.TB, body []byte, size int) []byte {
	tb.Helper()
	img, err := taimage.Parse(body)
	if err != nil {
		tb.Fatal(err)
	}
	if n := size - len(body) - taimage.SectionHeaderSize; n > 0 {
		img.Extra = append(img.Extra, taimage.Section{Type: 0x7fff, Data: make([]byte, n)})
	}
	b, err := taimage.Marshal(img)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// BenchmarkColdOpen times the first session of a TA in a fresh TEE with an
// empty compile cache — read, verify, parse, compile, instantiate — for
// the C test TA padded to 100 KiB and the Go hello_world TA (about 3 MiB),
// signed with Ed25519 and RSA-3072. BenchmarkVerify in internal/tasign
// times the verification alone.
//
//	go test -run '^$' -bench ColdOpen -benchtime 5x .
func BenchmarkColdOpen(b *testing.B) {
	read := func(uuid string) []byte {
		img, err := os.ReadFile(filepath.Join(taDir, uuid+".ta"))
		if err != nil {
			b.Fatal(err)
		}
		s, err := taimage.ParseSigned(img)
		if err != nil {
			b.Fatal(err)
		}
		return s.Body
	}
	tas := []struct {
		name string
		uuid abi.UUID
		body []byte
	}{
		{"C-100KiB", testta.CUUIDs[0], padded(b, read(testta.CUUIDs[0].String()), 100<<10)},
		{"Go-3MiB", abi.MustParseUUID(testta.HelloWorldGo), read(testta.HelloWorldGo)},
	}
	keys := map[string]crypto.Signer{"ed25519": newKey(b, "ed25519"), "rsa-3072": newKey(b, "rsa-3072")}
	for _, ta := range tas {
		for _, kn := range []string{"ed25519", "rsa-3072"} {
			k := keys[kn]
			dir := b.TempDir()
			put(b, dir, ta.uuid, sign(b, ta.body, k, tasign.Signing{}))
			trust := trustDir(b, k)
			b.Run(ta.name+"/"+kn, func(b *testing.B) {
				ctx := context.Background()
				for b.Loop() {
					b.StopTimer()
					state, err := os.MkdirTemp("", "vt-bench-")
					if err != nil {
						b.Fatal(err)
					}
					tee, err := veritee.Start(ctx, veritee.Options{TADirs: []string{dir}, StateDir: state, TrustDir: trust})
					if err != nil {
						b.Fatal(err)
					}
					c, err := teec.InitializeContext(tee.Name())
					if err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					s, err := c.OpenSession(ctx, ta.uuid, teec.LoginPublic, nil, nil)
					b.StopTimer()
					if err != nil {
						b.Fatal(err)
					}
					s.Close()
					c.Finalize()
					tee.Close(ctx)
					os.RemoveAll(state)
					b.StartTimer()
				}
			})
		}
	}
}

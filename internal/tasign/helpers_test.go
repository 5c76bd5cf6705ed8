package tasign

import (
	"crypto"
	"sync"
	"testing"
	"time"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/huk"
	"github.com/veritee/veritee/internal/rollback"
	"github.com/veritee/veritee/internal/taimage"
)

var testUUID = abi.MustParseUUID("12345678-1234-5678-9abc-def012345678")

// plainImage returns a format-1 image of TA uuid at version ("M.m"), with
// a payload of n bytes (at least the 8-byte wasm header).
func plainImage(tb testing.TB, uuid abi.UUID, version string, n int) []byte {
	tb.Helper()
	props := &abi.Props{ABIVersion: abi.Version, List: []abi.Property{
		{Name: abi.PropAppID, Type: abi.PropUUID, Value: abi.UUIDValue(uuid)},
		{Name: abi.PropVersion, Type: abi.PropString, Value: []byte(version)},
	}}
	wasm := make([]byte, max(n, 8))
	copy(wasm, []byte{0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00})
	for i := 8; i < len(wasm); i++ {
		wasm[i] = byte(i)
	}
	b, err := taimage.Marshal(&taimage.Image{Type: taimage.ImageTypeWasm, UUID: uuid,
		TAVersion: taimage.TAVersion(props), ABIVersion: abi.Version, Props: props, Wasm: wasm})
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

var (
	keysOnce sync.Once
	keys     map[string]crypto.Signer
)

// testKeys returns one key of every kind, generated once per process (RSA
// generation is slow).
func testKeys(tb testing.TB) map[string]crypto.Signer {
	keysOnce.Do(func() {
		keys = map[string]crypto.Signer{}
		for _, k := range []string{"ed25519", "p256", "rsa-2048", "rsa-3072", "ed25519-b", "ed25519-c", "ed25519-d"} {
			kind := k
			if len(k) > 8 && k[:8] == "ed25519-" {
				kind = "ed25519"
			}
			s, err := GenerateKey(kind)
			if err != nil {
				panic(err)
			}
			keys[k] = s
		}
	})
	return keys
}

// verifierFor returns a verifier trusting the given keys, with fresh
// in-memory versions and a fixed clock.
func verifierFor(tb testing.TB, trusted ...crypto.Signer) *Verifier {
	tb.Helper()
	tr := &Trust{}
	for _, k := range trusted {
		if _, err := tr.Add(k.Public(), "test"); err != nil {
			tb.Fatal(err)
		}
	}
	return &Verifier{Trust: tr, Versions: &rollback.Memory{}, HUK: huk.New(),
		Now: func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) }}
}

func mustUUID(s string) abi.UUID { return abi.MustParseUUID(s) }

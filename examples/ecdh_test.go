package examples_test

import (
	"bytes"
	"context"
	"crypto/ecdh"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/veritee/veritee/teec"
)

const ecdhUUID = "569f5292-3221-4ef4-8532-18eda2d41778"

// TestECDH runs both ecdh clients on both curves: against a key pair made
// by Go's crypto/ecdh, whose secret must equal the one the TA derived, and
// in the two-session demonstration.
func TestECDH(t *testing.T) {
	t.Parallel()
	curves := map[string]ecdh.Curve{"p256": ecdh.P256(), "x25519": ecdh.X25519()}
	for name, run := range map[string]func(*testing.T, string, ...string) string{"go": runGo, "c": runC} {
		for cname, curve := range curves {
			t.Run(name+"/"+cname, func(t *testing.T) {
				t.Parallel()
				priv, err := curve.GenerateKey(rand.Reader)
				if err != nil {
					t.Fatal(err)
				}
				out := run(t, "ecdh", "-curve", cname, hex.EncodeToString(priv.PublicKey().Bytes()))
				taPub, err := curve.NewPublicKey(hexField(t, out, "TA public key"))
				if err != nil {
					t.Fatalf("the TA's public key: %v", err)
				}
				want, err := priv.ECDH(taPub)
				if err != nil {
					t.Fatal(err)
				}
				if got := hexField(t, out, "Shared secret"); !bytes.Equal(got, want) {
					t.Errorf("the TA derived %x, crypto/ecdh %x", got, want)
				}

				out = run(t, "ecdh", "-curve", cname)
				a, b := hexField(t, out, "Shared secret (A)"), hexField(t, out, "Shared secret (B)")
				if len(a) != 32 || !bytes.Equal(a, b) {
					t.Errorf("the two sessions derived %x and %x", a, b)
				}
				if !strings.HasSuffix(out, "\nBoth sessions derived the same secret\n") {
					t.Errorf("output:\n%s", out)
				}
			})
		}
	}
}

// TestECDHBadPeer checks the TA's answers to bad peer keys: a key of the
// wrong form is BAD_PARAMETERS; a point off the curve panics the TA in
// TEE_DeriveKey, which ends that session's instance only.
func TestECDHBadPeer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sess := openSession(t, ecdhUUID)
	if err := sess.InvokeCommand(ctx, 0, &teec.Operation{Params: [4]teec.Parameter{
		&teec.Value{Type: teec.ValueInput, A: 0},
	}}); err != nil {
		t.Fatal(err)
	}
	pub := &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, 65), Size: 65}
	if err := sess.InvokeCommand(ctx, 1, &teec.Operation{Params: [4]teec.Parameter{pub}}); err != nil {
		t.Fatal(err)
	}
	derive := func(peer []byte) error {
		return sess.InvokeCommand(ctx, 2, &teec.Operation{Params: [4]teec.Parameter{
			&teec.TempMemoryReference{Type: teec.MemrefTempInput, Buffer: peer, Size: uint64(len(peer))},
			&teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, 32), Size: 32},
		}})
	}
	if err := derive(pub.Buffer[1:]); !errors.Is(err, teec.ErrBadParameters) {
		t.Errorf("a peer key without its 04 prefix: got %v, want BAD_PARAMETERS", err)
	}
	off := bytes.Clone(pub.Buffer)
	off[64] ^= 1 // y changed: the point leaves the curve
	if err := derive(off); !errors.Is(err, teec.ErrTargetDead) {
		t.Errorf("a peer point off the curve: got %v, want TARGET_DEAD", err)
	}
}

package examples_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"math/big"
	"strings"
	"testing"
)

// TestECDSA runs both ecdsa clients and verifies the TA's signature with
// Go's crypto/ecdsa and the public key the client printed: valid for the
// message, invalid for the message with its last bit flipped, which the TA
// must reject too.
func TestECDSA(t *testing.T) {
	t.Parallel()
	for name, run := range map[string]func(*testing.T, string, ...string) string{"go": runGo, "c": runC} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			msg := "ship release 1.2 by " + name
			out := run(t, "ecdsa", msg)
			pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), hexField(t, out, "Public key"))
			if err != nil {
				t.Fatalf("the public key the client printed: %v", err)
			}
			sig := hexField(t, out, "Signature")
			if len(sig) != 64 {
				t.Fatalf("signature of %d bytes, want r || s of 64", len(sig))
			}
			r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])
			digest := sha256.Sum256([]byte(msg))
			if !ecdsa.Verify(pub, digest[:], r, s) {
				t.Error("crypto/ecdsa rejects the TA's signature")
			}
			tampered := []byte(msg)
			tampered[len(tampered)-1] ^= 1
			digest = sha256.Sum256(tampered)
			if ecdsa.Verify(pub, digest[:], r, s) {
				t.Error("crypto/ecdsa accepts the signature for a tampered message")
			}
			if got := field(t, out, "Verified by the TA"); got != "ok" {
				t.Errorf("the TA's verification: %q", got)
			}
			want := `Verified by the TA, tampered message "` + string(tampered) + `": TEEC_ERROR_SIGNATURE_INVALID`
			if !strings.Contains(out, want+"\n") {
				t.Errorf("no line %q in:\n%s", want, out)
			}
		})
	}
}

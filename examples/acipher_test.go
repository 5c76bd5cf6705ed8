package examples_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/veritee/veritee/teec"
)

const acipherUUID = "970809d0-5eb7-43ef-82be-6865f3a7e8ec"

// TestAcipher runs both acipher clients with each padding and checks what
// they print: a ciphertext as long as the modulus, decrypted by the TA to
// the text.
func TestAcipher(t *testing.T) {
	t.Parallel()
	for name, run := range map[string]func(*testing.T, string, ...string) string{"go": runGo, "c": runC} {
		for _, pad := range []string{"oaep", "pkcs1"} {
			t.Run(name+"/"+pad, func(t *testing.T) {
				t.Parallel()
				args := []string{"-bits", "2048", "secret text"}
				if pad == "pkcs1" {
					args = append([]string{"-pkcs1"}, args...)
				}
				out := run(t, "acipher", args...)
				n := hexField(t, out, "Modulus")
				if len(n) != 256 {
					t.Errorf("modulus of %d bytes, want 256", len(n))
				}
				if ct := hexField(t, out, "Ciphertext"); len(ct) != len(n) {
					t.Errorf("ciphertext of %d bytes, want the modulus size %d", len(ct), len(n))
				}
				if got := field(t, out, "Decrypted by the TA"); got != "secret text" {
					t.Errorf("the TA decrypted %q", got)
				}
			})
		}
	}
}

// TestAcipherGo checks the TA's RSA against Go's crypto/rsa: encryptions
// are randomised, and what Go encrypts with the exported public key the TA
// decrypts.
func TestAcipherGo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sess := openSession(t, acipherUUID)
	if err := sess.InvokeCommand(ctx, 0, &teec.Operation{Params: [4]teec.Parameter{
		&teec.Value{Type: teec.ValueInput, A: 2048},
	}}); err != nil {
		t.Fatal(err)
	}
	n := &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, 512), Size: 512}
	e := &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, 8), Size: 8}
	if err := sess.InvokeCommand(ctx, 1, &teec.Operation{Params: [4]teec.Parameter{n, e}}); err != nil {
		t.Fatal(err)
	}
	pub := &rsa.PublicKey{
		N: new(big.Int).SetBytes(n.Buffer[:n.Size]),
		E: int(new(big.Int).SetBytes(e.Buffer[:e.Size]).Int64()),
	}
	if pub.N.BitLen() != 2048 || pub.E != 65537 {
		t.Fatalf("public key of %d bits, exponent %d", pub.N.BitLen(), pub.E)
	}
	msg := []byte("for the TA's eyes only")

	// A NULL output buffer asks for the size: SHORT_BUFFER and the modulus
	// size, not a panic of the TA.
	op := acipherOp(0, msg)
	null := &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Size: 1000}
	op.Params[2] = null
	if err := sess.InvokeCommand(ctx, 2, op); !errors.Is(err, teec.ErrShortBuffer) || null.Size != 256 {
		t.Errorf("encrypting into a NULL buffer: %v, size %d; want SHORT_BUFFER, 256", err, null.Size)
	}

	for _, pad := range []struct {
		name string
		id   uint32
		enc  func() ([]byte, error)
	}{
		{"oaep", 0, func() ([]byte, error) { return rsa.EncryptOAEP(sha256.New(), rand.Reader, pub, msg, nil) }},
		{"pkcs1", 1, func() ([]byte, error) { return rsa.EncryptPKCS1v15(rand.Reader, pub, msg) }},
	} {
		t.Run(pad.name, func(t *testing.T) {
			c1 := acipherCall(t, sess, 2, pad.id, msg)
			c2 := acipherCall(t, sess, 2, pad.id, msg)
			if len(c1) != 256 || bytes.Equal(c1, c2) {
				t.Errorf("two encryptions of one text: %x and %x; want 256 bytes each, different", c1, c2)
			}
			ct, err := pad.enc()
			if err != nil {
				t.Fatal(err)
			}
			if got := acipherCall(t, sess, 3, pad.id, ct); !bytes.Equal(got, msg) {
				t.Errorf("the TA decrypted Go's ciphertext to %q, want %q", got, msg)
			}
			ct[len(ct)-1] ^= 1
			err = sess.InvokeCommand(ctx, 3, acipherOp(pad.id, ct))
			if err == nil {
				t.Error("the TA decrypted a tampered ciphertext")
			}
		})
	}
}

func acipherOp(pad uint32, in []byte) *teec.Operation {
	return &teec.Operation{Params: [4]teec.Parameter{
		&teec.Value{Type: teec.ValueInput, A: pad},
		&teec.TempMemoryReference{Type: teec.MemrefTempInput, Buffer: in, Size: uint64(len(in))},
		&teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, 512), Size: 512},
	}}
}

// acipherCall runs the TA's CMD_ENCRYPT (2) or CMD_DECRYPT (3).
func acipherCall(t *testing.T, sess *teec.Session, cmd, pad uint32, in []byte) []byte {
	t.Helper()
	op := acipherOp(pad, in)
	if err := sess.InvokeCommand(context.Background(), cmd, op); err != nil {
		t.Fatal(err)
	}
	out := op.Params[2].(*teec.TempMemoryReference)
	return out.Buffer[:out.Size]
}

// field returns what follows "name: " on a line of a client's output.
func field(t *testing.T, out, name string) string {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if v, ok := strings.CutPrefix(line, name+": "); ok {
			return v
		}
	}
	t.Fatalf("no %q line in:\n%s", name, out)
	return ""
}

// hexField returns the bytes of a hex field of a client's output.
func hexField(t *testing.T, out, name string) []byte {
	t.Helper()
	b, err := hex.DecodeString(field(t, out, name))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return b
}

package gpcrypto

import (
	"bytes"
	"crypto/rand"
	"errors"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto/sm"
)

// TestSM4XTSMatchesLibrary checks the streaming XTS engine with SM4 against
// internal/gpcrypto/sm's one-shot SM4-XTS (GB/T 17964).
func TestSM4XTSMatchesLibrary(t *testing.T) {
	t.Parallel()
	k1, k2, iv, pt := make([]byte, 16), make([]byte, 16), make([]byte, 16), make([]byte, 80)
	for _, b := range [][]byte{k1, k2, iv, pt} {
		rand.Read(b)
	}
	op, _ := NewOperation(abi.AlgSM4XTS, abi.ModeEncrypt, 128)
	if err := op.SetKey2(secretKey(t, abi.TypeSM4, k1), secretKey(t, abi.TypeSM4, k2)); err != nil {
		t.Fatal(err)
	}
	op.CipherInit(iv)
	got := make([]byte, 80)
	n, _ := op.CipherUpdate(pt[:37], got)
	op.CipherDoFinal(pt[37:], got[n:])
	m, err := sm.NewSM4XTS(k1, k2, iv, false)
	if err != nil {
		t.Fatal(err)
	}
	want := make([]byte, 80)
	m.CryptBlocks(want, pt)
	if !bytes.Equal(got, want) {
		t.Errorf("SM4-XTS: %x, library %x", got, want)
	}
}

// TestPKCS5Modes checks OP-TEE's padded SM4 modes against NOPAD on the
// padded data, streaming, short buffers and bad padding.
func TestPKCS5Modes(t *testing.T) {
	t.Parallel()
	key := secretKey(t, abi.TypeSM4, bytes.Repeat([]byte{5}, 16))
	iv := bytes.Repeat([]byte{6}, 16)
	for _, c := range []struct{ pad, nopad uint32 }{{abi.AlgSM4ECBPKCS5, abi.AlgSM4ECBNoPad}, {abi.AlgSM4CBCPKCS5, abi.AlgSM4CBCNoPad}} {
		for _, size := range []int{0, 1, 15, 16, 17, 47, 48} {
			msg := make([]byte, size)
			rand.Read(msg)
			p := 16 - size%16
			padded := append(append([]byte(nil), msg...), bytes.Repeat([]byte{byte(p)}, p)...)
			enc := keyedOp(t, c.pad, abi.ModeEncrypt, key)
			enc.CipherInit(iv)
			ct := make([]byte, len(padded))
			n, _ := enc.CipherUpdate(msg[:size/2], ct)
			if _, err := enc.CipherDoFinal(msg[size/2:], ct[n:n]); !errors.Is(err, ErrShortBuffer) {
				t.Errorf("short final: %v", err)
			}
			m, err := enc.CipherDoFinal(msg[size/2:], ct[n:])
			if err != nil || n+m != len(padded) {
				t.Fatalf("%#x/%d: %d+%d, %v", c.pad, size, n, m, err)
			}
			ref := keyedOp(t, c.nopad, abi.ModeEncrypt, key)
			ref.CipherInit(iv)
			want := make([]byte, len(padded))
			ref.CipherDoFinal(padded, want)
			if !bytes.Equal(ct, want) {
				t.Errorf("%#x/%d: differs from NOPAD of the padded data", c.pad, size)
			}
			dec := keyedOp(t, c.pad, abi.ModeDecrypt, key)
			dec.CipherInit(iv)
			pt := make([]byte, len(ct))
			n, _ = dec.CipherUpdate(ct[:len(ct)-5], pt)
			m, err = dec.CipherDoFinal(ct[len(ct)-5:], pt[n:])
			if err != nil || !bytes.Equal(pt[:n+m], msg) {
				t.Errorf("%#x/%d: decrypt %x, %v", c.pad, size, pt[:n+m], err)
			}
			// Bad padding: decrypt NOPAD-encrypted data ending in a 0 byte.
			bad := append(append([]byte(nil), msg...), make([]byte, p)...)
			ref.CipherInit(iv)
			ref.CipherDoFinal(bad, want)
			dec.CipherInit(iv)
			if _, err := dec.CipherDoFinal(want, pt); !errors.Is(err, ErrBadParameters) {
				t.Errorf("%#x/%d: bad padding: %v", c.pad, size, err)
			}
		}
	}
}

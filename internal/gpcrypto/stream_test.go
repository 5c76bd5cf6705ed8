package gpcrypto

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	mrand "math/rand/v2"
	"sync"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// TestStreamingSplits feeds the same data to CTR, CBC, CTS and XTS in random
// pieces and checks that the output equals the one-shot output, with a CTR
// counter that carries across its 64-bit halves.
func TestStreamingSplits(t *testing.T) {
	t.Parallel()
	key := make([]byte, 16)
	rand.Read(key)
	k := secretKey(t, abi.TypeAES, key)
	k2 := secretKey(t, abi.TypeAES, bytes.Repeat([]byte{9}, 16))
	iv := []byte{0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfd}
	data := make([]byte, 999)
	rand.Read(data)
	rng := mrand.New(mrand.NewPCG(1, 2))
	for _, alg := range []uint32{abi.AlgAESCTR, abi.AlgAESCBCNoPad, abi.AlgAESCTS, abi.AlgAESXTS} {
		in := data
		if alg == abi.AlgAESCBCNoPad || alg == abi.AlgAESXTS {
			in = data[:992]
		}
		run := func(split func() int) []byte {
			op, _ := NewOperation(alg, abi.ModeEncrypt, 128)
			if alg == abi.AlgAESXTS {
				op.SetKey2(k, k2)
			} else {
				op.SetKey(k)
			}
			op.CipherInit(iv)
			out := make([]byte, len(in)+32)
			n, rest := 0, in
			for len(rest) > 0 {
				c := min(split(), len(rest))
				m, err := op.CipherUpdate(rest[:c], out[n:])
				if err != nil {
					t.Fatal(err)
				}
				n, rest = n+m, rest[c:]
			}
			m, err := op.CipherDoFinal(nil, out[n:])
			if err != nil {
				t.Fatal(err)
			}
			return out[:n+m]
		}
		whole := run(func() int { return len(in) })
		for i := 0; i < 20; i++ {
			if got := run(func() int { return rng.IntN(70) }); !bytes.Equal(got, whole) {
				t.Fatalf("%#x: split output differs", alg)
			}
		}
		if alg == abi.AlgAESCTR {
			b, _ := aes.NewCipher(key)
			want := make([]byte, len(in))
			cipher.NewCTR(b, iv).XORKeyStream(want, in)
			if !bytes.Equal(whole, want) {
				t.Error("CTR differs from crypto/cipher across the counter carry")
			}
		}
	}
}

// TestConcurrentKeyUse uses one key object from many operations at once
// (each goroutine its own operation, as each TA instance has its own): the
// shared parsed key must be safe for that (run with -race).
func TestConcurrentKeyUse(t *testing.T) {
	t.Parallel()
	ec := genKey(t, abi.TypeECDSAKeypair, 256, ValueAttr(abi.AttrECCCurve, abi.ECCCurveNISTP256, 0))
	rsaKey := testRSAKey(t)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			digest := make([]byte, 32)
			for j := 0; j < 5; j++ {
				for _, c := range []struct {
					alg uint32
					key *Object
				}{{abi.AlgECDSASHA256, ec}, {abi.AlgRSASSAPKCS1PSSMGF1SHA256, rsaKey}} {
					s, _ := NewOperation(c.alg, abi.ModeSign, c.key.Info().ObjectSize)
					v, _ := NewOperation(c.alg, abi.ModeVerify, c.key.Info().ObjectSize)
					s.SetKey(c.key)
					v.SetKey(c.key)
					sig := make([]byte, 256)
					n, err := s.AsymmetricSignDigest(nil, digest, sig)
					if err != nil || v.AsymmetricVerifyDigest(nil, digest, sig[:n]) != nil {
						t.Errorf("%#x: %v", c.alg, err)
					}
				}
			}
		}()
	}
	wg.Wait()
}

package gpcrypto

import (
	"bytes"
	"crypto/rand"
	"errors"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto/sm"
)

// Known answers: FIPS-197 Appendix C (AES), IEEE 1619-2007 vector 2 (XTS),
// SP 800-38A F.2.1/F.5.1 (CBC, CTR), SP 800-38B D.1 (CMAC).
func TestCipherKAT(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name          string
		alg, typ      uint32
		key, key2, iv string
		pt, ct        string
	}{
		{"FIPS-197 C.1", abi.AlgAESECBNoPad, abi.TypeAES, "000102030405060708090a0b0c0d0e0f", "", "", "00112233445566778899aabbccddeeff", "69c4e0d86a7b0430d8cdb78070b4c55a"},
		{"FIPS-197 C.2", abi.AlgAESECBNoPad, abi.TypeAES, "000102030405060708090a0b0c0d0e0f1011121314151617", "", "", "00112233445566778899aabbccddeeff", "dda97ca4864cdfe06eaf70a0ec0d7191"},
		{"FIPS-197 C.3", abi.AlgAESECBNoPad, abi.TypeAES, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "", "", "00112233445566778899aabbccddeeff", "8ea2b7ca516745bfeafc49904b496089"},
		{"GB/T 32907 A.1", abi.AlgSM4ECBNoPad, abi.TypeSM4, "0123456789abcdeffedcba9876543210", "", "", "0123456789abcdeffedcba9876543210", "681edf34d206965e86b3e94f536e4246"},
		{"SP 800-38A F.2.1", abi.AlgAESCBCNoPad, abi.TypeAES, "2b7e151628aed2a6abf7158809cf4f3c", "", "000102030405060708090a0b0c0d0e0f",
			"6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51", "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"},
		{"SP 800-38A F.5.1", abi.AlgAESCTR, abi.TypeAES, "2b7e151628aed2a6abf7158809cf4f3c", "", "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
			"6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51", "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"},
		{"IEEE 1619 vector 2", abi.AlgAESXTS, abi.TypeAES, "11111111111111111111111111111111", "22222222222222222222222222222222", "33333333330000000000000000000000",
			"4444444444444444444444444444444444444444444444444444444444444444", "c454185e6a16936e39334038acef838bfb186fff7480adc4289382ecd6d394f0"},
	} {
		key := secretKey(t, c.typ, unhex(t, c.key))
		iv, pt, ct := unhex(t, c.iv), unhex(t, c.pt), unhex(t, c.ct)
		for _, mode := range []uint32{abi.ModeEncrypt, abi.ModeDecrypt} {
			op, err := NewOperation(c.alg, mode, key.Info().ObjectSize)
			if err != nil {
				t.Fatal(err)
			}
			if c.key2 != "" {
				err = op.SetKey2(key, secretKey(t, c.typ, unhex(t, c.key2)))
			} else {
				err = op.SetKey(key)
			}
			if err != nil {
				t.Fatalf("%s: key: %v", c.name, err)
			}
			in, want := pt, ct
			if mode == abi.ModeDecrypt {
				in, want = ct, pt
			}
			if err := op.CipherInit(iv); err != nil {
				t.Fatal(err)
			}
			out := make([]byte, len(in))
			// Feed 5 bytes, then the rest: the buffering must not change the result.
			n1, err := op.CipherUpdate(in[:5], out)
			if err != nil {
				t.Fatalf("%s: update: %v", c.name, err)
			}
			n2, err := op.CipherDoFinal(in[5:], out[n1:])
			if err != nil || n1+n2 != len(want) || !bytes.Equal(out, want) {
				t.Errorf("%s mode %d: %x (%d+%d), %v; want %x", c.name, mode, out, n1, n2, err, want)
			}
		}
	}
}

// TestCipherBehaviour runs every supported cipher through the round trip,
// short buffers, a copy taken mid-stream, and the misuse panics.
func TestCipherBehaviour(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		alg, typ uint32
		keyLen   int
		bs       int
		stream   bool
	}{
		{abi.AlgAESECBNoPad, abi.TypeAES, 16, 16, false}, {abi.AlgAESCBCNoPad, abi.TypeAES, 24, 16, false},
		{abi.AlgAESCTR, abi.TypeAES, 32, 16, true}, {abi.AlgAESCTS, abi.TypeAES, 16, 16, true},
		{abi.AlgAESXTS, abi.TypeAES, 32, 16, false},
		{abi.AlgDESECBNoPad, abi.TypeDES, 8, 8, false}, {abi.AlgDESCBCNoPad, abi.TypeDES, 8, 8, false},
		{abi.AlgSM4ECBNoPad, abi.TypeSM4, 16, 16, false}, {abi.AlgSM4CBCNoPad, abi.TypeSM4, 16, 16, false},
		{abi.AlgSM4CTR, abi.TypeSM4, 16, 16, true}, {abi.AlgSM4XTS, abi.TypeSM4, 16, 16, false},
		{abi.AlgDES3ECBNoPad, abi.TypeDES3, 16, 8, false}, {abi.AlgDES3CBCNoPad, abi.TypeDES3, 24, 8, false},
	} {
		c := c
		name, _ := AlgorithmName(c.alg)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			k1 := make([]byte, c.keyLen)
			k2 := make([]byte, c.keyLen)
			rand.Read(k1)
			rand.Read(k2)
			key, key2 := secretKey(t, c.typ, k1), secretKey(t, c.typ, k2)
			setKey := func(op *Operation) error {
				if c.alg == abi.AlgAESXTS || c.alg == abi.AlgSM4XTS {
					return op.SetKey2(key, key2)
				}
				return op.SetKey(key)
			}
			iv := make([]byte, c.bs)
			rand.Read(iv)
			pt := make([]byte, 7*c.bs)
			if c.stream {
				pt = pt[:7*c.bs-3]
			}
			rand.Read(pt)
			run := func(mode uint32, in []byte) []byte {
				op, err := NewOperation(c.alg, mode, uint32(c.keyLen*8))
				if err != nil {
					t.Fatal(err)
				}
				mustPanic(t, "update before init", func() error { _, err := op.CipherUpdate(in, make([]byte, len(in))); return err }())
				if err := setKey(op); err != nil {
					t.Fatal(err)
				}
				if err := op.CipherInit(iv); err != nil {
					t.Fatal(err)
				}
				out := make([]byte, len(in)+2*c.bs)
				n, err := op.CipherUpdate(in[:3*c.bs+1], out)
				if err != nil {
					t.Fatal(err)
				}
				// Copy mid-stream: both finish to the same output.
				cp, _ := NewOperation(c.alg, mode, uint32(c.keyLen*8))
				if err := op.CopyTo(cp); err != nil {
					t.Fatal(err)
				}
				rest := in[3*c.bs+1:]
				if _, err := op.CipherDoFinal(rest, make([]byte, 1)); !errors.Is(err, ErrShortBuffer) {
					t.Errorf("short final: %v", err)
				} else if need, _ := NeededSize(err); need < len(rest)-c.bs {
					t.Errorf("short final: needed %d", need)
				}
				m, err := op.CipherDoFinal(rest, out[n:])
				if err != nil {
					t.Fatal(err)
				}
				out2 := make([]byte, len(out))
				copy(out2, out[:n])
				m2, err := cp.CipherDoFinal(rest, out2[n:])
				if err != nil || m2 != m || !bytes.Equal(out[:n+m], out2[:n+m2]) {
					t.Errorf("copy differs: %v", err)
				}
				if op.Info().HandleState&abi.HandleFlagInitialized != 0 {
					t.Error("initialised after DoFinal")
				}
				mustPanic(t, "update after final", func() error { _, err := op.CipherUpdate(in, out); return err }())
				return out[:n+m]
			}
			ct := run(abi.ModeEncrypt, pt)
			if len(ct) != len(pt) || bytes.Equal(ct, pt) {
				t.Fatalf("ciphertext %x", ct)
			}
			if back := run(abi.ModeDecrypt, ct); !bytes.Equal(back, pt) {
				t.Errorf("round trip: %x != %x", back, pt)
			}
			// Wrong key type, wrong key size, wrong class.
			op, _ := NewOperation(c.alg, abi.ModeEncrypt, uint32(c.keyLen*8))
			hm := secretKey(t, abi.TypeHMACSHA256, make([]byte, 32))
			if c.alg == abi.AlgAESXTS || c.alg == abi.AlgSM4XTS {
				mustPanic(t, "SetKey on XTS", op.SetKey(key))
				mustPanic(t, "wrong key type", op.SetKey2(hm, hm))
				if err := op.SetKey2(key, key); !errors.Is(err, &Error{Code: abi.ErrSecurity}) {
					t.Errorf("equal XTS keys: %v", err)
				}
			} else {
				mustPanic(t, "wrong key type", op.SetKey(hm))
				mustPanic(t, "SetKey2 on one-key", op.SetKey2(key, key2))
			}
			if c.typ == abi.TypeAES && c.keyLen < 32 {
				big := secretKey(t, abi.TypeAES, make([]byte, 32))
				if c.alg == abi.AlgAESXTS || c.alg == abi.AlgSM4XTS {
					mustPanic(t, "key too big", op.SetKey2(big, key2))
				} else {
					mustPanic(t, "key too big", op.SetKey(big))
				}
			}
			mustPanic(t, "init without key", op.CipherInit(iv))
			mustPanic(t, "MACInit on a cipher", op.MACInit(nil))
			mustPanic(t, "AEInit on a cipher", op.AEInit(iv, 128, 0, 0))
			if err := setKey(op); err != nil {
				t.Fatal(err)
			}
			if algs[c.alg].kind != kECB {
				mustPanic(t, "short IV", op.CipherInit(iv[:3]))
			}
			op.CipherInit(iv)
			mustPanic(t, "SetKey while active", op.SetKey(key))
			if !c.stream {
				if _, err := op.CipherDoFinal(pt[:c.bs+1], make([]byte, 3*c.bs)); !errors.Is(err, ErrBadParameters) {
					t.Errorf("partial block: %v", err)
				}
			}
			ro := secretKey(t, c.typ, k1)
			ro.RestrictUsage(abi.UsageDecrypt)
			op2, _ := NewOperation(c.alg, abi.ModeEncrypt, uint32(c.keyLen*8))
			if c.alg == abi.AlgAESXTS || c.alg == abi.AlgSM4XTS {
				mustPanic(t, "usage", op2.SetKey2(ro, key2))
			} else {
				mustPanic(t, "usage", op2.SetKey(ro))
			}
		})
	}
}

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

package modes

import (
	"bytes"
	"crypto/cipher"
	"crypto/des"
	"errors"
	"testing"
)

// FIPS 113 (Data Authentication Algorithm), Appendix: DES key
// 0123456789abcdef, the text "7654321 Now is the time for " zero-filled to
// four blocks; the output blocks are 21fb193693a16c28, 6c463f0cb7167a6f,
// 956ee891e889d91e, f1d30f6849312ca4, the last being the MAC.
func TestCBCMACFIPS113(t *testing.T) {
	b, err := des.NewCipher(unhex(t, "0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	msg := append([]byte("7654321 Now is the time for "), 0, 0, 0, 0)
	want := []string{"21fb193693a16c28", "6c463f0cb7167a6f", "956ee891e889d91e", "f1d30f6849312ca4"}
	m := NewCBCMAC(b, false)
	for i := range 4 {
		m.Write(msg[8*i : 8*i+8])
		got, err := m.Final(nil)
		if err != nil || !bytes.Equal(got, unhex(t, want[i])) {
			t.Fatalf("after block %d: %x, %v; want %s", i+1, got, err, want[i])
		}
	}
}

func TestCBCMACNoPadUnaligned(t *testing.T) {
	m := NewCBCMAC(newAES(t, make([]byte, 16)), false)
	m.Write(make([]byte, 17))
	if _, err := m.Final(nil); !errors.Is(err, ErrNotAligned) {
		t.Fatalf("err %v, want ErrNotAligned", err)
	}
	m.Reset()
	if _, err := m.Final(nil); !errors.Is(err, ErrNotAligned) {
		t.Fatalf("empty message: %v, want ErrNotAligned", err)
	}
	m.Write(make([]byte, 16))
	if _, err := m.Final(nil); err != nil {
		t.Fatalf("one block: %v", err)
	}
}

// cbcLast is the last block of CBC encryption under a zero IV: the
// definition of CBC-MAC, computed with crypto/cipher as an independent
// reference.
func cbcLast(b cipher.Block, msg []byte) []byte {
	bs := b.BlockSize()
	out := make([]byte, len(msg))
	cipher.NewCBCEncrypter(b, make([]byte, bs)).CryptBlocks(out, msg)
	return out[len(out)-bs:]
}

func TestCBCMACPKCS5(t *testing.T) {
	b := newAES(t, unhex(t, "2b7e151628aed2a6abf7158809cf4f3c"))
	msg := unhex(t, sp38bMsg)
	for n := 0; n <= len(msg); n++ {
		p := byte(16 - n%16)
		padded := append(append([]byte(nil), msg[:n]...), bytes.Repeat([]byte{p}, int(p))...)
		m := NewCBCMAC(b, true)
		m.Write(msg[:n])
		if got, want := m.Sum(nil), cbcLast(b, padded); !bytes.Equal(got, want) {
			t.Fatalf("len %d: %x, want %x", n, got, want)
		}
	}
}

func FuzzCBCMACStreaming(f *testing.F) {
	f.Add([]byte(sp38bMsg), []byte{5, 16, 0}, true)
	f.Add([]byte(sp38bMsg[:64]), []byte{1}, false)
	f.Fuzz(func(t *testing.T, msg, cuts []byte, pad bool) {
		b := newAES(t, []byte("YELLOW SUBMARINE"))
		one := NewCBCMAC(b, pad)
		one.Write(msg)
		want, werr := one.Final(nil)
		s := NewCBCMAC(b, pad)
		for _, c := range chunks(msg, cuts) {
			s.Write(c)
		}
		got, gerr := s.Final(nil)
		if !bytes.Equal(got, want) || !errors.Is(gerr, werr) {
			t.Fatalf("streaming %x %v, one-shot %x %v", got, gerr, want, werr)
		}
		if !pad && len(msg)%16 == 0 && len(msg) > 0 && !bytes.Equal(want, cbcLast(b, msg)) {
			t.Fatalf("differs from CBC")
		}
	})
}

package modes

import (
	"bytes"
	"errors"
	"testing"
)

// RFC 3962 Appendix B: AES-128 with key "chicken teriyaki", a zero IV, and
// prefixes of "I would like the General Gau's Chicken, please, and wonton
// soup." This is the Kerberos CTS, identical to CBC-CS3.
var ctsVectors = []struct {
	n   int
	out string
}{
	{17, "c6353568f2bf8cb4d8a580362da7ff7f97"},
	{31, "fc00783e0efdb2c1d445d4c8eff7ed2297687268d6ecccc0c07b25e25ecfe5"},
	{32, "39312523a78662d5be7fcbcc98ebf5a897687268d6ecccc0c07b25e25ecfe584"},
	{47, "97687268d6ecccc0c07b25e25ecfe584b3fffd940c16a18c1b5549d2f838029e39312523a78662d5be7fcbcc98ebf5"},
	{48, "97687268d6ecccc0c07b25e25ecfe5849dad8bbb96c4cdc03bc103e1a194bbd839312523a78662d5be7fcbcc98ebf5a8"},
	{64, "97687268d6ecccc0c07b25e25ecfe58439312523a78662d5be7fcbcc98ebf5a84807efe836ee89a526730dbc2f7bc8409dad8bbb96c4cdc03bc103e1a194bbd8"},
}

const ctsPlain = "I would like the General Gau's Chicken, please, and wonton soup."

func TestCTSRFC3962(t *testing.T) {
	b := newAES(t, []byte("chicken teriyaki"))
	iv := make([]byte, 16)
	for _, v := range ctsVectors {
		pt := []byte(ctsPlain[:v.n])
		want := unhex(t, v.out)
		got := make([]byte, v.n)
		if err := NewCTSEncrypter(b, iv).Final(got, pt); err != nil || !bytes.Equal(got, want) {
			t.Fatalf("%d: encrypt %x %v, want %x", v.n, got, err, want)
		}
		back := make([]byte, v.n)
		if err := NewCTSDecrypter(b, iv).Final(back, got); err != nil || !bytes.Equal(back, pt) {
			t.Fatalf("%d: decrypt %q %v", v.n, back, err)
		}
		// In place, and with the first block through CryptBlocks.
		if v.n > 32 {
			buf := append([]byte(nil), pt...)
			e := NewCTSEncrypter(b, iv)
			if err := e.CryptBlocks(buf[:16], buf[:16]); err != nil {
				t.Fatal(err)
			}
			if err := e.Final(buf[16:], buf[16:]); err != nil || !bytes.Equal(buf, want) {
				t.Fatalf("%d: split in place %x %v", v.n, buf, err)
			}
			d := NewCTSDecrypter(b, iv)
			d.CryptBlocks(buf[:16], buf[:16])
			if err := d.Final(buf[16:], buf[16:]); err != nil || !bytes.Equal(buf, pt) {
				t.Fatalf("%d: split decrypt %q %v", v.n, buf, err)
			}
		}
	}
}

func TestCTSShort(t *testing.T) {
	b := newAES(t, make([]byte, 16))
	for _, n := range []int{0, 1, 15, 16} {
		if err := NewCTSEncrypter(b, make([]byte, 16)).Final(make([]byte, n), make([]byte, n)); !errors.Is(err, ErrCTSShort) {
			t.Fatalf("len %d: %v, want ErrCTSShort", n, err)
		}
	}
	if err := NewCTSEncrypter(b, make([]byte, 16)).CryptBlocks(make([]byte, 17), make([]byte, 17)); !errors.Is(err, ErrNotAligned) {
		t.Fatalf("CryptBlocks 17: %v", err)
	}
}

func FuzzCTS(f *testing.F) {
	f.Add([]byte(ctsPlain), uint8(1))
	f.Add([]byte(ctsPlain[:17]), uint8(0))
	f.Fuzz(func(t *testing.T, pt []byte, split uint8) {
		if len(pt) <= 16 {
			return
		}
		b := newAES(t, []byte("YELLOW SUBMARINE"))
		iv := []byte("0123456789abcdef")
		one := make([]byte, len(pt))
		if err := NewCTSEncrypter(b, iv).Final(one, pt); err != nil {
			t.Fatal(err)
		}
		// Whole blocks first, keeping more than one block for Final.
		k := 16 * (int(split) % ((len(pt) - 1) / 16))
		two := make([]byte, len(pt))
		e := NewCTSEncrypter(b, iv)
		e.CryptBlocks(two[:k], pt[:k])
		if err := e.Final(two[k:], pt[k:]); err != nil || !bytes.Equal(one, two) {
			t.Fatalf("split at %d differs: %v", k, err)
		}
		back := make([]byte, len(pt))
		d := NewCTSDecrypter(b, iv)
		d.CryptBlocks(back[:k], two[:k])
		if err := d.Final(back[k:], two[k:]); err != nil || !bytes.Equal(back, pt) {
			t.Fatalf("round trip: %v", err)
		}
	})
}

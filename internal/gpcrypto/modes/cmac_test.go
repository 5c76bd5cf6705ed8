package modes

import (
	"bytes"
	"crypto/des"
	"testing"
)

// NIST SP 800-38B Appendix D (with the updated examples published by NIST,
// which also RFC 4493 §4 reproduces for AES-128). D.4 is three-key TDEA.
var cmacVectors = []struct {
	name, key, msg, tag string
}{
	{"D.1/AES-128/0", "2b7e151628aed2a6abf7158809cf4f3c", "", "bb1d6929e95937287fa37d129b756746"},
	{"D.1/AES-128/16", "2b7e151628aed2a6abf7158809cf4f3c", sp38bMsg[:32], "070a16b46b4d4144f79bdd9dd04a287c"},
	{"D.1/AES-128/40", "2b7e151628aed2a6abf7158809cf4f3c", sp38bMsg[:80], "dfa66747de9ae63030ca32611497c827"},
	{"D.1/AES-128/64", "2b7e151628aed2a6abf7158809cf4f3c", sp38bMsg, "51f0bebf7e3b9d92fc49741779363cfe"},
	{"D.2/AES-192/0", "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b", "", "d17ddf46adaacde531cac483de7a9367"},
	{"D.2/AES-192/16", "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b", sp38bMsg[:32], "9e99a7bf31e710900662f65e617c5184"},
	{"D.2/AES-192/40", "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b", sp38bMsg[:80], "8a1de5be2eb31aad089a82e6ee908b0e"},
	{"D.2/AES-192/64", "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b", sp38bMsg, "a1d5df0eed790f794d77589659f39a11"},
	{"D.3/AES-256/0", "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", "", "028962f61b7bf89efc6b551f4667d983"},
	{"D.3/AES-256/16", "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", sp38bMsg[:32], "28a7023f452e8f82bd4bf28d8c37c35c"},
	{"D.3/AES-256/40", "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", sp38bMsg[:80], "aaf3d8f1de5640c232f5b169b9c911e6"},
	{"D.3/AES-256/64", "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", sp38bMsg, "e1992190549f6ed5696a2c056c315410"},
	{"D.4/TDEA/0", tdeaKey, "", "b7a688e122ffaf95"},
	{"D.4/TDEA/8", tdeaKey, sp38bMsg[:16], "8e8f293136283797"},
	{"D.4/TDEA/20", tdeaKey, sp38bMsg[:40], "743ddbe0ce2dc2ed"},
	{"D.4/TDEA/32", tdeaKey, sp38bMsg[:64], "33e6b1092400eae5"},
}

const (
	sp38bMsg = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51" +
		"30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710"
	tdeaKey = "8aa83bf8cbda10620bc1bf19fbb6cd58bc313d4a371ca8b5"
)

func TestCMACVectors(t *testing.T) {
	for _, v := range cmacVectors {
		t.Run(v.name, func(t *testing.T) {
			key := unhex(t, v.key)
			var h interface {
				Write([]byte) (int, error)
				Sum([]byte) []byte
			}
			if len(key) == 24 && v.name[:3] == "D.4" {
				blk, err := des.NewTripleDESCipher(key)
				if err != nil {
					t.Fatal(err)
				}
				m, err := NewCMAC(blk)
				if err != nil {
					t.Fatal(err)
				}
				h = m
			} else {
				m, err := NewCMAC(newAES(t, key))
				if err != nil {
					t.Fatal(err)
				}
				h = m
			}
			msg := unhex(t, v.msg)
			// Byte by byte, then the rest: streaming must not matter.
			for i := range msg {
				h.Write(msg[i : i+1])
			}
			if got := h.Sum(nil); !bytes.Equal(got, unhex(t, v.tag)) {
				t.Fatalf("tag %x, want %s", got, v.tag)
			}
			// Sum leaves the state alone.
			if got := h.Sum(nil); !bytes.Equal(got, unhex(t, v.tag)) {
				t.Fatalf("second Sum %x, want %s", got, v.tag)
			}
		})
	}
}

func TestCMACSubkeys(t *testing.T) {
	// SP 800-38B D.1: K1 and K2 for the AES-128 key.
	m, _ := NewCMAC(newAES(t, unhex(t, "2b7e151628aed2a6abf7158809cf4f3c")))
	c := m.(*cmac)
	if !bytes.Equal(c.k1, unhex(t, "fbeed618357133667c85e08f7236a8de")) ||
		!bytes.Equal(c.k2, unhex(t, "f7ddac306ae266ccf90bc11ee46d513b")) {
		t.Fatalf("subkeys %x %x", c.k1, c.k2)
	}
}

func TestCMACBlockSize(t *testing.T) {
	if _, err := NewCMAC(fakeBlock(32)); err != ErrBlockSize {
		t.Fatalf("err %v, want ErrBlockSize", err)
	}
}

// fakeBlock is a cipher.Block of an odd size, for the size checks only.
type fakeBlock int

func (f fakeBlock) BlockSize() int          { return int(f) }
func (f fakeBlock) Encrypt(dst, src []byte) { copy(dst, src) }
func (f fakeBlock) Decrypt(dst, src []byte) { copy(dst, src) }

func FuzzCMACStreaming(f *testing.F) {
	f.Add([]byte("0123456789abcdef"), []byte(sp38bMsg), []byte{3, 17, 0, 16})
	f.Add([]byte("0123456789abcdef"), []byte{}, []byte{})
	f.Fuzz(func(t *testing.T, key, msg, cuts []byte) {
		if len(key) != 16 {
			return
		}
		one, _ := NewCMAC(newAES(t, key))
		one.Write(msg)
		want := one.Sum(nil)
		s, _ := NewCMAC(newAES(t, key))
		for _, c := range chunks(msg, cuts) {
			s.Write(c)
		}
		if got := s.Sum(nil); !bytes.Equal(got, want) {
			t.Fatalf("streaming %x, one-shot %x", got, want)
		}
		s.Reset()
		s.Write(msg)
		if got := s.Sum(nil); !bytes.Equal(got, want) {
			t.Fatalf("after Reset %x, want %x", got, want)
		}
	})
}

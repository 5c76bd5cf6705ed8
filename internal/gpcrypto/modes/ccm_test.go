package modes

import (
	"bytes"
	"errors"
	"testing"
)

type ccmVector struct {
	name, key, nonce, aad, pt, ct string // ct includes the tag
	tag                           int
}

// NIST SP 800-38C Appendix C, Examples 1 to 4 (Example 4's associated data
// is 65536 bytes: 00..ff repeated 256 times, filled in by the test), and
// RFC 3610 §8 Packet Vectors #1 to #12 (the first 8 or 12 bytes of each
// packet are the associated data; the ciphertext column here omits them).
var ccmVectors = []ccmVector{
	{"SP800-38C/C.1", sp38cKey, "10111213141516", "0001020304050607", "20212223", "7162015b4dac255d", 4},
	{"SP800-38C/C.2", sp38cKey, "1011121314151617", "000102030405060708090a0b0c0d0e0f", "202122232425262728292a2b2c2d2e2f",
		"d2a1f0e051ea5f62081a7792073d593d1fc64fbfaccd", 6},
	{"SP800-38C/C.3", sp38cKey, "101112131415161718191a1b", "000102030405060708090a0b0c0d0e0f10111213",
		"202122232425262728292a2b2c2d2e2f3031323334353637",
		"e3b201a9f5b71a7a9b1ceaeccd97e70b6176aad9a4428aa5484392fbc1b09951", 8},
	{"SP800-38C/C.4", sp38cKey, "101112131415161718191a1b1c", "c4",
		"202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
		"69915dad1e84c6376a68c2967e4dab615ae0fd1faec44cc484828529463ccf72b4ac6bec93e8598e7f0dadbcea5b", 14},
	{"RFC3610/1", rfc3610Key, "00000003020100a0a1a2a3a4a5", "0001020304050607", "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e",
		"588c979a61c663d2f066d0c2c0f989806d5f6b61dac38417e8d12cfdf926e0", 8},
	{"RFC3610/2", rfc3610Key, "00000004030201a0a1a2a3a4a5", "0001020304050607", "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
		"72c91a36e135f8cf291ca894085c87e3cc15c439c9e43a3ba091d56e10400916", 8},
	{"RFC3610/3", rfc3610Key, "00000005040302a0a1a2a3a4a5", "0001020304050607", "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20",
		"51b1e5f44a197d1da46b0f8e2d282ae871e838bb64da8596574adaa76fbd9fb0c5", 8},
	{"RFC3610/4", rfc3610Key, "00000006050403a0a1a2a3a4a5", "000102030405060708090a0b", "0c0d0e0f101112131415161718191a1b1c1d1e",
		"a28c6865939a9a79faaa5c4c2a9d4a91cdac8c96c861b9c9e61ef1", 8},
	{"RFC3610/5", rfc3610Key, "00000007060504a0a1a2a3a4a5", "000102030405060708090a0b", "0c0d0e0f101112131415161718191a1b1c1d1e1f",
		"dcf1fb7b5d9e23fb9d4e131253658ad86ebdca3e51e83f077d9c2d93", 8},
	{"RFC3610/6", rfc3610Key, "00000008070605a0a1a2a3a4a5", "000102030405060708090a0b", "0c0d0e0f101112131415161718191a1b1c1d1e1f20",
		"6fc1b011f006568b5171a42d953d469b2570a4bd87405a0443ac91cb94", 8},
	{"RFC3610/7", rfc3610Key, "00000009080706a0a1a2a3a4a5", "0001020304050607", "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e",
		"0135d1b2c95f41d5d1d4fec185d166b8094e999dfed96c048c56602c97acbb7490", 10},
	{"RFC3610/8", rfc3610Key, "0000000a090807a0a1a2a3a4a5", "0001020304050607", "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
		"7b75399ac0831dd2f0bbd75879a2fd8f6cae6b6cd9b7db24c17b4433f434963f34b4", 10},
	{"RFC3610/9", rfc3610Key, "0000000b0a0908a0a1a2a3a4a5", "0001020304050607", "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20",
		"82531a60cc24945a4b8279181ab5c84df21ce7f9b73f42e197ea9c07e56b5eb17e5f4e", 10},
	{"RFC3610/10", rfc3610Key, "0000000c0b0a09a0a1a2a3a4a5", "000102030405060708090a0b", "0c0d0e0f101112131415161718191a1b1c1d1e",
		"07342594157785152b074098330abb141b947b566aa9406b4d999988dd", 10},
	{"RFC3610/11", rfc3610Key, "0000000d0c0b0aa0a1a2a3a4a5", "000102030405060708090a0b", "0c0d0e0f101112131415161718191a1b1c1d1e1f",
		"676bb20380b0e301e8ab79590a396da78b834934f53aa2e9107a8b6c022c", 10},
	{"RFC3610/12", rfc3610Key, "0000000e0d0c0ba0a1a2a3a4a5", "000102030405060708090a0b", "0c0d0e0f101112131415161718191a1b1c1d1e1f20",
		"c0ffa0d6f05bdb67f24d43a4338d2aa4bed7b20e43cd1aa31662e7ad65d6db", 10},
}

const (
	sp38cKey   = "404142434445464748494a4b4c4d4e4f"
	rfc3610Key = "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
)

func (v ccmVector) data(t *testing.T) (key, nonce, aad, pt, ct []byte) {
	aad = unhex(t, v.aad)
	if v.name == "SP800-38C/C.4" {
		aad = make([]byte, 65536)
		for i := range aad {
			aad[i] = byte(i)
		}
	}
	return unhex(t, v.key), unhex(t, v.nonce), aad, unhex(t, v.pt), unhex(t, v.ct)
}

func TestCCMVectors(t *testing.T) {
	for _, v := range ccmVectors {
		t.Run(v.name, func(t *testing.T) {
			key, nonce, aad, pt, ct := v.data(t)
			a, err := NewCCM(newAES(t, key), len(nonce), v.tag)
			if err != nil {
				t.Fatal(err)
			}
			if got := a.Seal(nil, nonce, pt, aad); !bytes.Equal(got, ct) {
				t.Fatalf("Seal %x, want %x", got, ct)
			}
			got, err := a.Open(nil, nonce, ct, aad)
			if err != nil || !bytes.Equal(got, pt) {
				t.Fatalf("Open %x %v", got, err)
			}
			for i := range ct {
				bad := append([]byte(nil), ct...)
				bad[i] ^= 0x10
				if _, err := a.Open(nil, nonce, bad, aad); !errors.Is(err, ErrAuth) {
					t.Fatalf("flipped byte %d: %v", i, err)
				}
			}
			// Streaming, one byte at a time, as TEE_AEUpdateAAD/TEE_AEUpdate.
			s, err := NewCCMStream(newAES(t, key), nonce, v.tag, uint64(len(aad)), uint64(len(pt)), false)
			if err != nil {
				t.Fatal(err)
			}
			for i := range aad {
				if err := s.UpdateAAD(aad[i : i+1]); err != nil {
					t.Fatal(err)
				}
			}
			out := make([]byte, len(pt))
			for i := range pt {
				if err := s.Update(out[i:i+1], pt[i:i+1]); err != nil {
					t.Fatal(err)
				}
			}
			out, err = s.Tag(out)
			if err != nil || !bytes.Equal(out, ct) {
				t.Fatalf("stream %x %v", out, err)
			}
		})
	}
}

func TestCCMParams(t *testing.T) {
	b := newAES(t, make([]byte, 16))
	for n := 0; n <= 16; n++ {
		for tag := 0; tag <= 18; tag++ {
			_, err := NewCCM(b, n, tag)
			ok := n >= 7 && n <= 13 && tag >= 4 && tag <= 16 && tag%2 == 0
			if (err == nil) != ok {
				t.Errorf("nonce %d tag %d: %v", n, tag, err)
			}
		}
	}
	if _, err := NewCCM(fakeBlock(8), 13, 16); !errors.Is(err, ErrBlockSize) {
		t.Errorf("8-byte block: %v", err)
	}
	// A 13-byte nonce leaves 2 bytes for the payload length.
	if _, err := NewCCMStream(b, make([]byte, 13), 16, 0, 1<<16, false); !errors.Is(err, ErrLength) {
		t.Errorf("payload 2^16 with q=2: %v", err)
	}
	if _, err := NewCCMStream(b, make([]byte, 13), 16, 0, 1<<16-1, false); err != nil {
		t.Errorf("payload 2^16-1 with q=2: %v", err)
	}
}

func TestCCMDeclaredLengths(t *testing.T) {
	b := newAES(t, make([]byte, 16))
	nonce := make([]byte, 12)
	mk := func() *CCMStream {
		s, err := NewCCMStream(b, nonce, 16, 4, 4, false)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	buf := make([]byte, 8)
	if err := mk().UpdateAAD(buf[:5]); !errors.Is(err, ErrLength) {
		t.Errorf("too much AAD: %v", err)
	}
	s := mk()
	s.UpdateAAD(buf[:3])
	if err := s.Update(buf, buf[:1]); !errors.Is(err, ErrLength) {
		t.Errorf("payload before AAD is complete: %v", err)
	}
	s = mk()
	s.UpdateAAD(buf[:4])
	if err := s.Update(buf, buf[:5]); !errors.Is(err, ErrLength) {
		t.Errorf("too much payload: %v", err)
	}
	s = mk()
	s.UpdateAAD(buf[:4])
	s.Update(buf, buf[:3])
	if _, err := s.Tag(nil); !errors.Is(err, ErrLength) {
		t.Errorf("too little payload: %v", err)
	}
	if err := s.Update(buf, buf[:1]); !errors.Is(err, ErrLength) {
		t.Errorf("stream usable after a length error: %v", err)
	}
}

// The three encodings of the AAD length (SP 800-38C A.2.2) meet at 0xfeff and
// 0xff00; Seal and a stream fed in pieces must agree at both sides.
func TestCCMAADLengthEncodings(t *testing.T) {
	b := newAES(t, []byte("YELLOW SUBMARINE"))
	a, _ := NewCCM(b, 13, 16)
	nonce := make([]byte, 13)
	for _, n := range []int{1, 0xfeff, 0xff00, 0xff01} {
		aad := bytes.Repeat([]byte{0xa5}, n)
		sealed := a.Seal(nil, nonce, []byte("payload"), aad)
		if _, err := a.Open(nil, nonce, sealed, aad); err != nil {
			t.Fatalf("aad %d: %v", n, err)
		}
		if _, err := a.Open(nil, nonce, sealed, aad[1:]); err == nil {
			t.Fatalf("aad %d: shorter AAD accepted", n)
		}
	}
}

func FuzzCCMStreaming(f *testing.F) {
	f.Add([]byte("aad"), []byte("some payload to encrypt"), []byte{1, 2, 3}, uint8(7), uint8(4))
	f.Add([]byte{}, []byte{}, []byte{}, uint8(13), uint8(16))
	f.Fuzz(func(t *testing.T, aad, pt, cuts []byte, nonceLen, tagLen uint8) {
		n := 7 + int(nonceLen)%7
		tl := 4 + 2*(int(tagLen)%7)
		b := newAES(t, []byte("YELLOW SUBMARINE"))
		nonce := bytes.Repeat([]byte{0x42}, n)
		a, err := NewCCM(b, n, tl)
		if err != nil {
			t.Fatal(err)
		}
		want := a.Seal(nil, nonce, pt, aad)
		for _, dec := range []bool{false, true} {
			in := pt
			if dec {
				in = want[:len(pt)]
			}
			s, err := NewCCMStream(b, nonce, tl, uint64(len(aad)), uint64(len(pt)), dec)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range chunks(aad, cuts) {
				if err := s.UpdateAAD(c); err != nil {
					t.Fatal(err)
				}
			}
			out := make([]byte, 0, len(pt))
			for _, c := range chunks(in, cuts) {
				o := make([]byte, len(c))
				if err := s.Update(o, c); err != nil {
					t.Fatal(err)
				}
				out = append(out, o...)
			}
			if dec {
				if !bytes.Equal(out, pt) {
					t.Fatalf("stream decrypt differs")
				}
				if err := s.Verify(want[len(pt):]); err != nil {
					t.Fatalf("Verify: %v", err)
				}
			} else {
				out, err = s.Tag(out)
				if err != nil || !bytes.Equal(out, want) {
					t.Fatalf("stream %x, one-shot %x", out, want)
				}
			}
		}
		got, err := a.Open(nil, nonce, want, aad)
		if err != nil || !bytes.Equal(got, pt) {
			t.Fatalf("Open: %v", err)
		}
	})
}

package gpcrypto

import (
	"bytes"
	"crypto/rand"
	"errors"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// RFC 4231 test cases 1 and 2 (HMAC-SHA-2), RFC 2202 (HMAC-MD5/SHA-1) and
// SP 800-38B D.1 (AES-CMAC).
func TestMACKAT(t *testing.T) {
	t.Parallel()
	jefe, what := []byte("Jefe"), []byte("what do ya want for nothing?")
	k0b, hi := bytes.Repeat([]byte{0x0b}, 20), []byte("Hi There")
	for _, c := range []struct {
		name     string
		alg, typ uint32
		key, msg []byte
		want     string
	}{
		{"RFC 4231 1 SHA224", abi.AlgHMACSHA224, abi.TypeGenericSecret, k0b, hi, "896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22"},
		{"RFC 4231 1 SHA256", abi.AlgHMACSHA256, abi.TypeGenericSecret, k0b, hi, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
		{"RFC 4231 1 SHA384", abi.AlgHMACSHA384, abi.TypeGenericSecret, k0b, hi, "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6"},
		{"RFC 4231 1 SHA512", abi.AlgHMACSHA512, abi.TypeGenericSecret, k0b, hi, "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"},
		{"RFC 4231 2 SHA256", abi.AlgHMACSHA256, abi.TypeGenericSecret, jefe, what, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
		{"RFC 2202 2 MD5", abi.AlgHMACMD5, abi.TypeGenericSecret, jefe, what, "750c783e6ab0b503eaa86e310a5db738"},
		{"RFC 2202 2 SHA1", abi.AlgHMACSHA1, abi.TypeGenericSecret, jefe, what, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"},
		{"RFC 2202 1 SHA1 (HMAC_SHA1 key)", abi.AlgHMACSHA1, abi.TypeHMACSHA1, k0b, hi, "b617318655057264e28bc0b6fb378c8ef146be00"},
		{"SP 800-38B D.1 empty", abi.AlgAESCMAC, abi.TypeAES, unhex(t, "2b7e151628aed2a6abf7158809cf4f3c"), nil, "bb1d6929e95937287fa37d129b756746"},
		{"SP 800-38B D.1 16", abi.AlgAESCMAC, abi.TypeAES, unhex(t, "2b7e151628aed2a6abf7158809cf4f3c"), unhex(t, "6bc1bee22e409f96e93d7e117393172a"), "070a16b46b4d4144f79bdd9dd04a287c"},
	} {
		key := secretKey(t, c.typ, c.key)
		op := keyedOp(t, c.alg, abi.ModeMAC, key)
		if err := op.MACInit(nil); err != nil {
			t.Fatal(err)
		}
		want := unhex(t, c.want)
		if len(c.msg) > 0 {
			op.MACUpdate(c.msg[:1])
		}
		cp, _ := NewOperation(c.alg, abi.ModeMAC, key.Info().ObjectSize)
		op.CopyTo(cp)
		rest := c.msg
		if len(rest) > 0 {
			rest = rest[1:]
		}
		if _, err := op.MACComputeFinal(rest, make([]byte, len(want)-1)); !errors.Is(err, ErrShortBuffer) {
			t.Errorf("%s: short: %v", c.name, err)
		}
		out := make([]byte, len(want))
		if n, err := op.MACComputeFinal(rest, out); err != nil || n != len(want) || !bytes.Equal(out, want) {
			t.Errorf("%s: %x, %v", c.name, out, err)
		}
		if err := cp.MACCompareFinal(rest, want); err != nil {
			t.Errorf("%s: compare on the copy: %v", c.name, err)
		}
		mustPanic(t, "update after final", op.MACUpdate(nil))
		op.MACInit(nil)
		bad := append([]byte(nil), want...)
		bad[0] ^= 1
		if err := op.MACCompareFinal(c.msg, bad); !errors.Is(err, ErrMACInvalid) {
			t.Errorf("%s: wrong MAC: %v", c.name, err)
		}
		op.MACInit(nil)
		if err := op.MACCompareFinal(c.msg, want[:len(want)-1]); !errors.Is(err, ErrMACInvalid) {
			t.Errorf("%s: truncated MAC: %v", c.name, err)
		}
	}
}

func TestMACBehaviour(t *testing.T) {
	t.Parallel()
	for _, alg := range []uint32{abi.AlgAESCBCMACNoPad, abi.AlgAESCBCMACPKCS5, abi.AlgAESCMAC, abi.AlgDESCBCMACNoPad,
		abi.AlgDESCBCMACPKCS5, abi.AlgDES3CBCMACNoPad, abi.AlgDES3CBCMACPKCS5, abi.AlgDES3CMAC, abi.AlgHMACSHA3_256} {
		a := algs[alg]
		typ := a.keyTypes[0]
		klen := map[uint32]int{abi.TypeAES: 16, abi.TypeDES: 8, abi.TypeDES3: 24, abi.TypeHMACSHA3_256: 32}[typ]
		k := make([]byte, klen)
		rand.Read(k)
		key := secretKey(t, typ, k)
		op := keyedOp(t, alg, abi.ModeMAC, key)
		mustPanic(t, a.name+": update before init", op.MACUpdate(nil))
		mustPanic(t, a.name+": CipherInit", op.CipherInit(make([]byte, 16)))
		op.MACInit(nil)
		bs := 16
		if typ == abi.TypeDES || typ == abi.TypeDES3 {
			bs = 8
		}
		msg := make([]byte, 4*bs)
		rand.Read(msg)
		out := make([]byte, 64)
		n, err := op.MACComputeFinal(msg, out)
		if err != nil || n != int(op.Info().DigestLength) && a.kind != kHMAC {
			t.Errorf("%s: %d, %v", a.name, n, err)
		}
		op.MACInit(nil)
		op.MACUpdate(msg[:bs+3])
		if err := op.MACCompareFinal(msg[bs+3:], out[:n]); err != nil {
			t.Errorf("%s: split: %v", a.name, err)
		}
		if a.kind == kCBCMAC && !a.pad {
			op.MACInit(nil)
			if _, err := op.MACComputeFinal(msg[:bs+1], out); !errors.Is(err, ErrBadParameters) {
				t.Errorf("%s: partial block: %v", a.name, err)
			}
		}
		wrong := secretKey(t, abi.TypeGenericSecret, make([]byte, 16))
		op2, _ := NewOperation(alg, abi.ModeMAC, uint32(klen*8))
		if a.kind != kHMAC {
			mustPanic(t, a.name+": wrong key type", op2.SetKey(wrong))
		}
		if _, err := NewOperation(alg, abi.ModeEncrypt, uint32(klen*8)); !errors.Is(err, ErrNotSupported) {
			t.Errorf("%s: encrypt mode: %v", a.name, err)
		}
	}
}

// McGrew and Viega, "The Galois/Counter Mode of Operation", test cases 2-5
// (case 5 has a 64-bit IV), and RFC 3610 packet vector 1 (CCM).
func TestAEKAT(t *testing.T) {
	t.Parallel()
	k3 := "feffe9928665731c6d6a8f9467308308"
	p3 := "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255"
	p4 := p3[:120]
	a4 := "feedfacedeadbeeffeedfacedeadbeefabaddad2"
	for _, c := range []struct {
		name                 string
		alg                  uint32
		key, iv, aad, pt, ct string
		tag                  string
	}{
		{"GCM 2", abi.AlgAESGCM, "00000000000000000000000000000000", "000000000000000000000000", "", "00000000000000000000000000000000",
			"0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf"},
		{"GCM 3", abi.AlgAESGCM, k3, "cafebabefacedbaddecaf888", "", p3,
			"42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985", "4d5c2af327cd64a62cf35abd2ba6fab4"},
		{"GCM 4", abi.AlgAESGCM, k3, "cafebabefacedbaddecaf888", a4, p4,
			"42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091", "5bc94fbc3221a5db94fae95ae7121a47"},
		{"GCM 5", abi.AlgAESGCM, k3, "cafebabefacedbad", a4, p4,
			"61353b4c2806934a777ff51fa22a4755699b2a714fcdc6f83766e5f97b6c742373806900e49f24b22b097544d4896b424989b5e1ebac0f07c23f4598", "3612d2e79e3b0785561be14aaca2fccb"},
		{"RFC 3610 1", abi.AlgAESCCM, "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf", "00000003020100a0a1a2a3a4a5", "0001020304050607",
			"08090a0b0c0d0e0f101112131415161718191a1b1c1d1e", "588c979a61c663d2f066d0c2c0f989806d5f6b61dac384", "17e8d12cfdf926e0"},
	} {
		key := secretKey(t, abi.TypeAES, unhex(t, c.key))
		iv, aad, pt, ct, tag := unhex(t, c.iv), unhex(t, c.aad), unhex(t, c.pt), unhex(t, c.ct), unhex(t, c.tag)
		// Every allowed tag length: the tag is the truncated full tag.
		tagLens := gcmTagBits
		if c.alg == abi.AlgAESCCM {
			tagLens = []uint32{uint32(len(tag) * 8)}
		}
		for _, bits := range tagLens {
			tl := int(bits / 8)
			enc := keyedOp(t, c.alg, abi.ModeEncrypt, key)
			if err := enc.AEInit(iv, bits, uint64(len(aad)), uint64(len(pt))); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			enc.AEUpdateAAD(aad)
			out := make([]byte, len(pt))
			n, _ := enc.AEUpdate(pt[:len(pt)/2], out)
			if n2, tn, err := enc.AEEncryptFinal(pt[len(pt)/2:], out[:0], make([]byte, tl)); !errors.Is(err, ErrShortBuffer) || n2 != len(pt)-n || tn != tl {
				t.Errorf("%s: short: %d %d %v", c.name, n2, tn, err)
			}
			gotTag := make([]byte, 16)
			m, tn, err := enc.AEEncryptFinal(pt[len(pt)/2:], out[n:], gotTag)
			if err != nil || n+m != len(ct) || !bytes.Equal(out, ct) || !bytes.Equal(gotTag[:tn], tag[:tl]) {
				t.Errorf("%s/%d: %x %x, %v", c.name, bits, out, gotTag[:tn], err)
			}
			dec := keyedOp(t, c.alg, abi.ModeDecrypt, key)
			for _, flip := range []bool{false, true} {
				dec.AEInit(iv, bits, uint64(len(aad)), uint64(len(ct)))
				dec.AEUpdateAAD(aad)
				d := make([]byte, len(ct))
				k, _ := dec.AEUpdate(ct[:3], d)
				cp, _ := NewOperation(c.alg, abi.ModeDecrypt, 128)
				dec.CopyTo(cp)
				tg := append([]byte(nil), tag[:tl]...)
				if flip {
					tg[0] ^= 1
				}
				m, err := dec.AEDecryptFinal(ct[3:], d[k:], tg)
				if flip {
					if !errors.Is(err, ErrMACInvalid) {
						t.Errorf("%s/%d: bad tag: %v", c.name, bits, err)
					}
					continue
				}
				if err != nil || !bytes.Equal(d[:k+m], pt) {
					t.Errorf("%s/%d: decrypt %x, %v", c.name, bits, d, err)
				}
				d2 := make([]byte, len(ct))
				if m2, err := cp.AEDecryptFinal(ct[3:], d2[k:], tg); err != nil || !bytes.Equal(d2[k:k+m2], pt[k:]) {
					t.Errorf("%s/%d: copy: %v", c.name, bits, err)
				}
			}
		}
	}
}

func TestAEMisuse(t *testing.T) {
	t.Parallel()
	key := secretKey(t, abi.TypeAES, make([]byte, 16))
	enc := keyedOp(t, abi.AlgAESGCM, abi.ModeEncrypt, key)
	mustPanic(t, "AAD before init", enc.AEUpdateAAD(nil))
	mustPanic(t, "update before init", func() error { _, err := enc.AEUpdate(nil, nil); return err }())
	if err := enc.AEInit(make([]byte, 12), 64, 0, 0); !errors.Is(err, ErrNotSupported) {
		t.Errorf("GCM 64-bit tag: %v", err)
	}
	enc.AEInit(make([]byte, 12), 128, 0, 0)
	enc.AEUpdate([]byte("x"), nil)
	mustPanic(t, "AAD after payload", enc.AEUpdateAAD([]byte("a")))
	mustPanic(t, "decrypt final on encrypt", func() error { _, err := enc.AEDecryptFinal(nil, nil, nil); return err }())
	ccm := keyedOp(t, abi.AlgAESCCM, abi.ModeEncrypt, key)
	if err := ccm.AEInit(make([]byte, 13), 40, 0, 0); !errors.Is(err, ErrNotSupported) {
		t.Errorf("CCM 40-bit tag: %v", err)
	}
	if err := ccm.AEInit(make([]byte, 6), 64, 0, 0); !errors.Is(err, ErrBadParameters) {
		t.Errorf("CCM 6-byte nonce: %v", err)
	}
	ccm.AEInit(make([]byte, 13), 64, 0, 4)
	if _, _, err := ccm.AEEncryptFinal([]byte("abc"), make([]byte, 4), make([]byte, 8)); !errors.Is(err, ErrBadParameters) {
		t.Errorf("CCM payload shorter than declared: %v", err)
	}
	mustPanic(t, "AEInit without key", func() error {
		op, _ := NewOperation(abi.AlgAESGCM, abi.ModeEncrypt, 128)
		return op.AEInit(make([]byte, 12), 128, 0, 0)
	}())
}

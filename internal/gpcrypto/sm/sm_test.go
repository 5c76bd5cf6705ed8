package sm

import (
	"bytes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/emmansun/gmsm/sm4"
	"github.com/veritee/veritee/internal/gpcrypto/modes"
	"github.com/veritee/veritee/internal/gpcrypto/wycheproof"
)

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// GB/T 32905-2016 Annex A: examples 1 ("abc") and 2 ("abcd" x 16).
func TestSM3GBT32905(t *testing.T) {
	for _, v := range []struct{ in, out string }{
		{"abc", "66c7f0f4 62eeedd9 d1f2d46b dc10e4e2 4167c487 5cf2f7a2 297da02b 8f4ba8e0"},
		{strings.Repeat("abcd", 16), "debe9ff9 2275b8a1 38604889 c18e5a4d 6fdb70e5 387e5765 293dcba3 9c0c5732"},
	} {
		h := NewSM3()
		for i := range len(v.in) { // streaming, a byte at a time
			h.Write([]byte{v.in[i]})
		}
		sum := SM3([]byte(v.in))
		if got := h.Sum(nil); !bytes.Equal(got, unhex(t, v.out)) || !bytes.Equal(sum[:], got) {
			t.Errorf("SM3(%q) = %x", v.in, got)
		}
	}
}

// GB/T 32907-2016 Annex A: example 1 (one encryption) and example 2 (the
// same block encrypted 1,000,000 times).
func TestSM4GBT32907(t *testing.T) {
	key := unhex(t, "0123456789abcdeffedcba9876543210")
	b, err := NewSM4(key)
	if err != nil {
		t.Fatal(err)
	}
	buf := bytes.Clone(key)
	b.Encrypt(buf, buf)
	if want := unhex(t, "681edf34d206965e86b3e94f536e4246"); !bytes.Equal(buf, want) {
		t.Fatalf("example 1: %x", buf)
	}
	b.Decrypt(buf, buf)
	if !bytes.Equal(buf, key) {
		t.Fatalf("decrypt: %x", buf)
	}
	for range 1000000 {
		b.Encrypt(buf, buf)
	}
	if want := unhex(t, "595298c7c6fd271f0402f804c33d3f66"); !bytes.Equal(buf, want) {
		t.Fatalf("example 2: %x", buf)
	}
	if _, err := NewSM4(key[:15]); !errors.Is(err, ErrParam) {
		t.Fatalf("15-byte key: %v", err)
	}
}

// ECB, CBC and CTR over SM4 agree with their definitions in terms of the
// (known-answer tested) block function.
func TestSM4Modes(t *testing.T) {
	key := unhex(t, "0123456789abcdeffedcba9876543210")
	iv := unhex(t, "000102030405060708090a0b0c0d0e0f")
	b, _ := NewSM4(key)
	pt := unhex(t, "aaaaaaaabbbbbbbbccccccccddddddddeeeeeeeeffffffffaaaaaaaabbbbbbbb")
	ecb := make([]byte, 32)
	NewECBEncrypter(b).CryptBlocks(ecb, pt)
	var want [16]byte
	b.Encrypt(want[:], pt[16:])
	if !bytes.Equal(ecb[16:], want[:]) {
		t.Fatal("ECB block 2")
	}
	back := make([]byte, 32)
	NewECBDecrypter(b).CryptBlocks(back, ecb)
	if !bytes.Equal(back, pt) {
		t.Fatal("ECB round trip")
	}

	cbc := make([]byte, 32)
	cipher.NewCBCEncrypter(b, iv).CryptBlocks(cbc, pt)
	var x [16]byte
	for i := range 16 {
		x[i] = pt[i] ^ iv[i]
	}
	b.Encrypt(x[:], x[:])
	if !bytes.Equal(cbc[:16], x[:]) {
		t.Fatal("CBC block 1")
	}
	for i := range 16 {
		x[i] ^= pt[16+i]
	}
	b.Encrypt(x[:], x[:])
	if !bytes.Equal(cbc[16:], x[:]) {
		t.Fatal("CBC block 2")
	}

	ctr := make([]byte, 32)
	cipher.NewCTR(b, iv).XORKeyStream(ctr, pt)
	ks := make([]byte, 16)
	b.Encrypt(ks, iv)
	for i := range 16 {
		if ctr[i] != pt[i]^ks[i] {
			t.Fatal("CTR block 1")
		}
	}
}

// XTS-SM4 vectors from github.com/emmansun/gmsm v0.44.1,
// cipher/xts_sm4_test.go (IEEE 1619 construction with SM4; the tweak is the
// little-endian sector number), including a data unit of 25 bytes that
// needs ciphertext stealing.
func TestSM4XTS(t *testing.T) {
	for i, v := range []struct {
		key    string
		sector byte
		pt, ct string
	}{
		{"0000000000000000000000000000000000000000000000000000000000000000", 0,
			"0000000000000000000000000000000000000000000000000000000000000000",
			"d9b421f731c894fdc35b77291fe4e3b02a1fb76698d59f0e51376c4ada5bc75d"},
		{"c46acc2e7e013cb71cdbf750cf76b000249fbf4fb6cd17607773c23ffa2c4330", 94,
			"7e9c2289cba460e470222953439cdaa892a5433d4dab2a3f67",
			"c3cf5445c64aa518f4abce2848faddfb4605d9fb66f1f12c0c"},
		{"56ffcc9bbbdf413f0fc0f888f44b7493bb1925a39b8adf02d9009bb16db0a887", 144,
			"9a839cc14363bafcfc0cc93b14f8e769d35b94cc98267438e3",
			"af027012c829206c32a31706999d046f10a83bcacbc5c96353"},
	} {
		key, pt, ct := unhex(t, v.key), unhex(t, v.pt), unhex(t, v.ct)
		tweak := make([]byte, 16)
		tweak[0] = v.sector
		enc, err := NewSM4XTS(key[:16], key[16:], tweak, false)
		if err != nil {
			t.Fatal(err)
		}
		got := make([]byte, len(pt))
		enc.CryptBlocks(got, pt)
		if !bytes.Equal(got, ct) {
			t.Errorf("vector %d: %x", i, got)
		}
		dec, _ := NewSM4XTS(key[:16], key[16:], tweak, true)
		dec.CryptBlocks(got, ct)
		if !bytes.Equal(got, pt) {
			t.Errorf("vector %d: decrypt %x", i, got)
		}
	}
	if _, err := NewSM4XTS(make([]byte, 16), make([]byte, 16), make([]byte, 15), false); !errors.Is(err, ErrParam) {
		t.Errorf("15-byte tweak: %v", err)
	}
}

// The worked examples of GM/T 0003.5-2012 / GB/T 32918.5-2017 for the
// recommended curve: key pair, Z_A and e for "message digest" with ID
// "1234567812345678", the signature (r, s) made with k = 59276E27...,
// and the encryption of "encryption standard" with the same k.
const (
	annexD  = "3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8"
	annexX  = "09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020"
	annexY  = "CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13"
	annexK  = "59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21"
	annexE  = "F0B43E94BA45ACCAACE692ED534382EB17E6AB5A19CE7B31F4486FDFC0D28640"
	annexR  = "F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3"
	annexS  = "B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA"
	annexC1 = "04 04EBFC718E8D1798620432268E77FEB6415E2EDE0E073C0F4F640ECD2E149A73 E858F9D81E5430A57B36DAAB8F950A3C64E6EE6A63094D99283AFF767E124DF0"
	annexC2 = "21886CA989CA9C7D58087307CA93092D651EFA"
	annexC3 = "59983C18F809E262923C53AEC295D30383B54E39D609D160AFCB1908D0BD8766"
)

func TestSM2Annex(t *testing.T) {
	d, x, y := unhex(t, annexD), unhex(t, annexX), unhex(t, annexY)
	px, py, err := SM2PublicKey(d)
	if err != nil || !bytes.Equal(px, x) || !bytes.Equal(py, y) {
		t.Fatalf("public key %x %x %v", px, py, err)
	}
	if err := SM2CheckKeyPair(d, x, y); err != nil {
		t.Fatal(err)
	}
	if err := SM2CheckKeyPair(d, y, x); !errors.Is(err, ErrKey) {
		t.Fatalf("swapped coordinates: %v", err)
	}
	msg := []byte("message digest")
	e, err := SM2Digest(x, y, nil, msg)
	if err != nil || !bytes.Equal(e, unhex(t, annexE)) {
		t.Fatalf("e = %x %v", e, err)
	}
	sig := unhex(t, annexR+annexS)
	if err := SM2VerifyDigest(x, y, e, sig); err != nil {
		t.Fatalf("annex signature: %v", err)
	}
	if err := SM2Verify(x, y, []byte(DefaultID), msg, sig); err != nil {
		t.Fatalf("annex signature, explicit ID: %v", err)
	}
	if err := SM2Verify(x, y, []byte("ALICE123@YAHOO.COM"), msg, sig); !errors.Is(err, ErrVerify) {
		t.Fatalf("other ID: %v", err)
	}
	sig[63] ^= 1
	if err := SM2VerifyDigest(x, y, e, sig); !errors.Is(err, ErrVerify) {
		t.Fatalf("flipped s: %v", err)
	}
	if err := SM2VerifyDigest(x, y, e, sig[:63]); !errors.Is(err, ErrParam) {
		t.Fatalf("63-byte signature: %v", err)
	}

	// Encryption with the annex's k, fed through the random source; the
	// annex prints C1 || C3 || C2, OP-TEE's order is C1 || C2 || C3.
	want := unhex(t, annexC1+annexC2+annexC3)
	ct, err := SM2Encrypt(bytes.NewReader(unhex(t, annexK)), x, y, []byte("encryption standard"))
	if err != nil || !bytes.Equal(ct, want) {
		t.Fatalf("encryption %x %v", ct, err)
	}
	if len(ct) != SM2CiphertextSize(len("encryption standard")) {
		t.Fatalf("size %d", len(ct))
	}
	pt, err := SM2Decrypt(d, want)
	if err != nil || string(pt) != "encryption standard" {
		t.Fatalf("decryption %q %v", pt, err)
	}
	for _, i := range []int{0, 10, 70, len(want) - 1} {
		bad := bytes.Clone(want)
		bad[i] ^= 1
		if _, err := SM2Decrypt(d, bad); !errors.Is(err, ErrDecrypt) {
			t.Fatalf("flipped byte %d: %v", i, err)
		}
	}
	if _, err := SM2Decrypt(d, want[:SM2C1Size+SM3Size]); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("no C2: %v", err)
	}
	if _, err := SM2Encrypt(rand.Reader, x, y, nil); !errors.Is(err, ErrParam) {
		t.Fatalf("empty message: %v", err)
	}
}

func TestSM2RoundTrip(t *testing.T) {
	d, x, y, err := SM2GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range [][]byte{nil, []byte("veritee"), {}} {
		sig, err := SM2Sign(rand.Reader, d, id, []byte("hello"))
		if err != nil || len(sig) != SM2SignatureSize {
			t.Fatal(err)
		}
		if err := SM2Verify(x, y, id, []byte("hello"), sig); err != nil {
			t.Fatalf("id %q: %v", id, err)
		}
	}
	ct, err := SM2Encrypt(rand.Reader, x, y, []byte("secret"))
	if err != nil {
		t.Fatal(err)
	}
	if pt, err := SM2Decrypt(d, ct); err != nil || string(pt) != "secret" {
		t.Fatalf("%q %v", pt, err)
	}
	// Keys: off-curve points, out-of-range scalars, oversized encodings.
	if _, err := SM2Encrypt(rand.Reader, x, x, []byte("m")); !errors.Is(err, ErrKey) {
		t.Errorf("off-curve point: %v", err)
	}
	if _, _, err := SM2PublicKey(make([]byte, 32)); !errors.Is(err, ErrKey) {
		t.Errorf("d = 0: %v", err)
	}
	if _, _, err := SM2PublicKey(make([]byte, 33)); !errors.Is(err, ErrKey) {
		t.Errorf("d = 0 in 33 bytes: %v", err)
	}
	if _, _, err := SM2PublicKey(append([]byte{1}, d...)); !errors.Is(err, ErrKey) {
		t.Errorf("33-byte d: %v", err)
	}
	if _, err := SM2SignDigest(rand.Reader, d, make([]byte, 31)); !errors.Is(err, ErrParam) {
		t.Errorf("31-byte digest: %v", err)
	}
	// A leading zero byte is accepted, as GP attribute buffers may carry one.
	if px, _, err := SM2PublicKey(append([]byte{0}, d...)); err != nil || !bytes.Equal(px, x) {
		t.Errorf("leading zero: %v", err)
	}
}

// SM2 key exchange vectors from github.com/emmansun/gmsm v0.44.1,
// ecdh/ecdh_test.go (TestSM2SharedKeyVectors: IDs "Alice" and "Bob", 48-byte
// keys), run from both sides, then the confirmation values.
func TestSM2KeyExchange(t *testing.T) {
	vectors := []struct{ aS, aE, bS, bE, key string }{
		{"e04c3fd77408b56a648ad439f673511a2ae248def3bab26bdfc9cdbd0ae9607e",
			"6fe0bac5b09d3ab10f724638811c34464790520e4604e71e6cb0e5310623b5b1",
			"7a1136f60d2c5531447e5a3093078c2a505abf74f33aefed927ac0a5b27e7dd7",
			"d0233bdbb0b8a7bfe1aab66132ef06fc4efaedd5d5000692bc21185242a31f6f",
			"1ad809ebc56ddda532020c352e1e60b121ebeb7b4e632db4dd90a362cf844f8bba85140e30984ddb581199bf5a9dda22"},
		{"cb5ac204b38d0e5c9fc38a467075986754018f7dbb7cbbc5b4c78d56a88a8ad8",
			"1681a66c02b67fdadfc53cba9b417b9499d0159435c86bb8760c3a03ae157539",
			"4f54b10e0d8e9e2fe5cc79893e37fd0fd990762d1372197ed92dde464b2773ef",
			"a2fe43dea141e9acc88226eaba8908ad17e81376c92102cb8186e8fef61a8700",
			"7a103ae61a30ed9df573a5febb35a9609cbed5681bcb98a8545351bf7d6824cc4635df5203712ea506e2e3c4ec9b12e7"},
	}
	pub := func(d []byte) (x, y []byte) {
		x, y, err := SM2PublicKey(d)
		if err != nil {
			t.Fatal(err)
		}
		return x, y
	}
	for i, v := range vectors {
		aS, aE, bS, bE := unhex(t, v.aS), unhex(t, v.aE), unhex(t, v.bS), unhex(t, v.bE)
		aSx, aSy := pub(aS)
		aEx, aEy := pub(aE)
		bSx, bSy := pub(bS)
		bEx, bEy := pub(bE)
		p := SM2KEP{Initiator: true, InitiatorID: []byte("Alice"), ResponderID: []byte("Bob"), KeyLen: 48}
		ka, sa, err := SM2KeyExchange(aS, aE, bSx, bSy, bEx, bEy, p)
		if err != nil || !bytes.Equal(ka, unhex(t, v.key)) {
			t.Fatalf("vector %d initiator: %x %v", i, ka, err)
		}
		p.Initiator = false
		kb, sb, err := SM2KeyExchange(bS, bE, aSx, aSy, aEx, aEy, p)
		if err != nil || !bytes.Equal(kb, ka) {
			t.Fatalf("vector %d responder: %x %v", i, kb, err)
		}
		// Each side accepts the other's confirmation and rejects a bad one.
		p.ConfirmationIn = sa
		if _, _, err := SM2KeyExchange(bS, bE, aSx, aSy, aEx, aEy, p); err != nil {
			t.Fatalf("responder checking S_A: %v", err)
		}
		p.Initiator, p.ConfirmationIn = true, sb
		if _, _, err := SM2KeyExchange(aS, aE, bSx, bSy, bEx, bEy, p); err != nil {
			t.Fatalf("initiator checking S_B: %v", err)
		}
		p.ConfirmationIn = sa // its own value, not the peer's
		if _, _, err := SM2KeyExchange(aS, aE, bSx, bSy, bEx, bEy, p); !errors.Is(err, ErrConfirmation) {
			t.Fatalf("wrong confirmation: %v", err)
		}
		p.ConfirmationIn = sb[:31]
		if _, _, err := SM2KeyExchange(aS, aE, bSx, bSy, bEx, bEy, p); !errors.Is(err, ErrParam) {
			t.Fatalf("short confirmation: %v", err)
		}
		if _, _, err := SM2KeyExchange(aS, aE, bSx, bSx, bEx, bEy, SM2KEP{KeyLen: 16}); !errors.Is(err, ErrKey) {
			t.Fatalf("peer off the curve: %v", err)
		}
	}
}

// Wycheproof SM4-CCM through gpcrypto/modes over this package's SM4, and
// HMAC-SM3 through crypto/hmac over NewSM3.
func TestWycheproofSM4CCM(t *testing.T) {
	const name = "sm4_ccm_test.json"
	var f wycheproof.File[wycheproof.AEADGroup]
	wycheproof.Load(t, name, &f)
	ck := wycheproof.NewChecker(t, name)
	for _, g := range f.TestGroups {
		for _, tc := range g.Tests {
			b, err := sm4.NewCipher(tc.Key)
			if err != nil {
				ck.CheckErr(tc.Base(), err)
				continue
			}
			a, err := modes.NewCCM(b, len(tc.IV), g.TagSize/8)
			if err != nil {
				ck.CheckErr(tc.Base(), err)
				continue
			}
			sealed := append(bytes.Clone(tc.CT), tc.Tag...)
			pt, err := a.Open(nil, tc.IV, sealed, tc.AAD)
			if err == nil && !bytes.Equal(pt, tc.Msg) {
				t.Errorf("tcId %d: wrong plaintext", tc.TcID)
			}
			if ck.CheckErr(tc.Base(), err) && err == nil {
				if got := a.Seal(nil, tc.IV, tc.Msg, tc.AAD); !bytes.Equal(got, sealed) {
					t.Errorf("tcId %d: Seal %x", tc.TcID, got)
				}
			}
		}
	}
}

func TestWycheproofHMACSM3(t *testing.T) {
	const name = "hmac_sm3_test.json"
	var f wycheproof.File[wycheproof.MACGroup]
	wycheproof.Load(t, name, &f)
	ck := wycheproof.NewChecker(t, name)
	for _, g := range f.TestGroups {
		for _, tc := range g.Tests {
			m := hmac.New(NewSM3, tc.Key)
			m.Write(tc.Msg)
			full := m.Sum(nil)
			n := g.TagSize / 8
			ck.Check(tc.Base(), n <= len(full) && len(tc.Tag) == n && hmac.Equal(full[:n], tc.Tag))
		}
	}
}

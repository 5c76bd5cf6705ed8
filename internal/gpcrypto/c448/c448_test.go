package c448

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"testing"

	"github.com/veritee/veritee/internal/gpcrypto/wycheproof"
)

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// RFC 8032 §7.4 (Ed448: blank, 1 octet, 1 octet with context "foo", 11, 12,
// 13, 64, 256 and 1023 octets) and §7.5 (Ed448ph: "abc" without and with
// context "foo"), from testdata/rfc8032_ed448.json.
func TestEd448RFC8032(t *testing.T) {
	data, err := os.ReadFile("testdata/rfc8032_ed448.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Vectors []struct {
			Section, Name                               string
			PreHash                                     bool
			Secret, Public, Context, Message, Signature string
		}
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Vectors) != 11 {
		t.Fatalf("%d vectors, want 11", len(f.Vectors))
	}
	for _, v := range f.Vectors {
		t.Run(v.Section+"/"+v.Name, func(t *testing.T) {
			seed, pub, msg, sig := unhex(t, v.Secret), unhex(t, v.Public), unhex(t, v.Message), unhex(t, v.Signature)
			opts := Ed448Options{Context: unhex(t, v.Context), PreHash: v.PreHash}
			got, err := Ed448PublicKey(seed)
			if err != nil || !bytes.Equal(got, pub) {
				t.Fatalf("public key %x %v", got, err)
			}
			s, err := Ed448Sign(seed, msg, opts)
			if err != nil || !bytes.Equal(s, sig) {
				t.Fatalf("signature %x %v", s, err)
			}
			if err := Ed448Verify(pub, msg, sig, opts); err != nil {
				t.Fatal(err)
			}
			// The variant and the context are bound into the signature.
			other := opts
			other.PreHash = !other.PreHash
			if err := Ed448Verify(pub, msg, sig, other); !errors.Is(err, ErrVerify) {
				t.Fatalf("other variant: %v", err)
			}
			other = opts
			other.Context = append(other.Context, 'x')
			if err := Ed448Verify(pub, msg, sig, other); !errors.Is(err, ErrVerify) {
				t.Fatalf("other context: %v", err)
			}
		})
	}
}

func TestEd448Errors(t *testing.T) {
	pub, seed, err := GenerateEd448(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	long := Ed448Options{Context: make([]byte, 256)}
	if _, err := Ed448Sign(seed, nil, long); !errors.Is(err, ErrContextSize) {
		t.Errorf("sign, 256-byte context: %v", err)
	}
	if err := Ed448Verify(pub, nil, make([]byte, 114), long); !errors.Is(err, ErrContextSize) {
		t.Errorf("verify, 256-byte context: %v", err)
	}
	max := Ed448Options{Context: make([]byte, 255), PreHash: true}
	sig, err := Ed448Sign(seed, []byte("m"), max)
	if err != nil || Ed448Verify(pub, []byte("m"), sig, max) != nil {
		t.Errorf("255-byte context: %v", err)
	}
	if _, err := Ed448Sign(seed[:56], nil, Ed448Options{}); !errors.Is(err, ErrKeySize) {
		t.Errorf("short seed: %v", err)
	}
	if _, err := Ed448PublicKey(seed[:56]); !errors.Is(err, ErrKeySize) {
		t.Errorf("short seed: %v", err)
	}
	if err := Ed448Verify(pub[:56], nil, sig, max); !errors.Is(err, ErrKeySize) {
		t.Errorf("short public key: %v", err)
	}
	if err := Ed448Verify(pub, []byte("m"), sig[:113], max); !errors.Is(err, ErrVerify) {
		t.Errorf("short signature: %v", err)
	}
}

// RFC 7748 §5.2 (two single scalar multiplications) and §6.2 (Diffie-Hellman
// between Alice and Bob).
func TestX448RFC7748(t *testing.T) {
	vectors := []struct{ scalar, u, out string }{
		{"3d262fddf9ec8e88495266fea19a34d28882acef045104d0d1aae121700a779c984c24f8cdd78fbff44943eba368f54b29259a4f1c600ad3",
			"06fce640fa3487bfda5f6cf2d5263f8aad88334cbd07437f020f08f9814dc031ddbdc38c19c6da2583fa5429db94ada18aa7a7fb4ef8a086",
			"ce3e4ff95a60dc6697da1db1d85e6afbdf79b50a2412d7546d5f239fe14fbaadeb445fc66a01b0779d98223961111e21766282f73dd96b6f"},
		{"203d494428b8399352665ddca42f9de8fef600908e0d461cb021f8c538345dd77c3e4806e25f46d3315c44e0a5b4371282dd2c8d5be3095f",
			"0fbcc2f993cd56d3305b0b7d9e55d4c1a8fb5dbb52f8e9a1e9b6201b165d015894e56c4d3570bee52fe205e28a78b91cdfbde71ce8d157db",
			"884a02576239ff7a2f2f63b2db6a9ff37047ac13568e1e30fe63c4a7ad1b3ee3a5700df34321d62077e63633c575c1c954514e99da7c179d"},
	}
	for i, v := range vectors {
		got, err := X448(unhex(t, v.scalar), unhex(t, v.u))
		if err != nil || !bytes.Equal(got, unhex(t, v.out)) {
			t.Errorf("§5.2 vector %d: %x %v", i+1, got, err)
		}
	}
	alicePriv := unhex(t, "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b")
	alicePub := unhex(t, "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0")
	bobPriv := unhex(t, "1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d")
	bobPub := unhex(t, "3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609")
	shared := unhex(t, "07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c24403085d59a449a5037514a879d")
	if p, err := X448PublicKey(alicePriv); err != nil || !bytes.Equal(p, alicePub) {
		t.Errorf("Alice's public key %x %v", p, err)
	}
	if p, err := X448PublicKey(bobPriv); err != nil || !bytes.Equal(p, bobPub) {
		t.Errorf("Bob's public key %x %v", p, err)
	}
	if s, err := X448(alicePriv, bobPub); err != nil || !bytes.Equal(s, shared) {
		t.Errorf("Alice's shared secret %x %v", s, err)
	}
	if s, err := X448(bobPriv, alicePub); err != nil || !bytes.Equal(s, shared) {
		t.Errorf("Bob's shared secret %x %v", s, err)
	}
}

// RFC 7748 §5.2, the iterated test: k = u = 5, then k, u = X448(k, u), k.
// After 1 and 1,000 iterations; the 1,000,000 one takes minutes and runs
// only with VERITEE_LONG_TESTS=1.
func TestX448Iterated(t *testing.T) {
	want := map[int]string{
		1:       "3f482c8a9f19b01e6c46ee9711d9dc14fd4bf67af30765c2ae2b846a4d23a8cd0db897086239492caf350b51f833868b9bc2b3bca9cf4113",
		1000:    "aa3b4749d55b9daf1e5b00288826c467274ce3ebbdd5c17b975e09d4af6c67cf10d087202db88286e2b79fceea3ec353ef54faa26e219f38",
		1000000: "077f453681caca3693198420bbe515cae0002472519b3e67661a7e89cab94695c8f4bcd66e61b9b9c946da8d524de3d69bd9d9d66b997e37",
	}
	n := 1000
	if os.Getenv("VERITEE_LONG_TESTS") == "1" {
		n = 1000000
	}
	k := make([]byte, X448KeySize)
	k[0] = 5
	u := bytes.Clone(k)
	for i := 1; i <= n; i++ {
		r, err := X448(k, u)
		if err != nil {
			t.Fatal(err)
		}
		u, k = k, r
		if w, ok := want[i]; ok && !bytes.Equal(k, unhex(t, w)) {
			t.Fatalf("after %d iterations: %x", i, k)
		}
	}
}

func TestX448Errors(t *testing.T) {
	priv := make([]byte, 56)
	priv[0] = 9
	if _, err := X448(priv, make([]byte, 56)); !errors.Is(err, ErrLowOrder) {
		t.Errorf("u = 0: %v", err)
	}
	if _, err := X448(priv, make([]byte, 57)); !errors.Is(err, ErrKeySize) {
		t.Errorf("57-byte peer: %v", err)
	}
	if _, err := X448PublicKey(priv[:55]); !errors.Is(err, ErrKeySize) {
		t.Errorf("55-byte private key: %v", err)
	}
	a, ap, _ := GenerateX448(rand.Reader)
	b, bp, _ := GenerateX448(rand.Reader)
	s1, err1 := X448(ap, b)
	s2, err2 := X448(bp, a)
	if err1 != nil || err2 != nil || !bytes.Equal(s1, s2) {
		t.Errorf("random agreement: %v %v", err1, err2)
	}
}

func TestWycheproofEd448(t *testing.T) {
	const name = "ed448_test.json"
	var f wycheproof.File[wycheproof.EdDSAGroup]
	wycheproof.Load(t, name, &f)
	ck := wycheproof.NewChecker(t, name)
	for _, g := range f.TestGroups {
		for _, tc := range g.Tests {
			ck.CheckErr(tc.Base(), Ed448Verify(g.PublicKey.PK, tc.Msg, tc.Sig, Ed448Options{}))
		}
	}
}

// Policy for X448's acceptable cases: a zero shared secret (low-order peer)
// is refused; twist points and non-canonical u-coordinates are computed on,
// as RFC 7748 §5 demands.
func TestWycheproofX448(t *testing.T) {
	const name = "x448_test.json"
	var f wycheproof.File[wycheproof.XDHGroup]
	wycheproof.Load(t, name, &f)
	ck := wycheproof.NewChecker(t, name).
		Require("ZeroSharedSecret", false).
		Require("Twist", true).
		Require("NonCanonicalPublic", true).
		Require("EdgeCaseMultiplication", true)
	for _, g := range f.TestGroups {
		if g.Curve != "curve448" {
			t.Fatalf("curve %q", g.Curve)
		}
		for _, tc := range g.Tests {
			s, err := X448(tc.Private, tc.Public)
			if err == nil && !bytes.Equal(s, tc.Shared) {
				t.Errorf("tcId %d: shared %x, want %x", tc.TcID, s, tc.Shared)
			}
			ck.CheckErr(tc.Base(), err)
		}
	}
}

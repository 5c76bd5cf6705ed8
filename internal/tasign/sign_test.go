package tasign

import (
	"bytes"
	"errors"
	"testing"
)

func TestSignVerifyRoundTrip(t *testing.T) {
	t.Parallel()
	ks := testKeys(t)
	tests := []struct {
		key string
		alg Algorithm
	}{
		{"ed25519", 0},
		{"p256", 0},
		{"rsa-2048", RSAPSS},
		{"rsa-2048", RSAPKCS1},
		{"rsa-3072", 0},
	}
	body := plainImage(t, testUUID, "1.2", 1000)
	for _, tt := range tests {
		t.Run(tt.key+"/"+tt.alg.String(), func(t *testing.T) {
			t.Parallel()
			img, err := Sign(body, ks[tt.key], Signing{Algorithm: tt.alg})
			if err != nil {
				t.Fatal(err)
			}
			v := verifierFor(t, ks[tt.key])
			got, err := v.Verify(img, testUUID)
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if !bytes.Equal(got.Body, body) || got.UUID != testUUID || got.TAVersion != 0x10002 {
				t.Fatalf("verified %+v", got)
			}
			if tt.alg != 0 && got.Algorithm != tt.alg {
				t.Fatalf("algorithm %v, want %v", got.Algorithm, tt.alg)
			}
			// Re-signing a signed image replaces its signature.
			again, err := Sign(img, ks["ed25519-b"], Signing{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := v.Verify(again, testUUID); !errors.Is(err, ErrUntrustedKey) {
				t.Fatalf("re-signed by an untrusted key: %v", err)
			}
		})
	}
}

func TestOfflineDigestStitch(t *testing.T) {
	t.Parallel()
	ks := testKeys(t)
	body := plainImage(t, testUUID, "1.0", 100)
	for _, name := range []string{"ed25519", "p256", "rsa-2048"} {
		k := ks[name]
		p, err := Prepare(body, Signing{Public: k.Public()})
		if err != nil {
			t.Fatal(err)
		}
		sig, err := signDigest(k, p.Algorithm, p.Digest[:])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Stitch(append(bytes.Clone(sig[:len(sig)-1]), sig[len(sig)-1]^1)); err == nil {
			t.Errorf("%s: stitched a bad signature", name)
		}
		img, err := p.Stitch(sig)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := verifierFor(t, k).Verify(img, testUUID); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestVerifyRefuses(t *testing.T) {
	t.Parallel()
	ks := testKeys(t)
	root := ks["ed25519"]
	body := plainImage(t, testUUID, "1.0", 100)
	good, err := Sign(body, root, Signing{})
	if err != nil {
		t.Fatal(err)
	}
	other, _ := Sign(body, ks["ed25519-b"], Signing{})
	tests := []struct {
		name  string
		image []byte
		want  error
		uuid  string
	}{
		{"unsigned", body, ErrUnsigned, ""},
		{"untrusted", other, ErrUntrustedKey, ""},
		{"truncated", good[:len(good)-1], ErrMalformed, ""},
		{"empty", nil, ErrMalformed, ""},
		{"wrong uuid", good, ErrWrongUUID, "00000000-0000-0000-0000-000000000001"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := testUUID
			if tt.uuid != "" {
				want = mustUUID(tt.uuid)
			}
			_, err := verifierFor(t, root).Verify(tt.image, want)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Verify: %v, want %v", err, tt.want)
			}
		})
	}
}

// TestEveryByteFlip flips each byte of small signed images, plain,
// subkey-signed and encrypted, and wants every one refused.
func TestEveryByteFlip(t *testing.T) {
	t.Parallel()
	ks := testKeys(t)
	root, sub := ks["ed25519"], ks["p256"]
	chain, err := NewSubkey(root, 0, nil, SubkeyParams{Public: sub.Public(), Kind: 1, UUID: mustUUID("f04fa996-148a-453c-b037-1dcfbad120a6"), MaxDepth: 1, Version: 1})
	if err != nil {
		t.Fatal(err)
	}
	uuid, err := SubkeyUUIDFor(chain, "ta")
	if err != nil {
		t.Fatal(err)
	}
	plain, err := Sign(plainImage(t, testUUID, "1.0", 40), root, Signing{})
	if err != nil {
		t.Fatal(err)
	}
	viaSubkey, err := Sign(plainImage(t, uuid, "1.0", 40), sub, Signing{Chain: chain, Name: "ta"})
	if err != nil {
		t.Fatal(err)
	}
	classKey := bytes.Repeat([]byte{7}, 32)
	encrypted, err := Encrypt(plain, ClassKey, classKey)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		image []byte
		uuid  [16]byte
	}{{"plain", plain, testUUID}, {"subkey", viaSubkey, uuid}, {"encrypted", encrypted, testUUID}} {
		v := verifierFor(t, root)
		v.ClassKeys = [][]byte{classKey}
		v.Versions = nil
		if _, err := v.Verify(tc.image, tc.uuid); err != nil {
			t.Fatalf("%s: the unmodified image: %v", tc.name, err)
		}
		for i := range tc.image {
			for _, x := range []byte{0x01, 0x80, 0xFF} {
				b := bytes.Clone(tc.image)
				b[i] ^= x
				if _, err := v.Verify(b, tc.uuid); err == nil {
					t.Fatalf("%s: flipping byte %d of %d with %#x was accepted", tc.name, i, len(b), x)
				}
			}
		}
	}
}

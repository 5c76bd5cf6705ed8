package tasign

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/veritee/veritee/internal/huk"
)

// TestKeyFiles: keys round-trip through PEM, openssl's PKCS #1 and SEC 1
// forms are read, and keys this package does not sign with are refused.
func TestKeyFiles(t *testing.T) {
	t.Parallel()
	for name, k := range testKeys(t) {
		priv, err := MarshalPrivateKey(k)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParsePrivateKey(priv)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		id1, _ := PublicKeyID(k.Public())
		id2, _ := PublicKeyID(back.Public())
		pub, _ := MarshalPublicKey(k.Public())
		fromPub, err := ParsePublicKey(pub)
		if err != nil {
			t.Fatal(err)
		}
		id3, _ := PublicKeyID(fromPub)
		fromPriv, err := ParsePublicKey(priv)
		if err != nil {
			t.Fatal(err)
		}
		id4, _ := PublicKeyID(fromPriv)
		if id1 != id2 || id1 != id3 || id1 != id4 {
			t.Errorf("%s: key IDs differ", name)
		}
	}
	rk := testKeys(t)["rsa-2048"].(*rsa.PrivateKey)
	pkcs1 := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(rk)})
	if _, err := ParsePrivateKey(pkcs1); err != nil {
		t.Errorf("PKCS #1: %v", err)
	}
	ek := testKeys(t)["p256"].(*ecdsa.PrivateKey)
	der, _ := x509.MarshalECPrivateKey(ek)
	if _, err := ParsePrivateKey(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der})); err != nil {
		t.Errorf("SEC 1: %v", err)
	}
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	small, _ := rsa.GenerateKey(rand.Reader, 1024)
	for name, k := range map[string]any{"P-384": p384, "RSA-1024": small} {
		der, _ := x509.MarshalPKCS8PrivateKey(k)
		if _, err := ParsePrivateKey(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
	for _, bad := range [][]byte{nil, []byte("not pem"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte{1}})} {
		if _, err := ParsePrivateKey(bad); err == nil {
			t.Errorf("ParsePrivateKey(%q) accepted", bad)
		}
		if _, err := ParsePublicKey(bad); err == nil {
			t.Errorf("ParsePublicKey(%q) accepted", bad)
		}
	}
}

// TestTrustDir: every .pem in the directory is trusted; a broken one is
// an error, not a silently smaller trust set.
func TestTrustDir(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ks := testKeys(t)
	for _, n := range []string{"ed25519", "p256"} {
		b, _ := MarshalPublicKey(ks[n].Public())
		os.WriteFile(filepath.Join(dir, n+".pem"), b, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "README"), []byte("not a key"), 0o644)
	var tr Trust
	keys, err := tr.AddDir(dir)
	if err != nil || len(keys) != 2 || len(tr.Keys()) != 2 {
		t.Fatalf("AddDir: %v, %d keys", err, len(keys))
	}
	id, _ := PublicKeyID(ks["p256"].Public())
	if k, ok := tr.Lookup(id); !ok || k.Source != filepath.Join(dir, "p256.pem") {
		t.Fatalf("Lookup: %+v %v", k, ok)
	}
	os.WriteFile(filepath.Join(dir, "broken.pem"), []byte("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"), 0o644)
	if _, err := new(Trust).AddDir(dir); err == nil {
		t.Fatal("a broken key file was ignored")
	}
	if _, err := new(Trust).AddDir(filepath.Join(dir, "missing")); err == nil {
		t.Fatal("a missing trust directory was accepted")
	}
}

// TestDevKey: the development key is made once, 0600, and reused.
func TestDevKey(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), "sub", "dev-key.pem")
	k1, err := LoadOrCreateDevKey(p)
	if err != nil {
		t.Fatal(err)
	}
	k2, err := LoadOrCreateDevKey(p)
	if err != nil {
		t.Fatal(err)
	}
	id1, _ := PublicKeyID(k1.Public())
	id2, _ := PublicKeyID(k2.Public())
	if id1 != id2 {
		t.Fatal("a second call made another key")
	}
	if st, err := os.Stat(p); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode: %v %v", st.Mode(), err)
	}
}

// TestEncryption: the right key opens an encrypted image, any other key
// or a moved ciphertext does not.
func TestEncryption(t *testing.T) {
	t.Parallel()
	root := testKeys(t)["ed25519"]
	img, err := Sign(plainImage(t, testUUID, "1.0", 100), root, Signing{})
	if err != nil {
		t.Fatal(err)
	}
	classKey := bytes.Repeat([]byte{1}, 32)
	enc, err := Encrypt(img, ClassKey, classKey)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Encrypt(enc, ClassKey, classKey); err == nil {
		t.Error("encrypted twice")
	}
	if _, err := Encrypt(img, ClassKey, classKey[:16]); err == nil {
		t.Error("a 16-byte key was taken")
	}
	v := verifierFor(t, root)
	v.Versions = nil
	if _, err := v.Check(enc); !errors.Is(err, ErrDecrypt) {
		t.Errorf("no class key: %v", err)
	}
	v.ClassKeys = [][]byte{bytes.Repeat([]byte{2}, 32)}
	if _, err := v.Check(enc); !errors.Is(err, ErrDecrypt) {
		t.Errorf("another class key: %v", err)
	}
	v.ClassKeys = append(v.ClassKeys, classKey)
	if r, err := v.Check(enc); err != nil || !r.Encrypted {
		t.Errorf("with the class key: %v", err)
	}

	h := huk.New()
	dev, err := Encrypt(img, DeviceKey, DeviceTAKey(h, testUUID))
	if err != nil {
		t.Fatal(err)
	}
	v.HUK = h
	if _, err := v.Check(dev); err != nil {
		t.Errorf("on its device: %v", err)
	}
	v.HUK = huk.New()
	if _, err := v.Check(dev); !errors.Is(err, ErrDecrypt) {
		t.Errorf("on another device: %v", err)
	}
	v.HUK = nil
	if _, err := v.Check(dev); !errors.Is(err, ErrDecrypt) {
		t.Errorf("without a HUK: %v", err)
	}
}

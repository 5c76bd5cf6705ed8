package tasign

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
)

// KeyID identifies a public key: the SHA-256 of its PKIX DER encoding.
type KeyID [32]byte

func (id KeyID) String() string { return hex.EncodeToString(id[:]) }

// PublicKeyID returns the KeyID of pub.
func PublicKeyID(pub crypto.PublicKey) (KeyID, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return KeyID{}, fmt.Errorf("tasign: %w", err)
	}
	return sha256.Sum256(der), nil
}

// GenerateKey makes a signing key: "ed25519", "p256", "rsa-2048",
// "rsa-3072" or "rsa-4096".
func GenerateKey(kind string) (crypto.Signer, error) {
	switch kind {
	case "ed25519":
		_, k, err := ed25519.GenerateKey(rand.Reader)
		return k, err
	case "p256":
		return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case "rsa-2048":
		return rsa.GenerateKey(rand.Reader, 2048)
	case "rsa-3072":
		return rsa.GenerateKey(rand.Reader, 3072)
	case "rsa-4096":
		return rsa.GenerateKey(rand.Reader, 4096)
	}
	return nil, fmt.Errorf("tasign: unknown key type %q (ed25519, p256, rsa-2048, rsa-3072, rsa-4096)", kind)
}

// MarshalPrivateKey encodes key as a PKCS #8 "PRIVATE KEY" PEM block.
func MarshalPrivateKey(key crypto.Signer) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("tasign: %w", err)
	}
	defer clear(der)
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

// MarshalPublicKey encodes pub as a PKIX "PUBLIC KEY" PEM block.
func MarshalPublicKey(pub crypto.PublicKey) ([]byte, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, fmt.Errorf("tasign: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), nil
}

// ParsePrivateKey decodes a PEM private key: PKCS #8, or the PKCS #1 and
// SEC 1 forms openssl writes.
func ParsePrivateKey(b []byte) (crypto.Signer, error) {
	blk, _ := pem.Decode(b)
	if blk == nil {
		return nil, errors.New("tasign: no PEM block in the private key file")
	}
	defer clear(blk.Bytes)
	var k any
	var err error
	switch blk.Type {
	case "PRIVATE KEY":
		k, err = x509.ParsePKCS8PrivateKey(blk.Bytes)
	case "RSA PRIVATE KEY":
		k, err = x509.ParsePKCS1PrivateKey(blk.Bytes)
	case "EC PRIVATE KEY":
		k, err = x509.ParseECPrivateKey(blk.Bytes)
	default:
		return nil, fmt.Errorf("tasign: PEM block %q is not a private key", blk.Type)
	}
	if err != nil {
		return nil, fmt.Errorf("tasign: %w", err)
	}
	s, ok := k.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("tasign: unsupported private key %T", k)
	}
	if err := checkKey(s.Public()); err != nil {
		return nil, err
	}
	return s, nil
}

// ParsePublicKey decodes a PEM public key ("PUBLIC KEY"), or the public
// half of a PEM private key.
func ParsePublicKey(b []byte) (crypto.PublicKey, error) {
	blk, _ := pem.Decode(b)
	if blk == nil {
		return nil, errors.New("tasign: no PEM block in the public key file")
	}
	if blk.Type != "PUBLIC KEY" {
		s, err := ParsePrivateKey(b)
		if err != nil {
			return nil, err
		}
		return s.Public(), nil
	}
	return parsePKIX(blk.Bytes)
}

func parsePKIX(der []byte) (crypto.PublicKey, error) {
	k, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, fmt.Errorf("tasign: %w", err)
	}
	if err := checkKey(k); err != nil {
		return nil, err
	}
	return k, nil
}

// LoadPrivateKey reads a PEM private key file.
func LoadPrivateKey(path string) (crypto.Signer, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("tasign: %w", err)
	}
	defer clear(b)
	k, err := ParsePrivateKey(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return k, nil
}

// LoadPublicKey reads a PEM public (or private) key file.
func LoadPublicKey(path string) (crypto.PublicKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("tasign: %w", err)
	}
	defer clear(b)
	k, err := ParsePublicKey(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return k, nil
}

// DestroyKey zeroes what of a private key can be zeroed once it is no
// longer needed: an Ed25519 key's bytes. RSA and ECDSA keys live in
// math/big values Go cannot wipe.
func DestroyKey(k crypto.Signer) {
	if e, ok := k.(ed25519.PrivateKey); ok {
		clear(e)
	}
}

func x509PKIX(pub crypto.PublicKey) ([]byte, error) {
	if err := checkKey(pub); err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, fmt.Errorf("tasign: %w", err)
	}
	return der, nil
}

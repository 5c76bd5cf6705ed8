package tasign

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"fmt"
)

// Algorithm numbers a signing algorithm in images and subkey records. All
// of them sign the SHA-256 digest of what they cover; Ed25519 signs those 32
// bytes as its message, so an offline signer gets the same digest for every
// algorithm.
type Algorithm uint16

const (
	// RSAPSS is RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt
	// (OP-TEE's TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA256).
	RSAPSS Algorithm = 1
	// RSAPKCS1 is RSASSA-PKCS1-v1_5 with SHA-256
	// (TEE_ALG_RSASSA_PKCS1_V1_5_SHA256).
	RSAPKCS1 Algorithm = 2
	// ECDSAP256 is ECDSA over P-256 with SHA-256; the signature is ASN.1
	// DER, as openssl writes it.
	ECDSAP256 Algorithm = 3
	// Ed25519 is pure Ed25519 over the 32-byte digest.
	Ed25519 Algorithm = 4
)

var algNames = map[Algorithm]string{
	RSAPSS:    "rsa-pss-sha256",
	RSAPKCS1:  "rsa-pkcs1-sha256",
	ECDSAP256: "ecdsa-p256-sha256",
	Ed25519:   "ed25519",
}

func (a Algorithm) String() string {
	if n, ok := algNames[a]; ok {
		return n
	}
	return fmt.Sprintf("algorithm(%d)", uint16(a))
}

// ParseAlgorithm returns the algorithm of a name String gives.
func ParseAlgorithm(s string) (Algorithm, error) {
	for a, n := range algNames {
		if n == s {
			return a, nil
		}
	}
	return 0, fmt.Errorf("tasign: unknown algorithm %q (rsa-pss-sha256, rsa-pkcs1-sha256, ecdsa-p256-sha256, ed25519)", s)
}

// Key sizes accepted for RSA.
const (
	minRSABits = 2048
	maxRSABits = 4096
)

// DefaultAlgorithm is the algorithm a key signs with unless told
// otherwise: RSA-PSS for RSA keys.
func DefaultAlgorithm(pub crypto.PublicKey) (Algorithm, error) {
	switch pub.(type) {
	case *rsa.PublicKey:
		return RSAPSS, checkKey(pub)
	case *ecdsa.PublicKey:
		return ECDSAP256, checkKey(pub)
	case ed25519.PublicKey:
		return Ed25519, nil
	}
	return 0, fmt.Errorf("tasign: unsupported key type %T", pub)
}

// checkKey refuses keys this package does not sign or verify with.
func checkKey(pub crypto.PublicKey) error {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		if n := k.N.BitLen(); n < minRSABits || n > maxRSABits {
			return fmt.Errorf("tasign: RSA key of %d bits, want %d to %d", n, minRSABits, maxRSABits)
		}
	case *ecdsa.PublicKey:
		if k.Curve != elliptic.P256() {
			return fmt.Errorf("tasign: ECDSA key on %s, want P-256", k.Curve.Params().Name)
		}
	case ed25519.PublicKey:
		if len(k) != ed25519.PublicKeySize {
			return errors.New("tasign: bad Ed25519 key")
		}
	default:
		return fmt.Errorf("tasign: unsupported key type %T", pub)
	}
	return nil
}

// fits checks that alg is one pub can verify.
func fits(alg Algorithm, pub crypto.PublicKey) error {
	if err := checkKey(pub); err != nil {
		return err
	}
	ok := false
	switch pub.(type) {
	case *rsa.PublicKey:
		ok = alg == RSAPSS || alg == RSAPKCS1
	case *ecdsa.PublicKey:
		ok = alg == ECDSAP256
	case ed25519.PublicKey:
		ok = alg == Ed25519
	}
	if !ok {
		return fmt.Errorf("tasign: algorithm %v does not fit a %s key", alg, keyType(pub))
	}
	return nil
}

var pssOpts = &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash, Hash: crypto.SHA256}

// signDigest signs the SHA-256 digest d.
func signDigest(key crypto.Signer, alg Algorithm, d []byte) ([]byte, error) {
	if err := fits(alg, key.Public()); err != nil {
		return nil, err
	}
	switch alg {
	case RSAPSS:
		return key.Sign(rand.Reader, d, pssOpts)
	case RSAPKCS1, ECDSAP256:
		return key.Sign(rand.Reader, d, crypto.SHA256)
	case Ed25519:
		return key.Sign(rand.Reader, d, crypto.Hash(0))
	}
	return nil, fmt.Errorf("tasign: unknown algorithm %v", alg)
}

// verifyDigest checks sig over the SHA-256 digest d. Its errors wrap
// ErrBadSignature.
func verifyDigest(pub crypto.PublicKey, alg Algorithm, d, sig []byte) error {
	if err := fits(alg, pub); err != nil {
		return fmt.Errorf("%w: %w", ErrBadSignature, err)
	}
	ok := false
	switch alg {
	case RSAPSS:
		ok = rsa.VerifyPSS(pub.(*rsa.PublicKey), crypto.SHA256, d, sig, pssOpts) == nil
	case RSAPKCS1:
		ok = rsa.VerifyPKCS1v15(pub.(*rsa.PublicKey), crypto.SHA256, d, sig) == nil
	case ECDSAP256:
		ok = ecdsa.VerifyASN1(pub.(*ecdsa.PublicKey), d, sig)
	case Ed25519:
		ok = ed25519.Verify(pub.(ed25519.PublicKey), d, sig)
	}
	if !ok {
		return ErrBadSignature
	}
	return nil
}

func keyType(pub crypto.PublicKey) string {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return fmt.Sprintf("RSA-%d", k.N.BitLen())
	case *ecdsa.PublicKey:
		return "ECDSA " + k.Curve.Params().Name
	case ed25519.PublicKey:
		return "Ed25519"
	}
	return fmt.Sprintf("%T", pub)
}

package gpcrypto

import (
	"crypto/dsa"
	"crypto/rand"
	"math/big"

	"github.com/veritee/veritee/internal/abi"
)

// DSA runs on crypto/dsa (deprecated in Go, kept for GP): its arithmetic is
// math/big and not constant time, so the private key may leak through
// timing to an attacker who can time many signatures. Signatures are
// r || s, each left-padded to the subprime's byte length; the digest is
// truncated to the subprime's byte length (FIPS 186-4 §4.6), which
// crypto/dsa leaves to the caller.

func dsaPub(key any) *dsa.PublicKey {
	switch k := key.(type) {
	case *dsa.PrivateKey:
		return &k.PublicKey
	case *dsa.PublicKey:
		return k
	}
	return nil
}

func dsaTrunc(q *big.Int, digest []byte) []byte {
	if n := (q.BitLen() + 7) / 8; len(digest) > n {
		return digest[:n]
	}
	return digest
}

func (op *Operation) dsaSign(key any, params []Attribute, digest []byte) ([]byte, error) {
	priv, ok := key.(*dsa.PrivateKey)
	if !ok {
		return nil, panicf("TEE_AsymmetricSignDigest", "§6.8.2", "not a key pair")
	}
	if err := checkParams(params); err != nil {
		return nil, err
	}
	r, s, err := dsa.Sign(rand.Reader, priv, dsaTrunc(priv.Q, digest))
	if err != nil {
		return nil, newErr(abi.ErrGeneric, "DSA: %v", err)
	}
	n := (priv.Q.BitLen() + 7) / 8
	out := make([]byte, 2*n)
	r.FillBytes(out[:n])
	s.FillBytes(out[n:])
	return out, nil
}

func (op *Operation) dsaVerify(key any, params []Attribute, digest, sig []byte) error {
	pub := dsaPub(key)
	if err := checkParams(params); err != nil {
		return err
	}
	n := (pub.Q.BitLen() + 7) / 8
	if len(sig) != 2*n {
		return ErrSignatureInvalid
	}
	r, s := new(big.Int).SetBytes(sig[:n]), new(big.Int).SetBytes(sig[n:])
	if !dsa.Verify(pub, dsaTrunc(pub.Q, digest), r, s) {
		return ErrSignatureInvalid
	}
	return nil
}

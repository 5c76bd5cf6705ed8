package gpcrypto

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha512"
	"math/big"

	"github.com/veritee/veritee/internal/abi"
)

// ECDSA signatures are r || s, each left-padded to the curve's byte length
// (GPD_SPE_010 §6.8.2). crypto/ecdsa is constant time for the supported
// curves; it truncates the digest to the order's bit length.

func (op *Operation) ecdsaSign(key any, params []Attribute, digest []byte) ([]byte, error) {
	k := key.(*eccKey)
	if k.priv == nil {
		return nil, panicf("TEE_AsymmetricSignDigest", "§6.8.2", "not a key pair")
	}
	if err := checkParams(params); err != nil {
		return nil, err
	}
	r, s, err := ecdsa.Sign(rand.Reader, k.priv, digest)
	if err != nil {
		return nil, newErr(abi.ErrGeneric, "ECDSA: %v", err)
	}
	n := k.curve.byteLen
	out := make([]byte, 2*n)
	r.FillBytes(out[:n])
	s.FillBytes(out[n:])
	return out, nil
}

func (op *Operation) ecdsaVerify(key any, params []Attribute, digest, sig []byte) error {
	k := key.(*eccKey)
	if err := checkParams(params); err != nil {
		return err
	}
	n := k.curve.byteLen
	if len(sig) != 2*n {
		return ErrSignatureInvalid
	}
	r, s := new(big.Int).SetBytes(sig[:n]), new(big.Int).SetBytes(sig[n:])
	if !ecdsa.Verify(k.pub, digest, r, s) {
		return ErrSignatureInvalid
	}
	return nil
}

// ed25519Options reads TEE_ATTR_EDDSA_CTX and TEE_ATTR_EDDSA_PREHASH: a
// context selects Ed25519ctx, the pre-hash flag Ed25519ph (RFC 8032
// §5.1). For Ed25519ph msg is the message, hashed here with SHA-512.
func ed25519Options(params []Attribute, msg []byte) (*ed25519.Options, []byte, error) {
	if err := checkParams(params, abi.AttrEdDSACtx, abi.AttrEdDSAPrehash); err != nil {
		return nil, nil, err
	}
	o := &ed25519.Options{Context: string(attrRef(params, abi.AttrEdDSACtx))}
	if len(o.Context) > 255 {
		return nil, nil, badParam("EdDSA context longer than 255 bytes")
	}
	if a, ok := findAttr(params, abi.AttrEdDSAPrehash); ok && a.A != 0 {
		o.Hash = crypto.SHA512
		h := sha512.Sum512(msg)
		msg = h[:]
	}
	return o, msg, nil
}

func (op *Operation) ed25519Sign(key any, params []Attribute, msg []byte) ([]byte, error) {
	priv, ok := key.(ed25519.PrivateKey)
	if !ok {
		return nil, panicf("TEE_AsymmetricSignDigest", "§6.8.2", "not a key pair")
	}
	o, m, err := ed25519Options(params, msg)
	if err != nil {
		return nil, err
	}
	sig, err := priv.Sign(nil, m, o)
	if err != nil {
		return nil, badParam("Ed25519: %v", err)
	}
	return sig, nil
}

func (op *Operation) ed25519Verify(key any, params []Attribute, msg, sig []byte) error {
	var pub ed25519.PublicKey
	switch k := key.(type) {
	case ed25519.PrivateKey:
		pub = k.Public().(ed25519.PublicKey)
	case ed25519.PublicKey:
		pub = k
	}
	o, m, err := ed25519Options(params, msg)
	if err != nil {
		return err
	}
	if ed25519.VerifyWithOptions(pub, m, sig, o) != nil {
		return ErrSignatureInvalid
	}
	return nil
}

package gpcrypto

import (
	"crypto/dsa"
	"crypto/rand"
	"crypto/rsa"
	"math/big"

	"github.com/veritee/veritee/internal/abi"
)

func rsaPub(key any) *rsa.PublicKey {
	switch k := key.(type) {
	case *rsa.PrivateKey:
		return &k.PublicKey
	case *rsa.PublicKey:
		return k
	}
	return nil
}

func (op *Operation) oaepOptions(params []Attribute) (*rsa.OAEPOptions, error) {
	if err := checkParams(params, abi.AttrRSAOAEPLabel, abi.AttrRSAOAEPMGFHash); err != nil {
		return nil, err
	}
	o := &rsa.OAEPOptions{Hash: op.alg.hash, Label: attrRef(params, abi.AttrRSAOAEPLabel)}
	if a, ok := findAttr(params, abi.AttrRSAOAEPMGFHash); ok {
		id, ok := le32(a.Ref)
		h, ok2 := hashOfAlg(id)
		if !ok || !ok2 {
			return nil, badParam("OAEP MGF1 hash")
		}
		o.MGFHash = h
	}
	return o, nil
}

func (op *Operation) rsaEncrypt(key any, params []Attribute, in []byte) ([]byte, error) {
	pub := rsaPub(key)
	switch op.alg.kind {
	case kRSAESPKCS1:
		if err := checkParams(params); err != nil {
			return nil, err
		}
		out, err := rsa.EncryptPKCS1v15(rand.Reader, pub, in)
		if err != nil {
			return nil, badParam("RSAES-PKCS1-v1_5: %v", err)
		}
		return out, nil
	case kRSAESOAEP:
		o, err := op.oaepOptions(params)
		if err != nil {
			return nil, err
		}
		out, err := rsa.EncryptOAEPWithOptions(rand.Reader, pub, in, o)
		if err != nil {
			return nil, badParam("RSAES-OAEP: %v", err)
		}
		return out, nil
	case kRSANoPad:
		if err := checkParams(params); err != nil {
			return nil, err
		}
		m := new(big.Int).SetBytes(in)
		if len(in) > (pub.N.BitLen()+7)/8 || m.Cmp(pub.N) >= 0 {
			return nil, badParam("RSA NOPAD: input not smaller than the modulus")
		}
		return stripZeros(new(big.Int).Exp(m, big.NewInt(int64(pub.E)), pub.N).Bytes()), nil
	}
	return nil, newErr(abi.ErrNotSupported, "%s", op.alg.name)
}

// stripZeros returns b without leading zeros, keeping one byte, as OP-TEE
// returns RSA NOPAD results.
func stripZeros(b []byte) []byte {
	for len(b) > 1 && b[0] == 0 {
		b = b[1:]
	}
	if len(b) == 0 {
		return []byte{0}
	}
	return b
}

func (op *Operation) rsaDecrypt(key any, params []Attribute, in []byte) ([]byte, error) {
	priv, ok := key.(*rsa.PrivateKey)
	if !ok {
		return nil, panicf("TEE_AsymmetricDecrypt", "§6.8.1", "not a key pair")
	}
	switch op.alg.kind {
	case kRSAESPKCS1:
		if err := checkParams(params); err != nil {
			return nil, err
		}
		out, err := rsa.DecryptPKCS1v15(rand.Reader, priv, in)
		if err != nil {
			return nil, badParam("RSAES-PKCS1-v1_5 decryption failed")
		}
		return out, nil
	case kRSAESOAEP:
		o, err := op.oaepOptions(params)
		if err != nil {
			return nil, err
		}
		out, err := priv.Decrypt(rand.Reader, in, o)
		if err != nil {
			return nil, badParam("RSAES-OAEP decryption failed")
		}
		return out, nil
	case kRSANoPad:
		if err := checkParams(params); err != nil {
			return nil, err
		}
		return rsaRawPrivate(priv, in)
	}
	return nil, newErr(abi.ErrNotSupported, "%s", op.alg.name)
}

// rsaRawPrivate is the RSA private-key primitive for TEE_ALG_RSA_NOPAD,
// which crypto/rsa does not export. It uses math/big, which is not
// constant time; the input is blinded with a fresh random r (c·r^e) so
// that the timing of the exponentiation does not depend on the
// attacker-chosen ciphertext, but the private exponent's bit pattern may
// still leak through math/big's timing. TAs that need side-channel
// resistance should use OAEP or PSS, which run in crypto/rsa.
func rsaRawPrivate(priv *rsa.PrivateKey, in []byte) ([]byte, error) {
	n := priv.N
	c := new(big.Int).SetBytes(in)
	if len(in) > (n.BitLen()+7)/8 || c.Cmp(n) >= 0 {
		return nil, badParam("RSA NOPAD: input not smaller than the modulus")
	}
	var r, rinv *big.Int
	for {
		var err error
		r, err = rand.Int(rand.Reader, n)
		if err != nil {
			return nil, newErr(abi.ErrGeneric, "random: %v", err)
		}
		if rinv = new(big.Int).ModInverse(r, n); r.Sign() > 0 && rinv != nil {
			break
		}
	}
	cb := new(big.Int).Exp(r, big.NewInt(int64(priv.E)), n)
	cb.Mul(cb, c).Mod(cb, n)
	m := new(big.Int).Exp(cb, priv.D, n)
	m.Mul(m, rinv).Mod(m, n)
	return stripZeros(m.Bytes()), nil
}

func (op *Operation) sigLen(key any) int {
	switch k := key.(type) {
	case *rsa.PrivateKey:
		return k.Size()
	case *eccKey:
		return 2 * k.curve.byteLen
	case *sm2Key:
		return 64
	case *dsa.PrivateKey:
		return 2 * ((k.Q.BitLen() + 7) / 8)
	}
	switch op.alg.kind {
	case kEd25519:
		return 64
	}
	return 0
}

func (op *Operation) pssOptions(params []Attribute) (*rsa.PSSOptions, error) {
	if err := checkParams(params, abi.AttrRSAPSSSaltLength); err != nil {
		return nil, err
	}
	o := &rsa.PSSOptions{Hash: op.alg.hash, SaltLength: op.alg.hash.Size()}
	if a, ok := findAttr(params, abi.AttrRSAPSSSaltLength); ok {
		if a.A > 1<<16 {
			return nil, badParam("PSS salt length %d", a.A)
		}
		o.SaltLength = int(a.A)
	}
	return o, nil
}

func (op *Operation) rsaSign(key any, params []Attribute, digest []byte) ([]byte, error) {
	priv, ok := key.(*rsa.PrivateKey)
	if !ok {
		return nil, panicf("TEE_AsymmetricSignDigest", "§6.8.2", "not a key pair")
	}
	if op.alg.kind == kRSASSAPSS {
		o, err := op.pssOptions(params)
		if err != nil {
			return nil, err
		}
		if o.SaltLength == 0 {
			return signPSSNoSalt(priv, op.alg.hash, digest)
		}
		s, err := rsa.SignPSS(rand.Reader, priv, op.alg.hash, digest, o)
		if err != nil {
			return nil, badParam("RSASSA-PSS: %v", err)
		}
		return s, nil
	}
	if err := checkParams(params); err != nil {
		return nil, err
	}
	s, err := rsa.SignPKCS1v15(nil, priv, op.alg.hash, digest)
	if err != nil {
		return nil, badParam("RSASSA-PKCS1-v1_5: %v", err)
	}
	return s, nil
}

func (op *Operation) rsaVerify(key any, params []Attribute, digest, sig []byte) error {
	pub := rsaPub(key)
	var err error
	if op.alg.kind == kRSASSAPSS {
		o, perr := op.pssOptions(params)
		if perr != nil {
			return perr
		}
		err = rsa.VerifyPSS(pub, op.alg.hash, digest, sig, o) // SaltLength 0: any salt, checked next
		if err == nil && o.SaltLength == 0 && !pssSaltEmpty(pub, op.alg.hash, sig) {
			return ErrSignatureInvalid
		}
	} else {
		if err := checkParams(params); err != nil {
			return err
		}
		err = rsa.VerifyPKCS1v15(pub, op.alg.hash, digest, sig)
	}
	if err != nil {
		return ErrSignatureInvalid
	}
	return nil
}

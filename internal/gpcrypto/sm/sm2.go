package sm

import (
	"crypto/ecdsa"
	"crypto/subtle"
	"io"
	"math/big"

	"github.com/emmansun/gmsm/sm2"
)

// DefaultID is the user identity SM2 signatures use when none is given
// (GB/T 35276-2017 §10, GM/T 0009-2012 §10: "1234567812345678").
const DefaultID = "1234567812345678"

// Sizes in bytes.
const (
	SM2ScalarSize    = 32 // private key, coordinates, r and s
	SM2SignatureSize = 64 // r || s, as OP-TEE's TEE_AsymmetricSignDigest writes it
	SM2C1Size        = 65 // 0x04 || x1 || y1
)

// scalar32 returns b as a 32-byte big-endian value, dropping leading zeros
// and left-padding; ErrKey if it does not fit.
func scalar32(b []byte) ([]byte, error) {
	for len(b) > SM2ScalarSize && b[0] == 0 {
		b = b[1:]
	}
	if len(b) > SM2ScalarSize {
		return nil, ErrKey
	}
	out := make([]byte, SM2ScalarSize)
	copy(out[SM2ScalarSize-len(b):], b)
	return out, nil
}

func privateKey(d []byte) (*sm2.PrivateKey, error) {
	k, err := scalar32(d)
	if err != nil {
		return nil, err
	}
	priv, err := sm2.NewPrivateKey(k)
	clear(k)
	if err != nil {
		return nil, ErrKey
	}
	return priv, nil
}

// uncompressed returns 0x04 || x || y with 32-byte coordinates.
func uncompressed(x, y []byte) ([]byte, error) {
	x32, err := scalar32(x)
	if err != nil {
		return nil, err
	}
	y32, err := scalar32(y)
	if err != nil {
		return nil, err
	}
	return append(append([]byte{4}, x32...), y32...), nil
}

// publicKey checks that (x, y) is a point of the SM2 curve other than
// infinity (ErrKey otherwise).
func publicKey(x, y []byte) (*ecdsa.PublicKey, error) {
	p, err := uncompressed(x, y)
	if err != nil {
		return nil, err
	}
	pub, err := sm2.NewPublicKey(p)
	if err != nil {
		return nil, ErrKey
	}
	return pub, nil
}

func coords(pub *ecdsa.PublicKey) (x, y []byte) {
	return pub.X.FillBytes(make([]byte, SM2ScalarSize)), pub.Y.FillBytes(make([]byte, SM2ScalarSize))
}

// SM2GenerateKey returns a new key pair from rand: the private scalar d and
// the public point (x, y), 32 bytes each.
func SM2GenerateKey(rand io.Reader) (d, x, y []byte, err error) {
	priv, err := sm2.GenerateKey(rand)
	if err != nil {
		return nil, nil, nil, err
	}
	x, y = coords(&priv.PublicKey)
	return priv.D.FillBytes(make([]byte, SM2ScalarSize)), x, y, nil
}

// SM2PublicKey returns the public point of d; d must be in [1, n-2]
// (GB/T 32918.1-2016 §6.1), else ErrKey.
func SM2PublicKey(d []byte) (x, y []byte, err error) {
	priv, err := privateKey(d)
	if err != nil {
		return nil, nil, err
	}
	x, y = coords(&priv.PublicKey)
	return x, y, nil
}

// SM2CheckKeyPair checks that (x, y) is the public point of d, as
// TEE_PopulateTransientObject must for an SM2 key pair (ErrKey otherwise).
func SM2CheckKeyPair(d, x, y []byte) error {
	px, py, err := SM2PublicKey(d)
	if err != nil {
		return err
	}
	x32, err1 := scalar32(x)
	y32, err2 := scalar32(y)
	if err1 != nil || err2 != nil || subtle.ConstantTimeCompare(px, x32)&subtle.ConstantTimeCompare(py, y32) != 1 {
		return ErrKey
	}
	return nil
}

// SM2Digest returns e = SM3(Z_A || msg) with Z_A = SM3(ENTL_A || ID_A || a ||
// b || x_G || y_G || x_A || y_A) (GB/T 32918.2-2016 §5.5 and §6.1 A1-A2):
// the digest a TA passes to TEE_AsymmetricSignDigest for
// TEE_ALG_SM2_DSA_SM3. A nil id means DefaultID; an id longer than 8191
// bytes (ENTL is 16 bits) is ErrParam.
func SM2Digest(x, y, id, msg []byte) ([]byte, error) {
	pub, err := publicKey(x, y)
	if err != nil {
		return nil, err
	}
	if id == nil {
		id = []byte(DefaultID)
	}
	if len(id) > 8191 {
		return nil, ErrParam
	}
	return sm2.CalculateSM2Hash(pub, msg, id)
}

// SM2SignDigest signs the 32-byte digest e (from SM2Digest) with d and
// returns r || s, 64 bytes, as OP-TEE does. Nonces are hedged: gmsm mixes
// rand with the key and digest. Errors: ErrKey, ErrParam (digest length).
func SM2SignDigest(rand io.Reader, d, e []byte) ([]byte, error) {
	if len(e) != SM3Size {
		return nil, ErrParam
	}
	priv, err := privateKey(d)
	if err != nil {
		return nil, err
	}
	r, s, err := sm2.Sign(rand, &priv.PrivateKey, e)
	if err != nil {
		return nil, err
	}
	sig := make([]byte, SM2SignatureSize)
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:])
	return sig, nil
}

// SM2VerifyDigest checks the signature r || s over digest e under (x, y).
// Errors: ErrVerify, ErrKey, ErrParam for a signature that is not 64 bytes
// (OP-TEE's sm2_ltc_dsa_verify answers TEE_ERROR_BAD_PARAMETERS) or a digest
// that is not 32.
func SM2VerifyDigest(x, y, e, sig []byte) error {
	pub, err := publicKey(x, y)
	if err != nil {
		return err
	}
	if len(sig) != SM2SignatureSize || len(e) != SM3Size {
		return ErrParam
	}
	r := new(big.Int).SetBytes(sig[:32])
	s := new(big.Int).SetBytes(sig[32:])
	if !sm2.Verify(pub, e, r, s) {
		return ErrVerify
	}
	return nil
}

// SM2Sign signs msg under identity id (nil: DefaultID): SM2Digest then
// SM2SignDigest.
func SM2Sign(rand io.Reader, d, id, msg []byte) ([]byte, error) {
	x, y, err := SM2PublicKey(d)
	if err != nil {
		return nil, err
	}
	e, err := SM2Digest(x, y, id, msg)
	if err != nil {
		return nil, err
	}
	return SM2SignDigest(rand, d, e)
}

// SM2Verify checks sig over msg under (x, y) and identity id (nil:
// DefaultID).
func SM2Verify(x, y, id, msg, sig []byte) error {
	e, err := SM2Digest(x, y, id, msg)
	if err != nil {
		return err
	}
	return SM2VerifyDigest(x, y, e, sig)
}

// Ciphertext layout of TEE_ALG_SM2_PKE as OP-TEE writes and reads it
// (core/lib/libtomcrypt/sm2-pke.c): C1 || C2 || C3, with C1 = 0x04 || x1 ||
// y1 uncompressed, C2 as long as the message, C3 = SM3(x2 || M || y2).
var (
	pkeEncOpts = sm2.NewPlainEncrypterOpts(sm2.MarshalUncompressed, sm2.C1C2C3)
	pkeDecOpts = sm2.NewPlainDecrypterOpts(sm2.C1C2C3)
)

// SM2CiphertextSize is the ciphertext length for an n-byte message.
func SM2CiphertextSize(n int) int { return SM2C1Size + n + SM3Size }

// SM2Encrypt encrypts msg to (x, y) (GB/T 32918.4-2016 §6.1) and returns
// C1 || C2 || C3. An empty msg is ErrParam (OP-TEE answers it with
// TEE_ERROR_CIPHERTEXT_INVALID, its KDF output being "all zero").
func SM2Encrypt(rand io.Reader, x, y, msg []byte) ([]byte, error) {
	pub, err := publicKey(x, y)
	if err != nil {
		return nil, err
	}
	if len(msg) == 0 {
		return nil, ErrParam
	}
	return sm2.Encrypt(rand, pub, msg, pkeEncOpts)
}

// SM2Decrypt decrypts C1 || C2 || C3 with d (GB/T 32918.4-2016 §7.1). Any
// failure of the ciphertext (length, C1 not on the curve, C3 mismatch) is
// ErrDecrypt; a bad key is ErrKey.
func SM2Decrypt(d, ct []byte) ([]byte, error) {
	priv, err := privateKey(d)
	if err != nil {
		return nil, err
	}
	if len(ct) <= SM2C1Size+SM3Size || ct[0] != 4 {
		return nil, ErrDecrypt
	}
	pt, err := priv.Decrypt(nil, ct, pkeDecOpts)
	if err != nil {
		return nil, ErrDecrypt
	}
	return pt, nil
}

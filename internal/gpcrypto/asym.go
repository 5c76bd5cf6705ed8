package gpcrypto

import (
	"crypto"
	"encoding/binary"

	"github.com/veritee/veritee/internal/abi"
)

// asymKey returns the operation's key, or the panic of fn.
func (op *Operation) asymKey(fn, sec string, class, mode uint32) (any, error) {
	if err := op.need(fn, sec, class, mode); err != nil {
		return nil, err
	}
	if !op.keySet() {
		return nil, panicf(fn, sec, "key not set")
	}
	return op.keys[0].key, nil
}

// checkParams rejects operation attributes the algorithm does not define
// (ERROR_BAD_PARAMETERS).
func checkParams(params []Attribute, allowed ...uint32) error {
	for _, p := range params {
		ok := false
		for _, a := range allowed {
			ok = ok || p.ID == a
		}
		if !ok {
			return badParam("attribute %#x not defined for this algorithm", p.ID)
		}
	}
	return nil
}

// AsymmetricEncrypt encrypts in into out with the public key, as
// TEE_AsymmetricEncrypt (§6.8.1). params: TEE_ATTR_RSA_OAEP_LABEL and
// TEE_ATTR_RSA_OAEP_MGF_HASH (a 4-byte little-endian TEE_ALG_* digest id,
// as OP-TEE reads it) for OAEP. ERROR_SHORT_BUFFER (with the size needed);
// ERROR_BAD_PARAMETERS: the message is too long for the key, or a bad
// parameter. Panics: wrong class or mode, key not set.
func (op *Operation) AsymmetricEncrypt(params []Attribute, in, out []byte) (int, error) {
	key, err := op.asymKey("TEE_AsymmetricEncrypt", "§6.8.1", abi.OperationAsymmetricCipher, abi.ModeEncrypt)
	if err != nil {
		return 0, err
	}
	var res []byte
	if op.alg.kind == kSM2PKE {
		res, err = op.sm2Encrypt(key, params, in)
	} else {
		res, err = op.rsaEncrypt(key, params, in)
	}
	if err != nil {
		return 0, err
	}
	if len(out) < len(res) {
		return 0, shortBuffer(len(res))
	}
	return copy(out, res), nil
}

// AsymmetricDecrypt decrypts in into out with the private key, as
// TEE_AsymmetricDecrypt (§6.8.1); parameters as AsymmetricEncrypt.
// ERROR_BAD_PARAMETERS: the ciphertext does not decrypt (bad padding), as
// OP-TEE reports it. ERROR_SHORT_BUFFER (with the size needed). Panics as
// AsymmetricEncrypt.
func (op *Operation) AsymmetricDecrypt(params []Attribute, in, out []byte) (int, error) {
	key, err := op.asymKey("TEE_AsymmetricDecrypt", "§6.8.1", abi.OperationAsymmetricCipher, abi.ModeDecrypt)
	if err != nil {
		return 0, err
	}
	var res []byte
	if op.alg.kind == kSM2PKE {
		res, err = op.sm2Decrypt(key, params, in)
	} else {
		res, err = op.rsaDecrypt(key, params, in)
	}
	if err != nil {
		return 0, err
	}
	defer wipe(res)
	if len(out) < len(res) {
		return 0, shortBuffer(len(res))
	}
	return copy(out, res), nil
}

// AsymmetricSignDigest signs digest into sig, as
// TEE_AsymmetricSignDigest (§6.8.2). For RSA-PSS params may hold
// TEE_ATTR_RSA_PSS_SALT_LENGTH (default: the hash length); for Ed25519
// TEE_ATTR_EDDSA_CTX and TEE_ATTR_EDDSA_PREHASH, and digest is the message
// itself (pre-hashed here with SHA-512 for Ed25519ph, as OP-TEE does).
// ERROR_SHORT_BUFFER (with the size needed). Panics: wrong class or mode,
// key not set, a digest whose length is not the algorithm's hash length
// (OP-TEE's libutee panics on the BAD_PARAMETERS its core returns).
func (op *Operation) AsymmetricSignDigest(params []Attribute, digest, sig []byte) (int, error) {
	const fn, sec = "TEE_AsymmetricSignDigest", "§6.8.2"
	key, err := op.asymKey(fn, sec, abi.OperationAsymmetricSignature, abi.ModeSign)
	if err != nil {
		return 0, err
	}
	if err := op.checkDigestLen(fn, sec, digest); err != nil {
		return 0, err
	}
	if n := op.sigLen(key); n > 0 && len(sig) < n {
		return 0, shortBuffer(n)
	}
	var res []byte
	switch op.alg.kind {
	case kRSASSAPKCS1, kRSASSAPSS:
		res, err = op.rsaSign(key, params, digest)
	case kECDSA:
		res, err = op.ecdsaSign(key, params, digest)
	case kEd25519:
		res, err = op.ed25519Sign(key, params, digest)
	case kDSA:
		res, err = op.dsaSign(key, params, digest)
	case kSM2DSA:
		res, err = op.sm2Sign(key, params, digest)
	default:
		return 0, panicf(fn, sec, "%s has no signer", op.alg.name)
	}
	if err != nil {
		return 0, err
	}
	if len(sig) < len(res) {
		return 0, shortBuffer(len(res))
	}
	return copy(sig, res), nil
}

// AsymmetricVerifyDigest verifies sig over digest, as
// TEE_AsymmetricVerifyDigest (§6.8.3), with the parameters of
// AsymmetricSignDigest. ERROR_SIGNATURE_INVALID: it does not verify.
// Panics as AsymmetricSignDigest.
func (op *Operation) AsymmetricVerifyDigest(params []Attribute, digest, sig []byte) error {
	const fn, sec = "TEE_AsymmetricVerifyDigest", "§6.8.3"
	key, err := op.asymKey(fn, sec, abi.OperationAsymmetricSignature, abi.ModeVerify)
	if err != nil {
		return err
	}
	if err := op.checkDigestLen(fn, sec, digest); err != nil {
		return err
	}
	switch op.alg.kind {
	case kRSASSAPKCS1, kRSASSAPSS:
		return op.rsaVerify(key, params, digest, sig)
	case kECDSA:
		return op.ecdsaVerify(key, params, digest, sig)
	case kEd25519:
		return op.ed25519Verify(key, params, digest, sig)
	case kDSA:
		return op.dsaVerify(key, params, digest, sig)
	case kSM2DSA:
		return op.sm2Verify(key, params, digest, sig)
	}
	return panicf(fn, sec, "%s has no verifier", op.alg.name)
}

func (op *Operation) checkDigestLen(fn, sec string, digest []byte) error {
	if op.alg.hsize == 0 || op.alg.kind == kEd25519 {
		return nil
	}
	if len(digest) != op.alg.hsize {
		return panicf(fn, sec, "digest of %d bytes, %s needs %d", len(digest), op.alg.name, op.alg.hsize)
	}
	return nil
}

// hashOfAlg maps a TEE_ALG_* digest id to its crypto.Hash.
func hashOfAlg(id uint32) (crypto.Hash, bool) {
	a := algs[id]
	if a == nil || a.class != abi.OperationDigest || a.hash == 0 || a.hash == crypto.MD5SHA1 {
		return 0, false
	}
	return a.hash, true
}

func le32(b []byte) (uint32, bool) {
	if len(b) != 4 {
		return 0, false
	}
	return binary.LittleEndian.Uint32(b), true
}

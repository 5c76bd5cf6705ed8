package gpcrypto

import (
	"crypto"
	"crypto/ecdh"
	"crypto/hkdf"
	"crypto/pbkdf2"
	"crypto/sha1"
	"encoding/binary"
	"hash"
	"math/big"

	"github.com/veritee/veritee/internal/abi"
)

// DeriveKey derives a secret into derived, as TEE_DeriveKey (§6.9.1):
//
//   - DH: params TEE_ATTR_DH_PUBLIC_VALUE (the peer's); the shared secret
//     is left-padded to the prime's length (SP 800-56A §5.7.1.1).
//   - ECDH: TEE_ATTR_ECC_PUBLIC_VALUE_X and _Y; the peer point must be on
//     the key's curve (ERROR_BAD_PARAMETERS otherwise); the secret is the
//     x-coordinate, padded to the curve's length.
//   - X25519: TEE_ATTR_X25519_PUBLIC_VALUE; an all-zero result (a
//     low-order peer point) is ERROR_BAD_PARAMETERS.
//   - TEE_ALG_HKDF (GP): TEE_ATTR_HKDF_SALT, TEE_ATTR_HKDF_INFO (both
//     optional), TEE_ATTR_HKDF_HASH_ALGORITHM (value a, a TEE_ALG_* digest;
//     default SHA-256) and TEE_ATTR_KDF_KEY_SIZE (value a, in bytes;
//     default: derived's maxObjectSize/8).
//   - TEE_ALG_HKDF_*_DERIVE_KEY (OP-TEE): salt and info under OP-TEE's
//     historical ids or GP's, TEE_ATTR_HKDF_OKM_LENGTH (bytes, mandatory).
//   - Concat KDF (OP-TEE, SP 800-56A §5.8.1): TEE_ATTR_CONCAT_KDF_OTHER_INFO
//     (optional), TEE_ATTR_CONCAT_KDF_DKM_LENGTH (bytes, mandatory).
//   - PBKDF2 (OP-TEE, RFC 8018): TEE_ATTR_PBKDF2_SALT,
//     TEE_ATTR_PBKDF2_ITERATION_COUNT and TEE_ATTR_PBKDF2_DKM_LENGTH.
//   - X448: TEE_ATTR_X448_PUBLIC_VALUE; a low-order peer is
//     ERROR_BAD_PARAMETERS.
//   - SM2 KEP: see sm2KEPDerive (two keys; writes the confirmation into the
//     TEE_ATTR_SM2_KEP_CONFIRMATION_OUT buffer in place).
//
// derived must be an uninitialised secret-key object (GENERIC_SECRET, or
// AES, HMAC, ... when the size fits); it receives TEE_ATTR_SECRET_VALUE.
// GP v1.3.1's TEE_DeriveKey returns nothing: the system-call layer panics
// the TA on any error, *Error included. Panics here: wrong class or mode,
// key not set, a mandatory parameter missing, derived unsuitable or too
// small for the result.
func (op *Operation) DeriveKey(params []Attribute, derived *Object) error {
	const fn, sec = "TEE_DeriveKey", "§6.9.1"
	key, err := op.asymKey(fn, sec, abi.OperationKeyDerivation, abi.ModeDerive)
	if err != nil {
		return err
	}
	if derived == nil || derived.init {
		return panicf(fn, sec, "derived key object missing or already initialised")
	}
	if derived.typ.secretAttr != abi.AttrSecretValue {
		return panicf(fn, sec, "derived key object of type %s is not a secret key", derived.typ.name)
	}
	need := func(ids ...uint32) error {
		for _, id := range ids {
			if _, ok := findAttr(params, id); !ok {
				return panicf(fn, sec, "mandatory parameter %#x missing", id)
			}
		}
		return nil
	}
	var out []byte
	switch op.alg.kind {
	case kDH:
		if err := need(abi.AttrDHPublicValue); err != nil {
			return err
		}
		if err := checkParams(params, abi.AttrDHPublicValue); err != nil {
			return err
		}
		out, err = dhDerive(key.(*dhKey), bigOf(params, abi.AttrDHPublicValue))
	case kECDH:
		if err := need(abi.AttrECCPublicValueX, abi.AttrECCPublicValueY); err != nil {
			return err
		}
		if err := checkParams(params, abi.AttrECCPublicValueX, abi.AttrECCPublicValueY, abi.AttrECCCurve); err != nil {
			return err
		}
		out, err = ecdhDerive(key.(*eccKey), params)
	case kX25519:
		if err := need(abi.AttrX25519PublicValue); err != nil {
			return err
		}
		if err := checkParams(params, abi.AttrX25519PublicValue); err != nil {
			return err
		}
		var peer *ecdh.PublicKey
		if peer, err = ecdh.X25519().NewPublicKey(attrRef(params, abi.AttrX25519PublicValue)); err != nil {
			return badParam("X25519 peer: %v", err)
		}
		if out, err = key.(*ecdh.PrivateKey).ECDH(peer); err != nil {
			return badParam("X25519: %v", err)
		}
	case kHKDFGP:
		if err := checkParams(params, abi.AttrHKDFSalt, abi.AttrHKDFInfo, abi.AttrHKDFHashAlgorithm, abi.AttrKDFKeySize); err != nil {
			return err
		}
		h := crypto.SHA256
		if a, ok := findAttr(params, abi.AttrHKDFHashAlgorithm); ok {
			var ok2 bool
			if h, ok2 = hashOfAlg(a.A); !ok2 {
				return badParam("HKDF hash %#x", a.A)
			}
		}
		n := int(derived.maxSize / 8)
		if a, ok := findAttr(params, abi.AttrKDFKeySize); ok {
			n = int(a.A)
		}
		out, err = hkdfDerive(h, op.keys[0].secret, attrRef(params, abi.AttrHKDFSalt), attrRef(params, abi.AttrHKDFInfo), n)
	case kHKDF:
		if err := need(abi.AttrHKDFOKMLength); err != nil {
			return err
		}
		if err := checkParams(params, abi.OPTEEAttrHKDFSalt, abi.OPTEEAttrHKDFInfo, abi.AttrHKDFSalt, abi.AttrHKDFInfo, abi.AttrHKDFOKMLength); err != nil {
			return err
		}
		salt, info := attrRef(params, abi.OPTEEAttrHKDFSalt), attrRef(params, abi.OPTEEAttrHKDFInfo)
		if s := attrRef(params, abi.AttrHKDFSalt); s != nil {
			salt = s
		}
		if i := attrRef(params, abi.AttrHKDFInfo); i != nil {
			info = i
		}
		l, _ := findAttr(params, abi.AttrHKDFOKMLength)
		out, err = hkdfDerive(op.alg.hash, op.keys[0].secret, salt, info, int(l.A))
	case kConcatKDF:
		if err := need(abi.AttrConcatKDFDKMLength); err != nil {
			return err
		}
		if err := checkParams(params, abi.AttrConcatKDFOtherInfo, abi.AttrConcatKDFDKMLength); err != nil {
			return err
		}
		l, _ := findAttr(params, abi.AttrConcatKDFDKMLength)
		out, err = concatKDF(op.alg.hash, op.keys[0].secret, attrRef(params, abi.AttrConcatKDFOtherInfo), int(l.A))
	case kPBKDF2:
		if err := need(abi.AttrPBKDF2IterationCount, abi.AttrPBKDF2DKMLength); err != nil {
			return err
		}
		if err := checkParams(params, abi.AttrPBKDF2Salt, abi.AttrPBKDF2IterationCount, abi.AttrPBKDF2DKMLength); err != nil {
			return err
		}
		it, _ := findAttr(params, abi.AttrPBKDF2IterationCount)
		l, _ := findAttr(params, abi.AttrPBKDF2DKMLength)
		if it.A == 0 || l.A == 0 || l.A > 4096/8 {
			return badParam("PBKDF2 iteration count %d or length %d", it.A, l.A)
		}
		out, err = pbkdf2.Key(sha1.New, string(op.keys[0].secret), attrRef(params, abi.AttrPBKDF2Salt), int(it.A), int(l.A))
		if err != nil {
			err = badParam("PBKDF2: %v", err)
		}
	case kX448:
		if err := need(abi.AttrX448PublicValue); err != nil {
			return err
		}
		if err := checkParams(params, abi.AttrX448PublicValue); err != nil {
			return err
		}
		out, err = x448Derive(key.(*x448Key), attrRef(params, abi.AttrX448PublicValue))
	case kSM2KEP:
		out, err = op.sm2KEPDerive(params, derived)
	default:
		return panicf(fn, sec, "%s has no derivation", op.alg.name)
	}
	if err != nil {
		return err
	}
	defer wipe(out)
	if uint32(len(out))*8 > derived.maxSize || !derived.typ.validSize(uint32(len(out))*8) {
		return panicf(fn, sec, "a %d-bit result does not fit the %s object (max %d)", len(out)*8, derived.typ.name, derived.maxSize)
	}
	return derived.Populate([]Attribute{{ID: abi.AttrSecretValue, Ref: out}})
}

func dhDerive(k *dhKey, peer *big.Int) ([]byte, error) {
	pm1 := new(big.Int).Sub(k.p, bigOne)
	if peer.Cmp(bigOne) <= 0 || peer.Cmp(pm1) >= 0 {
		return nil, badParam("DH peer public value out of range")
	}
	z := new(big.Int).Exp(peer, k.x, k.p)
	return z.FillBytes(make([]byte, (k.p.BitLen()+7)/8)), nil
}

func ecdhDerive(k *eccKey, params []Attribute) ([]byte, error) {
	if ca, ok := findAttr(params, abi.AttrECCCurve); ok && ca.A != k.curve.id {
		return nil, badParam("peer curve differs from the key's")
	}
	n := k.curve.byteLen
	x, y := leftPad(attrRef(params, abi.AttrECCPublicValueX), n), leftPad(attrRef(params, abi.AttrECCPublicValueY), n)
	if x == nil || y == nil {
		return nil, badParam("peer coordinate longer than the curve")
	}
	pt := append(append([]byte{4}, x...), y...)
	if k.curve.ecdh != nil {
		peer, err := k.curve.ecdh.NewPublicKey(pt) // checks the point is on the curve
		if err != nil {
			return nil, badParam("ECDH peer point: %v", err)
		}
		priv, err := k.priv.ECDH()
		if err != nil {
			return nil, newErr(abi.ErrGeneric, "ECDH: %v", err)
		}
		z, err := priv.ECDH(peer)
		if err != nil {
			return nil, badParam("ECDH: %v", err)
		}
		return z, nil
	}
	// P-224, which crypto/ecdh lacks: crypto/ecdsa checks the point, and
	// crypto/elliptic's P-224 (the constant-time nistec implementation
	// underneath) multiplies.
	pub, err := parseUncompressed(k, pt)
	if err != nil {
		return nil, err
	}
	d, err := k.priv.Bytes()
	if err != nil {
		return nil, newErr(abi.ErrGeneric, "ECDH: %v", err)
	}
	defer wipe(d)
	zx, _ := k.curve.ec.ScalarMult(pub.X, pub.Y, d) //nolint:staticcheck // P-224 has no crypto/ecdh
	return zx.FillBytes(make([]byte, n)), nil
}

func hkdfDerive(h crypto.Hash, ikm, salt, info []byte, n int) ([]byte, error) {
	if n <= 0 || n > 255*h.Size() {
		return nil, badParam("HKDF output of %d bytes", n)
	}
	out, err := hkdf.Key(func() hash.Hash { return newHash(h) }, ikm, salt, string(info), n)
	if err != nil {
		return nil, badParam("HKDF: %v", err)
	}
	return out, nil
}

// concatKDF is the single-step KDF of NIST SP 800-56A Rev. 3 §5.8.1 with a
// hash: H(counter || Z || OtherInfo) for counter = 1, 2, ..., truncated to
// n bytes.
func concatKDF(h crypto.Hash, z, other []byte, n int) ([]byte, error) {
	if n <= 0 || n > 4096/8 {
		return nil, badParam("Concat KDF output of %d bytes", n)
	}
	out := make([]byte, 0, n+h.Size())
	var ctr [4]byte
	for i := uint32(1); len(out) < n; i++ {
		binary.BigEndian.PutUint32(ctr[:], i)
		d := newHash(h)
		d.Write(ctr[:])
		d.Write(z)
		d.Write(other)
		out = d.Sum(out)
	}
	return out[:n], nil
}

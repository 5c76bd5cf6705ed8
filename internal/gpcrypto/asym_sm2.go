package gpcrypto

import (
	"bytes"
	"crypto/rand"
	"errors"
	"io"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto/sm"
)

// SM2 (GB/T 32918) through internal/gpcrypto/sm, in OP-TEE's byte formats:
// signatures r || s (64 bytes), ciphertexts C1 || C2 || C3, keys as 32-byte
// big-endian coordinates and scalar.

// sm2Key is an SM2 key of any of the three SM2 object types.
type sm2Key struct {
	d, x, y []byte // d is nil for a public key
}

func parseSM2(t *objType, attrs []Attribute) (uint32, any, error) {
	x, y := leftPad(attrRef(attrs, abi.AttrECCPublicValueX), 32), leftPad(attrRef(attrs, abi.AttrECCPublicValueY), 32)
	if x == nil || y == nil {
		return 0, nil, badParam("SM2 coordinate longer than 32 bytes")
	}
	k := &sm2Key{x: x, y: y}
	if t.keypair {
		k.d = leftPad(attrRef(attrs, abi.AttrECCPrivateValue), 32)
		if k.d == nil || sm.SM2CheckKeyPair(k.d, x, y) != nil {
			return 0, nil, badParam("SM2 key pair inconsistent or off the curve")
		}
		return 256, k, nil
	}
	// The sm package checks a public point when it is used; verifying a
	// dummy digest answers ErrKey for a point off the curve and something
	// else for a valid point.
	if errors.Is(sm.SM2VerifyDigest(x, y, make([]byte, 32), make([]byte, 64)), sm.ErrKey) {
		return 0, nil, badParam("SM2 public point not on the curve")
	}
	return 256, k, nil
}

func generateSM2(t *objType, size uint32, params []Attribute, r io.Reader) ([]Attribute, error) {
	if len(params) != 0 {
		return nil, badParam("SM2 keys take no generation parameters")
	}
	d, x, y, err := sm.SM2GenerateKey(r)
	if err != nil {
		return nil, newErr(abi.ErrGeneric, "SM2 generation: %v", err)
	}
	return []Attribute{{ID: abi.AttrECCPublicValueX, Ref: x}, {ID: abi.AttrECCPublicValueY, Ref: y}, {ID: abi.AttrECCPrivateValue, Ref: d}}, nil
}

func (op *Operation) sm2Sign(key any, params []Attribute, digest []byte) ([]byte, error) {
	k := key.(*sm2Key)
	if k.d == nil {
		return nil, panicf("TEE_AsymmetricSignDigest", "§6.8.2", "not a key pair")
	}
	if err := checkParams(params); err != nil {
		return nil, err
	}
	s, err := sm.SM2SignDigest(rand.Reader, k.d, digest)
	if err != nil {
		return nil, badParam("SM2: %v", err)
	}
	return s, nil
}

func (op *Operation) sm2Verify(key any, params []Attribute, digest, sig []byte) error {
	k := key.(*sm2Key)
	if err := checkParams(params); err != nil {
		return err
	}
	if sm.SM2VerifyDigest(k.x, k.y, digest, sig) != nil {
		return ErrSignatureInvalid
	}
	return nil
}

func (op *Operation) sm2Encrypt(key any, params []Attribute, in []byte) ([]byte, error) {
	k := key.(*sm2Key)
	if err := checkParams(params); err != nil {
		return nil, err
	}
	ct, err := sm.SM2Encrypt(rand.Reader, k.x, k.y, in)
	if err != nil {
		return nil, badParam("SM2: %v", err)
	}
	return ct, nil
}

func (op *Operation) sm2Decrypt(key any, params []Attribute, in []byte) ([]byte, error) {
	k := key.(*sm2Key)
	if k.d == nil {
		return nil, panicf("TEE_AsymmetricDecrypt", "§6.8.1", "not a key pair")
	}
	if err := checkParams(params); err != nil {
		return nil, err
	}
	pt, err := sm.SM2Decrypt(k.d, in)
	if err != nil {
		return nil, badParam("SM2 decryption failed")
	}
	return pt, nil
}

// sm2KEPDerive runs TEE_ALG_SM2_KEP (GP §6.9.1, Table 6-?): keys[0] is
// this side's static key pair, keys[1] its ephemeral key pair. Parameters:
// the peer's static point (TEE_ATTR_ECC_PUBLIC_VALUE_X/_Y) and ephemeral
// point (TEE_ATTR_ECC_EPHEMERAL_PUBLIC_VALUE_X/_Y, or OP-TEE's historical
// ids), TEE_ATTR_SM2_ID_INITIATOR and _RESPONDER, TEE_ATTR_SM2_KEP_USER
// (value a: 0 initiator, 1 responder), and optionally
// TEE_ATTR_SM2_KEP_CONFIRMATION_IN (the peer's confirmation, checked) and
// TEE_ATTR_SM2_KEP_CONFIRMATION_OUT (a buffer of at least 32 bytes that
// receives this side's confirmation, in place). The shared key fills
// derived's maxObjectSize.
func (op *Operation) sm2KEPDerive(params []Attribute, derived *Object) ([]byte, error) {
	const fn, sec = "TEE_DeriveKey", "§6.9.1"
	alias := func(id, old uint32) []byte {
		if b := attrRef(params, id); b != nil {
			return b
		}
		return attrRef(params, old)
	}
	px, py := attrRef(params, abi.AttrECCPublicValueX), attrRef(params, abi.AttrECCPublicValueY)
	ex := alias(abi.AttrECCEphemeralPublicValueX, abi.OPTEEAttrSM2KEPECCEphemeralPublicValueX)
	ey := alias(abi.AttrECCEphemeralPublicValueY, abi.OPTEEAttrSM2KEPECCEphemeralPublicValueY)
	idA, idB := attrRef(params, abi.AttrSM2IDInitiator), attrRef(params, abi.AttrSM2IDResponder)
	user, hasUser := findAttr(params, abi.AttrSM2KEPUser)
	if px == nil || py == nil || ex == nil || ey == nil || idA == nil || idB == nil || !hasUser {
		return nil, panicf(fn, sec, "SM2 KEP: a mandatory parameter is missing")
	}
	if err := checkParams(params, abi.AttrECCPublicValueX, abi.AttrECCPublicValueY, abi.AttrECCEphemeralPublicValueX,
		abi.AttrECCEphemeralPublicValueY, abi.OPTEEAttrSM2KEPECCEphemeralPublicValueX, abi.OPTEEAttrSM2KEPECCEphemeralPublicValueY,
		abi.AttrSM2IDInitiator, abi.AttrSM2IDResponder, abi.AttrSM2KEPUser, abi.AttrSM2KEPConfirmationIn,
		abi.AttrSM2KEPConfirmationOut); err != nil {
		return nil, err
	}
	p := sm.SM2KEP{Initiator: user.A == 0, InitiatorID: idA, ResponderID: idB, KeyLen: int(derived.maxSize / 8),
		ConfirmationIn: attrRef(params, abi.AttrSM2KEPConfirmationIn)}
	own, eph := op.keys[0].key.(*sm2Key), op.keys[1].key.(*sm2Key)
	key, conf, err := sm.SM2KeyExchange(own.d, eph.d, px, py, ex, ey, p)
	switch {
	case errors.Is(err, sm.ErrConfirmation):
		return nil, newErr(abi.ErrSignatureInvalid, "SM2 KEP: the peer's confirmation does not match")
	case err != nil:
		return nil, badParam("SM2 KEP: %v", err)
	}
	for i := range params {
		if params[i].ID == abi.AttrSM2KEPConfirmationOut {
			if len(params[i].Ref) < len(conf) {
				return nil, shortBuffer(len(conf))
			}
			copy(params[i].Ref, conf)
		}
	}
	return bytes.Clone(key), nil
}

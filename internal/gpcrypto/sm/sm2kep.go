package sm

import (
	"crypto/subtle"

	"github.com/emmansun/gmsm/ecdh"
	"github.com/emmansun/gmsm/sm3"
)

// SM2KEP holds one side's inputs to the SM2 key exchange (GB/T
// 32918.3-2016 §6.1) as GP's TEE_DeriveKey takes them for TEE_ALG_SM2_KEP:
// TEE_ATTR_SM2_KEP_USER, TEE_ATTR_SM2_ID_INITIATOR and _RESPONDER,
// TEE_ATTR_SM2_KEP_CONFIRMATION_IN.
type SM2KEP struct {
	Initiator   bool   // this side is user A
	InitiatorID []byte // ID_A
	ResponderID []byte // ID_B
	KeyLen      int    // bytes of shared key wanted (klen / 8)
	// ConfirmationIn is the peer's confirmation value (S_B on the
	// initiator, S_A on the responder), checked if not nil; at least 32
	// bytes, of which the first 32 count, as in OP-TEE.
	ConfirmationIn []byte
}

// SM2KeyExchange runs the key agreement for one side, as OP-TEE's
// crypto_acipher_sm2_kep_derive does (core/lib/libtomcrypt/sm2-kep.c): own
// static private key d, own ephemeral private key ephD, the peer's static
// public point (peerX, peerY) and ephemeral point (peerEphX, peerEphY). It
// returns the shared key K (KDF(x_U || y_U || Z_A || Z_B, KeyLen)) and this
// side's confirmation value (S_A from the initiator, S_B from the
// responder: SM3(flag || y_U || SM3(x_U || Z_A || Z_B || x_1 || y_1 || x_2 ||
// y_2))), which the caller sends or drops.
//
// Errors: ErrKey (a key malformed or a point off the curve), ErrParam
// (KeyLen < 1, an ID over 8191 bytes, ConfirmationIn shorter than 32 bytes),
// ErrConfirmation (ConfirmationIn does not match; compared in constant
// time).
func SM2KeyExchange(d, ephD, peerX, peerY, peerEphX, peerEphY []byte, p SM2KEP) (key, confirmation []byte, err error) {
	if p.KeyLen < 1 || len(p.InitiatorID) > 8191 || len(p.ResponderID) > 8191 ||
		(p.ConfirmationIn != nil && len(p.ConfirmationIn) < SM3Size) {
		return nil, nil, ErrParam
	}
	curve := ecdh.P256()
	own, err := ecdhPrivate(curve, d)
	if err != nil {
		return nil, nil, err
	}
	eph, err := ecdhPrivate(curve, ephD)
	if err != nil {
		return nil, nil, err
	}
	peer, err := ecdhPublic(curve, peerX, peerY)
	if err != nil {
		return nil, nil, err
	}
	peerEph, err := ecdhPublic(curve, peerEphX, peerEphY)
	if err != nil {
		return nil, nil, err
	}
	// Steps A4-A7 / B3-B6: U = [h·t](P_peer + [x̄_peer]R_peer), not infinity.
	u, err := own.SM2MQV(eph, peer, peerEph)
	if err != nil {
		return nil, nil, ErrKey
	}
	ownID, peerID := p.InitiatorID, p.ResponderID
	if !p.Initiator {
		ownID, peerID = peerID, ownID
	}
	// Step A8 / B7.
	key, err = u.SM2SharedKey(!p.Initiator, p.KeyLen, own.PublicKey(), peer, ownID, peerID)
	if err != nil {
		return nil, nil, ErrKey
	}

	// Steps A9-A10 / B8-B10: the confirmation hashes.
	za, err := own.PublicKey().SM2ZA(sm3.New(), ownID)
	if err != nil {
		return nil, nil, ErrKey
	}
	zb, err := peer.SM2ZA(sm3.New(), peerID)
	if err != nil {
		return nil, nil, ErrKey
	}
	r1, r2 := eph.PublicKey().Bytes()[1:], peerEph.Bytes()[1:]
	if !p.Initiator {
		za, zb = zb, za
		r1, r2 = r2, r1
	}
	ub := u.Bytes()[1:] // x_U || y_U
	h := sm3.New()
	h.Write(ub[:32])
	h.Write(za)
	h.Write(zb)
	h.Write(r1)
	h.Write(r2)
	inner := h.Sum(nil)
	s := func(flag byte) []byte {
		h := sm3.New()
		h.Write([]byte{flag})
		h.Write(ub[32:])
		h.Write(inner)
		return h.Sum(nil)
	}
	inFlag, outFlag := byte(0x02), byte(0x03)
	if !p.Initiator {
		inFlag, outFlag = outFlag, inFlag
	}
	if p.ConfirmationIn != nil && subtle.ConstantTimeCompare(s(inFlag), p.ConfirmationIn[:SM3Size]) != 1 {
		clear(key)
		return nil, nil, ErrConfirmation
	}
	return key, s(outFlag), nil
}

func ecdhPrivate(c ecdh.Curve, d []byte) (*ecdh.PrivateKey, error) {
	k, err := scalar32(d)
	if err != nil {
		return nil, err
	}
	priv, err := c.NewPrivateKey(k)
	clear(k)
	if err != nil {
		return nil, ErrKey
	}
	return priv, nil
}

func ecdhPublic(c ecdh.Curve, x, y []byte) (*ecdh.PublicKey, error) {
	p, err := uncompressed(x, y)
	if err != nil {
		return nil, err
	}
	pub, err := c.NewPublicKey(p)
	if err != nil {
		return nil, ErrKey
	}
	return pub, nil
}

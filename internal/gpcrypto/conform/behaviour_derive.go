package conform

import (
	"bytes"
	"crypto"
	"crypto/ecdh"
	"crypto/hkdf"
	"crypto/pbkdf2"
	"encoding/binary"
	"math/big"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto"
)

// KeyAgreementBehaviour: both sides of DH, ECDH on every NIST curve GP
// and Veritee support, X25519, X448 and SM2 KEP derive the same secret,
// which matches crypto/ecdh or math/big where Go has the scheme; a bad
// peer value and a derived object too small are refused.
func KeyAgreementBehaviour(t *testing.T, api API) {
	for _, c := range []struct {
		curve, bits uint32
		ecdh        ecdh.Curve
	}{{abi.ECCCurveNISTP224, 224, nil}, {abi.ECCCurveNISTP256, 256, ecdh.P256()}, {abi.ECCCurveNISTP384, 384, ecdh.P384()},
		{abi.ECCCurveNISTP521, 521, ecdh.P521()}} {
		t.Run("ECDH-"+curveName(c.curve), func(t *testing.T) {
			e := env{t, api}
			a := e.eccKey(abi.TypeECDHKeypair, abi.TypeECDHPublicKey, c.curve, c.bits)
			b := e.eccKey(abi.TypeECDHKeypair, abi.TypeECDHPublicKey, c.curve, c.bits)
			peer := func(k keyPair) []gpcrypto.Attribute {
				return []gpcrypto.Attribute{ref(abi.AttrECCPublicValueX, attrOf(k.pub, abi.AttrECCPublicValueX)),
					ref(abi.AttrECCPublicValueY, attrOf(k.pub, abi.AttrECCPublicValueY))}
			}
			outBits := (c.bits + 7) / 8 * 8
			za := e.agree(abi.AlgECDHDeriveSharedSecret, a, outBits, peer(b))
			zb := e.agree(abi.AlgECDHDeriveSharedSecret, b, outBits, peer(a))
			if !bytes.Equal(za, zb) || len(za) != int(outBits/8) {
				t.Errorf("secrets differ: %x, %x", za, zb)
			}
			if c.ecdh != nil {
				n := int(outBits / 8)
				priv, err := c.ecdh.NewPrivateKey(leftPad(attrOf(a.pair, abi.AttrECCPrivateValue), n))
				pt := append(append([]byte{4}, leftPad(attrOf(b.pub, abi.AttrECCPublicValueX), n)...), leftPad(attrOf(b.pub, abi.AttrECCPublicValueY), n)...)
				pb, err2 := c.ecdh.NewPublicKey(pt)
				if err != nil || err2 != nil {
					t.Fatal(err, err2)
				}
				if want, _ := priv.ECDH(pb); !bytes.Equal(za, want) {
					t.Errorf("secret %x, crypto/ecdh %x", za, want)
				}
			}
			bad := peer(b)
			bad[1].Ref = append([]byte(nil), bad[1].Ref...)
			bad[1].Ref[len(bad[1].Ref)-1] ^= 1
			e.rejected("peer point off the curve", e.agreeErr(abi.AlgECDHDeriveSharedSecret, a, outBits, bad), abi.ErrBadParameters)
			e.panics("derived object too small", e.agreeErr(abi.AlgECDHDeriveSharedSecret, a, 64, peer(b)))
			e.panics("peer point without Y", e.agreeErr(abi.AlgECDHDeriveSharedSecret, a, outBits, peer(b)[:1]))
		})
	}
	t.Run("X25519", func(t *testing.T) {
		e := env{t, api}
		ids := []uint32{abi.AttrX25519PrivateValue, abi.AttrX25519PublicValue}
		a := e.generated(abi.TypeX25519Keypair, abi.TypeX25519PublicKey, 256, ids, ids[1:], nil)
		b := e.generated(abi.TypeX25519Keypair, abi.TypeX25519PublicKey, 256, ids, ids[1:], nil)
		peer := func(k keyPair) []gpcrypto.Attribute { return k.pub }
		za, zb := e.agree(abi.AlgX25519, a, 256, peer(b)), e.agree(abi.AlgX25519, b, 256, peer(a))
		priv, _ := ecdh.X25519().NewPrivateKey(attrOf(a.pair, abi.AttrX25519PrivateValue))
		pb, _ := ecdh.X25519().NewPublicKey(attrOf(b.pub, abi.AttrX25519PublicValue))
		want, _ := priv.ECDH(pb)
		if !bytes.Equal(za, zb) || !bytes.Equal(za, want) {
			t.Errorf("secrets %x, %x, crypto/ecdh %x", za, zb, want)
		}
		e.rejected("low-order peer", e.agreeErr(abi.AlgX25519, a, 256, []gpcrypto.Attribute{ref(abi.AttrX25519PublicValue, make([]byte, 32))}),
			abi.ErrBadParameters)
	})
	t.Run("X448", func(t *testing.T) {
		e := env{t, api}
		ids := []uint32{abi.AttrX448PrivateValue, abi.AttrX448PublicValue}
		a := e.generated(abi.TypeX448Keypair, abi.TypeX448PublicKey, 448, ids, ids[1:], nil)
		b := e.generated(abi.TypeX448Keypair, abi.TypeX448PublicKey, 448, ids, ids[1:], nil)
		za, zb := e.agree(abi.AlgX448, a, 448, b.pub), e.agree(abi.AlgX448, b, 448, a.pub)
		if !bytes.Equal(za, zb) || len(za) != 56 {
			t.Errorf("secrets differ: %x, %x", za, zb)
		}
		e.rejected("low-order peer", e.agreeErr(abi.AlgX448, a, 448, []gpcrypto.Attribute{ref(abi.AttrX448PublicValue, make([]byte, 56))}),
			abi.ErrBadParameters)
	})
	t.Run("DH", func(t *testing.T) {
		e := env{t, api}
		p, q, g := dsaDomain(t)
		ids := []uint32{abi.AttrDHPrime, abi.AttrDHBase, abi.AttrDHPublicValue, abi.AttrDHPrivateValue}
		gen := func() keyPair {
			k := e.generated(abi.TypeDHKeypair, abi.TypeDHKeypair, 2048, ids, nil, nil,
				ref(abi.AttrDHPrime, p), ref(abi.AttrDHBase, g), ref(abi.AttrDHSubprime, q))
			k.pub = []gpcrypto.Attribute{ref(abi.AttrDHPublicValue, attrOf(k.pair, abi.AttrDHPublicValue))}
			return k
		}
		a, b := gen(), gen()
		za, zb := e.agree(abi.AlgDHDeriveSharedSecret, a, 2048, b.pub), e.agree(abi.AlgDHDeriveSharedSecret, b, 2048, a.pub)
		P := new(big.Int).SetBytes(p)
		want := new(big.Int).Exp(new(big.Int).SetBytes(attrOf(b.pub, abi.AttrDHPublicValue)),
			new(big.Int).SetBytes(attrOf(a.pair, abi.AttrDHPrivateValue)), P)
		if !bytes.Equal(za, zb) || !bytes.Equal(stripLead(za), want.Bytes()) {
			t.Errorf("secrets %x, %x, math/big %x", za, zb, want.Bytes())
		}
		e.rejected("peer value 1", e.agreeErr(abi.AlgDHDeriveSharedSecret, a, 2048, []gpcrypto.Attribute{ref(abi.AttrDHPublicValue, []byte{1})}),
			abi.ErrBadParameters)
	})
	t.Run("SM2-KEP", func(t *testing.T) { sm2KEP(t, api) })
}

// agree derives with key pair k against peer into a generic secret.
func (e env) agree(alg uint32, k keyPair, outBits uint32, peer []gpcrypto.Attribute) []byte {
	e.t.Helper()
	pair := e.object(k.pairType, k.bits, k.pair...)
	defer pair.Close()
	z, err := e.derive(alg, k.bits, outBits, peer, pair)
	if err != nil {
		e.t.Fatalf("DeriveKey(%s): %v", algName(alg), err)
	}
	return z
}

// agreeErr is agree's error, for the cases that must fail.
func (e env) agreeErr(alg uint32, k keyPair, outBits uint32, peer []gpcrypto.Attribute) error {
	e.t.Helper()
	pair := e.object(k.pairType, k.bits, k.pair...)
	_, err := e.derive(alg, k.bits, outBits, peer, pair)
	return err
}

func curveName(id uint32) string {
	return map[uint32]string{abi.ECCCurveNISTP224: "P224", abi.ECCCurveNISTP256: "P256", abi.ECCCurveNISTP384: "P384",
		abi.ECCCurveNISTP521: "P521"}[id]
}

// sm2KEP: GB/T 32918.3 key exchange between two parties, each with a
// static and an ephemeral key; both derive the same key. A confirmation
// value that is not the peer's is refused. (The confirmation each side
// computes is an output attribute, which a TA backend does not return to
// the client, so the suite checks agreement without exchanging them.)
func sm2KEP(t *testing.T, api API) {
	e := env{t, api}
	gen := func() keyPair {
		return e.generated(abi.TypeSM2KEPKeypair, abi.TypeSM2KEPPublicKey, 256, eccPairIDs, eccPubIDs, nil)
	}
	sa, ea, sb, eb := gen(), gen(), gen(), gen()
	side := func(static, eph, peerS, peerE keyPair, user uint32, confIn []byte) ([]byte, error) {
		params := []gpcrypto.Attribute{
			ref(abi.AttrECCPublicValueX, attrOf(peerS.pub, abi.AttrECCPublicValueX)),
			ref(abi.AttrECCPublicValueY, attrOf(peerS.pub, abi.AttrECCPublicValueY)),
			ref(abi.AttrECCEphemeralPublicValueX, attrOf(peerE.pub, abi.AttrECCPublicValueX)),
			ref(abi.AttrECCEphemeralPublicValueY, attrOf(peerE.pub, abi.AttrECCPublicValueY)),
			ref(abi.AttrSM2IDInitiator, []byte("ALICE123@YAHOO.COM")), ref(abi.AttrSM2IDResponder, []byte("BILL456@YAHOO.COM")),
			val(abi.AttrSM2KEPUser, user, 0),
		}
		if confIn != nil {
			params = append(params, ref(abi.AttrSM2KEPConfirmationIn, confIn))
		}
		s, ephem := e.object(static.pairType, 256, static.pair...), e.object(eph.pairType, 256, eph.pair...)
		return e.derive(abi.AlgSM2KEP, 256, 128, params, s, ephem)
	}
	ka, err1 := side(sa, ea, sb, eb, 0, nil)
	kb, err2 := side(sb, eb, sa, ea, 1, nil)
	if err1 != nil || err2 != nil || !bytes.Equal(ka, kb) || len(ka) != 16 {
		t.Errorf("keys %x, %x: %v, %v", ka, kb, err1, err2)
	}
	_, err := side(sa, ea, sb, eb, 0, pattern(32))
	e.rejected("a confirmation that is not the peer's", err, abi.ErrSignatureInvalid)
	op, err := api.NewOperation(abi.AlgSM2KEP, abi.ModeDerive, 256)
	if e.ok("AllocateOperation", err) {
		e.panics("SetOperationKey on SM2 KEP (two keys)", op.SetKey(e.object(sa.pairType, 256, sa.pair...)))
	}
}

// KDFBehaviour: HKDF under GP's identifier with every hash it takes, and
// under OP-TEE's, against crypto/hkdf; Concat KDF with every hash against
// NIST SP 800-56A's single-step KDF computed here; PBKDF2 against
// crypto/pbkdf2; and the misuse GP makes panic.
func KDFBehaviour(t *testing.T, api API) {
	e := env{t, api}
	ikm, salt, info := pattern(32), pattern(16)[3:], []byte("info")
	for _, c := range []struct {
		digest uint32
		h      crypto.Hash
		optee  uint32
	}{{abi.AlgSHA1, crypto.SHA1, abi.AlgHKDFSHA1DeriveKey}, {abi.AlgSHA224, crypto.SHA224, abi.AlgHKDFSHA224DeriveKey},
		{abi.AlgSHA256, crypto.SHA256, abi.AlgHKDFSHA256DeriveKey}, {abi.AlgSHA384, crypto.SHA384, abi.AlgHKDFSHA384DeriveKey},
		{abi.AlgSHA512, crypto.SHA512, abi.AlgHKDFSHA512DeriveKey}} {
		want, _ := hkdf.Key(c.h.New, ikm, salt, string(info), 50)
		k := e.secret(abi.TypeHKDF, ikm)
		got, err := e.derive(abi.AlgHKDF, 256, 400, []gpcrypto.Attribute{ref(abi.AttrHKDFSalt, salt), ref(abi.AttrHKDFInfo, info),
			val(abi.AttrHKDFHashAlgorithm, c.digest, 0), val(abi.AttrKDFKeySize, 50, 0)}, k)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("HKDF with %s: %x, %v; crypto/hkdf %x", algName(c.digest), got, err, want)
		}
		ki := e.secret(abi.TypeHKDFIKM, ikm)
		got, err = e.derive(c.optee, 256, 400, []gpcrypto.Attribute{ref(abi.OPTEEAttrHKDFSalt, salt), ref(abi.OPTEEAttrHKDFInfo, info),
			val(abi.AttrHKDFOKMLength, 50, 0)}, ki)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: %x, %v; crypto/hkdf %x", algName(c.optee), got, err, want)
		}
		k.Close()
		ki.Close()
	}
	for _, c := range []struct {
		alg uint32
		h   crypto.Hash
	}{{abi.AlgConcatKDFSHA1DeriveKey, crypto.SHA1}, {abi.AlgConcatKDFSHA224DeriveKey, crypto.SHA224},
		{abi.AlgConcatKDFSHA256DeriveKey, crypto.SHA256}, {abi.AlgConcatKDFSHA384DeriveKey, crypto.SHA384},
		{abi.AlgConcatKDFSHA512DeriveKey, crypto.SHA512}} {
		z, other := []byte("shared secret Z"), []byte("other info")
		var want []byte
		for i := uint32(1); len(want) < 100; i++ {
			want = append(want, hashOf(c.h, append(append(binary.BigEndian.AppendUint32(nil, i), z...), other...))...)
		}
		k := e.secret(abi.TypeConcatKDFZ, z)
		got, err := e.derive(c.alg, uint32(len(z)*8), 800, []gpcrypto.Attribute{ref(abi.AttrConcatKDFOtherInfo, other),
			val(abi.AttrConcatKDFDKMLength, 100, 0)}, k)
		if err != nil || !bytes.Equal(got, want[:100]) {
			t.Errorf("%s: %x, %v; want %x", algName(c.alg), got, err, want[:100])
		}
		k.Close()
	}
	for _, iter := range []uint32{1, 1000} {
		want, _ := pbkdf2.Key(crypto.SHA1.New, "passphrase", salt, int(iter), 37)
		k := e.secret(abi.TypePBKDF2Password, []byte("passphrase"))
		got, err := e.derive(abi.AlgPBKDF2HMACSHA1DeriveKey, 80, 296, []gpcrypto.Attribute{ref(abi.AttrPBKDF2Salt, salt),
			val(abi.AttrPBKDF2IterationCount, iter, 0), val(abi.AttrPBKDF2DKMLength, 37, 0)}, k)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("PBKDF2, %d iterations: %x, %v; crypto/pbkdf2 %x", iter, got, err, want)
		}
		k.Close()
	}

	pbkdf2Params := []gpcrypto.Attribute{ref(abi.AttrPBKDF2Salt, salt), val(abi.AttrPBKDF2IterationCount, 2, 0),
		val(abi.AttrPBKDF2DKMLength, 20, 0)}
	_, err := e.derive(abi.AlgPBKDF2HMACSHA1DeriveKey, 80, 160, nil, e.secret(abi.TypePBKDF2Password, []byte("passphrase")))
	e.panics("PBKDF2 without its parameters", err)
	_, err = e.derive(abi.AlgPBKDF2HMACSHA1DeriveKey, 80, 64, pbkdf2Params, e.secret(abi.TypePBKDF2Password, []byte("passphrase")))
	e.panics("derived object smaller than the key asked for", err)
	op, err := api.NewOperation(abi.AlgHKDFSHA256DeriveKey, abi.ModeDerive, 256)
	if e.ok("AllocateOperation", err) {
		e.panics("wrong key type", op.SetKey(e.secret(abi.TypeAES, pattern(32))))
	}
	e.panics("DeriveKey before a key is set", func() error {
		op, err := api.NewOperation(abi.AlgPBKDF2HMACSHA1DeriveKey, abi.ModeDerive, 80)
		if err != nil {
			return err
		}
		out, err := api.NewObject(abi.TypeGenericSecret, 160)
		if err != nil {
			return err
		}
		return op.DeriveKey(pbkdf2Params, out)
	}())
	_, err = e.derive(abi.AlgPBKDF2HMACSHA1DeriveKey, 80, 160, pbkdf2Params, e.secret(abi.TypePBKDF2Password, []byte("passphrase")))
	e.ok("PBKDF2 after the misuse", err)
}

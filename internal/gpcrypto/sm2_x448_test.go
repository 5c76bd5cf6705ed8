package gpcrypto

import (
	"bytes"
	"errors"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

func TestSM2PKE(t *testing.T) {
	t.Parallel()
	pair := genKey(t, abi.TypeSM2PKEKeypair, 256)
	pub := publicOf(t, pair, abi.TypeSM2PKEPublicKey)
	enc := keyedOp(t, abi.AlgSM2PKE, abi.ModeEncrypt, pub)
	dec := keyedOp(t, abi.AlgSM2PKE, abi.ModeDecrypt, pair)
	msg := []byte("encryption standard")
	_, err := enc.AsymmetricEncrypt(nil, msg, make([]byte, 10))
	need, ok := NeededSize(err)
	if !ok || need != 64+1+len(msg)+32-1 && need != 65+len(msg)+32 {
		t.Errorf("short buffer: %v", err)
	}
	ct := make([]byte, need)
	n, err := enc.AsymmetricEncrypt(nil, msg, ct)
	if err != nil {
		t.Fatal(err)
	}
	pt := make([]byte, 64)
	m, err := dec.AsymmetricDecrypt(nil, ct[:n], pt)
	if err != nil || !bytes.Equal(pt[:m], msg) {
		t.Errorf("round trip: %q, %v", pt[:m], err)
	}
	ct[n-1] ^= 1
	if _, err := dec.AsymmetricDecrypt(nil, ct[:n], pt); !errors.Is(err, ErrBadParameters) {
		t.Errorf("tampered: %v", err)
	}
	d2, _ := NewOperation(abi.AlgSM2PKE, abi.ModeDecrypt, 256)
	mustPanic(t, "decrypt with a public key", d2.SetKey(pub))
	mustPanic(t, "DSA key on PKE", d2.SetKey(genKey(t, abi.TypeSM2DSAKeypair, 256)))
	// A point off the curve is refused by Populate.
	o, _ := NewObject(abi.TypeSM2PKEPublicKey, 256)
	y := append([]byte(nil), attrRef(pair.attrs, abi.AttrECCPublicValueY)...)
	y[5] ^= 1
	if err := o.Populate([]Attribute{RefAttribute(abi.AttrECCPublicValueX, attrRef(pair.attrs, abi.AttrECCPublicValueX)),
		RefAttribute(abi.AttrECCPublicValueY, y)}); !errors.Is(err, ErrBadParameters) {
		t.Errorf("off-curve SM2 point: %v", err)
	}
}

func TestSM2KEP(t *testing.T) {
	t.Parallel()
	sa, ea := genKey(t, abi.TypeSM2KEPKeypair, 256), genKey(t, abi.TypeSM2KEPKeypair, 256)
	sb, eb := genKey(t, abi.TypeSM2KEPKeypair, 256), genKey(t, abi.TypeSM2KEPKeypair, 256)
	side := func(static, eph, peerS, peerE *Object, user uint32, confIn []byte) (*Object, []byte, error) {
		op, err := NewOperation(abi.AlgSM2KEP, abi.ModeDerive, 256)
		if err != nil {
			t.Fatal(err)
		}
		mustPanic(t, "one key", op.SetKey(static))
		if err := op.SetKey2(static, eph); err != nil {
			t.Fatal(err)
		}
		confOut := make([]byte, 32)
		params := []Attribute{
			RefAttribute(abi.AttrECCPublicValueX, attrRef(peerS.attrs, abi.AttrECCPublicValueX)),
			RefAttribute(abi.AttrECCPublicValueY, attrRef(peerS.attrs, abi.AttrECCPublicValueY)),
			RefAttribute(abi.AttrECCEphemeralPublicValueX, attrRef(peerE.attrs, abi.AttrECCPublicValueX)),
			RefAttribute(abi.AttrECCEphemeralPublicValueY, attrRef(peerE.attrs, abi.AttrECCPublicValueY)),
			RefAttribute(abi.AttrSM2IDInitiator, []byte("ALICE123@YAHOO.COM")), RefAttribute(abi.AttrSM2IDResponder, []byte("BILL456@YAHOO.COM")),
			ValueAttr(abi.AttrSM2KEPUser, user, 0), RefAttribute(abi.AttrSM2KEPConfirmationOut, confOut),
		}
		if confIn != nil {
			params = append(params, RefAttribute(abi.AttrSM2KEPConfirmationIn, confIn))
		}
		out, _ := NewObject(abi.TypeGenericSecret, 128)
		return out, confOut, op.DeriveKey(params, out)
	}
	kb, confB, err := side(sb, eb, sa, ea, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	ka, confA, err := side(sa, ea, sb, eb, 0, confB)
	if err != nil {
		t.Fatalf("initiator with the responder's confirmation: %v", err)
	}
	if !bytes.Equal(secretOf(t, ka), secretOf(t, kb)) || bytes.Equal(confA, make([]byte, 32)) {
		t.Error("SM2 KEP: keys differ")
	}
	bad := append([]byte(nil), confB...)
	bad[0] ^= 1
	if _, _, err := side(sa, ea, sb, eb, 0, bad); ResultOf(err) != abi.ErrSignatureInvalid {
		t.Errorf("wrong confirmation: %v", err)
	}
}

// TestX448 checks RFC 7748 §6.2 and refuses a low-order peer.
func TestX448(t *testing.T) {
	t.Parallel()
	alice, _ := NewObject(abi.TypeX448Keypair, 448)
	if err := alice.Populate([]Attribute{
		RefAttribute(abi.AttrX448PrivateValue, unhex(t, "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b")),
		RefAttribute(abi.AttrX448PublicValue, unhex(t, "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0")),
	}); err != nil {
		t.Fatal(err)
	}
	op := keyedOp(t, abi.AlgX448, abi.ModeDerive, alice)
	out, _ := NewObject(abi.TypeGenericSecret, 448)
	if err := op.DeriveKey([]Attribute{RefAttribute(abi.AttrX448PublicValue,
		unhex(t, "3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609"))}, out); err != nil {
		t.Fatal(err)
	}
	if got := secretOf(t, out); !bytes.Equal(got, unhex(t, "07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c24403085d59a449a5037514a879d")) {
		t.Errorf("X448 = %x", got)
	}
	out2, _ := NewObject(abi.TypeGenericSecret, 448)
	if err := op.DeriveKey([]Attribute{RefAttribute(abi.AttrX448PublicValue, make([]byte, 56))}, out2); !errors.Is(err, ErrBadParameters) {
		t.Errorf("low-order peer: %v", err)
	}
	g := genKey(t, abi.TypeX448Keypair, 448)
	if _, err := NewOperation(abi.AlgEd448, abi.ModeSign, 448); !errors.Is(err, ErrNotSupported) {
		t.Errorf("Ed448: %v", err)
	}
	_ = g
}

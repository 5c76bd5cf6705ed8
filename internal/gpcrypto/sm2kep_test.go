package gpcrypto

import (
	"bytes"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// TestSM2KEPConfirmation runs GB/T 32918.3 key exchange in the engine with
// the confirmation values exchanged: a TA backend cannot return the output
// attribute S_B to the client, so the conform suites check agreement only.
func TestSM2KEPConfirmation(t *testing.T) {
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

package gpcrypto

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

// secretKey returns a populated secret object of type typ.
func secretKey(t testing.TB, typ uint32, key []byte) *Object {
	t.Helper()
	o, err := NewObject(typ, uint32(len(key))*8)
	if err != nil {
		t.Fatalf("NewObject(%#x, %d): %v", typ, len(key)*8, err)
	}
	attr := o.typ.secretAttr
	if err := o.Populate([]Attribute{RefAttribute(attr, key)}); err != nil {
		t.Fatalf("Populate: %v", err)
	}
	return o
}

// keyedOp returns an operation of alg in mode keyed with key.
func keyedOp(t testing.TB, alg, mode uint32, key *Object) *Operation {
	t.Helper()
	op, err := NewOperation(alg, mode, key.Info().ObjectSize)
	if err != nil {
		t.Fatalf("NewOperation(%#x): %v", alg, err)
	}
	if err := op.SetKey(key); err != nil {
		t.Fatalf("SetKey: %v", err)
	}
	return op
}

func mustPanic(t testing.TB, what string, err error) {
	t.Helper()
	if !IsPanic(err) {
		t.Errorf("%s: got %v, want a panic", what, err)
	}
}

var _ = abi.Success

// parseECCPrivateOnly returns the key-pair attributes for scalar d on c,
// computing the public point with crypto/ecdsa.
func parseECCPrivateOnly(c *curveInfo, d []byte) ([]Attribute, error) {
	k, err := ecdsaFromScalar(c, d)
	if err != nil {
		return nil, err
	}
	pt, _ := k.PublicKey.Bytes()
	n := c.byteLen
	return []Attribute{RefAttribute(abi.AttrECCPrivateValue, d), RefAttribute(abi.AttrECCPublicValueX, pt[1:1+n]),
		RefAttribute(abi.AttrECCPublicValueY, pt[1+n:]), ValueAttr(abi.AttrECCCurve, c.id, 0)}, nil
}

func ecdsaFromScalar(c *curveInfo, d []byte) (*ecdsa.PrivateKey, error) {
	return ecdsa.ParseRawPrivateKey(c.ec, leftPad(d, c.byteLen))
}

func x25519Pair(priv []byte) (*Object, error) {
	k, err := ecdh.X25519().NewPrivateKey(priv)
	if err != nil {
		return nil, err
	}
	o, _ := NewObject(abi.TypeX25519Keypair, 256)
	return o, o.Populate([]Attribute{RefAttribute(abi.AttrX25519PrivateValue, priv), RefAttribute(abi.AttrX25519PublicValue, k.PublicKey().Bytes())})
}

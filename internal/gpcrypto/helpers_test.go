package gpcrypto

import (
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

package gpcrypto

import (
	"crypto/rand"
	"sync"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

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

var (
	rsaOnce    sync.Once
	rsaKeyPair *Object
)

// testRSAKey returns a shared 1024-bit RSA key pair (generation is slow).
func testRSAKey(t testing.TB) *Object {
	rsaOnce.Do(func() {
		o, err := NewObject(abi.TypeRSAKeypair, 2048)
		if err != nil {
			panic(err)
		}
		if err := o.Generate(1024, nil, rand.Reader); err != nil {
			panic(err)
		}
		rsaKeyPair = o
	})
	return rsaKeyPair
}

func genKey(t testing.TB, typ, size uint32, params ...Attribute) *Object {
	t.Helper()
	o, err := NewObject(typ, size)
	if err != nil {
		t.Fatal(err)
	}
	if err := o.Generate(size, params, rand.Reader); err != nil {
		t.Fatalf("Generate %#x: %v", typ, err)
	}
	return o
}

func publicOf(t testing.TB, pair *Object, pubType uint32) *Object {
	t.Helper()
	p, err := NewObject(pubType, pair.maxSize)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.CopyAttributesFrom(pair); err != nil {
		t.Fatal(err)
	}
	return p
}

func secretOf(t testing.TB, o *Object) []byte {
	t.Helper()
	b := make([]byte, 512)
	n, err := o.BufferAttribute(abi.AttrSecretValue, b)
	if err != nil {
		t.Fatal(err)
	}
	return b[:n]
}

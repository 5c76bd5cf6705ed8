package gpcrypto

import (
	"bytes"
	"crypto/rand"
	"errors"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

func mustObj(t *testing.T, typ, max uint32) *Object {
	t.Helper()
	o, err := NewObject(typ, max)
	if err != nil {
		t.Fatalf("NewObject(%#x, %d): %v", typ, max, err)
	}
	return o
}

func TestNewObjectSizes(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		typ, max uint32
		ok       bool
	}{
		{abi.TypeAES, 128, true}, {abi.TypeAES, 256, true}, {abi.TypeAES, 100, false}, {abi.TypeAES, 512, false},
		{abi.TypeDES, 64, true}, {abi.TypeDES3, 192, true}, {abi.TypeHMACSHA256, 184, false},
		{abi.TypeRSAKeypair, 2048, true}, {abi.TypeRSAKeypair, 512, false}, {abi.TypeECDSAKeypair, 256, true},
		{abi.TypeSM4, 128, true}, {abi.TypeEd448Keypair, 448, false}, {0x12345678, 128, false},
	} {
		_, err := NewObject(c.typ, c.max)
		if (err == nil) != c.ok {
			t.Errorf("NewObject(%#x, %d) = %v, want ok=%v", c.typ, c.max, err, c.ok)
		}
		if err != nil && !errors.Is(err, ErrNotSupported) {
			t.Errorf("NewObject(%#x, %d) = %v, want NOT_SUPPORTED", c.typ, c.max, err)
		}
	}
}

func TestSecretObject(t *testing.T) {
	t.Parallel()
	o := mustObj(t, abi.TypeAES, 256)
	key := bytes.Repeat([]byte{7}, 16)
	if err := o.Populate([]Attribute{RefAttribute(abi.AttrSecretValue, key)}); err != nil {
		t.Fatal(err)
	}
	key[0] = 9 // the object keeps its own copy
	if inf := o.Info(); inf.ObjectSize != 128 || inf.MaxObjectSize != 256 || inf.HandleFlags != abi.HandleFlagInitialized {
		t.Errorf("Info = %+v", inf)
	}
	buf := make([]byte, 8)
	if _, err := o.BufferAttribute(abi.AttrSecretValue, buf); !errors.Is(err, ErrShortBuffer) {
		t.Errorf("short: %v", err)
	} else if n, _ := NeededSize(err); n != 16 {
		t.Errorf("needed %d", n)
	}
	buf = make([]byte, 16)
	if n, err := o.BufferAttribute(abi.AttrSecretValue, buf); err != nil || n != 16 || buf[0] != 7 {
		t.Errorf("BufferAttribute = %d, %v, %x", n, err, buf)
	}
	if _, err := o.BufferAttribute(abi.AttrRSAModulus, buf); !errors.Is(err, ErrItemNotFound) {
		t.Errorf("missing attribute: %v", err)
	}
	if _, _, err := o.ValueAttribute(abi.AttrSecretValue); !IsPanic(err) {
		t.Errorf("ValueAttribute on a buffer attribute: %v", err)
	}
	o.RestrictUsage(^abi.UsageExtractable)
	if _, err := o.BufferAttribute(abi.AttrSecretValue, buf); !IsPanic(err) {
		t.Errorf("secret of a non-extractable object: %v", err)
	}
	if err := o.Populate([]Attribute{RefAttribute(abi.AttrSecretValue, key)}); !IsPanic(err) {
		t.Errorf("second Populate: %v", err)
	}
	o.Reset()
	if inf := o.Info(); inf.ObjectSize != 0 || inf.ObjectUsage != abi.UsageDefault || inf.HandleFlags != 0 {
		t.Errorf("after Reset: %+v", inf)
	}
	if _, err := o.BufferAttribute(abi.AttrSecretValue, buf); !IsPanic(err) {
		t.Errorf("uninitialised: %v", err)
	}
	for _, c := range []struct {
		name  string
		attrs []Attribute
		panic bool
	}{
		{"missing", nil, true},
		{"foreign", []Attribute{RefAttribute(abi.AttrSecretValue, key), RefAttribute(abi.AttrRSAModulus, key)}, true},
		{"twice", []Attribute{RefAttribute(abi.AttrSecretValue, key), RefAttribute(abi.AttrSecretValue, key)}, true},
		{"bad size", []Attribute{RefAttribute(abi.AttrSecretValue, key[:10])}, false},
		{"too big", []Attribute{RefAttribute(abi.AttrSecretValue, make([]byte, 32))}, true},
	} {
		o := mustObj(t, abi.TypeAES, 128)
		err := o.Populate(c.attrs)
		if c.panic && !IsPanic(err) || !c.panic && !errors.Is(err, ErrBadParameters) {
			t.Errorf("%s: %v", c.name, err)
		}
		if o.Initialized() {
			t.Errorf("%s: initialised after failure", c.name)
		}
	}
}

func TestGenerateAndCopy(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		typ, pub, size uint32
		params         []Attribute
	}{
		{abi.TypeAES, 0, 192, nil},
		{abi.TypeHMACSHA256, 0, 256, nil},
		{abi.TypeRSAKeypair, abi.TypeRSAPublicKey, 1024, nil},
		{abi.TypeECDSAKeypair, abi.TypeECDSAPublicKey, 384, []Attribute{ValueAttr(abi.AttrECCCurve, abi.ECCCurveNISTP384, 0)}},
		{abi.TypeECDHKeypair, abi.TypeECDHPublicKey, 224, []Attribute{ValueAttr(abi.AttrECCCurve, abi.ECCCurveNISTP224, 0)}},
		{abi.TypeEd25519Keypair, abi.TypeEd25519PublicKey, 256, nil},
		{abi.TypeX25519Keypair, abi.TypeX25519PublicKey, 256, nil},
	} {
		o := mustObj(t, c.typ, c.size)
		if err := o.Generate(c.size, c.params, rand.Reader); err != nil {
			t.Errorf("%#x: Generate: %v", c.typ, err)
			continue
		}
		if o.Info().ObjectSize != c.size {
			t.Errorf("%#x: size %d", c.typ, o.Info().ObjectSize)
		}
		// Re-import the generated attributes: they pass the checks.
		o2 := mustObj(t, c.typ, c.size)
		if err := o2.Populate(o.attrs); err != nil {
			t.Errorf("%#x: Populate(generated): %v", c.typ, err)
		}
		o3 := mustObj(t, c.typ, c.size)
		if err := o3.CopyAttributesFrom(o); err != nil {
			t.Errorf("%#x: copy: %v", c.typ, err)
		}
		if c.pub != 0 {
			p := mustObj(t, c.pub, c.size)
			o.RestrictUsage(abi.UsageVerify | abi.UsageExtractable)
			if err := p.CopyAttributesFrom(o); err != nil {
				t.Errorf("%#x: copy to public: %v", c.typ, err)
			}
			if p.Info().ObjectUsage != abi.UsageVerify|abi.UsageExtractable {
				t.Errorf("%#x: usage %#x", c.typ, p.Info().ObjectUsage)
			}
			if err := mustObj(t, abi.TypeAES, 128).CopyAttributesFrom(o); !IsPanic(err) {
				t.Errorf("%#x: copy into AES: %v", c.typ, err)
			}
		}
		if err := o.Generate(c.size, c.params, rand.Reader); !IsPanic(err) {
			t.Errorf("%#x: Generate twice: %v", c.typ, err)
		}
	}
}

func TestPopulateConsistency(t *testing.T) {
	t.Parallel()
	rsaKey := mustObj(t, abi.TypeRSAKeypair, 1024)
	if err := rsaKey.Generate(1024, nil, rand.Reader); err != nil {
		t.Fatal(err)
	}
	mod := func(attrs []Attribute, id uint32, f func([]byte) []byte) []Attribute {
		out := make([]Attribute, 0, len(attrs))
		for _, a := range attrs {
			a = a.clone()
			if a.ID == id {
				a.Ref = f(a.Ref)
			}
			out = append(out, a)
		}
		return out
	}
	flip := func(b []byte) []byte { b[len(b)-1] ^= 2; return b }
	var nopriv []Attribute // n, e, d only: the primes are recovered
	for _, a := range rsaKey.attrs {
		if a.ID == abi.AttrRSAModulus || a.ID == abi.AttrRSAPublicExponent || a.ID == abi.AttrRSAPrivateExponent {
			nopriv = append(nopriv, a)
		}
	}
	ec := mustObj(t, abi.TypeECDHKeypair, 256)
	if err := ec.Generate(256, []Attribute{ValueAttr(abi.AttrECCCurve, abi.ECCCurveNISTP256, 0)}, rand.Reader); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		typ   uint32
		attrs []Attribute
		ok    bool
	}{
		{"rsa n,e,d", abi.TypeRSAKeypair, nopriv, true},
		{"rsa p", abi.TypeRSAKeypair, mod(rsaKey.attrs, abi.AttrRSAPrime1, flip), false},
		{"rsa d", abi.TypeRSAKeypair, mod(rsaKey.attrs, abi.AttrRSAPrivateExponent, flip), false},
		{"rsa d only", abi.TypeRSAKeypair, mod(nopriv, abi.AttrRSAPrivateExponent, flip), false},
		{"rsa qinv", abi.TypeRSAKeypair, mod(rsaKey.attrs, abi.AttrRSACoefficient, flip), false},
		{"ec point off curve", abi.TypeECDHKeypair, mod(ec.attrs, abi.AttrECCPublicValueY, flip), false},
		{"ec public off curve", abi.TypeECDHPublicKey, mod(ec.attrs[:2], abi.AttrECCPublicValueX, flip), false},
		{"ec private mismatch", abi.TypeECDHKeypair, mod(ec.attrs, abi.AttrECCPrivateValue, flip), false},
	} {
		attrs := c.attrs
		if c.typ == abi.TypeECDHPublicKey {
			attrs = append(attrs, ValueAttr(abi.AttrECCCurve, abi.ECCCurveNISTP256, 0))
		}
		size := uint32(256)
		if c.typ == abi.TypeRSAKeypair {
			size = 1024
		}
		o := mustObj(t, c.typ, size)
		err := o.Populate(attrs)
		if c.ok && err != nil || !c.ok && !errors.Is(err, ErrBadParameters) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

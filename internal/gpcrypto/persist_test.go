package gpcrypto

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// persistSamples returns initialised objects of several kinds: secrets,
// generated key pairs with value attributes (ECC's curve), and a
// restricted usage.
func persistSamples(t testing.TB) []*Object {
	t.Helper()
	aes := secretKey(t, abi.TypeAES, bytes.Repeat([]byte{7}, 32))
	aes.RestrictUsage(abi.UsageEncrypt | abi.UsageExtractable)
	hmac := secretKey(t, abi.TypeHMACSHA256, bytes.Repeat([]byte{9}, 40))
	ecc, err := NewObject(abi.TypeECDSAKeypair, 256)
	if err != nil {
		t.Fatal(err)
	}
	if err := ecc.Generate(256, []Attribute{ValueAttr(abi.AttrECCCurve, abi.ECCCurveNISTP256, 0)}, rand.Reader); err != nil {
		t.Fatal(err)
	}
	ed, err := NewObject(abi.TypeEd25519Keypair, 256)
	if err != nil {
		t.Fatal(err)
	}
	if err := ed.Generate(256, nil, rand.Reader); err != nil {
		t.Fatal(err)
	}
	return []*Object{aes, hmac, ecc, ed}
}

func TestPersistRoundTrip(t *testing.T) {
	t.Parallel()
	for _, o := range persistSamples(t) {
		inf := o.Info()
		blob := o.MarshalAttributes()
		got, err := UnmarshalAttributes(inf.ObjectType, inf.MaxObjectSize, inf.ObjectUsage, blob)
		if err != nil {
			t.Fatalf("%s: %v", o.typ.name, err)
		}
		if got.Info() != inf {
			t.Errorf("%s: info %+v, want %+v", o.typ.name, got.Info(), inf)
		}
		if again := got.MarshalAttributes(); !bytes.Equal(again, blob) {
			t.Errorf("%s: blob changed in a round trip", o.typ.name)
		}
		// The rebuilt object owns its bytes: wiping the blob leaves it whole.
		clear(blob)
		if !bytes.Equal(got.MarshalAttributes(), o.MarshalAttributes()) {
			t.Errorf("%s: rebuilt object aliases the blob", o.typ.name)
		}
	}
}

func TestUnmarshalAttributesRejects(t *testing.T) {
	t.Parallel()
	aes := secretKey(t, abi.TypeAES, bytes.Repeat([]byte{1}, 16))
	good := aes.MarshalAttributes()
	dup := append([]byte{attrBlobVersion, 2, 0, 0, 0}, good[5:]...)
	dup = append(dup, good[5:]...)
	tests := []struct {
		name    string
		typ     uint32
		max     uint32
		blob    []byte
		wantErr bool
	}{
		{"good", abi.TypeAES, 128, good, false},
		{"empty", abi.TypeAES, 128, nil, true},
		{"version", abi.TypeAES, 128, append([]byte{2}, good[1:]...), true},
		{"no attributes", abi.TypeAES, 128, []byte{attrBlobVersion, 0, 0, 0, 0}, true},
		{"count too high", abi.TypeAES, 128, []byte{attrBlobVersion, 0xff, 0xff, 0xff, 0xff}, true},
		{"truncated", abi.TypeAES, 128, good[:len(good)-1], true},
		{"trailing", abi.TypeAES, 128, append(bytes.Clone(good), 0), true},
		{"repeated", abi.TypeAES, 128, dup, true},
		{"over max size", abi.TypeAES, 128, secretKey(t, abi.TypeAES, make([]byte, 32)).MarshalAttributes(), true},
		{"wrong type", abi.TypeHMACSHA256, 256, good, true},
		{"unknown type", 0x12345678, 128, good, true},
		{"length past end", abi.TypeAES, 128, binary.LittleEndian.AppendUint32([]byte{attrBlobVersion, 1, 0, 0, 0, 0, 0, 0, 0xc0}, 1<<31), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o, err := UnmarshalAttributes(tt.typ, tt.max, abi.UsageDefault, tt.blob)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err != nil && (o != nil || ResultOf(err) != abi.ErrCorruptObject) {
				t.Fatalf("result %v (object %v), want CORRUPT_OBJECT and nil", ResultOf(err), o)
			}
		})
	}
}

// FuzzUnmarshalAttributes: any blob gives an initialised object or
// CORRUPT_OBJECT, never a Go panic; what is accepted marshals back to
// exactly the same bytes.
func FuzzUnmarshalAttributes(f *testing.F) {
	types := []uint32{abi.TypeAES, abi.TypeHMACSHA256, abi.TypeECDSAKeypair, abi.TypeEd25519Keypair, abi.TypeGenericSecret}
	for _, o := range persistSamples(f) {
		f.Add(o.typ.id, o.maxSize, o.MarshalAttributes())
	}
	f.Add(uint32(abi.TypeAES), uint32(128), []byte{attrBlobVersion, 1, 0, 0, 0, 0, 0, 0, 0xc0, 16, 0, 0, 0})
	f.Fuzz(func(t *testing.T, typ, max uint32, blob []byte) {
		if objTypes[typ] == nil {
			typ = types[typ%uint32(len(types))]
		}
		o, err := UnmarshalAttributes(typ, max, abi.UsageDefault, blob)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Code != abi.ErrCorruptObject {
				t.Fatalf("error %T %v, want CORRUPT_OBJECT", err, err)
			}
			return
		}
		if !o.Initialized() {
			t.Fatal("accepted blob gave an uninitialised object")
		}
		if got := o.MarshalAttributes(); !bytes.Equal(got, blob) {
			t.Fatalf("re-marshalled %x, want %x", got, blob)
		}
	})
}

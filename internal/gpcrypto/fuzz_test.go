package gpcrypto

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// FuzzPopulate feeds arbitrary attribute arrays to Populate for every
// supported object type: the result is success, an *Error or a *Panic,
// never a Go panic, and a failed Populate leaves the object uninitialised.
// The bytes decode as: type index, maxObjectSize, then (id, value a, length,
// bytes) records.
func FuzzPopulate(f *testing.F) {
	var types []*objType
	for _, id := range []uint32{abi.TypeAES, abi.TypeDES3, abi.TypeHMACSHA256, abi.TypeGenericSecret, abi.TypeRSAPublicKey,
		abi.TypeRSAKeypair, abi.TypeDSAKeypair, abi.TypeDHKeypair, abi.TypeECDSAKeypair, abi.TypeECDHPublicKey,
		abi.TypeEd25519Keypair, abi.TypeX25519Keypair, abi.TypeHKDFIKM} {
		types = append(types, objTypes[id])
	}
	f.Add([]byte{0, 0, 1, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 16, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
	f.Add([]byte{8, 0, 1, 0, 0, 0x41, 4, 0, 0xf0, 3, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 3 {
			return
		}
		typ := types[int(data[0])%len(types)]
		max := uint32(binary.LittleEndian.Uint16(data[1:3]))
		o, err := NewObject(typ.id, max)
		if err != nil {
			return
		}
		data = data[3:]
		var attrs []Attribute
		for len(data) >= 9 && len(attrs) < 12 {
			id := binary.LittleEndian.Uint32(data)
			// Steer ids towards the type's attributes half of the time.
			if id&1 == 0 && len(typ.attrs) > 0 {
				id = typ.attrs[int(id>>1)%len(typ.attrs)].id
			}
			a := binary.LittleEndian.Uint32(data[4:])
			n := int(data[8])
			data = data[9:]
			if n > len(data) {
				n = len(data)
			}
			attrs = append(attrs, Attribute{ID: id, A: a, Ref: data[:n]})
			data = data[n:]
		}
		err = o.Populate(attrs)
		var e *Error
		var p *Panic
		if err != nil && !errors.As(err, &e) && !errors.As(err, &p) {
			t.Fatalf("Populate: error of type %T: %v", err, err)
		}
		if err != nil && o.Initialized() {
			t.Fatal("initialised after an error")
		}
	})
}

// TestPopulateRandomAttributes is FuzzPopulate's property on random input,
// run by every go test.
func TestPopulateRandomAttributes(t *testing.T) {
	t.Parallel()
	for i := 0; i < 2000; i++ {
		b := make([]byte, 8+i%300)
		rand.Read(b)
		for _, typ := range []uint32{abi.TypeRSAKeypair, abi.TypeECDHKeypair, abi.TypeDSAKeypair, abi.TypeDHKeypair, abi.TypeAES} {
			o, _ := NewObject(typ, map[uint32]uint32{abi.TypeRSAKeypair: 2048, abi.TypeECDHKeypair: 521, abi.TypeDSAKeypair: 1024,
				abi.TypeDHKeypair: 1024, abi.TypeAES: 256}[typ])
			var attrs []Attribute
			for j, s := range o.typ.attrs {
				if b[j%len(b)]&7 == 0 {
					continue
				}
				attrs = append(attrs, Attribute{ID: s.id, A: uint32(b[(j+1)%len(b)]) % 8, Ref: b[j%len(b):]})
			}
			err := o.Populate(attrs)
			if err != nil && !IsPanic(err) && ResultOf(err) == abi.ErrGeneric {
				t.Fatalf("%#x: %v", typ, err)
			}
		}
	}
}

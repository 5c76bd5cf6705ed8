package abi

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
)

func sampleProps() *Props {
	u := MustParseUUID("8aaaf200-2450-11e4-abe2-0002a5d5c51b")
	return &Props{ABIVersion: Version, List: []Property{
		{Name: PropAppID, Type: PropUUID, Value: UUIDValue(u)},
		{Name: PropSingleInstance, Type: PropBool, Value: BoolValue(true)},
		{Name: PropMultiSession, Type: PropBool, Value: BoolValue(false)},
		{Name: PropDataSize, Type: PropU32, Value: U32Value(1 << 20)},
		{Name: PropVersion, Type: PropString, Value: []byte("1.2")},
		{Name: "com.example.big", Type: PropU64, Value: U64Value(1 << 40)},
		{Name: "com.example.blob", Type: PropBinaryBlock, Value: []byte{0, 1, 2}},
		{Name: "com.example.id", Type: PropIdentity, Value: func() []byte { b := Identity{Login: LoginUser, UUID: u}.TEEBytes(); return b[:] }()},
	}}
}

func TestPropsRoundTrip(t *testing.T) {
	t.Parallel()
	p := sampleProps()
	b, err := MarshalProps(p)
	if err != nil {
		t.Fatal(err)
	}
	q, err := UnmarshalProps(b)
	if err != nil {
		t.Fatal(err)
	}
	b2, err := MarshalProps(q)
	if err != nil || !bytes.Equal(b, b2) {
		t.Fatalf("round trip differs: %v", err)
	}
	if id, err := q.AppID(); err != nil || id.String() != "8aaaf200-2450-11e4-abe2-0002a5d5c51b" {
		t.Errorf("AppID = %v, %v", id, err)
	}
	if !q.Bool(PropSingleInstance, false) || q.Bool(PropMultiSession, true) || !q.Bool(PropInstanceKeepAlive, true) {
		t.Error("Bool accessors wrong")
	}
	if q.U32(PropDataSize, 0) != 1<<20 || q.U32(PropVersion, 7) != 7 || q.String(PropVersion) != "1.2" {
		t.Error("U32/String accessors wrong")
	}
}

// TestUnmarshalPropsRejects feeds blobs that must be refused, each a small
// edit of a valid one.
func TestUnmarshalPropsRejects(t *testing.T) {
	t.Parallel()
	good, err := MarshalProps(sampleProps())
	if err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	edit := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(good)) }
	// Offsets in the first property: 12 name length, 16 name (12 bytes,
	// "gpd.ta.appID"), 28 type, 32 value length, 36 value.
	tests := []struct {
		name string
		blob []byte
	}{
		{"empty", nil},
		{"bad magic", edit(func(b []byte) []byte { b[0] ^= 1; return b })},
		{"truncated", good[:len(good)-1]},
		{"trailing byte", append(bytes.Clone(good), 0)},
		{"count too large", edit(func(b []byte) []byte { le.PutUint32(b[8:], MaxProps+1); return b })},
		{"count beyond data", edit(func(b []byte) []byte { le.PutUint32(b[8:], 9); return b })},
		{"zero name length", edit(func(b []byte) []byte { le.PutUint32(b[12:], 0); return b })},
		{"huge name length", edit(func(b []byte) []byte { le.PutUint32(b[12:], 0xFFFFFFFF); return b })},
		{"unknown type", edit(func(b []byte) []byte { le.PutUint32(b[28:], 99); return b })},
		{"uuid of wrong size", edit(func(b []byte) []byte { le.PutUint32(b[32:], 15); return b })},
		{"huge value length", edit(func(b []byte) []byte { le.PutUint32(b[32:], 0xFFFFFFF0); return b })},
		{"bool not 0 or 1", func() []byte {
			b, _ := MarshalProps(&Props{List: []Property{{Name: "x", Type: PropBool, Value: U32Value(2)}}})
			return b
		}()},
		{"duplicate name", func() []byte {
			b, _ := MarshalProps(&Props{List: []Property{{Name: "x", Type: PropU32, Value: U32Value(1)}, {Name: "x", Type: PropU32, Value: U32Value(2)}}})
			return b
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, err := UnmarshalProps(tt.blob); !errors.Is(err, ErrBadProps) {
				t.Errorf("UnmarshalProps = %v, want ErrBadProps", err)
			}
		})
	}
}

func TestMarshalPropsRejects(t *testing.T) {
	t.Parallel()
	long := make([]byte, MaxPropNameLen+1)
	for _, p := range []*Props{
		{List: []Property{{Name: "", Type: PropU32, Value: U32Value(1)}}},
		{List: []Property{{Name: string(long), Type: PropU32, Value: U32Value(1)}}},
		{List: []Property{{Name: "x", Type: PropBinaryBlock, Value: make([]byte, MaxPropValueLen+1)}}},
		{List: make([]Property, MaxProps+1)},
	} {
		if _, err := MarshalProps(p); err == nil {
			t.Errorf("MarshalProps accepted %d properties", len(p.List))
		}
	}
}

// FuzzUnmarshalProps: any accepted blob re-marshals to the same bytes, and
// nothing panics or allocates beyond the limits.
func FuzzUnmarshalProps(f *testing.F) {
	good, _ := MarshalProps(sampleProps())
	f.Add(good)
	f.Add([]byte{})
	f.Add(good[:20])
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := UnmarshalProps(b)
		if err != nil {
			return
		}
		again, err := MarshalProps(p)
		if err != nil {
			t.Fatalf("accepted blob does not marshal: %v", err)
		}
		if !bytes.Equal(again, b) {
			t.Fatalf("round trip differs")
		}
	})
}

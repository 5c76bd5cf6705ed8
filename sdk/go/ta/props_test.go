package ta

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

func TestPropertiesMarshal(t *testing.T) {
	t.Parallel()
	u := MustParseUUID("8aaaf200-2450-11e4-abe2-0002a5d5c51c")
	id := Identity{Login: LoginUser, UUID: MustParseUUID("00112233-4455-6677-8899-aabbccddeeff")}
	p := Properties{
		UUID: u, SingleInstance: true, InstanceKeepAlive: true,
		DataSize: 1 << 20, StackSize: 4096, Version: "2.1", Description: "d",
		Extra: []Property{
			StringProperty("x.s", "str"), U64Property("x.u64", 1<<40), BinaryProperty("x.bin", []byte{0, 1}),
			IdentityProperty("x.id", id), UUIDProperty("x.uuid", u), BoolProperty("x.b", true),
		},
	}
	rec, err := p.propsRecord()
	if err != nil {
		t.Fatal(err)
	}
	if n := binary.LittleEndian.Uint32(rec); int(n) != len(rec)-4 {
		t.Fatalf("record length %d for %d bytes", n, len(rec)-4)
	}
	got, err := abi.UnmarshalProps(rec[4:])
	if err != nil {
		t.Fatal(err)
	}
	if got.ABIVersion != abi.Version {
		t.Errorf("ABI version 0x%x", got.ABIVersion)
	}
	if a, err := got.AppID(); err != nil || a != abi.UUID(u) {
		t.Errorf("appID %v %v", a, err)
	}
	bools := map[string]bool{abi.PropSingleInstance: true, abi.PropMultiSession: false, abi.PropInstanceKeepAlive: true, "x.b": true}
	for name, want := range bools {
		if _, ok := got.Lookup(name); !ok || got.Bool(name, !want) != want {
			t.Errorf("%s != %v", name, want)
		}
	}
	if got.U32(abi.PropDataSize, 0) != 1<<20 || got.U32(abi.PropStackSize, 0) != 4096 {
		t.Error("sizes")
	}
	if got.String(abi.PropVersion) != "2.1" || got.String(abi.PropDescription) != "d" || got.String("x.s") != "str" {
		t.Error("strings")
	}
	if e, _ := got.Lookup("x.u64"); e.Type != abi.PropU64 || binary.LittleEndian.Uint64(e.Value) != 1<<40 {
		t.Error("u64")
	}
	if e, _ := got.Lookup("x.id"); e.Type != abi.PropIdentity || !bytes.Equal(e.Value, id.teeBytes()) {
		t.Error("identity")
	}
	if back, ok := identityFromTEE(id.teeBytes()); !ok || back != id {
		t.Errorf("identity round trip: %v", back)
	}
	if len(got.List) != 8+len(p.Extra) {
		t.Errorf("%d properties", len(got.List))
	}
}

func TestPropertiesOmitEmptyStrings(t *testing.T) {
	t.Parallel()
	rec, err := (&Properties{}).propsRecord()
	if err != nil {
		t.Fatal(err)
	}
	got, err := abi.UnmarshalProps(rec[4:])
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := got.Lookup(abi.PropVersion); ok {
		t.Error("empty version emitted")
	}
}

func TestPropertiesInvalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		extra []Property
	}{
		{"standard name", []Property{StringProperty(abi.PropAppID, "x")}},
		{"repeated", []Property{U32Property("a", 1), U32Property("a", 2)}},
		{"empty name", []Property{U32Property("", 1)}},
		{"bad size", []Property{{Name: "a", Type: PropU32, Value: []byte{1}}}},
		{"bad bool", []Property{{Name: "a", Type: PropBool, Value: abi.U32Value(2)}}},
		{"bad type", []Property{{Name: "a", Type: 99}}},
		{"long name", []Property{U32Property(string(make([]byte, abi.MaxPropNameLen+1)), 1)}},
	}
	for _, tc := range tests {
		p := Properties{Extra: tc.extra}
		if _, err := p.propsRecord(); err == nil {
			t.Errorf("%s: accepted", tc.name)
		}
	}
}

func TestPropString(t *testing.T) {
	t.Parallel()
	u := MustParseUUID("8aaaf200-2450-11e4-abe2-0002a5d5c51c")
	tests := []struct {
		p    Property
		want string
	}{
		{BoolProperty("", true), "true"},
		{BoolProperty("", false), "false"},
		{U32Property("", 4000000000), "4000000000"},
		{U64Property("", 1<<40), "1099511627776"},
		{UUIDProperty("", u), "8aaaf200-2450-11e4-abe2-0002a5d5c51c"},
		{IdentityProperty("", Identity{Login: LoginUser, UUID: u}), "1:8aaaf200-2450-11e4-abe2-0002a5d5c51c"},
		{BinaryProperty("", []byte("hi!")), "aGkh"},
		{StringProperty("", "plain"), "plain"},
	}
	for _, tc := range tests {
		if got := propString(tc.p.Type, tc.p.Value); got != tc.want {
			t.Errorf("type %d: %q, want %q", tc.p.Type, got, tc.want)
		}
	}
}

func TestUUID(t *testing.T) {
	t.Parallel()
	const s = "8aaaf200-2450-11e4-abe2-0002a5d5c51c"
	u, err := ParseUUID(s)
	if err != nil || u.String() != s {
		t.Errorf("ParseUUID(%s) = %v, %v", s, u, err)
	}
	if _, err := ParseUUID("8aaaf200"); err == nil {
		t.Error("short UUID accepted")
	}
}

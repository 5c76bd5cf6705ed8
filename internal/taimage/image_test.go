package taimage

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

var testUUID = abi.MustParseUUID("12345678-1234-5678-9abc-def012345678")

func TestPackParse(t *testing.T) {
	t.Parallel()
	img, uuid, err := Pack(context.Background(), testWasm["ok"])
	if err != nil {
		t.Fatal(err)
	}
	if uuid != testUUID {
		t.Fatalf("uuid %v, want %v", uuid, testUUID)
	}
	p, err := Parse(img)
	if err != nil {
		t.Fatal(err)
	}
	if p.UUID != testUUID || p.TAVersion != 0x00010002 || p.ABIVersion != abi.Version || p.Type != ImageTypeWasm {
		t.Errorf("parsed %+v", p)
	}
	if !bytes.Equal(p.Wasm, testWasm["ok"]) {
		t.Error("payload differs from the module")
	}
	if !p.Props.Bool(abi.PropSingleInstance, false) || p.Props.String(abi.PropVersion) != "1.2" {
		t.Errorf("props %+v", p.Props)
	}
}

func TestPackRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		wasm []byte
		want string
	}{
		{"noappid", testWasm["noappid"], "gpd.ta.appID"},
		{"badabi", testWasm["badabi"], "ABI"},
		{"noinvoke", testWasm["noinvoke"], abi.ExportInvoke},
		{"notwasm", []byte("hello, world"), "magic"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, _, err := Pack(context.Background(), tt.wasm)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Pack: %v, want an error about %q", err, tt.want)
			}
		})
	}
}

func TestTAVersion(t *testing.T) {
	t.Parallel()
	str := func(s string) abi.Property {
		return abi.Property{Name: abi.PropVersion, Type: abi.PropString, Value: []byte(s)}
	}
	tests := []struct {
		prop *abi.Property
		want uint32
	}{
		{nil, 0},
		{&abi.Property{Name: abi.PropVersion, Type: abi.PropU32, Value: abi.U32Value(0xABCD1234)}, 0xABCD1234},
		{ptr(str("1.2")), 0x00010002},
		{ptr(str("3")), 0x00030000},
		{ptr(str("65535.65535")), 0xFFFFFFFF},
		{ptr(str("65536.0")), 0},
		{ptr(str("1.2.3")), 0},
		{ptr(str("1.")), 0},
		{ptr(str(".1")), 0},
		{ptr(str("+1.2")), 0},
		{ptr(str(" 1")), 0},
		{ptr(str("v1")), 0},
		{ptr(str("")), 0},
		{&abi.Property{Name: abi.PropVersion, Type: abi.PropBool, Value: abi.BoolValue(true)}, 0},
	}
	for _, tt := range tests {
		p := &abi.Props{}
		if tt.prop != nil {
			p.List = append(p.List, *tt.prop)
		}
		if got := TAVersion(p); got != tt.want {
			t.Errorf("TAVersion(%+v) = 0x%x, want 0x%x", tt.prop, got, tt.want)
		}
	}
}

func ptr[T any](v T) *T { return &v }

// vectorImage builds the image of docs/ta-image.md's test vector.
func vectorImage(t testing.TB) []byte {
	props := &abi.Props{ABIVersion: abi.Version, List: []abi.Property{
		{Name: abi.PropAppID, Type: abi.PropUUID, Value: abi.UUIDValue(testUUID)},
		{Name: abi.PropVersion, Type: abi.PropString, Value: []byte("1.2")},
	}}
	b, err := Marshal(&Image{Type: ImageTypeWasm, UUID: testUUID, TAVersion: 0x10002,
		ABIVersion: abi.Version, Props: props, Wasm: wasmMagic})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestVector checks that the hex test vector in docs/ta-image.md is what
// Marshal writes and that Parse reads it.
func TestVector(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("../../docs/ta-image.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)<!-- vector -->\\s*```\\s*\\n(.*?)```").FindSubmatch(doc)
	if m == nil {
		t.Fatal("no test vector in docs/ta-image.md")
	}
	var hexs strings.Builder
	for _, line := range strings.Split(string(m[1]), "\n") {
		line, _, _ = strings.Cut(line, "#")
		hexs.WriteString(strings.Join(strings.Fields(line), ""))
	}
	vec, err := hex.DecodeString(hexs.String())
	if err != nil {
		t.Fatal(err)
	}
	want := vectorImage(t)
	if !bytes.Equal(vec, want) {
		t.Fatalf("docs vector differs from Marshal:\n%x\n%x", vec, want)
	}
	img, err := Parse(vec)
	if err != nil {
		t.Fatal(err)
	}
	if img.UUID != testUUID || img.TAVersion != 0x10002 {
		t.Fatalf("parsed %+v", img)
	}
}

func TestParseRejects(t *testing.T) {
	t.Parallel()
	good := vectorImage(t)
	// section offsets in the vector: PROPS at 48, PAYLOAD after it.
	propsLen := binary.LittleEndian.Uint32(good[52:56])
	payloadAt := HeaderSize + SectionHeaderSize + int(propsLen)
	withExtra := func(typ SectionType, flags uint16) []byte {
		b := bytes.Clone(good)
		b = binary.LittleEndian.AppendUint16(b, uint16(typ))
		b = binary.LittleEndian.AppendUint16(b, flags)
		b = binary.LittleEndian.AppendUint32(b, 2)
		b = append(b, 0xAA, 0xBB)
		binary.LittleEndian.PutUint32(b[36:40], 3)
		binary.LittleEndian.PutUint64(b[40:48], uint64(len(b)))
		return b
	}
	tests := []struct {
		name string
		edit func(b []byte) []byte
		ok   bool
	}{
		{"good", func(b []byte) []byte { return b }, true},
		{"magic", func(b []byte) []byte { b[0] = 'X'; return b }, false},
		{"version", func(b []byte) []byte { b[4] = 2; return b }, false},
		{"type", func(b []byte) []byte { b[6] = 9; return b }, false},
		{"uuid", func(b []byte) []byte { b[8] ^= 1; return b }, false},
		{"taversion", func(b []byte) []byte { b[24] ^= 1; return b }, false},
		{"abiversion", func(b []byte) []byte { b[28] ^= 1; return b }, false},
		{"flags", func(b []byte) []byte { b[32] = 1; return b }, false},
		{"too many sections", func(b []byte) []byte { b[36] = MaxSections + 1; return b }, false},
		{"fewer sections", func(b []byte) []byte { b[36] = 1; return b }, false},
		{"more sections", func(b []byte) []byte { b[36] = 3; return b }, false},
		{"total", func(b []byte) []byte { b[40]++; return b }, false},
		{"truncated", func(b []byte) []byte { return b[:len(b)-1] }, false},
		{"short", func(b []byte) []byte { return b[:HeaderSize-1] }, false},
		{"section overflow", func(b []byte) []byte {
			binary.LittleEndian.PutUint32(b[52:56], 0xFFFFFFFF)
			return b
		}, false},
		{"section flags", func(b []byte) []byte { b[50] = 2; return b }, false},
		{"duplicate props", func(b []byte) []byte { b[payloadAt] = byte(SectionProps); return b }, false},
		{"payload not wasm", func(b []byte) []byte { b[payloadAt+SectionHeaderSize] = 1; return b }, false},
		{"unknown critical", func([]byte) []byte { return withExtra(0x77, FlagCritical) }, false},
		{"unknown optional", func([]byte) []byte { return withExtra(0x77, 0) }, true},
		{"signature", func([]byte) []byte { return withExtra(SectionSignature, 0) }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse(tt.edit(bytes.Clone(good)))
			if tt.ok && err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !tt.ok && !errors.Is(err, ErrFormat) {
				t.Fatalf("Parse: %v, want ErrFormat", err)
			}
		})
	}
}

func TestMarshalKeepsExtra(t *testing.T) {
	t.Parallel()
	img, err := Parse(vectorImage(t))
	if err != nil {
		t.Fatal(err)
	}
	img.Extra = []Section{{Type: 0x100, Data: []byte("note")}}
	b, err := Marshal(img)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Extra) != 1 || string(back.Extra[0].Data) != "note" {
		t.Fatalf("extra %+v", back.Extra)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(vectorImage(f))
	f.Add([]byte("VTAI"))
	f.Fuzz(func(t *testing.T, b []byte) {
		img, err := Parse(b)
		if err != nil {
			return
		}
		again, err := Marshal(img)
		if err != nil {
			t.Fatalf("Marshal of a parsed image: %v", err)
		}
		img2, err := Parse(again)
		if err != nil {
			t.Fatalf("Parse of Marshal: %v", err)
		}
		if img2.UUID != img.UUID || img2.TAVersion != img.TAVersion || !bytes.Equal(img2.Wasm, img.Wasm) || len(img2.Extra) != len(img.Extra) {
			t.Fatal("round trip changed the image")
		}
	})
}

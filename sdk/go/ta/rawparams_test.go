package ta

import (
	"encoding/binary"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

func rawParams(fields [4][2]uint32) []byte {
	raw := make([]byte, abi.ParamsSize)
	for i, f := range fields {
		binary.LittleEndian.PutUint32(raw[i*8:], f[0])
		binary.LittleEndian.PutUint32(raw[i*8+4:], f[1])
	}
	return raw
}

func TestDecodeEncodeParams(t *testing.T) {
	t.Parallel()
	a := newArena(fakeAddrs())
	buf := a.alloc(8)
	mem, _ := a.resolve(buf, 8)
	copy(mem, "abcdefgh")
	types := uint32(MakeParamTypes(ParamValueInout, ParamMemrefInout, ParamMemrefOutput, ParamValueOutput))
	raw := rawParams([4][2]uint32{{1, 2}, {buf, 8}, {0, 99}, {7, 7}})
	p, err := decodeParams(types, raw, a.resolve)
	if err != nil {
		t.Fatal(err)
	}
	if x, y := p.Value(0); x != 1 || y != 2 {
		t.Errorf("value 0 = (%d,%d)", x, y)
	}
	if string(p.Memref(1)) != "abcdefgh" || p.MemrefSize(1) != 8 {
		t.Errorf("memref 1 = %q size %d", p.Memref(1), p.MemrefSize(1))
	}
	if p.Memref(2) != nil || p.MemrefSize(2) != 99 {
		t.Errorf("NULL memref = %v size %d", p.Memref(2), p.MemrefSize(2))
	}
	p.Memref(1)[0] = 'X' // aliases TA memory
	if mem[0] != 'X' {
		t.Error("memref does not alias the buffer")
	}
	p.SetValue(0, 10, 20)
	p.SetMemrefSize(1, 3)
	p.SetMemrefSize(2, 120)
	p.SetValue(3, 5, 6)
	encodeParams(p, raw)
	want := rawParams([4][2]uint32{{10, 20}, {buf, 3}, {0, 120}, {5, 6}})
	if string(raw) != string(want) {
		t.Errorf("encoded %x, want %x", raw, want)
	}
}

func TestDecodeParamsErrors(t *testing.T) {
	t.Parallel()
	a := newArena(fakeAddrs())
	buf := a.alloc(4)
	tests := []struct {
		name  string
		types uint32
		raw   []byte
	}{
		{"short block", 0, make([]byte, 31)},
		{"undefined type", uint32(MakeParamTypes(4, 0, 0, 0)), rawParams([4][2]uint32{})},
		{"high bits", 1 << 16, rawParams([4][2]uint32{})},
		{"memref past buffer", uint32(MakeParamTypes(ParamMemrefInput, 0, 0, 0)), rawParams([4][2]uint32{{buf, 5}})},
		{"memref unknown", uint32(MakeParamTypes(0, ParamMemrefOutput, 0, 0)), rawParams([4][2]uint32{{}, {0x10, 1}})},
	}
	for _, tc := range tests {
		if _, err := decodeParams(tc.types, tc.raw, a.resolve); err == nil {
			t.Errorf("%s: decoded", tc.name)
		}
	}
}

func TestParamsAccessors(t *testing.T) {
	t.Parallel()
	out := make([]byte, 4)
	p := NewParams(Value(ParamValueInput, 1, 2), Memref(ParamMemrefOutput, out), NullMemref(ParamMemrefInout, 16), None())
	if p.Types() != MakeParamTypes(ParamValueInput, ParamMemrefOutput, ParamMemrefInout, ParamNone) {
		t.Errorf("types 0x%x", p.Types())
	}
	if err := p.Check(ParamValueInput, ParamMemrefOutput, ParamMemrefInout, ParamNone); err != nil {
		t.Error(err)
	}
	if err := p.Check(ParamValueInout, ParamMemrefOutput, ParamMemrefInout, ParamNone); err != ErrBadParameters {
		t.Errorf("Check mismatch: %v", err)
	}
	if p.Memref(2) != nil || p.MemrefSize(2) != 16 {
		t.Error("NullMemref")
	}
	panics := []struct {
		name string
		f    func()
	}{
		{"value of memref", func() { p.Value(1) }},
		{"memref of value", func() { p.Memref(0) }},
		{"set size of none", func() { p.SetMemrefSize(3, 1) }},
		{"index 4", func() { p.Type(4) }},
		{"index -1", func() { p.Value(-1) }},
		{"Value with memref type", func() { Value(ParamMemrefInput, 0, 0) }},
		{"Memref nil", func() { Memref(ParamMemrefInput, nil) }},
	}
	for _, tc := range panics {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s did not panic", tc.name)
				}
			}()
			tc.f()
		}()
	}
}

func TestParamTypeClasses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		t                    ParamType
		value, memref, in, o bool
	}{
		{ParamNone, false, false, false, false},
		{ParamValueInput, true, false, true, false},
		{ParamValueOutput, true, false, false, true},
		{ParamValueInout, true, false, true, true},
		{ParamMemrefInput, false, true, true, false},
		{ParamMemrefOutput, false, true, false, true},
		{ParamMemrefInout, false, true, true, true},
	}
	for _, tc := range tests {
		if tc.t.IsValue() != tc.value || tc.t.IsMemref() != tc.memref || tc.t.IsInput() != tc.in || tc.t.IsOutput() != tc.o {
			t.Errorf("type %d classified wrongly", tc.t)
		}
	}
	if MakeParamTypes(1, 2, 3, 5).At(3) != 5 || MakeParamTypes(1, 2, 3, 5) != 0x5321 {
		t.Error("MakeParamTypes")
	}
}

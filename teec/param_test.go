package teec

import (
	"bytes"
	"context"
	"math"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
)

// TestConvert checks what the TEE receives for every parameter type, with
// plain Go memory and with an allocator.
func TestConvert(t *testing.T) {
	t.Parallel()
	buf := []byte("0123456789")
	tests := []struct {
		name   string
		flags  MemFlags // of the parent SharedMemory, when used
		param  func(sm *SharedMemory) Parameter
		typ    abi.ParamType
		a, b   uint32
		mem    []byte // nil: a NULL memref or a value
		size   uint64
		shmOff uint64 // Off when the allocator is used
		usesSm bool
	}{
		{name: "nil", param: func(*SharedMemory) Parameter { return nil }, typ: abi.ParamNone},
		{name: "none value", param: func(*SharedMemory) Parameter { return &Value{A: 5} }, typ: abi.ParamNone},
		{name: "none temp", param: func(*SharedMemory) Parameter { return &TempMemoryReference{Buffer: buf, Size: 2} }, typ: abi.ParamNone},
		{name: "none registered", flags: MemInput, param: func(sm *SharedMemory) Parameter { return &RegisteredMemoryReference{Parent: sm} }, typ: abi.ParamNone},
		{name: "value input", param: func(*SharedMemory) Parameter { return &Value{Type: ValueInput, A: 1, B: 2} }, typ: abi.ParamValueInput, a: 1, b: 2},
		{name: "value output", param: func(*SharedMemory) Parameter { return &Value{Type: ValueOutput, A: 3, B: 4} }, typ: abi.ParamValueOutput, a: 3, b: 4},
		{name: "value inout", param: func(*SharedMemory) Parameter { return &Value{Type: ValueInout, A: 5, B: 6} }, typ: abi.ParamValueInout, a: 5, b: 6},
		{name: "temp input", param: func(*SharedMemory) Parameter {
			return &TempMemoryReference{Type: MemrefTempInput, Buffer: buf, Size: 4}
		}, typ: abi.ParamMemrefInput, mem: buf[:4], size: 4},
		{name: "temp output", param: func(*SharedMemory) Parameter {
			return &TempMemoryReference{Type: MemrefTempOutput, Buffer: buf, Size: 10}
		}, typ: abi.ParamMemrefOutput, mem: buf, size: 10},
		{name: "temp inout", param: func(*SharedMemory) Parameter {
			return &TempMemoryReference{Type: MemrefTempInout, Buffer: buf, Size: 0}
		}, typ: abi.ParamMemrefInout, mem: []byte{}, size: 0},
		{name: "temp NULL size query", param: func(*SharedMemory) Parameter { return &TempMemoryReference{Type: MemrefTempOutput, Size: 100} }, typ: abi.ParamMemrefOutput, size: 100},
		{name: "whole input", flags: MemInput, param: func(sm *SharedMemory) Parameter {
			return &RegisteredMemoryReference{Type: MemrefWhole, Parent: sm, Offset: 3, Size: 1}
		}, typ: abi.ParamMemrefInput, mem: []byte("abcdefgh"), size: 8, usesSm: true},
		{name: "whole output", flags: MemOutput, param: func(sm *SharedMemory) Parameter {
			return &RegisteredMemoryReference{Type: MemrefWhole, Parent: sm}
		}, typ: abi.ParamMemrefOutput, mem: []byte("abcdefgh"), size: 8, usesSm: true},
		{name: "whole inout", flags: MemInput | MemOutput, param: func(sm *SharedMemory) Parameter {
			return &RegisteredMemoryReference{Type: MemrefWhole, Parent: sm}
		}, typ: abi.ParamMemrefInout, mem: []byte("abcdefgh"), size: 8, usesSm: true},
		{name: "partial input", flags: MemInput | MemOutput, param: func(sm *SharedMemory) Parameter {
			return &RegisteredMemoryReference{Type: MemrefPartialInput, Parent: sm, Offset: 2, Size: 3}
		}, typ: abi.ParamMemrefInput, mem: []byte("cde"), size: 3, shmOff: 2, usesSm: true},
		{name: "partial output", flags: MemOutput, param: func(sm *SharedMemory) Parameter {
			return &RegisteredMemoryReference{Type: MemrefPartialOutput, Parent: sm, Offset: 8, Size: 0}
		}, typ: abi.ParamMemrefOutput, mem: []byte{}, size: 0, shmOff: 8, usesSm: true},
		{name: "partial inout", flags: MemInput | MemOutput, param: func(sm *SharedMemory) Parameter {
			return &RegisteredMemoryReference{Type: MemrefPartialInout, Parent: sm, Offset: 0, Size: 8}
		}, typ: abi.ParamMemrefInout, mem: []byte("abcdefgh"), size: 8, usesSm: true},
	}
	for _, alloc := range []bool{false, true} {
		for _, register := range []bool{false, true} {
			for _, tc := range tests {
				name := tc.name
				if alloc {
					name += "/allocator"
				}
				if register {
					name += "/registered"
				}
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					var (
						conn teeconn.Conn
						f    *fakeTEE
					)
					if alloc {
						sf := newFakeShmTEE()
						conn, f = sf, sf.fakeTEE
					} else {
						f = newFakeTEE()
						conn = f
					}
					f.invokeFn = func(context.Context, *teeconn.InvokeRequest) abi.Ret { return abi.Ret{} }
					c := newTestContext(t, conn)
					s := openTestSession(t, c)
					flags := tc.flags
					if flags == 0 {
						flags = MemInput
					}
					var sm *SharedMemory
					var err error
					if register {
						sm, err = c.RegisterSharedMemory([]byte("abcdefgh"), flags)
					} else {
						sm, err = c.AllocateSharedMemory(8, flags)
						copy(sm.Buffer(), "abcdefgh")
					}
					if err != nil {
						t.Fatal(err)
					}
					op := &Operation{}
					op.Params[1] = tc.param(sm)
					if err := s.InvokeCommand(context.Background(), 1, op); err != nil {
						t.Fatal(err)
					}
					got := f.lastInvoke().Params
					for i := range got {
						if i != 1 && got[i].Type != abi.ParamNone {
							t.Errorf("param %d has type %v", i, got[i].Type)
						}
					}
					p := got[1]
					if p.Type != tc.typ || p.A != tc.a || p.B != tc.b || p.Size != tc.size {
						t.Errorf("got %+v; want type %v a %d b %d size %d", p, tc.typ, tc.a, tc.b, tc.size)
					}
					want := tc.mem
					if alloc && register && tc.usesSm && !tc.typ.IsInput() {
						// An output-only shadow is not filled from the
						// caller's buffer, as in OP-TEE's libteec.
						want = make([]byte, len(tc.mem))
					}
					if (p.Mem == nil) != (want == nil) || !bytes.Equal(p.Mem, want) {
						t.Errorf("Mem = %q (nil %v), want %q (nil %v)", p.Mem, p.Mem == nil, want, want == nil)
					}
					wantShm := alloc && tc.usesSm
					if (p.Shm != 0) != wantShm || p.Off != map[bool]uint64{true: tc.shmOff}[wantShm] {
						t.Errorf("Shm %d Off %d; want shm %v off %d", p.Shm, p.Off, wantShm, tc.shmOff)
					}
					if err := sm.Release(); err != nil {
						t.Errorf("Release after the call: %v", err)
					}
				})
			}
		}
	}
}

// TestValidation checks every parameter rule: violations are
// ErrBadParameters with origin API, and nothing reaches the TEE.
func TestValidation(t *testing.T) {
	t.Parallel()
	buf := make([]byte, 8)
	type env struct{ in, out, inout, none, released, foreign *SharedMemory }
	tests := []struct {
		name  string
		param func(e env) Parameter
	}{
		{"value with temp type", func(env) Parameter { return &Value{Type: MemrefTempInput} }},
		{"value with whole type", func(env) Parameter { return &Value{Type: MemrefWhole} }},
		{"value with type 4", func(env) Parameter { return &Value{Type: 4} }},
		{"value with type 8", func(env) Parameter { return &Value{Type: 8} }},
		{"value with type 0x10", func(env) Parameter { return &Value{Type: 0x10} }},
		{"nil *Value", func(env) Parameter { return (*Value)(nil) }},
		{"temp with value type", func(env) Parameter { return &TempMemoryReference{Type: ValueInput, Buffer: buf, Size: 1} }},
		{"temp with whole type", func(env) Parameter { return &TempMemoryReference{Type: MemrefWhole, Buffer: buf, Size: 1} }},
		{"temp with partial type", func(env) Parameter { return &TempMemoryReference{Type: MemrefPartialInout, Buffer: buf, Size: 1} }},
		{"temp size over buffer", func(env) Parameter { return &TempMemoryReference{Type: MemrefTempInput, Buffer: buf, Size: 9} }},
		{"temp size over buffer, empty", func(env) Parameter { return &TempMemoryReference{Type: MemrefTempOutput, Buffer: []byte{}, Size: 1} }},
		{"temp NULL over 4 GiB", func(env) Parameter { return &TempMemoryReference{Type: MemrefTempOutput, Size: 1 << 32} }},
		{"nil *TempMemoryReference", func(env) Parameter { return (*TempMemoryReference)(nil) }},
		{"registered with value type", func(e env) Parameter { return &RegisteredMemoryReference{Type: ValueInout, Parent: e.inout} }},
		{"registered with temp type", func(e env) Parameter { return &RegisteredMemoryReference{Type: MemrefTempInout, Parent: e.inout} }},
		{"registered with type 0xB", func(e env) Parameter { return &RegisteredMemoryReference{Type: 0xB, Parent: e.inout} }},
		{"registered without parent", func(env) Parameter { return &RegisteredMemoryReference{Type: MemrefWhole} }},
		{"nil *RegisteredMemoryReference", func(env) Parameter { return (*RegisteredMemoryReference)(nil) }},
		{"whole without flags", func(e env) Parameter { return &RegisteredMemoryReference{Type: MemrefWhole, Parent: e.none} }},
		{"partial input of output memory", func(e env) Parameter {
			return &RegisteredMemoryReference{Type: MemrefPartialInput, Parent: e.out, Size: 1}
		}},
		{"partial output of input memory", func(e env) Parameter {
			return &RegisteredMemoryReference{Type: MemrefPartialOutput, Parent: e.in, Size: 1}
		}},
		{"partial inout of input memory", func(e env) Parameter {
			return &RegisteredMemoryReference{Type: MemrefPartialInout, Parent: e.in, Size: 1}
		}},
		{"partial inout of output memory", func(e env) Parameter {
			return &RegisteredMemoryReference{Type: MemrefPartialInout, Parent: e.out, Size: 1}
		}},
		{"partial offset past end", func(e env) Parameter {
			return &RegisteredMemoryReference{Type: MemrefPartialInout, Parent: e.inout, Offset: 17}
		}},
		{"partial window past end", func(e env) Parameter {
			return &RegisteredMemoryReference{Type: MemrefPartialInout, Parent: e.inout, Offset: 8, Size: 9}
		}},
		{"partial size past end", func(e env) Parameter {
			return &RegisteredMemoryReference{Type: MemrefPartialInput, Parent: e.inout, Size: 17}
		}},
		{"partial overflow", func(e env) Parameter {
			return &RegisteredMemoryReference{Type: MemrefPartialInout, Parent: e.inout, Offset: 1, Size: math.MaxUint64}
		}},
		{"partial overflow offset", func(e env) Parameter {
			return &RegisteredMemoryReference{Type: MemrefPartialInout, Parent: e.inout, Offset: math.MaxUint64, Size: 2}
		}},
		{"released parent", func(e env) Parameter { return &RegisteredMemoryReference{Type: MemrefWhole, Parent: e.released} }},
		{"parent of another context", func(e env) Parameter { return &RegisteredMemoryReference{Type: MemrefWhole, Parent: e.foreign} }},
	}
	for _, alloc := range []bool{false, true} {
		for _, tc := range tests {
			name := tc.name
			if alloc {
				name += "/allocator"
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				var conn teeconn.Conn
				f := newFakeTEE()
				conn = f
				if alloc {
					sf := newFakeShmTEE()
					conn, f = sf, sf.fakeTEE
				}
				c := newTestContext(t, conn)
				other := newTestContext(t, newFakeTEE())
				s := openTestSession(t, c)
				mk := func(c *Context, fl MemFlags) *SharedMemory {
					sm, err := c.AllocateSharedMemory(16, fl)
					if err != nil {
						t.Fatal(err)
					}
					return sm
				}
				e := env{in: mk(c, MemInput), out: mk(c, MemOutput), inout: mk(c, MemInput|MemOutput),
					none: mk(c, 0), released: mk(c, MemInput), foreign: mk(other, MemInput)}
				if err := e.released.Release(); err != nil {
					t.Fatal(err)
				}
				// A valid registered memref before the bad parameter must
				// not stay in use after the rejection.
				op := &Operation{Params: [4]Parameter{
					&RegisteredMemoryReference{Type: MemrefWhole, Parent: e.inout},
					nil,
					tc.param(e),
				}}
				wantErr(t, s.InvokeCommand(context.Background(), 1, op), ErrBadParameters, OriginAPI)
				_, err := c.OpenSession(context.Background(), testUUID, LoginPublic, nil, op)
				wantErr(t, err, ErrBadParameters, OriginAPI)
				if n := f.numInvokes(); n != 0 || len(f.opens) != 1 {
					t.Errorf("%d invokes and %d opens reached the TEE", n, len(f.opens))
				}
				if err := e.inout.Release(); err != nil {
					t.Errorf("memory still in use after a rejected call: %v", err)
				}
			})
		}
	}
}

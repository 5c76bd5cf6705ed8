package ta

import (
	"fmt"

	"github.com/veritee/veritee/internal/abi"
)

// ParamType is a TEE_PARAM_TYPE_* (GPD_SPE_010 §4.3.3): how one of the four
// operation parameters is typed and which way its data flows.
type ParamType uint32

// Parameter types.
const (
	ParamNone         = ParamType(abi.ParamNone)
	ParamValueInput   = ParamType(abi.ParamValueInput)
	ParamValueOutput  = ParamType(abi.ParamValueOutput)
	ParamValueInout   = ParamType(abi.ParamValueInout)
	ParamMemrefInput  = ParamType(abi.ParamMemrefInput)
	ParamMemrefOutput = ParamType(abi.ParamMemrefOutput)
	ParamMemrefInout  = ParamType(abi.ParamMemrefInout)
)

// IsValue reports whether t is a value type.
func (t ParamType) IsValue() bool { return abi.ParamType(t).IsValue() }

// IsMemref reports whether t is a memory reference type.
func (t ParamType) IsMemref() bool { return abi.ParamType(t).IsMemref() }

// IsInput reports whether data flows from the client into the TA.
func (t ParamType) IsInput() bool { return abi.ParamType(t).IsInput() }

// IsOutput reports whether data flows from the TA back to the client.
func (t ParamType) IsOutput() bool { return abi.ParamType(t).IsOutput() }

// ParamTypes is four parameter types packed as TEE_PARAM_TYPES packs them
// (GPD_SPE_010 §4.3.3): four bits each, parameter 0 in the low nibble.
type ParamTypes uint32

// MakeParamTypes packs four parameter types, like TEE_PARAM_TYPES.
func MakeParamTypes(t0, t1, t2, t3 ParamType) ParamTypes {
	return ParamTypes(abi.ParamTypes(uint32(t0), uint32(t1), uint32(t2), uint32(t3)))
}

// At returns the type of parameter i (0..3), like TEE_PARAM_TYPE_GET.
func (t ParamTypes) At(i int) ParamType {
	checkIndex(i)
	return ParamType(abi.ParamTypeAt(uint32(t), i))
}

// NumParams is the number of operation parameters, four in GP.
const NumParams = abi.NumParams

// param is one decoded TEE_Param.
type param struct {
	a, b uint32 // value.a and value.b
	mem  []byte // memref buffer, nil for a NULL memref
	size uint32 // memref.size as the TA reports it back
}

// Params are the four parameters of an entry point (TEE_Param params[4],
// GPD_SPE_010 §4.3.3), with typed access. A memory reference is a []byte
// that aliases the buffer the core placed in TA memory: what the TA writes
// there is what the core copies back to the client, and a NULL memory
// reference is a nil slice whose size MemrefSize still reports.
//
// Accessing a parameter as a type it does not have, or an index outside
// 0..3, is a programming error and panics (which kills the TA, as a
// TEE_Panic would); check the types first with Check or Types.
type Params struct {
	types ParamTypes
	p     [NumParams]param
}

// Types returns the packed parameter types.
func (p *Params) Types() ParamTypes { return p.types }

// Type returns the type of parameter i.
func (p *Params) Type(i int) ParamType { return p.types.At(i) }

// Check returns ErrBadParameters unless the parameters have exactly the
// types t0..t3, the check every GP entry point starts with.
func (p *Params) Check(t0, t1, t2, t3 ParamType) error {
	if p.types != MakeParamTypes(t0, t1, t2, t3) {
		return ErrBadParameters
	}
	return nil
}

// Value returns value.a and value.b of parameter i, a value parameter.
func (p *Params) Value(i int) (a, b uint32) {
	p.must(i, ParamType.IsValue, "value")
	return p.p[i].a, p.p[i].b
}

// SetValue sets value.a and value.b of parameter i, a value parameter. The
// core returns them to the client for VALUE_OUTPUT and VALUE_INOUT.
func (p *Params) SetValue(i int, a, b uint32) {
	p.must(i, ParamType.IsValue, "value")
	p.p[i].a, p.p[i].b = a, b
}

// Memref returns the buffer of parameter i, a memory reference: nil for a
// NULL memory reference, else a slice of the size the client gave (it may
// be empty but not nil). Later SetMemrefSize calls do not change it.
func (p *Params) Memref(i int) []byte {
	p.must(i, ParamType.IsMemref, "memref")
	return p.p[i].mem
}

// MemrefSize returns memref.size of parameter i: the client's size on entry,
// or what SetMemrefSize last set.
func (p *Params) MemrefSize(i int) uint32 {
	p.must(i, ParamType.IsMemref, "memref")
	return p.p[i].size
}

// SetMemrefSize sets memref.size of parameter i, a memory reference: the
// number of bytes written for an output, or, with ErrShortBuffer, the size
// the TA needs (it may then exceed the buffer).
func (p *Params) SetMemrefSize(i int, n uint32) {
	p.must(i, ParamType.IsMemref, "memref")
	p.p[i].size = n
}

func (p *Params) must(i int, ok func(ParamType) bool, what string) {
	if t := p.types.At(i); !ok(t) {
		panic(fmt.Sprintf("ta: parameter %d has type %d, not a %s", i, t, what))
	}
}

func checkIndex(i int) {
	if i < 0 || i >= NumParams {
		panic(fmt.Sprintf("ta: parameter index %d out of range", i))
	}
}

// Arg is one parameter for NewParams, built with None, Value, Memref or
// NullMemref.
type Arg struct {
	typ  ParamType
	a, b uint32
	mem  []byte
	size uint32
}

// None is an unused parameter (TEE_PARAM_TYPE_NONE).
func None() Arg { return Arg{} }

// Value is a value parameter of type t with a and b.
func Value(t ParamType, a, b uint32) Arg {
	if !t.IsValue() {
		panic(fmt.Sprintf("ta: Value with non-value type %d", t))
	}
	return Arg{typ: t, a: a, b: b}
}

// Memref is a memory reference of type t over buf (aliased, not copied);
// buf must not be nil.
func Memref(t ParamType, buf []byte) Arg {
	if !t.IsMemref() || buf == nil {
		panic("ta: Memref needs a memref type and a non-nil buffer")
	}
	return Arg{typ: t, mem: buf, size: uint32(len(buf))}
}

// NullMemref is a NULL memory reference of type t that announces size
// bytes, what a client sends to ask for the size of an output.
func NullMemref(t ParamType, size uint32) Arg {
	if !t.IsMemref() {
		panic(fmt.Sprintf("ta: NullMemref with non-memref type %d", t))
	}
	return Arg{typ: t, size: size}
}

// NewParams builds the parameters an entry point receives, for calling TA
// code directly (unit tests, FakeCore, TA-internal dispatch).
func NewParams(a0, a1, a2, a3 Arg) *Params {
	args := [NumParams]Arg{a0, a1, a2, a3}
	p := &Params{types: MakeParamTypes(a0.typ, a1.typ, a2.typ, a3.typ)}
	for i, a := range args {
		p.p[i] = param{a: a.a, b: a.b, mem: a.mem, size: a.size}
	}
	return p
}

package teec

import (
	"fmt"

	"github.com/veritee/veritee/internal/abi"
)

// ParamType is a TEEC_* parameter type (GPD_SPE_007 §4.5.5): what a
// parameter is and which way its data flows. Each type belongs to one
// parameter struct; a parameter whose Type does not belong to its struct is
// rejected with ErrBadParameters (origin API) before anything reaches the
// TEE.
type ParamType uint32

// The parameter types, numbered as TEEC_PARAM_TYPES packs them.
const (
	// None: the parameter is unused; any struct, or nil, may carry it.
	None = ParamType(abi.ClientNone)
	// Value types, for *Value.
	ValueInput  = ParamType(abi.ClientValueInput)
	ValueOutput = ParamType(abi.ClientValueOutput)
	ValueInout  = ParamType(abi.ClientValueInout)
	// Temporary memory references, for *TempMemoryReference.
	MemrefTempInput  = ParamType(abi.ClientMemrefTempInput)
	MemrefTempOutput = ParamType(abi.ClientMemrefTempOutput)
	MemrefTempInout  = ParamType(abi.ClientMemrefTempInout)
	// Registered memory references, for *RegisteredMemoryReference.
	// MemrefWhole takes its direction from the SharedMemory's flags.
	MemrefWhole         = ParamType(abi.ClientMemrefWhole)
	MemrefPartialInput  = ParamType(abi.ClientMemrefPartialInput)
	MemrefPartialOutput = ParamType(abi.ClientMemrefPartialOutput)
	MemrefPartialInout  = ParamType(abi.ClientMemrefPartialInout)
)

var paramTypeNames = map[ParamType]string{
	None:                "TEEC_NONE",
	ValueInput:          "TEEC_VALUE_INPUT",
	ValueOutput:         "TEEC_VALUE_OUTPUT",
	ValueInout:          "TEEC_VALUE_INOUT",
	MemrefTempInput:     "TEEC_MEMREF_TEMP_INPUT",
	MemrefTempOutput:    "TEEC_MEMREF_TEMP_OUTPUT",
	MemrefTempInout:     "TEEC_MEMREF_TEMP_INOUT",
	MemrefWhole:         "TEEC_MEMREF_WHOLE",
	MemrefPartialInput:  "TEEC_MEMREF_PARTIAL_INPUT",
	MemrefPartialOutput: "TEEC_MEMREF_PARTIAL_OUTPUT",
	MemrefPartialInout:  "TEEC_MEMREF_PARTIAL_INOUT",
}

// String returns the GP name of t, for example "TEEC_VALUE_INPUT".
func (t ParamType) String() string {
	if n, ok := paramTypeNames[t]; ok {
		return n
	}
	return fmt.Sprintf("TEEC_PARAM_TYPE(0x%x)", uint32(t))
}

// Parameter is one of the four parameters of an Operation, the TEEC_Parameter
// union (GPD_SPE_007 §4.3.8): a *Value, a *TempMemoryReference or a
// *RegisteredMemoryReference. A nil Parameter is TEEC_NONE.
type Parameter interface {
	// paramType seals the interface: only this package's structs are
	// parameters.
	paramType() ParamType
}

// Value is a TEEC_Value parameter (GPD_SPE_007 §4.3.7): two 32-bit integers.
// Type is ValueInput, ValueOutput or ValueInout. For the output types A and
// B are replaced with the TA's values when the call returns.
type Value struct {
	Type ParamType
	A, B uint32
}

func (v *Value) paramType() ParamType { return v.Type }

// TempMemoryReference is a TEEC_TempMemoryReference (GPD_SPE_007 §4.3.5): a
// buffer shared with the TA for the duration of one call. Type is
// MemrefTempInput, MemrefTempOutput or MemrefTempInout.
//
// Size is the number of bytes of Buffer the TA sees and may not exceed
// len(Buffer). Buffer nil is a NULL memory reference, allowed with any Size
// up to 4 GiB - 1: the usual way to ask a TA how large a buffer it needs.
// For the output types, Size is replaced on return with the size the TA
// reported: the bytes it wrote, or, with ErrShortBuffer, the size it needs.
type TempMemoryReference struct {
	Type   ParamType
	Buffer []byte
	Size   uint64
}

func (m *TempMemoryReference) paramType() ParamType { return m.Type }

// RegisteredMemoryReference is a TEEC_RegisteredMemoryReference
// (GPD_SPE_007 §4.3.6): a window of a SharedMemory of the same Context.
//
// With Type MemrefWhole the window is all of Parent, Offset and Size are
// ignored on entry, and the direction comes from Parent's flags. With
// MemrefPartialInput, MemrefPartialOutput or MemrefPartialInout the window
// is Size bytes at Offset, which must lie inside Parent, and Parent's flags
// must allow the direction. For output directions Size is replaced on return
// with the size the TA reported (the size needed with ErrShortBuffer).
type RegisteredMemoryReference struct {
	Type   ParamType
	Parent *SharedMemory
	Offset uint64
	Size   uint64
}

func (m *RegisteredMemoryReference) paramType() ParamType { return m.Type }

// valueDir maps a value type to the TA's parameter type.
func valueDir(t ParamType) (abi.ParamType, bool) {
	switch t {
	case ValueInput:
		return abi.ParamValueInput, true
	case ValueOutput:
		return abi.ParamValueOutput, true
	case ValueInout:
		return abi.ParamValueInout, true
	}
	return abi.ParamNone, false
}

// tempDir maps a temporary memory reference type to the TA's type.
func tempDir(t ParamType) (abi.ParamType, bool) {
	switch t {
	case MemrefTempInput:
		return abi.ParamMemrefInput, true
	case MemrefTempOutput:
		return abi.ParamMemrefOutput, true
	case MemrefTempInout:
		return abi.ParamMemrefInout, true
	}
	return abi.ParamNone, false
}

// partialDir maps a partial memory reference type to the TA's type and the
// shared memory flags that direction needs.
func partialDir(t ParamType) (abi.ParamType, MemFlags, bool) {
	switch t {
	case MemrefPartialInput:
		return abi.ParamMemrefInput, MemInput, true
	case MemrefPartialOutput:
		return abi.ParamMemrefOutput, MemOutput, true
	case MemrefPartialInout:
		return abi.ParamMemrefInout, MemInput | MemOutput, true
	}
	return abi.ParamNone, 0, false
}

// wholeDir maps shared memory flags to the TA's type of a MemrefWhole.
func wholeDir(f MemFlags) (abi.ParamType, bool) {
	switch f & (MemInput | MemOutput) {
	case MemInput:
		return abi.ParamMemrefInput, true
	case MemOutput:
		return abi.ParamMemrefOutput, true
	case MemInput | MemOutput:
		return abi.ParamMemrefInout, true
	}
	return abi.ParamNone, false
}

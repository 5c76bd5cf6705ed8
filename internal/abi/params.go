package abi

// ClientParamType is a TEEC_* parameter type as a client application gives
// it (GPD_SPE_007 §4.5.5).
type ClientParamType uint32

const (
	ClientNone                ClientParamType = 0x0
	ClientValueInput          ClientParamType = 0x1
	ClientValueOutput         ClientParamType = 0x2
	ClientValueInout          ClientParamType = 0x3
	ClientMemrefTempInput     ClientParamType = 0x5
	ClientMemrefTempOutput    ClientParamType = 0x6
	ClientMemrefTempInout     ClientParamType = 0x7
	ClientMemrefWhole         ClientParamType = 0xC
	ClientMemrefPartialInput  ClientParamType = 0xD
	ClientMemrefPartialOutput ClientParamType = 0xE
	ClientMemrefPartialInout  ClientParamType = 0xF
)

// ParamType is a TEE_PARAM_TYPE_* as a TA sees it (GPD_SPE_010 §4.3.3). A
// client's temporary, whole and partial memory references all reach the TA
// as memory references.
type ParamType uint32

const (
	ParamNone         ParamType = 0
	ParamValueInput   ParamType = 1
	ParamValueOutput  ParamType = 2
	ParamValueInout   ParamType = 3
	ParamMemrefInput  ParamType = 5
	ParamMemrefOutput ParamType = 6
	ParamMemrefInout  ParamType = 7
)

// IsValue reports whether t is one of the value types.
func (t ParamType) IsValue() bool { return t >= ParamValueInput && t <= ParamValueInout }

// IsMemref reports whether t is one of the memory reference types.
func (t ParamType) IsMemref() bool { return t >= ParamMemrefInput && t <= ParamMemrefInout }

// IsInput reports whether data flows from the client into the TA.
func (t ParamType) IsInput() bool {
	return t == ParamValueInput || t == ParamValueInout || t == ParamMemrefInput || t == ParamMemrefInout
}

// IsOutput reports whether data flows from the TA back to the client.
func (t ParamType) IsOutput() bool {
	return t == ParamValueOutput || t == ParamValueInout || t == ParamMemrefOutput || t == ParamMemrefInout
}

// Valid reports whether t is a type GP defines.
func (t ParamType) Valid() bool { return t == ParamNone || t.IsValue() || t.IsMemref() }

// ParamTypes packs four parameter types as TEE_PARAM_TYPES / TEEC_PARAM_TYPES
// do: four bits each, parameter 0 in the low nibble.
func ParamTypes(t0, t1, t2, t3 uint32) uint32 {
	return t0&0xF | (t1&0xF)<<4 | (t2&0xF)<<8 | (t3&0xF)<<12
}

// ParamTypeAt extracts the type of parameter i from packed types.
func ParamTypeAt(types uint32, i int) uint32 { return (types >> (4 * uint(i))) & 0xF }

// Login methods (TEEC_LOGIN_*, TEE_LOGIN_*).
const (
	LoginPublic           uint32 = 0x00000000
	LoginUser             uint32 = 0x00000001
	LoginGroup            uint32 = 0x00000002
	LoginApplication      uint32 = 0x00000004
	LoginUserApplication  uint32 = 0x00000005
	LoginGroupApplication uint32 = 0x00000006
	LoginREEKernel        uint32 = 0x80000000 // OP-TEE extension
	LoginTrustedApp       uint32 = 0xF0000000
)

// Shared memory flags (TEEC_MEM_*).
const (
	MemInput  uint32 = 0x1
	MemOutput uint32 = 0x2
)

// Memory access flags of TEE_CheckMemoryAccessRights (GPD_SPE_010 §4.11.1).
const (
	MemoryAccessRead     uint32 = 0x00000001
	MemoryAccessWrite    uint32 = 0x00000002
	MemoryAccessAnyOwner uint32 = 0x00000004
)

// Property set pseudo-handles (TEE_PROPSET_*).
const (
	PropsetTEEImplementation uint32 = 0xFFFFFFFD
	PropsetCurrentClient     uint32 = 0xFFFFFFFE
	PropsetCurrentTA         uint32 = 0xFFFFFFFF
)

// Layout of TEE_Param in a wasm32 TA: a union of
// struct { void *buffer; size_t size; } memref and
// struct { uint32_t a, b; } value, 8 bytes, four of them in a row.
const (
	ParamSize     = 8             // sizeof(TEE_Param) on wasm32
	ParamsSize    = 4 * ParamSize // TEE_Param params[4]
	NumParams     = 4
	ParamOffsetA  = 0 // value.a, memref.buffer
	ParamOffsetB  = 4 // value.b, memref.size
	TimeSize      = 8 // TEE_Time { uint32_t seconds, millis; }
	IdentitySize  = 20
	TEEUUIDSize   = 16
	MaxMemrefSize = 1<<32 - 1 // size_t in a wasm32 TA
)

// Time categories of the get_time system call (OP-TEE's UTEE_TIME_CAT_*).
const (
	TimeCatSystem       uint32 = 0
	TimeCatTAPersistent uint32 = 1
	TimeCatREE          uint32 = 2
)

// Trace levels as OP-TEE's trace.h numbers them; a TA's EMSG is TraceError.
const (
	TraceError uint32 = 1
	TraceInfo  uint32 = 2
	TraceDebug uint32 = 3
	TraceFlow  uint32 = 4
)

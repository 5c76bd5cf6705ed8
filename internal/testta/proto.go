// Package testta names the test Trusted Applications that the integration
// tests, the conformance suite and the benchmarks run: one TA written in C
// (c/) and the same TA written in Go (gota/), each built in four variants
// that differ only in their instance flags. Both implement the commands
// below identically, so every test runs against both languages.
package testta

import "github.com/veritee/veritee/internal/abi"

// Variants of the test TA. Each has its own UUID and TA_FLAGS.
const (
	// VariantShared: single instance, multi-session. The main test TA.
	VariantShared = 0
	// VariantExclusive: single instance, not multi-session: a second
	// session gets TEE_ERROR_BUSY.
	VariantExclusive = 1
	// VariantMulti: one instance per session.
	VariantMulti = 2
	// VariantKeepAlive: single instance, multi-session, keep-alive.
	VariantKeepAlive = 3
	NumVariants      = 4
)

// Flags returns the TA_FLAGS of a variant.
func Flags(variant int) uint32 {
	switch variant {
	case VariantShared:
		return abi.TAFlagSingleInstance | abi.TAFlagMultiSession
	case VariantExclusive:
		return abi.TAFlagSingleInstance
	case VariantMulti:
		return abi.TAFlagMultiSession
	case VariantKeepAlive:
		return abi.TAFlagSingleInstance | abi.TAFlagMultiSession | abi.TAFlagInstanceKeepAlive
	}
	panic("testta: unknown variant")
}

// UUIDs of the C and Go test TAs, indexed by variant. The last byte is 0xc0+v
// for C and 0x90+v for Go ("go" looks like 9o).
var (
	CUUIDs = [NumVariants]abi.UUID{
		abi.MustParseUUID("8e5c4a40-7e57-4000-8000-0000000000c0"),
		abi.MustParseUUID("8e5c4a40-7e57-4000-8000-0000000000c1"),
		abi.MustParseUUID("8e5c4a40-7e57-4000-8000-0000000000c2"),
		abi.MustParseUUID("8e5c4a40-7e57-4000-8000-0000000000c3"),
	}
	GoUUIDs = [NumVariants]abi.UUID{
		abi.MustParseUUID("8e5c4a40-7e57-4000-8000-000000000090"),
		abi.MustParseUUID("8e5c4a40-7e57-4000-8000-000000000091"),
		abi.MustParseUUID("8e5c4a40-7e57-4000-8000-000000000092"),
		abi.MustParseUUID("8e5c4a40-7e57-4000-8000-000000000093"),
	}
)

// Data sizes (gpd.ta.dataSize) of the test TAs: the C TA's heap, and the Go
// TA's whole Go heap. The core copies memref parameters into the TA's heap,
// so the C heap holds CmdCrypBench's 1 MiB input and 1 MiB (+ tag) output
// at once, with room to spare.
const (
	CDataSize  = 4 << 20
	GoDataSize = 64 << 20
)

// Commands. "p0" is parameter 0, and so on.
const (
	// CmdNull does nothing and returns TEE_SUCCESS. Any parameter types.
	CmdNull = 0

	// CmdParams transforms every parameter by its type, in order 0..3, with
	// a running uint32 sum acc starting at 0:
	//   VALUE_INPUT:   acc += a + b
	//   VALUE_INOUT:   acc += a + b; then a += 1, b += 2
	//   VALUE_OUTPUT:  a = acc, b = index of the parameter
	//   MEMREF_INPUT:  acc += sum of its bytes
	//   MEMREF_INOUT:  acc += sum of its bytes; then every byte ^= 0xFF
	//   MEMREF_OUTPUT: every byte = (index+1)*0x11; size unchanged
	// A NULL memref (buffer NULL) contributes nothing and is left alone.
	// TA_OpenSessionEntryPoint applies the same transformation to its
	// parameters, except that a p0 VALUE_INPUT with a == OpenRefuse makes it
	// return TEE_ERROR_ACCESS_DENIED.
	CmdParams = 1

	// CmdShortBuffer: p0 MEMREF_OUTPUT, p1 VALUE_INPUT a = n. If p0's size is
	// below n, sets p0.size = n and returns TEE_ERROR_SHORT_BUFFER; else
	// fills n bytes with 0xA5, sets p0.size = n and returns TEE_SUCCESS.
	CmdShortBuffer = 2

	// CmdPanic calls TEE_Panic(PanicCode).
	CmdPanic = 3

	// CmdTrap executes a wasm trap (C: __builtin_trap(); Go: a nil pointer
	// dereference, which the Go runtime turns into a fatal panic).
	CmdTrap = 4

	// CmdWait: p0 VALUE_INPUT a = milliseconds. Calls
	// TEE_UnmaskCancellation() (a session starts with cancellation masked,
	// as in OP-TEE), then returns TEE_Wait(a)'s result (TEE_ERROR_CANCEL
	// when cancelled).
	CmdWait = 5

	// CmdLoopUntilCancel calls TEE_UnmaskCancellation(), then spins,
	// checking TEE_GetCancellationFlag() each round, and returns
	// TEE_ERROR_CANCEL once it is set.
	CmdLoopUntilCancel = 6

	// CmdSpin spins forever without looking at anything.
	CmdSpin = 7

	// CmdMallocHog allocates 64 KiB blocks with TEE_Malloc (Go: make) and
	// keeps them until an allocation fails; then frees them all, sets p0
	// VALUE_OUTPUT a = KiB it had obtained, and returns
	// TEE_ERROR_OUT_OF_MEMORY. (A Go TA's runtime aborts instead, so Go
	// reports TARGET_DEAD.)
	CmdMallocHog = 8

	// CmdRandom fills p0 MEMREF_OUTPUT with TEE_GenerateRandom.
	CmdRandom = 9

	// CmdTime: p0 VALUE_OUTPUT = TEE_GetSystemTime() (a seconds, b millis).
	CmdTime = 10

	// CmdCheckAccess: p0 MEMREF (any direction), p1 VALUE_INPUT a = access
	// flags. Returns TEE_CheckMemoryAccessRights(a, p0.buffer, p0.size).
	CmdCheckAccess = 11

	// CmdMemFuncs exercises TEE_Malloc (with hint 0 zero-filled),
	// TEE_Realloc (content kept), TEE_Free (NULL allowed), TEE_MemMove
	// (overlapping), TEE_MemCompare (<0, 0, >0) and TEE_MemFill internally
	// and returns TEE_SUCCESS when all behave as GP says, else
	// TEE_ERROR_GENERIC.
	CmdMemFuncs = 12

	// CmdLog: p0 MEMREF_INPUT text; logs it once at each trace level
	// (EMSG, IMSG, DMSG, FMSG).
	CmdLog = 13

	// CmdClientIdentity: p0 VALUE_OUTPUT a = login, p1 MEMREF_OUTPUT (16
	// bytes) = the client UUID in canonical (RFC 4122) byte order, both read
	// with TEE_GetPropertyAsIdentity(TEE_PROPSET_CURRENT_CLIENT,
	// "gpd.client.identity").
	CmdClientIdentity = 14

	// CmdCounter increments a counter kept in the instance's global memory
	// and returns its new value in p0 VALUE_OUTPUT a: it shows which
	// sessions share an instance.
	CmdCounter = 15

	// CmdCopy: p0 MEMREF_INPUT, p1 MEMREF_OUTPUT. Copies p0 to p1 when p1
	// is large enough (p1.size = p0.size); else SHORT_BUFFER with p1.size =
	// p0.size. The throughput benchmarks use it.
	CmdCopy = 16

	// CmdTACall calls another TA (GPD_SPE_010 §4.9). p0 MEMREF_INPUT holds
	// the callee's UUID (16 bytes, canonical RFC 4122 order) followed by a
	// uint32 little-endian command id. The TA unmasks cancellation, opens a
	// session with the callee (TEE_OpenTASession, no parameters, timeout
	// TEE_TIMEOUT_INFINITE), invokes the command with its own p1 and p2 as
	// the callee's p0 and p1 (types and contents forwarded as they are,
	// outputs copied back), closes the session, and returns the callee's
	// result. When p3 is VALUE_OUTPUT it receives a = the return origin
	// and b = the result of whichever of the two calls failed, or of the
	// invoke when both succeeded.
	CmdTACall = 17

	// CmdTANullLoop: p0 MEMREF_INPUT holds a callee UUID (16 bytes,
	// canonical order), p1 VALUE_INPUT a = n. Opens one session with the
	// callee, invokes its CmdNull n times without parameters, closes it and
	// returns the first failure or TEE_SUCCESS. The TA-to-TA benchmark uses
	// it.
	CmdTANullLoop = 18

	// CmdTATime gets or sets the TA's persistent time (GPD_SPE_010
	// §7.2.4): p0 VALUE_INPUT a = 0 get (TEE_GetTAPersistentTime), 1 set
	// (TEE_SetTAPersistentTime); p1 VALUE_INOUT a = seconds, b = millis.
	// Returns the call's result; a get writes the time into p1 even with
	// OVERFLOW. A set with millis ≥ 1000 panics, as GP says.
	CmdTATime = 19
)

// Magic values.
const (
	PanicCode  = 0xDEAD
	OpenRefuse = 0xDEAD
)

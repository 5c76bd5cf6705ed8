package abi

//go:generate go run ./gen

// HostModule is the name of the wasm import module that carries the TA
// system calls.
const HostModule = "veritee"

// ValType is the wasm type of a system-call argument: pointers and sizes
// are i32 in a wasm32 TA, 64-bit quantities are i64.
type ValType byte

const (
	I32 ValType = 'i'
	I64 ValType = 'I'
)

// Syscall describes one TA system call: its number, its import name in
// HostModule, and its wasm signature. Every system call returns an i32
// TEE_Result unless NoReturn is set (panic never returns).
//
// Names follow OP-TEE's _utee_* functions so that readers of libutee find
// their way; a C TA calls _utee_<Name>.
type Syscall struct {
	Nr       uint32
	Name     string
	Params   []ValType
	ArgNames []string
	NoReturn bool
	Doc      string
}

// System-call numbers. Numbers are never reused; a later issue appends.
const (
	SysLog                      uint32 = 1
	SysPanic                    uint32 = 2
	SysGetProperty              uint32 = 3
	SysGetPropertyNameToIndex   uint32 = 4
	SysGetTime                  uint32 = 5
	SysWait                     uint32 = 6
	SysGetCancellationFlag      uint32 = 7
	SysMaskCancellation         uint32 = 8
	SysUnmaskCancellation       uint32 = 9
	SysCrypRandomNumberGenerate uint32 = 10
	SysCheckAccessRights        uint32 = 11
	SysOpenTASession            uint32 = 12
	SysInvokeTACommand          uint32 = 13
	SysCloseTASession           uint32 = 14
	SysBigIntOp                 uint32 = 15
	SysBigIntFromOctets         uint32 = 16
	SysBigIntToOctets           uint32 = 17
	SysSetTATime                uint32 = 18
)

func sc(nr uint32, name, doc string, args ...string) Syscall {
	s := Syscall{Nr: nr, Name: name, Doc: doc}
	for _, a := range args {
		t := I32
		if a[0] == '!' { // "!name" marks a 64-bit argument
			t, a = I64, a[1:]
		}
		s.Params = append(s.Params, t)
		s.ArgNames = append(s.ArgNames, a)
	}
	return s
}

// Syscalls is the system-call table, in number order.
var Syscalls = []Syscall{
	sc(SysLog, "log", "writes len bytes at buf to the TA log at trace level (TraceError..TraceFlow)", "level", "buf", "len"),
	func() Syscall {
		s := sc(SysPanic, "panic", "TEE_Panic: kills the instance; its sessions then get TARGET_DEAD", "code")
		s.NoReturn = true
		return s
	}(),
	sc(SysGetProperty, "get_property", "property number index of prop_set: name (NUL-terminated) into name/*name_len when name != 0, value into buf/*buf_len, type into *type; SHORT_BUFFER sets the needed length; ITEM_NOT_FOUND past the last", "prop_set", "index", "name", "name_len", "buf", "buf_len", "type"),
	sc(SysGetPropertyNameToIndex, "get_property_name_to_index", "looks a property up by name (name_len bytes, no NUL needed) and writes its index to *index", "prop_set", "name", "name_len", "index"),
	sc(SysGetTime, "get_time", "writes TEE_Time of category cat (TimeCat*) to *time", "cat", "time"),
	sc(SysWait, "wait", "TEE_Wait: sleeps timeout ms (0xFFFFFFFF = forever); CANCEL when cancelled and not masked", "timeout"),
	sc(SysGetCancellationFlag, "get_cancellation_flag", "writes 1 to *cancel when the current operation is cancelled and cancellation is unmasked, else 0", "cancel"),
	sc(SysMaskCancellation, "mask_cancellation", "masks cancellation; writes the previous mask state (1 = was masked) to *old_mask", "old_mask"),
	sc(SysUnmaskCancellation, "unmask_cancellation", "unmasks cancellation; writes the previous mask state to *old_mask", "old_mask"),
	sc(SysCrypRandomNumberGenerate, "cryp_random_number_generate", "fills len bytes at buf from the OS CSPRNG", "buf", "len"),
	sc(SysCheckAccessRights, "check_access_rights", "TEE_CheckMemoryAccessRights on [buf, buf+len) with MemoryAccess* flags", "flags", "buf", "len"),
	sc(SysOpenTASession, "open_ta_session", "TEE_OpenTASession: opens a session with the TA whose TEE_UUID is at uuid, passing types and the TEE_Param[4] at params (updated on return); writes the session handle to *sess and the return origin to *origin (origin may be 0); cancel_timeout in ms, 0xFFFFFFFF = none", "uuid", "cancel_timeout", "types", "params", "sess", "origin"),
	sc(SysInvokeTACommand, "invoke_ta_command", "TEE_InvokeTACommand on session handle sess: command cmd with types and the TEE_Param[4] at params (updated on return); writes the return origin to *origin (origin may be 0)", "sess", "cancel_timeout", "cmd", "types", "params", "origin"),
	sc(SysCloseTASession, "close_ta_session", "TEE_CloseTASession: closes session handle sess", "sess"),
	sc(SysBigIntOp, "bigint_op", "TEE_BigInt* arithmetic: operation op (BigOp*) on the TEE_BigInts op1, op2, n (0 = absent) with 32-bit operands arg, arg2; results into the TEE_BigInts dst, dst2, dst3 and the u32 at out (each 0 when unused); OVERFLOW when a result does not fit its destination, BAD_PARAMETERS for bad memory, a malformed TEE_BigInt or an operand GP makes the TA panic on", "op", "dst", "dst2", "dst3", "op1", "op2", "n", "arg", "arg2", "out"),
	sc(SysBigIntFromOctets, "bigint_from_octets", "TEE_BigIntConvertFromOctetString: dst = the big-endian magnitude at buf/len, negative when sign < 0; OVERFLOW when it does not fit", "dst", "buf", "len", "sign"),
	sc(SysBigIntToOctets, "bigint_to_octets", "TEE_BigIntConvertToOctetString: the big-endian magnitude of src into buf/*len (0 bytes for zero); SHORT_BUFFER sets *len to the length needed", "src", "buf", "len"),
	sc(SysSetTATime, "set_ta_time", "TEE_SetTAPersistentTime: sets the TA's persistent time to the TEE_Time at *time; BAD_PARAMETERS when its millis are ≥ 1000; STORAGE_NO_SPACE or OUT_OF_MEMORY when it cannot be stored", "time"),
}

// SyscallByNr returns the table entry for nr.
func SyscallByNr(nr uint32) (Syscall, bool) {
	for _, s := range Syscalls {
		if s.Nr == nr {
			return s, true
		}
	}
	return Syscall{}, false
}

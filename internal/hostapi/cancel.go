package hostapi

import (
	"context"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
)

// Cancellation (GPD_SPE_010 §4.10). A session starts with cancellation
// masked, as OP-TEE's tee_ta_init_session does (cancel_mask = true); the
// mask belongs to the session and keeps its state from one entry point
// call to the next. A TA that wants to see cancellations calls
// TEE_UnmaskCancellation. A cancellation request itself always reaches the
// core: it is recorded in the operation's flag whatever the mask says.

func init() {
	register(abi.SysGetCancellationFlag, sysGetCancellationFlag)
	register(abi.SysMaskCancellation, sysMaskCancellation)
	register(abi.SysUnmaskCancellation, sysUnmaskCancellation)
}

// sysGetCancellationFlag writes 1 to *cancel when the current operation is
// cancelled and cancellation is unmasked, else 0 (TEE_GetCancellationFlag).
// Results: SUCCESS, BAD_PARAMETERS for a pointer outside memory.
func sysGetCancellationFlag(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	var v uint32
	if s.Call.CancelPending() {
		v = 1
	}
	if !writeU32(mem, arg32(args, 0), v) {
		return abi.ErrBadParameters
	}
	return abi.Success
}

// sysMaskCancellation masks cancellation and writes the previous state
// (1 = was masked) to *old_mask (TEE_MaskCancellation). Results: SUCCESS,
// BAD_PARAMETERS for a pointer outside memory (the mask is then unchanged).
func sysMaskCancellation(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	return setMask(s, mem, arg32(args, 0), true)
}

// sysUnmaskCancellation unmasks cancellation and writes the previous state
// to *old_mask (TEE_UnmaskCancellation). Results as sysMaskCancellation.
func sysUnmaskCancellation(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	return setMask(s, mem, arg32(args, 0), false)
}

func setMask(s *State, mem api.Memory, oldPtr uint32, masked bool) abi.Result {
	var old uint32
	if s.Call.masked() {
		old = 1
	}
	if !writeU32(mem, oldPtr, old) {
		return abi.ErrBadParameters
	}
	if s.Call.Masked == nil {
		// No session to remember the mask in: it stays masked.
		return abi.Success
	}
	*s.Call.Masked = masked
	return abi.Success
}

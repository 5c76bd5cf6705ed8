package hostapi

import (
	"context"
	"fmt"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
)

// PanicError ends a call in which the TA called TEE_Panic (GPD_SPE_010
// §4.8.1). The panic handler panics with it; wazero unwinds the TA's stack
// and returns it, wrapped, from the call, so errors.As finds it.
//
// Reason is set when the core panicked the TA on its behalf, for a misuse
// of the API that GP says panics (a wrong handle, a wrong state, ...).
type PanicError struct {
	Code   uint32
	Reason string
}

func (e *PanicError) Error() string {
	if e.Reason != "" {
		return fmt.Sprintf("hostapi: TEE_Panic(0x%08x): %s", e.Code, e.Reason)
	}
	return fmt.Sprintf("hostapi: TEE_Panic(0x%08x)", e.Code)
}

func init() { register(abi.SysPanic, sysPanic) }

// sysPanic records the panic code in the State and aborts the call. The
// runtime then kills the instance: its sessions get TARGET_DEAD.
func sysPanic(_ context.Context, s *State, _ api.Memory, args []uint64) abi.Result {
	code := arg32(args, 0)
	s.Panicked, s.PanicCode = true, code
	panic(&PanicError{Code: code})
}

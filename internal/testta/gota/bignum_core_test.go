package main

import (
	"context"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/hostapi"
)

// bigIntSyscalls serves the big-integer system calls of the miniCore with
// the core's own handlers, which keep no state.
func bigIntSyscalls(m map[string]api.GoModuleFunc) {
	for _, nr := range []uint32{abi.SysBigIntOp, abi.SysBigIntFromOctets, abi.SysBigIntToOctets} {
		s, _ := abi.SyscallByNr(nr)
		m[s.Name] = func(ctx context.Context, mod api.Module, stack []uint64) {
			hostapi.Dispatch(hostapi.WithState(ctx, &hostapi.State{}), mod, nr, stack)
		}
	}
}

package hostapi

import (
	"context"
	"fmt"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
)

// Handler implements one system call. args holds the call's arguments as
// wazero passes them (i32 zero-extended, i64 as is); the result is the
// TEE_Result the TA gets. A handler must not keep mem or args.
type Handler func(ctx context.Context, s *State, mem api.Memory, args []uint64) abi.Result

// handlers is the dispatch table, indexed by system-call number. It is
// filled by register from init functions and read-only afterwards.
var handlers []Handler

// register installs h for system call nr. Registering a number twice is a
// programming error.
func register(nr uint32, h Handler) {
	for uint32(len(handlers)) <= nr {
		handlers = append(handlers, nil)
	}
	if handlers[nr] != nil {
		panic(fmt.Sprintf("hostapi: system call %d registered twice", nr))
	}
	handlers[nr] = h
}

// Lookup returns the handler of system call nr.
func Lookup(nr uint32) (Handler, bool) {
	if nr >= uint32(len(handlers)) || handlers[nr] == nil {
		return nil, false
	}
	return handlers[nr], true
}

// Dispatch runs system call nr for the module mod and stores its result in
// stack[0]. A call without a State in ctx, without memory, or to an unknown
// number gets TEE_ERROR_NOT_SUPPORTED (unknown numbers) or
// TEE_ERROR_BAD_STATE.
func Dispatch(ctx context.Context, mod api.Module, nr uint32, stack []uint64) {
	res := dispatch(ctx, mod, nr, stack)
	if len(stack) > 0 {
		stack[0] = uint64(res)
	}
}

func dispatch(ctx context.Context, mod api.Module, nr uint32, stack []uint64) abi.Result {
	h, ok := Lookup(nr)
	if !ok {
		return abi.ErrNotSupported
	}
	s := FromContext(ctx)
	if s == nil || mod == nil {
		return abi.ErrBadState
	}
	mem := mod.Memory()
	if mem == nil {
		return abi.ErrBadState
	}
	return h(ctx, s, mem, stack)
}

// Instantiate adds the host module abi.HostModule to r: one function per
// entry of abi.Syscalls, with its wasm signature, dispatching by number.
// Every system call in the table must have a handler.
func Instantiate(ctx context.Context, r wazero.Runtime) error {
	b := r.NewHostModuleBuilder(abi.HostModule)
	for _, sc := range abi.Syscalls {
		if _, ok := Lookup(sc.Nr); !ok {
			return fmt.Errorf("hostapi: system call %d (%s) has no handler", sc.Nr, sc.Name)
		}
		var results []api.ValueType
		if !sc.NoReturn {
			results = []api.ValueType{api.ValueTypeI32}
		}
		nr := sc.Nr
		b.NewFunctionBuilder().
			WithGoModuleFunction(api.GoModuleFunc(func(ctx context.Context, mod api.Module, stack []uint64) {
				Dispatch(ctx, mod, nr, stack)
			}), ValueTypes(sc.Params), results).
			WithName(sc.Name).
			Export(sc.Name)
	}
	_, err := b.Instantiate(ctx)
	return err
}

// ValueTypes converts system-call argument types to wazero's.
func ValueTypes(ts []abi.ValType) []api.ValueType {
	out := make([]api.ValueType, len(ts))
	for i, t := range ts {
		out[i] = api.ValueTypeI32
		if t == abi.I64 {
			out[i] = api.ValueTypeI64
		}
	}
	return out
}

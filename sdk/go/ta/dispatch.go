package ta

import (
	"errors"
	"fmt"
	"runtime/debug"
)

// GoPanicCode is the TEE_Panic code the SDK reports when a Go panic escapes
// an entry point (a bug in the TA, a nil dereference, a failed type
// assertion...). The panic value and stack are logged at TraceError first.
const GoPanicCode Result = 0x60DEAD00

// PanicError is how a FakeCore reports that the TA called TEE_Panic (or let
// a Go panic escape): its harness methods return it as their error.
type PanicError struct{ Code Result }

// Error returns a description with the panic code.
func (e *PanicError) Error() string { return fmt.Sprintf("ta: TEE_Panic(0x%08x)", uint32(e.Code)) }

// sessions maps the session-context values the core holds (the void *
// of TA_OpenSessionEntryPoint) to the Go values OpenSession returned.
var sessions = struct {
	m    map[uint32]any
	next uint32
}{m: make(map[uint32]any)}

// resultOf turns an entry point's error into its TEE_Result.
func resultOf(err error) Result {
	if err == nil {
		return Success
	}
	var r Result
	if errors.As(err, &r) {
		return r
	}
	sys.log(TraceError, "ta: entry point error: "+err.Error())
	return ErrGeneric
}

// guard runs one entry point. A Go panic that escapes f kills the instance
// as TEE_Panic would (GPD_SPE_010 §2.3.3, §4.8): logged, then the panic
// system call, so the core never waits on a broken TA.
func guard(f func() Result) Result {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if pe, ok := v.(*PanicError); ok {
			panic(pe) // a FakeCore's TEE_Panic: let its harness see it
		}
		sys.log(TraceError, fmt.Sprintf("ta: panic: %v\n%s", v, debug.Stack()))
		sys.panic(GoPanicCode)
	}()
	return f()
}

func dispatchCreate() Result {
	return guard(func() Result { return resultOf(registeredTA().Create()) })
}

func dispatchDestroy() {
	guard(func() Result {
		registeredTA().Destroy()
		clear(sessions.m)
		return Success
	})
}

// openSession runs OpenSession and, on success, returns the context value
// the core keeps for the session (never 0).
func openSession(p *Params) (uint32, Result) {
	s, err := registeredTA().OpenSession(p)
	if r := resultOf(err); r != Success {
		return 0, r
	}
	for {
		sessions.next++
		if _, used := sessions.m[sessions.next]; sessions.next != 0 && !used {
			break
		}
	}
	sessions.m[sessions.next] = s
	return sessions.next, Success
}

// closeSession runs CloseSession for the context value ctx and forgets it.
func closeSession(ctx uint32) {
	s, ok := sessions.m[ctx]
	if !ok {
		panic(fmt.Sprintf("ta: close of unknown session context 0x%x", ctx))
	}
	delete(sessions.m, ctx)
	registeredTA().CloseSession(s)
}

// invoke runs Invoke for the session with context value ctx.
func invoke(ctx, cmd uint32, p *Params) Result {
	s, ok := sessions.m[ctx]
	if !ok {
		panic(fmt.Sprintf("ta: invoke on unknown session context 0x%x", ctx))
	}
	return resultOf(registeredTA().Invoke(s, cmd, p))
}

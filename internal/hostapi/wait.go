package hostapi

import (
	"context"
	"errors"
	"time"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
)

// WaitForever is the TEE_Wait timeout that never expires (TEE_TIMEOUT_INFINITE).
const WaitForever = 0xFFFFFFFF

// ErrKilled ends a call whose instance was killed while the TA waited in a
// system call.
var ErrKilled = errors.New("hostapi: the TA instance was killed")

func init() { register(abi.SysWait, sysWait) }

// sysWait is TEE_Wait (GPD_SPE_010 §7.2.2): it sleeps timeout milliseconds
// (WaitForever: until cancelled). It is cancellable: when the operation is
// or becomes cancelled while cancellation is unmasked it returns CANCEL
// early. When the instance is killed it aborts the call (ErrKilled), so
// the caller gets TARGET_DEAD. Results: SUCCESS, CANCEL.
func sysWait(_ context.Context, s *State, _ api.Memory, args []uint64) abi.Result {
	timeout := arg32(args, 0)
	c := &s.Call
	if c.CancelPending() {
		return abi.ErrCancel
	}
	var expired <-chan time.Time
	if timeout != WaitForever {
		t := time.NewTimer(time.Duration(timeout) * time.Millisecond)
		defer t.Stop()
		expired = t.C
	}
	var cancelled, ctxDone <-chan struct{}
	if !c.masked() {
		cancelled = c.Cancel.Done()
		if c.Ctx != nil {
			ctxDone = c.Ctx.Done()
		}
	}
	select {
	case <-expired:
		return abi.Success
	case <-cancelled:
		return abi.ErrCancel
	case <-ctxDone:
		return abi.ErrCancel
	case <-s.Killed:
		panic(ErrKilled)
	}
}

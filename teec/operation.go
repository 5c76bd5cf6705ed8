package teec

import (
	"sync"

	"github.com/veritee/veritee/internal/teeconn"
)

// Operation is a TEEC_Operation (GPD_SPE_007 §4.3.9): the parameters of one
// OpenSession or InvokeCommand call, and the handle by which the call can be
// cancelled. The zero Operation has four TEEC_NONE parameters. A nil
// *Operation may be passed where no parameters and no cancellation are
// needed.
//
// An Operation serves one call at a time: a call using an Operation that
// another call still uses fails with ErrBadState (origin API). It may be
// reused once the call returns. It must not be copied after first use.
type Operation struct {
	// Params are the four parameters; nil is TEEC_NONE. On return the
	// output values and sizes are written back into the structs.
	Params [4]Parameter

	mu     sync.Mutex
	busy   bool
	cancel *teeconn.Cancel // the flag of the current or next call
}

// RequestCancellation is TEEC_RequestCancellation (GPD_SPE_007 §4.5.10): it
// asks the TEE to cancel the call that uses op. It returns at once and may be
// called from any goroutine, at any time.
//
// While a call runs, the TEE is told at once: a TA that has not masked
// cancellation sees TEE_GetCancellationFlag return true, TEE_Wait returns
// TEE_ERROR_CANCEL, and the call's result is whatever the TA returns (often
// ErrCancel with origin TRUSTED_APP). Before a call starts, the request is
// kept and handed to the next call that uses op, following OP-TEE: that
// call fails with ErrCancel or is cancelled as soon as it starts. The
// request is consumed by that call; a later call starts uncancelled.
func (op *Operation) RequestCancellation() {
	if op == nil {
		return
	}
	op.mu.Lock()
	if op.cancel == nil {
		op.cancel = teeconn.NewCancel()
	}
	c := op.cancel
	op.mu.Unlock()
	c.Request()
}

// start claims op for one call and returns the call's cancellation flag;
// a nil op needs no flag.
func (op *Operation) start(name string) (*teeconn.Cancel, error) {
	if op == nil {
		return nil, nil
	}
	op.mu.Lock()
	defer op.mu.Unlock()
	if op.busy {
		return nil, apiError(name, ErrBadState, "operation is already in use by another call")
	}
	op.busy = true
	if op.cancel == nil {
		op.cancel = teeconn.NewCancel()
	}
	return op.cancel, nil
}

// end releases op after a call; its cancellation flag is spent.
func (op *Operation) end() {
	if op == nil {
		return
	}
	op.mu.Lock()
	op.busy = false
	op.cancel = nil
	op.mu.Unlock()
}

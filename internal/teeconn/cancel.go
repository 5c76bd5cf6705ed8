package teeconn

import (
	"sync"
	"sync/atomic"
)

// Cancel is the cancellation flag of one operation. Whoever starts the
// operation creates it before the operation can be cancelled, so a
// cancellation that races the start of the operation is never lost
// (TEEC_RequestCancellation may be called before the TA is entered).
type Cancel struct {
	set    atomic.Bool
	mu     sync.Mutex
	ch     chan struct{} // made lazily: most operations are never waited on
	closed bool
}

// NewCancel returns an unset flag.
func NewCancel() *Cancel { return &Cancel{} }

// Request sets the flag. It is idempotent and safe on a nil *Cancel.
func (c *Cancel) Request() {
	if c == nil || c.set.Swap(true) {
		return
	}
	c.mu.Lock()
	if c.ch != nil && !c.closed {
		close(c.ch)
	}
	c.closed = true
	c.mu.Unlock()
}

// Requested reports whether the flag is set.
func (c *Cancel) Requested() bool { return c != nil && c.set.Load() }

// Done returns a channel closed when the flag is set. A nil *Cancel never
// fires.
func (c *Cancel) Done() <-chan struct{} {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ch == nil {
		c.ch = make(chan struct{})
		if c.closed {
			close(c.ch)
		}
	}
	return c.ch
}

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
	after  map[uint64]func()
	next   uint64
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
	after := c.after
	c.after = nil
	c.mu.Unlock()
	for _, f := range after {
		f()
	}
}

// AfterRequest arranges for f to run (in the goroutine that sets the flag)
// once the flag is set, at once if it is set already; stop cancels that
// and reports whether it did. It costs no goroutine, which is why a
// TA-to-TA call uses it to pass its caller's cancellation on
// (GPD_SPE_010 §4.9). A nil *Cancel never runs f.
func (c *Cancel) AfterRequest(f func()) (stop func() bool) {
	if c == nil {
		return func() bool { return false }
	}
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		f()
		return func() bool { return false }
	}
	if c.after == nil {
		c.after = make(map[uint64]func())
	}
	c.next++
	id := c.next
	c.after[id] = f
	c.mu.Unlock()
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		_, ok := c.after[id]
		delete(c.after, id)
		return ok
	}
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

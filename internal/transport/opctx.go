package transport

import (
	"context"
	"slices"
	"sync"
	"time"
)

// opContext is the context of one operation in the daemon: it ends when a
// CANCEL with wire.CancelAbandon names the operation, when the operation
// ends, or when the connection does. It does what a context.WithCancel
// child of the connection's context would, for less: it registers nowhere
// (teardown ends the contexts of the operations in flight), makes its Done
// channel only when asked, and takes AfterFunc callbacks itself (the
// runtime's watch for abandoned calls, on every call), which
// context.AfterFunc and context.WithCancel use too when they find the
// method. A null invoke costs a few microseconds less with it, mostly in
// wake-ups the standard one's bookkeeping caused.
type opContext struct {
	mu    sync.Mutex
	err   error
	done  chan struct{}
	first afterFunc // the usual single registration, without an allocation
	after []*afterFunc
	buf   [1]*afterFunc
}

type afterFunc struct {
	c *opContext
	f func()
}

var _ context.Context = (*opContext)(nil)

func (c *opContext) Deadline() (time.Time, bool) { return time.Time{}, false }

func (c *opContext) Done() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done == nil {
		c.done = make(chan struct{})
		if c.err != nil {
			close(c.done)
		}
	}
	return c.done
}

func (c *opContext) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Value holds nothing: the connection's context carries no values.
func (c *opContext) Value(any) any { return nil }

// AfterFunc runs f in its own goroutine once c ends, as context.AfterFunc
// does; stop undoes that and reports whether it did.
func (c *opContext) AfterFunc(f func()) (stop func() bool) {
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		go f()
		return func() bool { return false }
	}
	a := &c.first
	if a.f != nil || a.c != nil {
		a = &afterFunc{}
	}
	*a = afterFunc{c: c, f: f}
	if c.after == nil {
		c.after = c.buf[:0]
	}
	c.after = append(c.after, a)
	c.mu.Unlock()
	return a.stop
}

func (a *afterFunc) stop() bool {
	c := a.c
	c.mu.Lock()
	defer c.mu.Unlock()
	i := slices.Index(c.after, a)
	if i < 0 {
		return false
	}
	c.after = slices.Delete(c.after, i, i+1)
	return true
}

// cancel ends c with context.Canceled; later calls do nothing.
func (c *opContext) cancel() {
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return
	}
	c.err = context.Canceled
	if c.done != nil {
		close(c.done)
	}
	after := c.after
	c.after = nil
	c.mu.Unlock()
	for _, a := range after {
		go a.f()
	}
}

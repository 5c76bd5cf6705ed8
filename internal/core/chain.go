package core

import "context"

// chain records the instances a call passes through: a client calls TA A,
// A calls TA B (TEE_OpenTASession, TEE_InvokeTACommand) and so on, all on
// one goroutine. An instance runs one call at a time, so a call that comes
// back to an instance already on its chain could never be served; GP has
// the core refuse it with TEE_ERROR_BUSY instead of deadlocking
// (GPD_SPE_010 §4.9), as OP-TEE does for a single-instance TA that calls
// itself through another.
type chain struct {
	in *instance
	up *chain
}

type chainKey struct{}

// onChain reports whether in is already serving a call on ctx's chain.
func onChain(ctx context.Context, in *instance) bool {
	for c, _ := ctx.Value(chainKey{}).(*chain); c != nil; c = c.up {
		if c.in == in {
			return true
		}
	}
	return false
}

// withChain returns ctx with in added to its chain.
func withChain(ctx context.Context, in *instance) context.Context {
	up, _ := ctx.Value(chainKey{}).(*chain)
	return &chainCtx{Context: ctx, c: chain{in: in, up: up}}
}

// chainCtx is a context carrying a chain. Unlike context.WithValue's, it
// passes AfterFunc on to the context it wraps: the runtime watches every
// call's context with it, and the transport's per-operation context takes
// that without the bookkeeping of a standard cancelable context.
type chainCtx struct {
	context.Context
	c chain
}

func (c *chainCtx) Value(key any) any {
	if key == (chainKey{}) {
		return &c.c
	}
	return c.Context.Value(key)
}

// AfterFunc is context.AfterFunc on the wrapped context, through its own
// AfterFunc method when it has one.
func (c *chainCtx) AfterFunc(f func()) (stop func() bool) {
	if a, ok := c.Context.(interface{ AfterFunc(func()) func() bool }); ok {
		return a.AfterFunc(f)
	}
	if c.Context.Done() == nil {
		return never
	}
	return context.AfterFunc(c.Context, f)
}

// never is the stop function of an AfterFunc on a context that cannot end.
func never() bool { return false }

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
	return context.WithValue(ctx, chainKey{}, &chain{in: in, up: up})
}

package taruntime

import (
	"context"
	"errors"
	"time"
)

// errAbandoned is the reason of death of an instance whose caller went
// away and which did not return within the grace period.
var errAbandoned = errors.New("taruntime: the caller gave up and the TA did not return within the grace period")

// watch arranges for onAbandon to run if ctx ends during the call that is
// starting. It returns nil when ctx can never end (no cost on that path).
// The caller's context doubles as a cancellation request, which the system
// calls see through hostapi.Call.Ctx.
//
// A context with an AfterFunc method of its own (the transport's
// per-operation one, and the core's wrapper of it) is asked directly: it
// does the same as context.AfterFunc, for less.
func (i *Instance) watch(ctx context.Context) func() bool {
	if ctx == nil {
		return nil
	}
	a, ok := ctx.(interface{ AfterFunc(func()) func() bool })
	if !ok && ctx.Done() == nil {
		return nil
	}
	i.wmu.Lock()
	i.gen++
	i.running = true
	i.wmu.Unlock()
	if ok {
		return a.AfterFunc(i.abandonFn)
	}
	return context.AfterFunc(ctx, i.abandonFn)
}

// unwatch ends the watch of the call that just returned.
func (i *Instance) unwatch(stop func() bool) {
	stop()
	i.wmu.Lock()
	i.running = false
	if i.timer != nil {
		i.timer.Stop()
		i.timer = nil
	}
	i.wmu.Unlock()
}

// onAbandon runs when the caller's context of the running call ends: it
// gives the TA AbandonGrace to return, then kills the instance.
func (i *Instance) onAbandon() {
	i.wmu.Lock()
	defer i.wmu.Unlock()
	if !i.running || i.timer != nil {
		return
	}
	gen := i.gen
	i.timer = time.AfterFunc(i.grace, func() {
		i.wmu.Lock()
		still := i.running && i.gen == gen
		i.wmu.Unlock()
		if still {
			i.Kill(errAbandoned)
		}
	})
}

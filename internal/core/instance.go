package core

import (
	"context"
	"sync"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/taruntime"
	"github.com/veritee/veritee/internal/teeconn"
)

// taEntry is everything the core knows about one TA UUID: the loaded image
// and its instances. Its mutex serialises instance creation and teardown
// (GPD_SPE_010 §2.1.3: a single-instance TA has at most one instance), not
// the calls into instances, which run in parallel.
type taEntry struct {
	core *Core
	uuid abi.UUID

	mu           sync.Mutex
	ta           *taruntime.TA
	file         taFile
	single       bool
	multiSession bool
	keepAlive    bool
	shared       *instance              // the instance of a single-instance TA
	all          map[*instance]struct{} // every instance not yet destroyed
	live         int                    // instances not yet destroyed
}

// instance is one TA instance and the number of sessions open on it.
type instance struct {
	entry    *taEntry
	rt       *taruntime.Instance
	sessions int
	// calls is the instance's own connection to other TAs; closing it
	// closes the sessions the instance opened.
	calls *conn
}

// destroy ends the instance (TA_DestroyEntryPoint when it is alive) and
// closes the sessions it had opened with other TAs.
func (in *instance) destroy(ctx context.Context) {
	in.rt.Destroy(ctx)
	in.calls.closeWith(ctx)
}

// attach returns the instance a new session should open on, creating one if
// GP's rules call for it.
func (e *taEntry) attach(ctx context.Context) (*instance, abi.Ret) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if ret := e.load(ctx); !ret.OK() {
		return nil, ret
	}
	if e.single && e.shared != nil && !e.shared.rt.Dead() {
		if !e.multiSession && e.shared.sessions > 0 {
			return nil, abi.TEE(abi.ErrBusy)
		}
		e.shared.sessions++
		return e.shared, abi.Ret{}
	}
	calls := e.core.connectTA(e.uuid)
	rt, ret := e.ta.NewInstance(ctx, taruntime.WithTAClient(calls), taruntime.WithTATime(e.core.taTime),
		taruntime.WithStorage(e.core.storage.st))
	if !ret.OK() {
		calls.closeWith(ctx)
		return nil, ret
	}
	in := &instance{entry: e, rt: rt, sessions: 1, calls: calls}
	if e.all == nil {
		e.all = make(map[*instance]struct{})
	}
	e.all[in] = struct{}{}
	e.live++
	if e.single {
		e.shared = in
	}
	return in, abi.Ret{}
}

// detach ends a session's hold on in and destroys the instance when GP says
// it ends: when its last session closes, unless it is a keep-alive single
// instance that is still alive (GPD_SPE_010 §4.5, gpd.ta.instanceKeepAlive).
func (e *taEntry) detach(ctx context.Context, in *instance) {
	e.mu.Lock()
	in.sessions--
	keep := in.sessions > 0 || (e.single && e.keepAlive && !in.rt.Dead() && e.shared == in)
	if !keep {
		e.drop(in)
	}
	e.mu.Unlock()
	if !keep {
		in.destroy(ctx)
	}
}

// drop forgets in; callers hold e.mu and destroy it afterwards.
func (e *taEntry) drop(in *instance) {
	if _, ok := e.all[in]; !ok {
		return
	}
	delete(e.all, in)
	e.live--
	if e.shared == in {
		e.shared = nil
	}
}

// killAll kills every instance of the TA; used when shutdown runs out of time.
func (e *taEntry) killAll(reason error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for in := range e.all {
		in.rt.Kill(reason)
	}
}

// shutdown destroys the instances that outlived their sessions (keep-alive)
// and unloads the TA.
func (e *taEntry) shutdown(ctx context.Context) {
	e.mu.Lock()
	ins := make([]*instance, 0, len(e.all))
	for in := range e.all {
		ins = append(ins, in)
		e.drop(in)
	}
	ta := e.ta
	e.ta = nil
	e.mu.Unlock()
	for _, in := range ins {
		in.destroy(ctx)
	}
	if ta != nil {
		ta.Close(ctx)
	}
}

// openSession runs TA_OpenSessionEntryPoint on a fresh or shared instance.
func (e *taEntry) openSession(ctx context.Context, client abi.Identity, p *teeconn.Params, cancel *teeconn.Cancel) (*instance, *taruntime.Session, abi.Ret) {
	if cancel.Requested() {
		return nil, nil, abi.TEE(abi.ErrCancel)
	}
	in, ret := e.attach(ctx)
	if !ret.OK() {
		return nil, nil, ret
	}
	if onChain(ctx, in) {
		e.detach(context.WithoutCancel(ctx), in)
		return nil, nil, abi.TEE(abi.ErrBusy)
	}
	s := taruntime.NewSession(client)
	if ret := in.rt.OpenSession(withChain(ctx, in), s, p, cancel); !ret.OK() {
		e.detach(context.WithoutCancel(ctx), in)
		return nil, nil, ret
	}
	return in, s, abi.Ret{}
}

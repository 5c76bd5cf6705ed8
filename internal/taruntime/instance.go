package taruntime

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/sys"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/hostapi"
	"github.com/veritee/veritee/internal/teeconn"
)

// scratchSize is the per-instance area the core writes TEE_Param params[4]
// and the session-context slot into.
const (
	scratchSize   = abi.ParamsSize + 4
	sessCtxOffset = abi.ParamsSize
)

// Instance is one instance of a TA (GPD_SPE_010 §2.1.2): a wasm module
// instance with its own linear memory. Its entry points run one call at a
// time; different instances run in parallel.
type Instance struct {
	ta    *TA
	log   *slog.Logger
	grace time.Duration

	mu     sync.Mutex // held for the whole of each call
	mod    api.Module
	fnInit api.Function
	fnCreate, fnDestroy, fnOpen, fnClose, fnInvoke,
	fnAlloc, fnFree api.Function
	state   *hostapi.State
	ctx     context.Context // carries state; Kill cancels it
	cancel  context.CancelFunc
	scratch uint32
	stack   [4]uint64
	bufs    [abi.NumParams]uint32 // memref buffers of the current call
	nbufs   int

	dead     atomic.Bool
	deathMu  sync.Mutex
	death    error
	released atomic.Bool

	// Abandonment of the current call; see abandon.go.
	wmu       sync.Mutex
	gen       uint64
	running   bool
	timer     *time.Timer
	abandonFn func()
}

// ErrDead is the reason recorded when Kill is given none.
var ErrDead = errors.New("taruntime: instance killed")

// NewInstance creates an instance: it instantiates the module, runs
// _initialize, allocates the scratch area and calls TA_CreateEntryPoint
// (GPD_SPE_010 §4.3.1). A failure of TA_CreateEntryPoint returns its
// result with origin TRUSTED_APP; any other failure returns origin TEE.
func (t *TA) NewInstance(ctx context.Context, opts ...InstanceOption) (*Instance, abi.Ret) {
	cfg := t.rt.cfg
	ictx, cancel := context.WithCancel(context.Background())
	i := &Instance{
		ta:     t,
		log:    cfg.Logger.With("ta", t.uuid.String()),
		grace:  cfg.AbandonGrace,
		cancel: cancel,
	}
	i.abandonFn = i.onAbandon
	i.state = &hostapi.State{
		UUID:     t.uuid,
		TAProps:  t.taProps,
		TEEProps: cfg.TEEProperties,
		Logger:   cfg.Logger,
		Rand:     cfg.Rand,
		Clock:    cfg.Clock,
		Killed:   ictx.Done(),
	}
	for _, o := range opts {
		o(i.state)
	}
	i.ctx = hostapi.WithState(ictx, i.state)
	if !t.track(i) {
		cancel()
		return nil, abi.TEE(abi.ErrTargetDead)
	}
	out := &logWriter{log: i.log}
	mcfg := wazero.NewModuleConfig().
		WithName(fmt.Sprintf("ta-%s-%d", t.uuid, instanceSeq.Add(1))).
		WithStartFunctions().
		WithStdout(out).
		WithStderr(out).
		WithRandSource(cfg.Rand).
		WithSysWalltime().
		WithSysNanotime().
		WithSysNanosleep()
	mod, err := t.wr.InstantiateModule(i.ctx, t.cm, mcfg)
	if err != nil {
		i.log.Error("TA instantiation failed", "err", err)
		i.release()
		return nil, abi.TEE(abi.ErrOutOfMemory)
	}
	i.mod = mod
	i.fnInit = mod.ExportedFunction(abi.ExportInitialize)
	i.fnCreate = mod.ExportedFunction(abi.ExportCreate)
	i.fnDestroy = mod.ExportedFunction(abi.ExportDestroy)
	i.fnOpen = mod.ExportedFunction(abi.ExportOpenSession)
	i.fnClose = mod.ExportedFunction(abi.ExportCloseSession)
	i.fnInvoke = mod.ExportedFunction(abi.ExportInvoke)
	i.fnAlloc = mod.ExportedFunction(abi.ExportAlloc)
	i.fnFree = mod.ExportedFunction(abi.ExportFree)

	i.mu.Lock()
	defer i.mu.Unlock()
	if i.fnInit != nil {
		if err := i.call(ctx, i.fnInit, 0); err != nil {
			return nil, abi.TEE(abi.ErrTargetDead)
		}
	}
	p, ok := i.alloc(ctx, scratchSize)
	if !ok {
		return nil, abi.TEE(abi.ErrTargetDead)
	}
	i.scratch = p
	if err := i.call(ctx, i.fnCreate, 0); err != nil {
		return nil, abi.TEE(abi.ErrTargetDead)
	}
	if res := abi.Result(uint32(i.stack[0])); res != abi.Success {
		i.log.Debug("TA_CreateEntryPoint failed", "result", res)
		i.dead.Store(true)
		i.release()
		return nil, abi.Ret{Code: res, Origin: abi.OriginTrustedApp}
	}
	return i, abi.Ret{Code: abi.Success, Origin: abi.OriginTrustedApp}
}

// call runs fn with its nargs arguments in i.stack (nargs documents the
// call site; wazero reads as many as fn's signature says), leaving its
// result in i.stack[0]. It must be called with i.mu held. Any error kills
// the instance and is returned.
func (i *Instance) call(ctx context.Context, fn api.Function, nargs int) error {
	_ = nargs
	if i.dead.Load() {
		return i.reason()
	}
	watching := i.watch(ctx)
	err := fn.CallWithStack(i.ctx, i.stack[:])
	if watching != nil {
		i.unwatch(watching)
	}
	if err != nil {
		i.die(err)
		return err
	}
	if i.dead.Load() { // killed just as the call returned
		return i.reason()
	}
	return nil
}

// alloc calls veritee_alloc(n) and checks that the TA's answer is a
// non-NULL block of n bytes inside its memory. Anything else kills the
// instance.
func (i *Instance) alloc(ctx context.Context, n uint32) (uint32, bool) {
	i.stack[0] = uint64(max(n, 1))
	if err := i.call(ctx, i.fnAlloc, 1); err != nil {
		return 0, false
	}
	p := uint32(i.stack[0])
	if p == 0 {
		i.die(fmt.Errorf("veritee_alloc(%d): out of memory", n))
		return 0, false
	}
	if _, ok := i.mod.Memory().Read(p, max(n, 1)); !ok {
		i.die(fmt.Errorf("veritee_alloc(%d) returned 0x%x, outside memory", n, p))
		return 0, false
	}
	return p, true
}

// die marks the instance dead after a failed call, logs why and releases
// it.
func (i *Instance) die(err error) {
	var pe *hostapi.PanicError
	var ee *sys.ExitError
	var reason error
	switch {
	case errors.As(err, &pe) && pe.Reason != "":
		reason = fmt.Errorf("TEE_Panic(0x%08x) by the core: %s", pe.Code, pe.Reason)
	case errors.As(err, &pe):
		reason = fmt.Errorf("TEE_Panic(0x%08x)", pe.Code)
	case i.dead.Load():
		reason = nil // killed: Kill has logged it
	case errors.As(err, &ee):
		reason = fmt.Errorf("the TA exited with code %d", ee.ExitCode())
	default:
		reason = fmt.Errorf("the TA failed: %w", err)
	}
	if reason != nil && i.markDead(reason) {
		i.log.Error("TA instance died", "reason", reason.Error())
	}
	i.release()
	// die runs with i.mu held, so no system call can be using the
	// instance's objects: free them now, before the client hears
	// TARGET_DEAD, so that a new session finds its persistent objects
	// closed (no spurious ACCESS_CONFLICT).
	i.state.Release()
}

// markDead records the first reason of death; it reports whether this
// call was the first.
func (i *Instance) markDead(reason error) bool {
	i.deathMu.Lock()
	defer i.deathMu.Unlock()
	if i.death != nil {
		return false
	}
	i.death = reason
	i.dead.Store(true)
	return true
}

func (i *Instance) reason() error {
	i.deathMu.Lock()
	defer i.deathMu.Unlock()
	if i.death == nil {
		return ErrDead
	}
	return i.death
}

// Kill kills the instance: a call running in it is aborted (also a TA
// spinning in a loop) and returns TARGET_DEAD, as does every later call.
// It is safe to call concurrently with a running call and more than once.
func (i *Instance) Kill(reason error) {
	if reason == nil {
		reason = ErrDead
	}
	if i.markDead(reason) {
		i.log.Error("TA instance killed", "reason", reason.Error())
	}
	i.release()
}

// release cancels the instance context (which makes wazero abort a running
// call and close the module) and closes the module. It runs once.
func (i *Instance) release() {
	i.dead.Store(true)
	if i.released.Swap(true) {
		return
	}
	i.cancel()
	if i.mod != nil {
		i.mod.CloseWithExitCode(context.Background(), sys.ExitCodeContextCanceled)
	}
	i.ta.untrack(i)
	// Kill may run while a call holds i.mu: the objects are freed (keys
	// zeroed, persistent objects closed) once it has unwound. die and
	// Destroy, which hold i.mu, free them at once.
	go func() {
		i.mu.Lock()
		defer i.mu.Unlock()
		i.state.Release()
	}()
}

// Dead reports whether the instance has died or been killed.
func (i *Instance) Dead() bool { return i.dead.Load() }

// Destroy ends the instance: it waits for a running call, calls
// TA_DestroyEntryPoint if the instance is alive (GPD_SPE_010 §4.3.2) and
// closes the module.
func (i *Instance) Destroy(ctx context.Context) {
	i.mu.Lock()
	defer i.mu.Unlock()
	if !i.dead.Load() {
		if err := i.call(ctx, i.fnDestroy, 0); err == nil {
			i.markDead(errors.New("destroyed"))
		}
	}
	i.release()
	i.state.Release() // i.mu is held: see die
}

// errScratch kills an instance whose scratch area left its memory, which
// only a broken module can cause.
var errScratch = errors.New("taruntime: the scratch area lies outside memory")

// InstanceOption configures a new instance.
type InstanceOption func(*hostapi.State)

// WithTAClient gives the instance its connection to other TAs, the one
// TEE_OpenTASession and friends use (GPD_SPE_010 §4.9).
func WithTAClient(c teeconn.Conn) InstanceOption {
	return func(s *hostapi.State) { s.TA = c }
}

// WithTATime gives the instance the store of its TA's persistent time
// (TEE_GetTAPersistentTime, TEE_SetTAPersistentTime, GPD_SPE_010 §7.2.4).
func WithTATime(s hostapi.TATimeStore) InstanceOption {
	return func(st *hostapi.State) { st.TATime = s }
}

// WithStorage gives the instance the secure storage (GPD_SPE_010
// §5.7–§5.9); its objects are those of the instance's TA UUID. Without
// it the storage calls answer TEE_ERROR_STORAGE_NOT_AVAILABLE.
func WithStorage(s hostapi.Storage) InstanceOption {
	return func(st *hostapi.State) { st.Storage = s }
}

package taruntime

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/hostapi"
	"github.com/veritee/veritee/internal/preempt"
	"github.com/veritee/veritee/internal/taimage"
)

// pageSize is the wasm page size.
const pageSize = 64 << 10

// TA is a loaded Trusted Application: its image, compiled, in a wazero
// runtime of its own whose memory limit is the TA's cap.
type TA struct {
	rt      *Runtime
	uuid    abi.UUID
	props   *abi.Props
	taProps []abi.Property // TEE_PROPSET_CURRENT_TA
	wr      wazero.Runtime
	cm      wazero.CompiledModule
	pages   uint32 // the memory cap in pages

	mu        sync.Mutex
	instances map[*Instance]struct{}
	closed    bool
}

// instanceSeq numbers instances so that each module has a unique name.
var instanceSeq atomic.Uint64

// entry-point signatures the core relies on (docs/ta-abi.md).
var exportSigs = map[string][2][]api.ValueType{
	abi.ExportCreate:       {nil, {api.ValueTypeI32}},
	abi.ExportDestroy:      {nil, nil},
	abi.ExportOpenSession:  {{api.ValueTypeI32, api.ValueTypeI32, api.ValueTypeI32}, {api.ValueTypeI32}},
	abi.ExportCloseSession: {{api.ValueTypeI32}, nil},
	abi.ExportInvoke:       {{api.ValueTypeI32, api.ValueTypeI32, api.ValueTypeI32, api.ValueTypeI32}, {api.ValueTypeI32}},
	abi.ExportAlloc:        {{api.ValueTypeI32}, {api.ValueTypeI32}},
	abi.ExportFree:         {{api.ValueTypeI32}, nil},
}

// MemoryCapPages returns the memory cap of a TA in wasm pages: the module's
// initial memory plus gpd.ta.dataSize + gpd.ta.stackSize rounded up to
// whole pages, at most 65536 (4 GiB).
func MemoryCapPages(initial uint32, props *abi.Props) uint32 {
	extra := uint64(props.U32(abi.PropDataSize, 0)) + uint64(props.U32(abi.PropStackSize, 0))
	pages := uint64(initial) + (extra+pageSize-1)/pageSize
	return uint32(min(pages, 65536))
}

// Load parses a TA image and compiles its module (compiled code is cached
// by wazero, keyed by the module's hash). The TA's memory is capped at
// MemoryCapPages; a module whose declared maximum exceeds the cap is
// refused.
func (r *Runtime) Load(ctx context.Context, image []byte) (*TA, error) {
	img, err := taimage.Parse(image)
	if err != nil {
		return nil, err
	}
	initial, max, hasMax, err := taimage.MemoryPages(img.Wasm)
	if err != nil {
		return nil, err
	}
	pages := MemoryCapPages(initial, img.Props)
	if hasMax && max > pages {
		return nil, fmt.Errorf("taruntime: TA %v declares a memory maximum of %d pages, above its cap of %d (gpd.ta.dataSize + gpd.ta.stackSize)", img.UUID, max, pages)
	}
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return nil, ErrClosed
	}
	r.mu.Unlock()

	// A module preempt cannot instrument runs with wazero's own checks:
	// the same guarantees, at their cost (see package preempt).
	wasm, perr := preempt.Instrument(img.Wasm)
	if perr != nil {
		r.log.Warn("TA runs with the runtime's termination checks", "ta", img.UUID.String(), "err", perr)
		wasm = img.Wasm
	}
	cfg := wazero.NewRuntimeConfig().
		WithMemoryLimitPages(pages).
		WithCloseOnContextDone(perr != nil).
		WithCompilationCache(r.cache)
	wr := wazero.NewRuntimeWithConfig(ctx, cfg)
	t := &TA{rt: r, uuid: img.UUID, props: img.Props, taProps: currentTAProps(img.Props),
		wr: wr, pages: pages, instances: map[*Instance]struct{}{}}
	if err := t.compile(ctx, wasm); err != nil {
		wr.Close(context.Background())
		return nil, fmt.Errorf("taruntime: TA %v: %w", img.UUID, err)
	}
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		wr.Close(context.Background())
		return nil, ErrClosed
	}
	r.tas[t] = struct{}{}
	r.mu.Unlock()
	r.log.Debug("TA loaded", "ta", t.uuid.String(), "memory_pages", pages)
	return t, nil
}

func (t *TA) compile(ctx context.Context, wasm []byte) error {
	if _, err := wasi_snapshot_preview1.Instantiate(ctx, t.wr); err != nil {
		return fmt.Errorf("WASI: %w", err)
	}
	if err := hostapi.Instantiate(ctx, t.wr); err != nil {
		return err
	}
	if err := instantiatePreempt(ctx, t.wr); err != nil {
		return err
	}
	// Compiling is most of the first open of a TA: use every core for it.
	cctx := experimental.WithCompilationWorkers(ctx, runtime.GOMAXPROCS(0))
	cm, err := t.wr.CompileModule(cctx, wasm)
	if err != nil {
		return fmt.Errorf("compile: %w", err)
	}
	exports := cm.ExportedFunctions()
	for name, sig := range exportSigs {
		fd, ok := exports[name]
		if !ok {
			return fmt.Errorf("the module does not export %s", name)
		}
		if !slices.Equal(fd.ParamTypes(), sig[0]) || !slices.Equal(fd.ResultTypes(), sig[1]) {
			return fmt.Errorf("%s has the wrong signature", name)
		}
	}
	if fd, ok := exports[abi.ExportInitialize]; ok && (len(fd.ParamTypes()) != 0 || len(fd.ResultTypes()) != 0) {
		return fmt.Errorf("%s has the wrong signature", abi.ExportInitialize)
	}
	if _, ok := cm.ExportedMemories()["memory"]; !ok {
		return errors.New(`the module does not export "memory"`)
	}
	t.cm = cm
	return nil
}

// currentTAProps is TEE_PROPSET_CURRENT_TA: the image's properties, plus
// the standard ones it leaves out (hostapi.WithTADefaults).
func currentTAProps(p *abi.Props) []abi.Property {
	return hostapi.WithTADefaults(p.List)
}

// UUID returns the TA's UUID.
func (t *TA) UUID() abi.UUID { return t.uuid }

// Props returns the TA's properties; the caller must not modify them.
func (t *TA) Props() *abi.Props { return t.props }

// MemoryLimitPages returns the TA's memory cap in wasm pages.
func (t *TA) MemoryLimitPages() uint32 { return t.pages }

// Close kills every instance still running and releases the TA's wazero
// runtime.
func (t *TA) Close(ctx context.Context) error {
	t.mu.Lock()
	if t.closed {
		t.mu.Unlock()
		return nil
	}
	t.closed = true
	insts := make([]*Instance, 0, len(t.instances))
	for i := range t.instances {
		insts = append(insts, i)
	}
	t.mu.Unlock()
	for _, i := range insts {
		i.Kill(errTAClosed)
	}
	t.rt.forget(t)
	return t.wr.Close(ctx)
}

var errTAClosed = errors.New("taruntime: the TA was closed")

func (t *TA) track(i *Instance) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return false
	}
	t.instances[i] = struct{}{}
	return true
}

func (t *TA) untrack(i *Instance) {
	t.mu.Lock()
	delete(t.instances, i)
	t.mu.Unlock()
}

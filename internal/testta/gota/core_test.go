package main

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
	"github.com/tetratelabs/wazero/sys"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/internal/testta/standin"
)

// This file is a miniature core: it runs the Go test TA's wasm module in
// wazero and calls its exports exactly as docs/ta-abi.md says the real core
// does, so that the SDK's wasip1 half is tested without the daemon.

var (
	buildOnce sync.Once
	wasmBytes []byte
	buildErr  error
	cache     = wazero.NewCompilationCache()
)

// testWasm builds variant 0 of the TA for wasip1, once per test binary.
func testWasm(t *testing.T) []byte {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the TA for wasip1")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "gota-test-")
		if err != nil {
			buildErr = err
			return
		}
		defer os.RemoveAll(dir)
		out := filepath.Join(dir, "gota.wasm")
		if buildErr = testta.BuildGoTA(context.Background(), ".", out, "-X main.variant=0"); buildErr == nil {
			wasmBytes, buildErr = os.ReadFile(out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return wasmBytes
}

type logLine struct {
	level uint32
	text  string
}

// miniCore is one TA instance and the system calls it sees.
type miniCore struct {
	t      *testing.T
	ctx    context.Context
	mod    api.Module
	client abi.Identity

	mu        sync.Mutex
	logs      []logLine
	panicked  []uint32
	cancelled bool
	masked    bool
	shared    [][2]uint32 // memref ranges of the running call
	scratch   uint32

	calls standin.TACalls // TA-to-TA sessions (tacall_test.go)
}

func newMiniCore(t *testing.T) *miniCore {
	t.Helper()
	wasm := testWasm(t)
	ctx := context.Background()
	c := &miniCore{t: t, ctx: ctx, client: abi.Identity{Login: abi.LoginUser, UUID: abi.MustParseUUID("11223344-5566-7788-99aa-bbccddeeff00")}}
	cfg := wazero.NewRuntimeConfig()
	if raceEnabled {
		cfg = wazero.NewRuntimeConfigInterpreter()
	}
	r := wazero.NewRuntimeWithConfig(ctx, cfg.WithCompilationCache(cache))
	t.Cleanup(func() { r.Close(ctx) })
	wasi_snapshot_preview1.MustInstantiate(ctx, r)
	b := r.NewHostModuleBuilder(abi.HostModule)
	calls := c.syscalls()
	c.taCallSyscalls(calls)
	bigIntSyscalls(calls)
	cryptoSyscalls(t, calls)
	for _, s := range abi.Syscalls {
		f, ok := calls[s.Name]
		if !ok {
			t.Fatalf("miniCore lacks system call %s", s.Name)
		}
		params := make([]api.ValueType, len(s.Params))
		for i, p := range s.Params {
			params[i] = api.ValueTypeI32
			if p == abi.I64 {
				params[i] = api.ValueTypeI64
			}
		}
		var results []api.ValueType
		if !s.NoReturn {
			results = []api.ValueType{api.ValueTypeI32}
		}
		b.NewFunctionBuilder().WithGoModuleFunction(f, params, results).Export(s.Name)
	}
	if _, err := b.Instantiate(ctx); err != nil {
		t.Fatal(err)
	}
	mod, err := r.InstantiateWithConfig(ctx, wasm, wazero.NewModuleConfig().WithStartFunctions().WithStderr(os.Stderr))
	if err != nil {
		t.Fatal(err)
	}
	c.mod = mod
	if _, err := c.call(abi.ExportInitialize); err != nil {
		t.Fatal(err)
	}
	if r, err := c.call(abi.ExportCreate); err != nil || r[0] != 0 {
		t.Fatalf("TA_CreateEntryPoint: %v %v", r, err)
	}
	c.scratch = c.alloc(abi.ParamsSize + 4)
	return c
}

func (c *miniCore) call(name string, args ...uint64) ([]uint64, error) {
	f := c.mod.ExportedFunction(name)
	if f == nil {
		c.t.Fatalf("no export %s", name)
	}
	return f.Call(c.ctx, args...)
}

func (c *miniCore) alloc(n uint32) uint32 {
	r, err := c.call(abi.ExportAlloc, uint64(n))
	if err != nil || r[0] == 0 {
		c.t.Fatalf("veritee_alloc(%d) = %v, %v", n, r, err)
	}
	return uint32(r[0])
}

// arg is one parameter of an operation: a value, a memref (nil data with
// null set: a NULL memref of size size).
type arg struct {
	typ  abi.ParamType
	a, b uint32
	data []byte
	null bool
	size uint32
}

func val(t abi.ParamType, a, b uint32) arg { return arg{typ: t, a: a, b: b} }
func ref(t abi.ParamType, d []byte) arg {
	return arg{typ: t, data: d, size: uint32(len(d))}
}

// op places args in TA memory as the core does, runs f, and reads back
// values, sizes and memref contents.
func (c *miniCore) op(args [4]arg, f func(types uint32) uint32) (abi.Result, [4]arg) {
	var types [4]uint32
	raw := make([]byte, abi.ParamsSize)
	bufs := [4]uint32{}
	c.mu.Lock()
	c.shared, c.masked = nil, true // entry points start masked (OP-TEE)
	c.mu.Unlock()
	for i, a := range args {
		types[i] = uint32(a.typ)
		f := raw[i*abi.ParamSize:]
		switch {
		case a.typ.IsValue():
			binary.LittleEndian.PutUint32(f, a.a)
			binary.LittleEndian.PutUint32(f[4:], a.b)
		case a.typ.IsMemref():
			binary.LittleEndian.PutUint32(f[4:], a.size)
			if a.null {
				break
			}
			bufs[i] = c.alloc(a.size)
			c.mod.Memory().Write(bufs[i], a.data)
			binary.LittleEndian.PutUint32(f, bufs[i])
			c.mu.Lock()
			c.shared = append(c.shared, [2]uint32{bufs[i], a.size})
			c.mu.Unlock()
		}
	}
	c.mod.Memory().Write(c.scratch, raw)
	res := abi.Result(f(abi.ParamTypes(types[0], types[1], types[2], types[3])))
	out := args
	back, _ := c.mod.Memory().Read(c.scratch, abi.ParamsSize)
	for i, a := range args {
		f := back[i*abi.ParamSize:]
		switch {
		case a.typ.IsValue():
			out[i].a, out[i].b = binary.LittleEndian.Uint32(f), binary.LittleEndian.Uint32(f[4:])
		case a.typ.IsMemref():
			out[i].size = binary.LittleEndian.Uint32(f[4:])
			if bufs[i] != 0 {
				d, _ := c.mod.Memory().Read(bufs[i], a.size)
				out[i].data = append([]byte(nil), d...)
				if _, err := c.call(abi.ExportFree, uint64(bufs[i])); err != nil {
					c.t.Fatalf("veritee_free: %v", err)
				}
			}
		}
	}
	c.mu.Lock()
	c.cancelled = false
	c.mu.Unlock()
	return res, out
}

func (c *miniCore) open(args [4]arg) (uint32, abi.Result, [4]arg) {
	var callErr error
	r, out := c.op(args, func(types uint32) uint32 {
		res, err := c.call(abi.ExportOpenSession, uint64(types), uint64(c.scratch), uint64(c.scratch+abi.ParamsSize))
		callErr = err
		if err != nil {
			return uint32(abi.ErrTargetDead)
		}
		return uint32(res[0])
	})
	if callErr != nil {
		c.t.Fatalf("TA_OpenSessionEntryPoint: %v", callErr)
	}
	sess, _ := c.mod.Memory().ReadUint32Le(c.scratch + abi.ParamsSize)
	return sess, r, out
}

func (c *miniCore) invoke(sess, cmd uint32, args [4]arg) (abi.Result, [4]arg, error) {
	var callErr error
	r, out := c.op(args, func(types uint32) uint32 {
		res, err := c.call(abi.ExportInvoke, uint64(sess), uint64(cmd), uint64(types), uint64(c.scratch))
		callErr = err
		if err != nil {
			return uint32(abi.ErrTargetDead)
		}
		return uint32(res[0])
	})
	return r, out, callErr
}

func (c *miniCore) mem() api.Memory { return c.mod.Memory() }

func (c *miniCore) u32(stack []uint64, i int) uint32 { return uint32(stack[i]) }

func (c *miniCore) put32(addr, v uint32) bool { return c.mem().WriteUint32Le(addr, v) }

func (c *miniCore) syscalls() map[string]api.GoModuleFunc {
	ret := func(stack []uint64, r abi.Result) { stack[0] = uint64(r) }
	return map[string]api.GoModuleFunc{
		"log": func(_ context.Context, m api.Module, s []uint64) {
			b, ok := m.Memory().Read(c.u32(s, 1), c.u32(s, 2))
			if !ok {
				ret(s, abi.ErrBadParameters)
				return
			}
			c.mu.Lock()
			c.logs = append(c.logs, logLine{c.u32(s, 0), string(b)})
			c.mu.Unlock()
			ret(s, abi.Success)
		},
		"panic": func(_ context.Context, _ api.Module, s []uint64) {
			c.mu.Lock()
			c.panicked = append(c.panicked, c.u32(s, 0))
			c.mu.Unlock()
			panic(sys.NewExitError(c.u32(s, 0)))
		},
		"get_property_name_to_index": func(_ context.Context, m api.Module, s []uint64) {
			name, ok := m.Memory().Read(c.u32(s, 1), c.u32(s, 2))
			if !ok {
				ret(s, abi.ErrBadParameters)
				return
			}
			for i, p := range c.props(c.u32(s, 0)) {
				if p.Name == string(name) {
					c.put32(c.u32(s, 3), uint32(i))
					ret(s, abi.Success)
					return
				}
			}
			ret(s, abi.ErrItemNotFound)
		},
		"get_property": func(_ context.Context, m api.Module, s []uint64) {
			props := c.props(c.u32(s, 0))
			idx := c.u32(s, 1)
			if idx >= uint32(len(props)) {
				ret(s, abi.ErrItemNotFound)
				return
			}
			p := props[idx]
			short := false
			if namePtr := c.u32(s, 2); namePtr != 0 {
				cap, _ := m.Memory().ReadUint32Le(c.u32(s, 3))
				nameZ := append([]byte(p.Name), 0)
				if cap < uint32(len(nameZ)) {
					short = true
				} else {
					m.Memory().Write(namePtr, nameZ)
				}
				c.put32(c.u32(s, 3), uint32(len(nameZ)))
			}
			bufCap, _ := m.Memory().ReadUint32Le(c.u32(s, 5))
			if bufCap < uint32(len(p.Value)) {
				short = true
			} else {
				m.Memory().Write(c.u32(s, 4), p.Value)
			}
			c.put32(c.u32(s, 5), uint32(len(p.Value)))
			c.put32(c.u32(s, 6), uint32(p.Type))
			if short {
				ret(s, abi.ErrShortBuffer)
				return
			}
			ret(s, abi.Success)
		},
		"get_time": func(_ context.Context, m api.Module, s []uint64) {
			c.put32(c.u32(s, 1), 42)
			c.put32(c.u32(s, 1)+4, 7)
			ret(s, abi.Success)
		},
		"set_ta_time": func(_ context.Context, _ api.Module, s []uint64) {
			ret(s, abi.Success)
		},
		"wait": func(_ context.Context, _ api.Module, s []uint64) {
			if c.flag() {
				ret(s, abi.ErrCancel)
				return
			}
			ret(s, abi.Success)
		},
		"get_cancellation_flag": func(_ context.Context, _ api.Module, s []uint64) {
			v := uint32(0)
			if c.flag() {
				v = 1
			}
			c.put32(c.u32(s, 0), v)
			ret(s, abi.Success)
		},
		"mask_cancellation":   c.setMask(true),
		"unmask_cancellation": c.setMask(false),
		"cryp_random_number_generate": func(_ context.Context, m api.Module, s []uint64) {
			b, ok := m.Memory().Read(c.u32(s, 0), c.u32(s, 1))
			if !ok {
				ret(s, abi.ErrBadParameters)
				return
			}
			for i := range b {
				b[i] = byte(i*7 + 1)
			}
			ret(s, abi.Success)
		},
		"check_access_rights": func(_ context.Context, _ api.Module, s []uint64) {
			flags, buf, n := c.u32(s, 0), c.u32(s, 1), c.u32(s, 2)
			c.mu.Lock()
			defer c.mu.Unlock()
			for _, r := range c.shared {
				if n > 0 && buf < r[0]+r[1] && r[0] < buf+n && flags&abi.MemoryAccessAnyOwner == 0 {
					ret(s, abi.ErrAccessDenied)
					return
				}
			}
			ret(s, abi.Success)
		},
	}
}

func (c *miniCore) flag() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cancelled && !c.masked
}

func (c *miniCore) setMask(masked bool) api.GoModuleFunc {
	return func(_ context.Context, _ api.Module, s []uint64) {
		c.mu.Lock()
		old := c.masked
		c.masked = masked
		c.mu.Unlock()
		v := uint32(0)
		if old {
			v = 1
		}
		c.put32(c.u32(s, 0), v)
		s[0] = uint64(abi.Success)
	}
}

func (c *miniCore) props(set uint32) []abi.Property {
	if set != abi.PropsetCurrentClient {
		return nil
	}
	id := c.client.TEEBytes()
	return []abi.Property{
		{Name: "gpd.client.endian", Type: abi.PropU32, Value: abi.U32Value(0)},
		{Name: "gpd.client.identity", Type: abi.PropIdentity, Value: id[:]},
	}
}

func (c *miniCore) cancelNext() {
	c.mu.Lock()
	c.cancelled = true
	c.mu.Unlock()
}

// exitCode returns the code of the TEE_Panic behind err.
func exitCode(err error) (uint32, bool) {
	var ee *sys.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), true
	}
	return 0, false
}

func (l logLine) String() string { return fmt.Sprintf("%d:%q", l.level, l.text) }

package csdk_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta/standin"
)

// instance is a TA instantiated against a stand-in for the core: enough of
// the system calls to run the entry points, recording what the TA logs and
// how it panics.
type instance struct {
	ctx context.Context
	mod api.Module

	mu     sync.Mutex
	logs   []logEntry
	panics []uint32

	calls standin.TACalls // TA-to-TA sessions
}

type logEntry struct {
	level uint32
	text  string
}

// The client identity the stand-in core reports.
var testClient = abi.Identity{Login: abi.LoginUser, UUID: abi.MustParseUUID("01234567-89ab-cdef-0123-456789abcdef")}

const stubTimeSeconds, stubTimeMillis = 1234, 567

func instantiate(t *testing.T, ctx context.Context, r wazero.Runtime, mod wazero.CompiledModule) *instance {
	t.Helper()
	ta := &instance{ctx: ctx}
	wasi_snapshot_preview1.MustInstantiate(ctx, r)
	b := r.NewHostModuleBuilder(abi.HostModule)
	for _, s := range abi.Syscalls {
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
		b.NewFunctionBuilder().WithGoModuleFunction(ta.syscall(s), params, results).Export(s.Name)
	}
	if _, err := b.Instantiate(ctx); err != nil {
		t.Fatal(err)
	}
	m, err := r.InstantiateModule(ctx, mod, wazero.NewModuleConfig().WithStartFunctions())
	if err != nil {
		t.Fatal(err)
	}
	ta.mod = m
	ta.call(t, abi.ExportInitialize)
	if res := ta.call(t, abi.ExportCreate)[0]; res != 0 {
		t.Fatalf("TA_CreateEntryPoint = %#x", res)
	}
	return ta
}

type taPanic struct{ code uint32 }

func (p taPanic) String() string { return fmt.Sprintf("TA panic %#x", p.code) }

func (ta *instance) syscall(s abi.Syscall) api.GoModuleFunc {
	ok := func(stack []uint64, r abi.Result) { stack[0] = uint64(r) }
	return func(ctx context.Context, m api.Module, stack []uint64) {
		mem := m.Memory()
		arg := func(i int) uint32 { return uint32(stack[i]) }
		switch s.Nr {
		case abi.SysLog:
			b, good := mem.Read(arg(1), arg(2))
			if !good {
				ok(stack, abi.ErrBadParameters)
				return
			}
			ta.mu.Lock()
			ta.logs = append(ta.logs, logEntry{arg(0), string(b)})
			ta.mu.Unlock()
			ok(stack, abi.Success)
		case abi.SysPanic:
			ta.mu.Lock()
			ta.panics = append(ta.panics, arg(0))
			ta.mu.Unlock()
			panic(taPanic{arg(0)})
		case abi.SysGetTime:
			if !mem.WriteUint32Le(arg(1), stubTimeSeconds) || !mem.WriteUint32Le(arg(1)+4, stubTimeMillis) {
				ok(stack, abi.ErrBadParameters)
				return
			}
			ok(stack, abi.Success)
		case abi.SysCrypRandomNumberGenerate:
			b, good := mem.Read(arg(0), arg(1))
			if !good {
				ok(stack, abi.ErrBadParameters)
				return
			}
			for i := range b {
				b[i] = byte(i*7 + 1)
			}
			ok(stack, abi.Success)
		case abi.SysCheckAccessRights:
			if _, good := mem.Read(arg(1), arg(2)); !good {
				ok(stack, abi.ErrAccessDenied)
				return
			}
			ok(stack, abi.Success)
		case abi.SysWait:
			ok(stack, abi.Success)
		case abi.SysGetCancellationFlag, abi.SysMaskCancellation, abi.SysUnmaskCancellation:
			mem.WriteUint32Le(arg(0), 0)
			ok(stack, abi.Success)
		case abi.SysGetPropertyNameToIndex:
			name, good := mem.Read(arg(1), arg(2))
			if !good {
				ok(stack, abi.ErrBadParameters)
				return
			}
			if arg(0) != abi.PropsetCurrentClient || string(name) != "gpd.client.identity" {
				ok(stack, abi.ErrItemNotFound)
				return
			}
			mem.WriteUint32Le(arg(3), 0)
			ok(stack, abi.Success)
		case abi.SysGetProperty:
			if arg(0) != abi.PropsetCurrentClient || arg(1) != 0 {
				ok(stack, abi.ErrItemNotFound)
				return
			}
			v := testClient.TEEBytes()
			n, _ := mem.ReadUint32Le(arg(5))
			mem.WriteUint32Le(arg(6), uint32(abi.PropIdentity))
			mem.WriteUint32Le(arg(5), uint32(len(v)))
			if n < uint32(len(v)) {
				ok(stack, abi.ErrShortBuffer)
				return
			}
			mem.Write(arg(4), v[:])
			ok(stack, abi.Success)
		case abi.SysOpenTASession:
			ok(stack, ta.calls.OpenSession(mem, arg(0), arg(1), arg(2), arg(3), arg(4), arg(5)))
		case abi.SysInvokeTACommand:
			ok(stack, ta.calls.Invoke(mem, arg(0), arg(1), arg(2), arg(3), arg(4), arg(5)))
		case abi.SysCloseTASession:
			ok(stack, ta.calls.CloseSession(arg(0)))
		default:
			ok(stack, abi.ErrNotImplemented)
		}
	}
}

func (ta *instance) mem() api.Memory { return ta.mod.Memory() }

func (ta *instance) call(t *testing.T, name string, args ...uint64) []uint64 {
	t.Helper()
	res, err := ta.mod.ExportedFunction(name).Call(ta.ctx, args...)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return res
}

func (ta *instance) alloc(t *testing.T, n uint32) uint32 {
	t.Helper()
	p := uint32(ta.call(t, abi.ExportAlloc, uint64(n))[0])
	if p == 0 {
		t.Fatalf("veritee_alloc(%d) failed", n)
	}
	return p
}

// param is one TEE_Param as a test gives it: a value, or memref bytes
// (size bytes of zeros when data is nil).
type param struct {
	typ  abi.ParamType
	a, b uint32
	data []byte
	size uint32
}

// invoke runs TA_InvokeCommandEntryPoint and returns its result and the
// parameters as the TA left them.
func (ta *instance) invoke(t *testing.T, cmd uint32, ps ...param) (abi.Result, []param, error) {
	t.Helper()
	return ta.entry(t, func(types uint32, addr uint32) ([]uint64, error) {
		return ta.mod.ExportedFunction(abi.ExportInvoke).Call(ta.ctx, 0, uint64(cmd), uint64(types), uint64(addr))
	}, ps)
}

func (ta *instance) openSession(t *testing.T, ps ...param) (abi.Result, []param, error) {
	t.Helper()
	ctxSlot := ta.alloc(t, 4)
	return ta.entry(t, func(types uint32, addr uint32) ([]uint64, error) {
		return ta.mod.ExportedFunction(abi.ExportOpenSession).Call(ta.ctx, uint64(types), uint64(addr), uint64(ctxSlot))
	}, ps)
}

func (ta *instance) entry(t *testing.T, call func(types, addr uint32) ([]uint64, error), ps []param) (abi.Result, []param, error) {
	t.Helper()
	var typ [4]uint32
	addr := ta.alloc(t, abi.ParamsSize)
	bufs := make([]uint32, len(ps))
	for i, p := range ps {
		typ[i] = uint32(p.typ)
		off := addr + uint32(i)*abi.ParamSize
		a, b := p.a, p.b
		if p.typ.IsMemref() {
			n := p.size
			if p.data != nil {
				n = uint32(len(p.data))
			}
			bufs[i] = ta.alloc(t, n)
			ta.mem().Write(bufs[i], p.data)
			a, b = bufs[i], n
		}
		ta.mem().WriteUint32Le(off+abi.ParamOffsetA, a)
		ta.mem().WriteUint32Le(off+abi.ParamOffsetB, b)
	}
	res, err := call(abi.ParamTypes(typ[0], typ[1], typ[2], typ[3]), addr)
	if err != nil {
		return 0, nil, err
	}
	out := make([]param, len(ps))
	for i, p := range ps {
		off := addr + uint32(i)*abi.ParamSize
		a, _ := ta.mem().ReadUint32Le(off + abi.ParamOffsetA)
		b, _ := ta.mem().ReadUint32Le(off + abi.ParamOffsetB)
		out[i] = param{typ: p.typ, a: a, b: b}
		if p.typ.IsMemref() {
			// Read back from the buffer the core allocated, never from
			// the buffer field the TA may have changed.
			n := b
			if orig := max(p.size, uint32(len(p.data))); n > orig {
				n = orig
			}
			d, _ := ta.mem().Read(bufs[i], n)
			out[i] = param{typ: p.typ, size: b, data: append([]byte(nil), d...)}
		}
	}
	return abi.Result(uint32(res[0])), out, nil
}

func (ta *instance) logged(level uint32, substr string) bool {
	ta.mu.Lock()
	defer ta.mu.Unlock()
	for _, l := range ta.logs {
		if l.level == level && strings.Contains(l.text, substr) {
			return true
		}
	}
	return false
}

func (ta *instance) lastPanic() (uint32, bool) {
	ta.mu.Lock()
	defer ta.mu.Unlock()
	if len(ta.panics) == 0 {
		return 0, false
	}
	return ta.panics[len(ta.panics)-1], true
}

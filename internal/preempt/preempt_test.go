package preempt

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

// module assembles a module from its sections, given as id and content.
func module(secs ...section) []byte {
	b := append([]byte(nil), header...)
	for _, s := range secs {
		b = appendSection(b, s.id, s.content)
	}
	return b
}

// vec prefixes items with their count.
func vec(items ...[]byte) []byte {
	b := appendU32(nil, uint32(len(items)))
	for _, it := range items {
		b = append(b, it...)
	}
	return b
}

// body makes a code entry from locals and instructions.
func body(locals, code []byte) []byte {
	b := append(append([]byte(nil), locals...), code...)
	return append(appendU32(nil, uint32(len(b))), b...)
}

func name(s string) []byte { return append(appendU32(nil, uint32(len(s))), s...) }

// calls is a module with an import, a call, a call through a table, a
// loop and exports: its results must not change when instrumented.
var calls = module(
	section{1, vec([]byte{0x60, 1, 0x7F, 1, 0x7F}, []byte{0x60, 0, 1, 0x7F})}, // (i32)->i32, ()->i32
	section{2, vec(append(append(name("env"), name("add1")...), 0x00, 0x00))},
	section{3, vec([]byte{0}, []byte{1}, []byte{1})},
	section{4, vec([]byte{0x70, 0x00, 0x01})},
	section{7, vec(
		append(name("double_succ"), 0x00, 1),
		append(name("indirect"), 0x00, 2),
		append(name("sum"), 0x00, 3))},
	section{9, vec([]byte{0x00, 0x41, 0x00, 0x0B, 0x01, 0x01})}, // table[0] = function 1
	section{10, vec(
		// (x+1)*2
		body([]byte{0}, []byte{0x20, 0, 0x10, 0, 0x41, 2, 0x6C, 0x0B}),
		// table[0](5)
		body([]byte{0}, []byte{0x41, 5, 0x41, 0, 0x11, 0, 0, 0x0B}),
		// sum of 0..9 in a loop
		body([]byte{1, 2, 0x7F}, []byte{
			0x02, 0x40, 0x03, 0x40,
			0x20, 0, 0x41, 10, 0x4E, 0x0D, 1,
			0x20, 1, 0x20, 0, 0x6A, 0x21, 1,
			0x20, 0, 0x41, 1, 0x6A, 0x21, 0,
			0x0C, 0, 0x0B, 0x0B, 0x20, 1, 0x0B}),
	)},
	section{0, append(name("name"), appendSection(nil, 1, vec(append([]byte{1}, name("double_succ")...)))...)},
)

// spin is a module with neither imports nor globals whose one function
// loops for ever.
var spin = module(
	section{1, vec([]byte{0x60, 0, 0})},
	section{3, vec([]byte{0})},
	section{7, vec(append(name("spin"), 0x00, 0))},
	section{10, vec(body([]byte{0}, []byte{0x03, 0x40, 0x0C, 0, 0x0B, 0x0B}))},
)

// instantiate runs m in a fresh runtime with env.add1 and the tick
// import, which counts its calls and ends the call once ctx is done.
func instantiate(t *testing.T, ctx context.Context, m []byte, ticks *atomic.Int64) api.Module {
	t.Helper()
	r := wazero.NewRuntime(ctx)
	t.Cleanup(func() { r.Close(context.Background()) })
	if _, err := r.NewHostModuleBuilder("env").NewFunctionBuilder().
		WithFunc(func(x uint32) uint32 { return x + 1 }).Export("add1").
		Instantiate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := r.NewHostModuleBuilder(ImportModule).NewFunctionBuilder().
		WithGoModuleFunction(api.GoModuleFunc(func(ctx context.Context, _ api.Module, stack []uint64) {
			ticks.Add(1)
			if ctx.Err() != nil {
				panic(ctx.Err())
			}
			stack[0] = 1000
		}), nil, []api.ValueType{api.ValueTypeI32}).Export(ImportName).
		Instantiate(ctx); err != nil {
		t.Fatal(err)
	}
	mod, err := r.InstantiateWithConfig(ctx, m, wazero.NewModuleConfig().WithName(""))
	if err != nil {
		t.Fatal(err)
	}
	return mod
}

func TestInstrumentKeepsResults(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	inst, err := Instrument(calls)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		fn   string
		args []uint64
		want uint64
	}{
		{"double_succ", []uint64{20}, 42},
		{"indirect", nil, 12},
		{"sum", nil, 45},
	} {
		for _, m := range []struct {
			name string
			wasm []byte
		}{{"original", calls}, {"instrumented", inst}} {
			var ticks atomic.Int64
			mod := instantiate(t, ctx, m.wasm, &ticks)
			got, err := mod.ExportedFunction(tc.fn).Call(ctx, tc.args...)
			if err != nil || len(got) != 1 || got[0] != tc.want {
				t.Errorf("%s %s: %v %v, want %d", m.name, tc.fn, got, err, tc.want)
			}
			if m.name == "instrumented" && ticks.Load() == 0 {
				t.Errorf("%s: the tick import was never called", tc.fn)
			}
		}
	}
	// The function name moved with the function.
	var ticks atomic.Int64
	mod := instantiate(t, ctx, inst, &ticks)
	if n := mod.ExportedFunction("double_succ").Definition().DebugName(); !strings.Contains(n, "double_succ") {
		t.Errorf("function name after instrumenting: %q", n)
	}
}

func TestInstrumentedLoopEnds(t *testing.T) {
	t.Parallel()
	inst, err := Instrument(spin)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var ticks atomic.Int64
	mod := instantiate(t, context.Background(), inst, &ticks)
	time.AfterFunc(20*time.Millisecond, cancel)
	_, err = mod.ExportedFunction("spin").Call(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("spinning call ended with %v, want context.Canceled", err)
	}
	if ticks.Load() < 2 {
		t.Fatalf("the tick import ran %d times", ticks.Load())
	}
}

func TestInstrumentRefuses(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		wasm []byte
	}{
		{"empty", nil},
		{"not wasm", []byte("\x00asn\x01\x00\x00\x00")},
		{"truncated section", append(append([]byte(nil), header...), 1, 5, 0)},
		{"unknown section", module(section{99, nil})},
		{"unknown opcode", module(
			section{1, vec([]byte{0x60, 0, 0})},
			section{3, vec([]byte{0})},
			section{10, vec(body([]byte{0}, []byte{0x06, 0x40, 0x0B, 0x0B}))})},
		// An invalid module naming the global Instrument would add.
		{"global of the budget", module(
			section{1, vec([]byte{0x60, 0, 0})},
			section{3, vec([]byte{0})},
			section{10, vec(body([]byte{0}, []byte{0x41, 0, 0x24, 0, 0x0B}))})},
	} {
		if _, err := Instrument(tc.wasm); err == nil {
			t.Errorf("%s: instrumented", tc.name)
		}
	}
}

// specModules returns the modules of the WebAssembly spec tests that
// wazero's module ships, or skips.
func specModules(t testing.TB) []string {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/tetratelabs/wazero").Output()
	if err != nil {
		t.Skipf("locating wazero's module: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "internal", "integration_test", "spectest")
	var files []string
	for _, v := range []string{"v1", "v2"} {
		m, _ := filepath.Glob(filepath.Join(dir, v, "testdata", "*.wasm"))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skipf("no spec test modules under %s", dir)
	}
	return files
}

// TestInstrumentSpecModules instruments every module of the spec tests
// (every instruction of WebAssembly 2.0, SIMD included) that wazero
// compiles: the result must compile too.
func TestInstrumentSpecModules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfigCompiler().WithCoreFeatures(api.CoreFeaturesV2))
	defer r.Close(ctx)
	compiled := 0
	for _, f := range specModules(t) {
		wasm, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		cm, err := r.CompileModule(ctx, wasm)
		if err != nil {
			continue // the spec's invalid modules, refused either way
		}
		cm.Close(ctx)
		inst, err := Instrument(wasm)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
			continue
		}
		cm, err = r.CompileModule(ctx, inst)
		if err != nil {
			t.Errorf("%s: instrumented module does not compile: %v", filepath.Base(f), err)
			continue
		}
		cm.Close(ctx)
		compiled++
	}
	if compiled < 100 {
		t.Fatalf("only %d spec modules compiled", compiled)
	}
}

// FuzzInstrument: any input is refused or instrumented without a panic,
// and a module wazero compiles still compiles instrumented.
func FuzzInstrument(f *testing.F) {
	f.Add(calls)
	f.Add(spin)
	ctx := context.Background()
	r := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfigInterpreter().WithCoreFeatures(api.CoreFeaturesV2))
	defer r.Close(ctx)
	f.Fuzz(func(t *testing.T, wasm []byte) {
		inst, err := Instrument(wasm)
		if err != nil {
			return
		}
		cm, err := r.CompileModule(ctx, wasm)
		if err != nil {
			return
		}
		cm.Close(ctx)
		cm, err = r.CompileModule(ctx, inst)
		if err != nil {
			t.Fatalf("instrumented module does not compile: %v", err)
		}
		cm.Close(ctx)
	})
}

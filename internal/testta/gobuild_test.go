package testta

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/hostapi"
	"github.com/veritee/veritee/internal/taimage"
)

// goModule is one Go TA module the test builds, with what its properties must say.
type goModule struct {
	name     string
	dir      string
	ldflags  string
	uuid     abi.UUID
	flags    uint32
	dataSize uint32
}

func goModules() []goModule {
	root := RepoRoot()
	var l []goModule
	for v := range NumVariants {
		l = append(l, goModule{
			name: "gota" + strconv.Itoa(v), dir: filepath.Join(root, "internal", "testta", "gota"),
			ldflags: "-X main.variant=" + strconv.Itoa(v), uuid: GoUUIDs[v], flags: Flags(v), dataSize: GoDataSize,
		})
	}
	return append(l, goModule{
		name: "hello_world_go", dir: filepath.Join(root, "examples", "hello_world_go", "ta"),
		uuid: abi.MustParseUUID(HelloWorldGo), flags: abi.TAFlagSingleInstance | abi.TAFlagMultiSession, dataSize: 16 << 20,
	})
}

// TestBuildGoTAs builds every Go TA for wasip1 and checks the modules the
// way the core and the packer will see them: exports, imports, and the
// property blob that veritee_ta_props returns after _initialize.
func TestBuildGoTAs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds five wasm modules")
	}
	ctx := context.Background()
	dir := t.TempDir()
	tas := goModules()
	// One build at a time: they share the go build cache and the machine
	// may have few cores.
	for i, g := range tas {
		out := filepath.Join(dir, g.name+".wasm")
		start := time.Now()
		if err := BuildGoTA(ctx, g.dir, out, g.ldflags); err != nil {
			t.Fatal(err)
		}
		tas[i].dir = out
		st, _ := os.Stat(out)
		t.Logf("%s: built in %v, %d bytes", g.name, time.Since(start).Round(time.Millisecond), st.Size())
	}
	cache := wazero.NewCompilationCache()
	t.Cleanup(func() { cache.Close(ctx) })
	for _, g := range tas {
		t.Run(g.name, func(t *testing.T) {
			t.Parallel()
			wasm, err := os.ReadFile(g.dir)
			if err != nil {
				t.Fatal(err)
			}
			checkGoTA(t, cache, g, wasm)
		})
	}
}

func TestBuildGoTAErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name, dir string
	}{
		{"missing directory", filepath.Join(t.TempDir(), "nope")},
		{"not a main package", filepath.Join(RepoRoot(), "internal", "abi")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if err := BuildGoTA(ctx, tc.dir, filepath.Join(t.TempDir(), "x.wasm"), ""); err == nil {
				t.Fatalf("BuildGoTA(%s) succeeded", tc.dir)
			}
		})
	}
}

func checkGoTA(t *testing.T, cache wazero.CompilationCache, g goModule, wasm []byte) {
	ctx := context.Background()
	r := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfig().WithCompilationCache(cache))
	defer r.Close(ctx)
	start := time.Now()
	cm, err := r.CompileModule(ctx, wasm)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("compiled in %v", time.Since(start).Round(time.Millisecond))

	i32 := api.ValueTypeI32
	wantExports := map[string][2][]api.ValueType{
		abi.ExportInitialize:   {nil, nil},
		abi.ExportCreate:       {nil, {i32}},
		abi.ExportDestroy:      {nil, nil},
		abi.ExportOpenSession:  {{i32, i32, i32}, {i32}},
		abi.ExportCloseSession: {{i32}, nil},
		abi.ExportInvoke:       {{i32, i32, i32, i32}, {i32}},
		abi.ExportAlloc:        {{i32}, {i32}},
		abi.ExportFree:         {{i32}, nil},
		abi.ExportProps:        {nil, {i32}},
	}
	exports := cm.ExportedFunctions()
	for name, sig := range wantExports {
		fd, ok := exports[name]
		if !ok {
			t.Errorf("export %s missing", name)
			continue
		}
		if !slices.Equal(fd.ParamTypes(), sig[0]) || !slices.Equal(fd.ResultTypes(), sig[1]) {
			t.Errorf("export %s: %v -> %v, want %v -> %v", name, fd.ParamTypes(), fd.ResultTypes(), sig[0], sig[1])
		}
	}
	if _, ok := cm.ExportedMemories()["memory"]; !ok {
		t.Error("memory not exported")
	}

	syscalls := make(map[string]abi.Syscall)
	for _, s := range abi.Syscalls {
		syscalls[s.Name] = s
	}
	for _, fd := range cm.ImportedFunctions() {
		mod, name, _ := fd.Import()
		switch mod {
		case wasi_snapshot_preview1.ModuleName:
		case abi.HostModule:
			s, ok := syscalls[name]
			if !ok {
				t.Errorf("imports %s.%s, not in abi.Syscalls", mod, name)
				continue
			}
			var results []api.ValueType
			if !s.NoReturn {
				results = []api.ValueType{i32}
			}
			if !slices.Equal(fd.ParamTypes(), hostapi.ValueTypes(s.Params)) || !slices.Equal(fd.ResultTypes(), results) {
				t.Errorf("import %s: %v -> %v, want %v -> %v", name, fd.ParamTypes(), fd.ResultTypes(), hostapi.ValueTypes(s.Params), results)
			}
		default:
			t.Errorf("imports %s.%s from an unknown module", mod, name)
		}
	}

	if _, err := wasi_snapshot_preview1.Instantiate(ctx, r); err != nil {
		t.Fatal(err)
	}
	b := r.NewHostModuleBuilder(abi.HostModule)
	for _, s := range abi.Syscalls {
		var results []api.ValueType
		if !s.NoReturn {
			results = []api.ValueType{i32}
		}
		b.NewFunctionBuilder().WithGoModuleFunction(api.GoModuleFunc(func(_ context.Context, _ api.Module, _ []uint64) {
			t.Errorf("system call %s during _initialize or veritee_ta_props", s.Name)
			panic("no system calls here")
		}), hostapi.ValueTypes(s.Params), results).Export(s.Name)
	}
	if _, err := b.Instantiate(ctx); err != nil {
		t.Fatal(err)
	}
	mod, err := r.InstantiateModule(ctx, cm, wazero.NewModuleConfig().WithStartFunctions())
	if err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	if _, err := mod.ExportedFunction(abi.ExportInitialize).Call(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("_initialize took %v; memory %d KiB", time.Since(start).Round(time.Microsecond), mod.Memory().Size()>>10)
	res, err := mod.ExportedFunction(abi.ExportProps).Call(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n, ok := mod.Memory().ReadUint32Le(uint32(res[0]))
	if !ok {
		t.Fatalf("veritee_ta_props returned 0x%x", res[0])
	}
	blob, ok := mod.Memory().Read(uint32(res[0])+4, n)
	if !ok {
		t.Fatalf("blob of %d bytes outside memory", n)
	}
	props, err := abi.UnmarshalProps(blob)
	if err != nil {
		t.Fatal(err)
	}
	checkProps(t, g, props)

	img, uuid, err := taimage.Pack(ctx, wasm)
	if err != nil {
		t.Fatalf("taimage.Pack: %v", err)
	}
	if uuid != g.uuid {
		t.Errorf("Pack: UUID %v, want %v", uuid, g.uuid)
	}
	t.Logf("packed image %d bytes", len(img))
}

func checkProps(t *testing.T, g goModule, p *abi.Props) {
	t.Helper()
	if p.ABIVersion != abi.Version {
		t.Errorf("ABI version 0x%x, want 0x%x", p.ABIVersion, abi.Version)
	}
	if u, err := p.AppID(); err != nil || u != g.uuid {
		t.Errorf("appID %v (%v), want %v", u, err, g.uuid)
	}
	flags := []struct {
		name string
		flag uint32
	}{
		{abi.PropSingleInstance, abi.TAFlagSingleInstance},
		{abi.PropMultiSession, abi.TAFlagMultiSession},
		{abi.PropInstanceKeepAlive, abi.TAFlagInstanceKeepAlive},
	}
	for _, f := range flags {
		want := g.flags&f.flag != 0
		if _, ok := p.Lookup(f.name); !ok || p.Bool(f.name, !want) != want {
			t.Errorf("%s = %v, want %v", f.name, p.Bool(f.name, !want), want)
		}
	}
	if got := p.U32(abi.PropDataSize, 0); got != g.dataSize {
		t.Errorf("%s = %d, want %d", abi.PropDataSize, got, g.dataSize)
	}
	if p.String(abi.PropVersion) == "" || p.String(abi.PropDescription) == "" {
		t.Errorf("version %q, description %q", p.String(abi.PropVersion), p.String(abi.PropDescription))
	}
}

package csdk_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
)

const aptLine = "sudo apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32"

// requireToolchain fails (never skips) when clang, wasm-ld or wasi-libc is
// missing: the C SDK cannot be tested without them.
func requireToolchain(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"clang", "wasm-ld", "make"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found; the C TA toolchain is needed: %s", tool, aptLine)
		}
	}
	out, err := exec.Command("clang", "--target=wasm32-wasi", "-print-file-name=libc.a").Output()
	if p := strings.TrimSpace(string(out)); err != nil || !filepath.IsAbs(p) {
		t.Fatalf("wasi-libc not found for clang --target=wasm32-wasi; install it: %s", aptLine)
	}
	out, err = exec.Command("clang", "--target=wasm32-wasi", "-rtlib=compiler-rt", "-print-libgcc-file-name").Output()
	if p := strings.TrimSpace(string(out)); err != nil {
		t.Fatalf("clang has no wasm32 compiler-rt: %s", aptLine)
	} else if _, err := os.Stat(p); err != nil {
		t.Fatalf("wasm32 compiler-rt %s missing; install it: %s", p, aptLine)
	}
}

// veritee returns the veritee CLI to pack with: $VERITEE, or bin/veritee
// at the repository root; "" means build up to the .wasm only.
func veritee() string {
	if v := os.Getenv("VERITEE"); v != "" {
		return v
	}
	p, _ := filepath.Abs(filepath.Join("..", "..", "bin", "veritee"))
	if _, err := os.Stat(p); err == nil {
		return p
	}
	return ""
}

// buildTA runs make in a TA directory into a fresh out dir and returns the
// wasm bytes.
func buildTA(t *testing.T, dir, uuid string, vars ...string) []byte {
	t.Helper()
	kit, _ := filepath.Abs(".")
	out := t.TempDir()
	args := append([]string{"-C", dir, "TA_DEV_KIT_DIR=" + kit, "O=" + out}, vars...)
	packed := false
	if v := veritee(); v != "" {
		// No target: the default goal must be the packed image.
		packed = true
		args = append(args, "VERITEE="+v)
	} else {
		args = append(args, "wasm")
	}
	// The packer signs with a development key made on first use: keep it
	// out of $HOME.
	devKey := "VERITEE_DEV_KEY=" + filepath.Join(out, "dev-key.pem")
	cmd := exec.Command("make", args...)
	cmd.Env = append(os.Environ(), devKey)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("make %v: %v\n%s", args, err, b)
	}
	if packed {
		if _, err := os.Stat(filepath.Join(out, uuid+".ta")); err != nil {
			t.Errorf("no packed image: %v", err)
		}
	}
	wasm, err := os.ReadFile(filepath.Join(out, uuid+".wasm"))
	if err != nil {
		t.Fatal(err)
	}
	// A second make has nothing to do: the build is incremental.
	cmd = exec.Command("make", args...)
	cmd.Env = append(os.Environ(), devKey)
	b, err := cmd.CombinedOutput()
	if err != nil || bytes.Contains(b, []byte("  CC ")) || bytes.Contains(b, []byte("  LD ")) {
		t.Errorf("second make rebuilt something (err %v):\n%s", err, b)
	}
	return wasm
}

type taCase struct {
	name    string
	dir     string
	vars    []string
	uuid    abi.UUID
	flags   uint32
	data    uint32
	stack   uint32
	ext     []abi.Property
	session func(t *testing.T, ta *instance)
}

func TestBuildTAs(t *testing.T) {
	t.Parallel()
	requireToolchain(t)
	cases := []taCase{{
		name:  "hello_world",
		dir:   filepath.Join("..", "..", "examples", "hello_world", "ta"),
		uuid:  abi.MustParseUUID("8aaaf200-2450-11e4-abe2-0002a5d5c51b"),
		flags: abi.TAFlagSingleInstance | abi.TAFlagMultiSession,
		data:  32 << 10,
		stack: 8 << 10,
		ext: []abi.Property{
			{Name: "org.veritee.hello_world.answer", Type: abi.PropU32, Value: abi.U32Value(42)},
		},
		session: helloWorldSession,
	}}
	for v := 0; v < testta.NumVariants; v++ {
		cases = append(cases, taCase{
			name:  "testta_variant" + strconv.Itoa(v),
			dir:   filepath.Join("..", "..", "internal", "testta", "c"),
			vars:  []string{"VARIANT=" + strconv.Itoa(v)},
			uuid:  testta.CUUIDs[v],
			flags: testta.Flags(v),
			data:  testta.CDataSize,
			stack: 16 << 10,
			ext: []abi.Property{
				{Name: "org.veritee.test.variant", Type: abi.PropU32, Value: abi.U32Value(uint32(v))},
				{Name: "org.veritee.test.bool", Type: abi.PropBool, Value: abi.BoolValue(true)},
				{Name: "org.veritee.test.u64", Type: abi.PropU64, Value: abi.U64Value(0x0123456789abcdef)},
				{Name: "org.veritee.test.string", Type: abi.PropString, Value: []byte("veritee")},
				{Name: "org.veritee.test.blob", Type: abi.PropBinaryBlock, Value: []byte{0, 1, 2, 3, 4}},
			},
			session: testTASession,
		})
	}
	for _, tc := range cases {
		tc := tc
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			wasm := buildTA(t, tc.dir, tc.uuid.String(), tc.vars...)
			ctx := context.Background()
			// 32 MiB of linear memory at most, so that CmdMallocHog ends.
			r := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfig().WithMemoryLimitPages(512))
			defer r.Close(ctx)
			mod, err := r.CompileModule(ctx, wasm)
			if err != nil {
				t.Fatal(err)
			}
			checkImports(t, mod)
			checkExports(t, mod)
			ta := instantiate(t, ctx, r, mod)
			checkProps(t, ta, tc)
			tc.session(t, ta)
		})
	}
}

func checkImports(t *testing.T, mod wazero.CompiledModule) {
	t.Helper()
	for _, f := range mod.ImportedFunctions() {
		m, name, _ := f.Import()
		switch m {
		case "wasi_snapshot_preview1":
		case abi.HostModule:
			sc, ok := syscallByName(name)
			if !ok {
				t.Errorf("imports %s.%s, which abi.Syscalls lacks", m, name)
				continue
			}
			if !sameParams(f.ParamTypes(), sc.Params) {
				t.Errorf("%s.%s has params %v, abi says %q", m, name, f.ParamTypes(), sc.Params)
			}
			wantResults := 1
			if sc.NoReturn {
				wantResults = 0
			}
			if len(f.ResultTypes()) != wantResults {
				t.Errorf("%s.%s returns %v", m, name, f.ResultTypes())
			}
		default:
			t.Errorf("imports %s.%s from an unknown module", m, name)
		}
	}
}

func checkExports(t *testing.T, mod wazero.CompiledModule) {
	t.Helper()
	fns := mod.ExportedFunctions()
	for _, name := range []string{abi.ExportInitialize, abi.ExportCreate, abi.ExportDestroy,
		abi.ExportOpenSession, abi.ExportCloseSession, abi.ExportInvoke,
		abi.ExportAlloc, abi.ExportFree, abi.ExportProps} {
		if _, ok := fns[name]; !ok {
			t.Errorf("export %s missing", name)
		}
	}
	if _, ok := mod.ExportedMemories()["memory"]; !ok {
		t.Error("memory not exported")
	}
}

func syscallByName(name string) (abi.Syscall, bool) {
	for _, s := range abi.Syscalls {
		if s.Name == name {
			return s, true
		}
	}
	return abi.Syscall{}, false
}

func sameParams(got []api.ValueType, want []abi.ValType) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		w := api.ValueTypeI32
		if want[i] == abi.I64 {
			w = api.ValueTypeI64
		}
		if got[i] != w {
			return false
		}
	}
	return true
}

func checkProps(t *testing.T, ta *instance, tc taCase) {
	t.Helper()
	ptr := ta.call(t, abi.ExportProps)[0]
	n, ok := ta.mem().ReadUint32Le(uint32(ptr))
	if !ok {
		t.Fatalf("props pointer %#x out of memory", ptr)
	}
	blob, ok := ta.mem().Read(uint32(ptr)+4, n)
	if !ok {
		t.Fatalf("props blob of %d bytes out of memory", n)
	}
	p, err := abi.UnmarshalProps(blob)
	if err != nil {
		t.Fatal(err)
	}
	if p.ABIVersion != abi.Version {
		t.Errorf("ABI version %#x, want %#x", p.ABIVersion, abi.Version)
	}
	if id, err := p.AppID(); err != nil || id != tc.uuid {
		t.Errorf("appID %v (%v), want %v", id, err, tc.uuid)
	}
	for name, flag := range map[string]uint32{
		abi.PropSingleInstance:    abi.TAFlagSingleInstance,
		abi.PropMultiSession:      abi.TAFlagMultiSession,
		abi.PropInstanceKeepAlive: abi.TAFlagInstanceKeepAlive,
	} {
		e, ok := p.Lookup(name)
		if !ok || e.Type != abi.PropBool {
			t.Errorf("%s missing or not a bool", name)
		} else if got := p.Bool(name, false); got != (tc.flags&flag != 0) {
			t.Errorf("%s = %v for flags %#x", name, got, tc.flags)
		}
	}
	if got := p.U32(abi.PropDataSize, 0); got != tc.data {
		t.Errorf("dataSize %d, want %d", got, tc.data)
	}
	if got := p.U32(abi.PropStackSize, 0); got != tc.stack {
		t.Errorf("stackSize %d, want %d", got, tc.stack)
	}
	if p.String(abi.PropVersion) == "" || p.String(abi.PropDescription) == "" {
		t.Errorf("version %q, description %q", p.String(abi.PropVersion), p.String(abi.PropDescription))
	}
	for _, want := range tc.ext {
		got, ok := p.Lookup(want.Name)
		if !ok || got.Type != want.Type || !bytes.Equal(got.Value, want.Value) {
			t.Errorf("property %s = %+v, want %+v", want.Name, got, want)
		}
	}
}

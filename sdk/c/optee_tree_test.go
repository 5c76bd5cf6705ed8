package csdk_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tetratelabs/wazero"

	vt "github.com/veritee/veritee"
	"github.com/veritee/veritee/internal/tasign"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/teec"
)

// TestOPTEETree builds the OP-TEE-style TA tree of optee_tree_files_test.go
// exactly as OP-TEE users build theirs, with no edits and with OP-TEE's
// cross-compilation variables and a host compiler's flags in the
// environment, then runs the TA in an in-process TEE through the Go client
// API and checks every command, the TA's log, incremental rebuilds and
// clean.
func TestOPTEETree(t *testing.T) {
	t.Parallel()
	requireToolchain(t)
	root := t.TempDir()
	writeTree(t, root, opteeTree)
	// The packer's development key is devKey, but OP-TEE's TA_SIGN_KEY
	// names another key, signKey, which it must sign with instead: the
	// TEE trusts only signKey.
	keys := t.TempDir()
	devKey, signKey := filepath.Join(keys, "dev-key.pem"), filepath.Join(keys, "sign-key.pem")
	if _, err := tasign.LoadOrCreateDevKey(signKey); err != nil {
		t.Fatal(err)
	}

	makeTree := func(targets ...string) string {
		t.Helper()
		return runMake(t, root, devKey, append([]string{"TA_SIGN_KEY=" + signKey}, targets...)...)
	}
	makeTree()
	for _, f := range []string{
		filepath.Join(root, "ta", "libmathops", "libmathops.a"),
		filepath.Join(root, "out", "ta", demoUUID+".ta"),
	} {
		if _, err := os.Stat(f); err != nil {
			t.Fatalf("make left no %s: %v", f, err)
		}
	}
	if out := makeTree(); strings.Contains(out, "  CC ") || strings.Contains(out, "  LD ") || strings.Contains(out, "  AR ") {
		t.Errorf("a second make rebuilt something:\n%s", out)
	}

	t.Run("run", func(t *testing.T) { runDemoTA(t, filepath.Join(root, "out", "ta"), signKey) })

	makeTree("clean")
	for _, f := range []string{
		filepath.Join(root, "ta", "libmathops", "libmathops.a"),
		filepath.Join(root, "out", "ta"),
	} {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("make clean left %s (%v)", f, err)
		}
	}
}

// runDemoTA runs the demo TA in taDir in an in-process TEE that trusts
// key.
func runDemoTA(t *testing.T, taDir, key string) {
	logs := &testta.LogBuffer{}
	tee, err := vt.Start(context.Background(), vt.Options{
		TADirs:   []string{taDir},
		StateDir: t.TempDir(),
		DevKey:   key,
		Logger:   slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug - 4})),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := tee.Close(ctx); err != nil {
			t.Errorf("closing the TEE: %v", err)
		}
		if t.Failed() {
			t.Logf("TEE log:\n%s", logs.String())
		}
	})
	c, err := teec.InitializeContext(tee.Name())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Finalize() })
	ctx := context.Background()
	s, err := c.OpenSession(ctx, teec.MustParseUUID(demoUUID), teec.LoginPublic, nil, nil)
	if err != nil {
		t.Fatalf("OpenSession: %v", err)
	}
	defer s.Close()

	value := func(typ teec.ParamType, a, b uint32) *teec.Value { return &teec.Value{Type: typ, A: a, B: b} }
	mem := func(typ teec.ParamType, b []byte) *teec.TempMemoryReference {
		return &teec.TempMemoryReference{Type: typ, Buffer: b, Size: uint64(len(b))}
	}
	memOut := func(p teec.Parameter) string {
		m := p.(*teec.TempMemoryReference)
		return string(m.Buffer[:m.Size])
	}
	for _, tc := range []struct {
		name   string
		cmd    uint32
		params [4]teec.Parameter
		check  func(t *testing.T, ps [4]teec.Parameter)
	}{
		{"static library", demoCmdScaleAdd, [4]teec.Parameter{value(teec.ValueInout, 5, 2)},
			func(t *testing.T, ps [4]teec.Parameter) {
				if v := ps[0].(*teec.Value); v.A != 17 {
					t.Errorf("5*3+2 = %d", v.A)
				}
			}},
		{"v1.1 memref", demoCmdReverse, [4]teec.Parameter{mem(teec.MemrefTempInout, []byte("hello!"))},
			func(t *testing.T, ps [4]teec.Parameter) {
				if got := memOut(ps[0]); got != "!olleh" {
					t.Errorf("reversed: %q", got)
				}
			}},
		{"v1.1 property", demoCmdDescription, [4]teec.Parameter{mem(teec.MemrefTempOutput, make([]byte, 64))},
			func(t *testing.T, ps [4]teec.Parameter) {
				if got := memOut(ps[0]); got != "Demo TA from an OP-TEE tree\x00" {
					t.Errorf("description: %q", got)
				}
			}},
		{"memory and libc", demoCmdMemory, [4]teec.Parameter{mem(teec.MemrefTempOutput, make([]byte, 64))},
			func(t *testing.T, ps [4]teec.Parameter) {
				if got := memOut(ps[0]); got != "xxxxxxxxxxxxxxxyz/17/3" {
					t.Errorf("memory: %q", got)
				}
			}},
		{"v1.1 bignum", demoCmdBignum, [4]teec.Parameter{
			mem(teec.MemrefTempInput, []byte{0xff, 0xff, 0xff, 0xff}),
			mem(teec.MemrefTempInput, []byte{0x01}),
			mem(teec.MemrefTempOutput, make([]byte, 40)),
		}, func(t *testing.T, ps [4]teec.Parameter) {
			if got := memOut(ps[2]); got != "\x01\x00\x00\x00\x00" {
				t.Errorf("0xffffffff + 1 = %x", got)
			}
		}},
		{"build flags", demoCmdBuildInfo, [4]teec.Parameter{value(teec.ValueOutput, 0, 0), value(teec.ValueOutput, 0, 0)},
			func(t *testing.T, ps [4]teec.Parameter) {
				v0, v1 := ps[0].(*teec.Value), ps[1].(*teec.Value)
				if v0.A != 0x5EC {
					t.Errorf("DEMO_MAGIC from cflags-demo_ta.c-y = %#x", v0.A)
				}
				if v0.B != 4 {
					t.Errorf("TRACE_LEVEL = %d, want CFG_TEE_TA_LOG_LEVEL 4", v0.B)
				}
				// CFG_DEMO_FEATURE=y defined, CFG_DEMO_DISABLED=n not,
				// helpers' incdirs-y kept local, utee_defines.h helpers
				// right, helpers.c's own flag and private include seen.
				if v1.A != 0x19 {
					t.Errorf("build bits %#x, want 0x19", v1.A)
				}
				if v1.B != 0x04030201 {
					t.Errorf("TEE_U32_TO_BIG_ENDIAN(0x01020304) = %#x", v1.B)
				}
			}},
		{"v1.1 TA-to-TA", demoCmdTA2TA, [4]teec.Parameter{value(teec.ValueInout, 2, 1), mem(teec.MemrefTempOutput, make([]byte, 8))},
			func(t *testing.T, ps [4]teec.Parameter) {
				if v := ps[0].(*teec.Value); v.A != 7 {
					t.Errorf("2*3+1 through the callee = %d", v.A)
				}
				if got := memOut(ps[1]); got != "fedcba" {
					t.Errorf("reversed through the callee: %q", got)
				}
			}},
		{"v1.1 enumerator, blob, bignum shift and FMM, random", demoCmdMore, [4]teec.Parameter{
			mem(teec.MemrefTempOutput, make([]byte, 64)),
			value(teec.ValueOutput, 0, 0), value(teec.ValueOutput, 0, 0), value(teec.ValueOutput, 0, 0),
		}, func(t *testing.T, ps [4]teec.Parameter) {
			if got := strings.TrimRight(memOut(ps[0]), "\x00"); !strings.HasPrefix(got, "gpd.") && !strings.HasPrefix(got, "org.example.") {
				t.Errorf("first property name %q", got)
			}
			if v := ps[1].(*teec.Value); v.A != 3 || v.B != 0x010203 {
				t.Errorf("blob: %d bytes, %#x", v.A, v.B)
			}
			if v := ps[2].(*teec.Value); v.A != 0x10 || v.B != 1 {
				t.Errorf("0x100>>4 = %#x, 3*5 mod 7 = %d", v.A, v.B)
			}
			if v := ps[3].(*teec.Value); v.A != 1 {
				t.Error("16 random bytes all zero")
			}
		}},
		{"v1.1 digest, attributes, object info and MAC", demoCmdCrypto, [4]teec.Parameter{
			mem(teec.MemrefTempInput, []byte(cryptoMsg)),
			mem(teec.MemrefTempInput, []byte(cryptoKey)),
			mem(teec.MemrefTempOutput, make([]byte, 64)),
			value(teec.ValueOutput, 0, 0),
		}, func(t *testing.T, ps [4]teec.Parameter) {
			sum := sha256.Sum256([]byte(cryptoMsg))
			mac := hmac.New(sha256.New, []byte(cryptoKey))
			mac.Write([]byte(cryptoMsg))
			if got, want := memOut(ps[2]), string(sum[:])+string(mac.Sum(nil)); got != want {
				t.Errorf("SHA-256 || HMAC = %x, want %x", got, want)
			}
			if v := ps[3].(*teec.Value); v.A != 8*uint32(len(cryptoKey)) || v.B != 8*uint32(len(cryptoKey)) {
				t.Errorf("keySize %d, maxKeySize %d, want %d", v.A, v.B, 8*len(cryptoKey))
			}
		}},
	} {
		op := &teec.Operation{Params: tc.params}
		if err := s.InvokeCommand(ctx, tc.cmd, op); err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		tc.check(t, op.Params)
	}
	if err := s.InvokeCommand(ctx, 99, nil); !isResult(err, teec.ErrNotSupported) {
		t.Errorf("unknown command: %v", err)
	}

	for _, want := range []struct{ level, text string }{
		{"INFO", "Hello from the demo TA!"},
		{"INFO", "printf says 17"},
		{"ERROR", "Command ID 0x63 is not supported"},
		{"DEBUG", "TA_CreateEntryPoint:"},
		{"DEBUG", "mathops_scale_add:"},
		{"DEBUG-4", "reversing 6 bytes"},
	} {
		if !hasLine(logs, "level="+want.level+" ", want.text) {
			t.Errorf("no %s line with %q in the TEE log", want.level, want.text)
		}
	}
}

// The message and key of the v1.1 crypto command.
const cryptoMsg, cryptoKey = "OP-TEE sources build unchanged", "a 32-byte HMAC-SHA256 key, 256b!"

func isResult(err error, want error) bool {
	r, _ := teec.ResultOf(err)
	w, _ := teec.ResultOf(want)
	return err != nil && r == w
}

// TestOPTEECompatCryptoStorage builds a GP v1.1 TA that calls every
// cryptographic and storage function whose v1.1 form differs from v1.3's.
// It must compile with -Werror (the v1.1 signatures are right) and link
// every __GP11_ wrapper; v1.3 functions without a body yet are reported,
// not failed, and the link becomes complete as they arrive.
func TestOPTEECompatCryptoStorage(t *testing.T) {
	t.Parallel()
	requireToolchain(t)
	dir := t.TempDir()
	writeTree(t, dir, compatTree)
	out := t.TempDir()
	kit, _ := filepath.Abs(".")
	cmd := exec.Command("make", "-C", dir, "TA_DEV_KIT_DIR="+kit, "O="+out,
		"TA_LDFLAGS=-Wl,--allow-undefined", "wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("make: %v\n%s", err, b)
	}
	wasm, err := os.ReadFile(filepath.Join(out, compatUUID+".wasm"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	r := wazero.NewRuntime(ctx)
	defer r.Close(ctx)
	mod, err := r.CompileModule(ctx, wasm)
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	for _, f := range mod.ImportedFunctions() {
		m, name, _ := f.Import()
		if m != "env" {
			continue
		}
		if !strings.HasPrefix(name, "TEE_") {
			t.Errorf("undefined symbol %s: only v1.3 TEE_ functions may still lack a body", name)
			continue
		}
		missing = append(missing, name)
	}
	if len(missing) > 0 {
		t.Logf("v1.3 functions without a body yet (the v1.1 wrappers link once they have one): %s", strings.Join(missing, " "))
	}
	for _, exp := range []string{"TA_OpenSessionEntryPoint", "TA_InvokeCommandEntryPoint"} {
		if _, ok := mod.ExportedFunctions()[exp]; !ok {
			t.Errorf("the v1.1 TA does not export %s", exp)
		}
	}
}

// writeTree writes files (path relative to dir → content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// runMake runs make in dir as an OP-TEE user's build would: the dev kit
// and packer on the command line, OP-TEE's cross-compilation variables
// set, and a host compiler's CC and CFLAGS in the environment, which a
// wasm build must ignore (-march=native fails for wasm32). The packer
// signs with the development key devKey.
func runMake(t *testing.T, dir, devKey string, targets ...string) string {
	t.Helper()
	kit, _ := filepath.Abs(".")
	args := append([]string{"-C", dir, "TA_DEV_KIT_DIR=" + kit, "VERITEE=" + veriteeCLI(t),
		"CROSS_COMPILE=aarch64-linux-gnu-", "PLATFORM=vexpress-qemu_virt"}, targets...)
	cmd := exec.Command("make", args...)
	cmd.Env = append(os.Environ(), "CC=gcc", "CFLAGS=-march=native -fstack-protector-strong", "AR=ar",
		tasign.DevKeyEnv+"="+devKey)
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("make %v: %v\n%s", targets, err, b)
	}
	return string(b)
}

var (
	cliOnce sync.Once
	cliPath string
	cliErr  error
)

// veriteeCLI returns the veritee CLI that packs TAs: $VERITEE or
// bin/veritee when there is one, else one built once for these tests.
func veriteeCLI(t *testing.T) string {
	t.Helper()
	if v := veritee(); v != "" {
		return v
	}
	cliOnce.Do(func() {
		dir, err := os.MkdirTemp("", "veritee-cli-")
		if err != nil {
			cliErr = err
			return
		}
		cliPath = filepath.Join(dir, "veritee")
		cmd := exec.Command("go", "build", "-o", cliPath, "./cmd/veritee")
		cmd.Dir = filepath.Join("..", "..")
		if b, err := cmd.CombinedOutput(); err != nil {
			cliErr = err
			cliPath = string(b)
		}
	})
	if cliErr != nil {
		t.Fatalf("building the veritee CLI: %v\n%s", cliErr, cliPath)
	}
	return cliPath
}

// hasLine reports whether one line of the log holds both substrings.
func hasLine(log *testta.LogBuffer, a, b string) bool {
	for _, line := range strings.Split(log.String(), "\n") {
		if strings.Contains(line, a) && strings.Contains(line, b) {
			return true
		}
	}
	return false
}

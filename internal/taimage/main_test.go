package taimage

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// testWasm holds the test modules TestMain builds from testdata/minta.c,
// by variant name.
var testWasm = map[string][]byte{}

// variants are the -D options of each test module.
var variants = map[string][]string{
	"ok":       nil,
	"noappid":  {"-DTA_NO_APPID"},
	"badabi":   {"-DTA_ABI=0x20000"},
	"noinvoke": {"-DTA_NO_INVOKE"},
	"version7": {`-DTA_VERSION="7"`},
}

func TestMain(m *testing.M) {
	if err := buildTestModules(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

func buildTestModules() error {
	clang, err := exec.LookPath("clang")
	if err != nil {
		return fmt.Errorf("taimage tests need clang for wasm32-wasi: apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32")
	}
	dir, err := os.MkdirTemp("", "taimage-test")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	for name, defs := range variants {
		out := filepath.Join(dir, name+".wasm")
		args := append([]string{"--target=wasm32-wasi", "-O2", "-mexec-model=reactor", "-o", out}, defs...)
		args = append(args, "testdata/minta.c")
		if b, err := exec.Command(clang, args...).CombinedOutput(); err != nil {
			return fmt.Errorf("clang %s: %v\n%s\n(apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32)", name, err, b)
		}
		w, err := os.ReadFile(out)
		if err != nil {
			return err
		}
		testWasm[name] = w
	}
	return nil
}

package taruntime

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/veritee/veritee/internal/taimage"
)

const installHint = "apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32"

// testImages are the test TA images TestMain builds, by variant.
var testImages = map[string][]byte{}

// testVariants are the -D options of each variant of testdata/testta.c.
var testVariants = map[string][]string{
	"main":  nil,
	"small": {"-DTA_DATA_SIZE=262144"},
}

func TestMain(m *testing.M) {
	if err := buildTestTAs(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

func buildTestTAs() error {
	clang, err := exec.LookPath("clang")
	if err != nil {
		return fmt.Errorf("taruntime tests need clang for wasm32-wasi: %s", installHint)
	}
	dir, err := os.MkdirTemp("", "taruntime-test")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	for name, defs := range testVariants {
		out := filepath.Join(dir, name+".wasm")
		args := append([]string{"--target=wasm32-wasi", "-O2", "-mexec-model=reactor", "-o", out}, defs...)
		args = append(args, "testdata/testta.c")
		if b, err := exec.Command(clang, args...).CombinedOutput(); err != nil {
			return fmt.Errorf("clang: %v\n%s\n(%s)", err, b, installHint)
		}
		wasm, err := os.ReadFile(out)
		if err != nil {
			return err
		}
		img, _, err := taimage.Pack(context.Background(), wasm)
		if err != nil {
			return err
		}
		testImages[name] = img
	}
	return nil
}

//go:build !wasip1

package testta

import (
	"context"
	"crypto"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"

	"github.com/veritee/veritee/internal/taimage"
	"github.com/veritee/veritee/internal/tasign"
)

// RepoRoot returns the root of this source tree.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// HelloWorld UUIDs of the examples.
const (
	HelloWorldC  = "8aaaf200-2450-11e4-abe2-0002a5d5c51b"
	HelloWorldGo = "8aaaf200-2450-11e4-abe2-0002a5d5c51c"
)

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
	devKey    string
)

// Build builds every test TA (C and Go, all variants) and both hello_world
// examples from source, once per process, and returns the directory that
// holds their <uuid>.ta images, signed by the development key DevKey
// returns. It needs the C TA toolchain (scripts/ensure-toolchain.sh) and
// the Go toolchain.
func Build(ctx context.Context) (string, error) {
	buildOnce.Do(func() {
		buildDir, buildErr = build(ctx)
	})
	return buildDir, buildErr
}

// DevKey returns the development key that signed the TAs of Build: a
// fresh one per process, beside the images, never the user's own. A TEE
// that loads them trusts it (veritee.Options.DevKey).
func DevKey() string {
	if _, err := Build(context.Background()); err != nil {
		return ""
	}
	return devKey
}

func build(ctx context.Context) (string, error) {
	root := RepoRoot()
	work, err := os.MkdirTemp("", "veritee-testta-")
	if err != nil {
		return "", err
	}
	devKey = filepath.Join(work, "dev-key.pem")
	key, err := tasign.LoadOrCreateDevKey(devKey)
	if err != nil {
		return "", err
	}
	signEnv := []string{tasign.DevKeyEnv + "=" + devKey}
	out := filepath.Join(work, "ta")
	if err := os.MkdirAll(out, 0o755); err != nil {
		return "", err
	}
	if err := ensureToolchain(ctx, root); err != nil {
		return "", err
	}
	veritee := filepath.Join(work, "veritee")
	if err := run(ctx, root, nil, "go", "build", "-o", veritee, "./cmd/veritee"); err != nil {
		return "", err
	}
	kit := filepath.Join(root, "sdk", "c")
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	do := func(f func() error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		}()
	}
	makeC := func(dir, obj string, vars ...string) func() error {
		return func() error {
			args := append([]string{"-C", dir, "TA_DEV_KIT_DIR=" + kit, "VERITEE=" + veritee, "O=" + obj}, vars...)
			if err := run(ctx, root, signEnv, "make", args...); err != nil {
				return err
			}
			tas, _ := filepath.Glob(filepath.Join(obj, "*.ta"))
			if len(tas) != 1 {
				return fmt.Errorf("testta: make in %s left %d .ta files in %s", dir, len(tas), obj)
			}
			return os.Rename(tas[0], filepath.Join(out, filepath.Base(tas[0])))
		}
	}
	for v := 0; v < NumVariants; v++ {
		do(makeC(filepath.Join(root, "internal", "testta", "c"), filepath.Join(work, "obj", "c"+strconv.Itoa(v)), "VARIANT="+strconv.Itoa(v)))
	}
	do(makeC(filepath.Join(root, "examples", "hello_world", "ta"), filepath.Join(work, "obj", "hello_world")))
	// Go builds share one toolchain cache and the machine has few cores:
	// run them one after the other, beside the C builds.
	do(func() error {
		for v := 0; v < NumVariants; v++ {
			if err := goTA(ctx, filepath.Join(root, "internal", "testta", "gota"), work, out, "-X main.variant="+strconv.Itoa(v), key); err != nil {
				return err
			}
		}
		return goTA(ctx, filepath.Join(root, "examples", "hello_world_go", "ta"), work, out, "", key)
	})
	wg.Wait()
	if len(errs) > 0 {
		return "", errs[0]
	}
	return out, nil
}

func goTA(ctx context.Context, pkg, work, out, ldflags string, key crypto.Signer) error {
	f, err := os.CreateTemp(work, "gota-*.wasm")
	if err != nil {
		return err
	}
	f.Close()
	if err := BuildGoTA(ctx, pkg, f.Name(), ldflags); err != nil {
		return err
	}
	wasm, err := os.ReadFile(f.Name())
	if err != nil {
		return err
	}
	img, uuid, err := taimage.Pack(ctx, wasm)
	if err != nil {
		return fmt.Errorf("testta: packing %s: %w", pkg, err)
	}
	signed, err := tasign.Sign(img, key, tasign.Signing{})
	if err != nil {
		return fmt.Errorf("testta: signing %s: %w", pkg, err)
	}
	return os.WriteFile(filepath.Join(out, uuid.String()+".ta"), signed, 0o644)
}

func ensureToolchain(ctx context.Context, root string) error {
	return run(ctx, root, nil, filepath.Join(root, "scripts", "ensure-toolchain.sh"))
}

func run(ctx context.Context, dir string, env []string, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	outb, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("testta: %s %v: %w\n%s", name, args, err, outb)
	}
	return nil
}

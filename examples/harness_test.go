package examples_test

// The harness every example's test uses. TestMain builds, once per run:
// the veritee CLI, libteec installed into a prefix (make -C libteec install
// PREFIX=...), and every C TA found as examples/*/ta/Makefile, signed with
// a development key of the run; it then starts one TEE that trusts that key
// and serves it on a temporary socket. Clients are built on first use:
//
//   - runGo builds examples/<name>/host with go build;
//   - runC builds examples/<name>/host_c with its own OP-TEE-style Makefile
//     (CC ?= $(CROSS_COMPILE)gcc, -I$(TEEC_EXPORT)/include,
//     -L$(TEEC_EXPORT)/lib -lteec, -I../ta/include) into a copy of the
//     directory, so nothing is written into the tree. The Makefile's
//     target must be veritee_example_<name>.
//
// A TA that fails to build fails only the tests of its own example.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/veritee/veritee"
	"github.com/veritee/veritee/internal/tasign"
	"github.com/veritee/veritee/internal/testta"
)

// env is what TestMain built and started; read-only once tests run.
var env struct {
	root    string            // the repository
	work    string            // temporary directory of the run
	prefix  string            // the libteec install tree (TEEC_EXPORT)
	sock    string            // the TEE's socket
	taErr   map[string]error  // example -> why its TA did not build
	taFound map[string]bool   // examples with a C TA
	logs    *testta.LogBuffer // the TEE's log
}

// clients caches built client programs by "go:<name>" or "c:<name>".
var clients sync.Map // string -> *client

type client struct {
	once sync.Once
	path string
	err  error
}

func TestMain(m *testing.M) {
	code, err := harness(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "examples:", err)
		code = 1
	}
	os.Exit(code)
}

// harness sets everything up, runs the tests and tears down.
func harness(m *testing.M) (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	env.root = testta.RepoRoot()
	// Socket paths are limited to 108 bytes: keep the directory short.
	work, err := os.MkdirTemp("", "vtex")
	if err != nil {
		return 1, err
	}
	defer os.RemoveAll(work)
	env.work = work
	env.prefix = filepath.Join(work, "export")
	if err := run(ctx, env.root, nil, "scripts/ensure-toolchain.sh"); err != nil {
		return 1, err
	}

	// A fresh development key: building testta's TAs just for its key
	// (testta.DevKey) would cost this package a minute.
	devKey := filepath.Join(work, "dev-key.pem")
	if _, err := tasign.LoadOrCreateDevKey(devKey); err != nil {
		return 1, err
	}
	cli := filepath.Join(work, "veritee")
	if err := run(ctx, env.root, nil, "go", "build", "-o", cli, "./cmd/veritee"); err != nil {
		return 1, err
	}

	taDir := filepath.Join(work, "ta")
	if err := os.MkdirAll(taDir, 0o755); err != nil {
		return 1, err
	}
	var wg sync.WaitGroup
	var libErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		libErr = run(ctx, env.root, nil, "make", "-C", "libteec", "install", "PREFIX="+env.prefix, "O="+filepath.Join(work, "libteec"))
	}()
	buildTAs(ctx, cli, devKey, taDir)
	wg.Wait()
	if libErr != nil {
		return 1, libErr
	}

	env.logs = &testta.LogBuffer{}
	tee, err := veritee.Start(ctx, veritee.Options{
		TADirs:   []string{taDir},
		StateDir: filepath.Join(work, "state"),
		Logger:   slog.New(slog.NewTextHandler(env.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		DevKey:   devKey,
	})
	if err != nil {
		return 1, err
	}
	env.sock = filepath.Join(work, "s")
	ln, err := veritee.ListenSocket(env.sock)
	if err != nil {
		return 1, err
	}
	sctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- tee.Serve(sctx, ln) }()

	code := m.Run()

	stop()
	<-served
	cctx, ccancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer ccancel()
	if err := tee.Close(cctx); err != nil {
		return 1, fmt.Errorf("closing the TEE: %w", err)
	}
	if code != 0 {
		fmt.Fprintf(os.Stderr, "TEE log:\n%s", env.logs.String())
	}
	return code, nil
}

// buildTAs builds every examples/*/ta with the dev kit, two at a time,
// and puts the signed <uuid>.ta images into taDir.
func buildTAs(ctx context.Context, cli, devKey, taDir string) {
	makefiles, _ := filepath.Glob(filepath.Join(env.root, "examples", "*", "ta", "Makefile"))
	env.taErr = map[string]error{}
	env.taFound = map[string]bool{}
	var (
		mu  sync.Mutex
		wg  sync.WaitGroup
		sem = make(chan struct{}, 2)
	)
	for _, mk := range makefiles {
		dir := filepath.Dir(mk)
		name := filepath.Base(filepath.Dir(dir))
		env.taFound[name] = true
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			err := buildTA(ctx, dir, name, cli, devKey, taDir)
			mu.Lock()
			env.taErr[name] = err
			mu.Unlock()
		}()
	}
	wg.Wait()
}

func buildTA(ctx context.Context, dir, name, cli, devKey, taDir string) error {
	obj := filepath.Join(env.work, "obj", name)
	if err := run(ctx, dir, []string{tasign.DevKeyEnv + "=" + devKey}, "make",
		"TA_DEV_KIT_DIR="+filepath.Join(env.root, "sdk", "c"), "VERITEE="+cli, "O="+obj); err != nil {
		return err
	}
	tas, _ := filepath.Glob(filepath.Join(obj, "*.ta"))
	if len(tas) != 1 {
		return fmt.Errorf("make in %s left %d .ta files in %s", dir, len(tas), obj)
	}
	return os.Rename(tas[0], filepath.Join(taDir, filepath.Base(tas[0])))
}

// needTA fails the test when the example's TA is missing or did not build.
func needTA(t *testing.T, example string) {
	t.Helper()
	if !env.taFound[example] {
		t.Fatalf("examples/%s/ta/Makefile not found", example)
	}
	if err := env.taErr[example]; err != nil {
		t.Fatalf("building the %s TA: %v", example, err)
	}
}

// runGo runs the example's Go client (examples/<example>/host) against the
// test TEE with -tee unix:<socket> followed by args, and returns its
// standard output. The test fails, with everything the client wrote, when
// the client exits with an error.
func runGo(t *testing.T, example string, args ...string) string {
	t.Helper()
	needTA(t, example)
	bin := built(t, "go:"+example, func(out string) error {
		return run(context.Background(), env.root, nil, "go", "build", "-o", out, "./examples/"+example+"/host")
	})
	return runClient(t, exec.Command(bin, append([]string{"-tee", "unix:" + env.sock}, args...)...))
}

// runC runs the example's C client (examples/<example>/host_c), built with
// its own Makefile against the libteec install tree, with args, reaching
// the TEE through VERITEE_SOCKET; it returns the standard output and fails
// the test as runGo does.
func runC(t *testing.T, example string, args ...string) string {
	t.Helper()
	needTA(t, example)
	bin := built(t, "c:"+example, func(out string) error { return buildC(example, out) })
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "VERITEE_SOCKET="+env.sock, "LD_LIBRARY_PATH="+filepath.Join(env.prefix, "lib"))
	return runClient(t, cmd)
}

// buildC copies host_c into the run's directory, next to a link to the
// example's ta (for ../ta/include), and builds it there as OP-TEE's
// examples are built: make CROSS_COMPILE= TEEC_EXPORT=<prefix>
// --no-builtin-variables.
func buildC(example, out string) error {
	src := filepath.Join(env.root, "examples", example)
	proj := filepath.Join(env.work, "host_c", example)
	if err := copyDir(filepath.Join(src, "host_c"), filepath.Join(proj, "host_c")); err != nil {
		return err
	}
	if err := os.Symlink(filepath.Join(src, "ta"), filepath.Join(proj, "ta")); err != nil {
		return err
	}
	dir := filepath.Join(proj, "host_c")
	if err := run(context.Background(), dir, nil, "make", "CROSS_COMPILE=", "TEEC_EXPORT="+env.prefix, "--no-builtin-variables"); err != nil {
		return err
	}
	return os.Rename(filepath.Join(dir, "veritee_example_"+example), out)
}

// built builds a client once per run (make stores it at out) and returns
// its path, failing the test when the build failed.
func built(t *testing.T, key string, build func(out string) error) string {
	t.Helper()
	v, _ := clients.LoadOrStore(key, &client{})
	c := v.(*client)
	c.once.Do(func() {
		c.path = filepath.Join(env.work, "bin", strings.ReplaceAll(key, ":", "-"))
		if err := os.MkdirAll(filepath.Dir(c.path), 0o755); err != nil {
			c.err = err
			return
		}
		c.err = build(c.path)
	})
	if c.err != nil {
		t.Fatalf("building the client: %v", c.err)
	}
	return c.path
}

// runClient runs cmd with a time limit and returns its standard output.
func runClient(t *testing.T, cmd *exec.Cmd) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(time.Minute):
		cmd.Process.Kill()
		err = fmt.Errorf("killed after a minute: %w", <-done)
	}
	if err != nil {
		t.Fatalf("%s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(cmd.Args, " "), err, stdout.String(), stderr.String())
	}
	return stdout.String()
}

func run(ctx context.Context, dir string, extraEnv []string, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), extraEnv...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s (in %s): %w\n%s", name, strings.Join(args, " "), dir, err, out)
	}
	return nil
}

// copyDir copies the regular files of src (not recursively) into dst.
func copyDir(src, dst string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	ents, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if !e.Type().IsRegular() {
			continue
		}
		if err := copyFile(filepath.Join(src, e.Name()), filepath.Join(dst, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

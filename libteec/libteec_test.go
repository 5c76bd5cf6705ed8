// Package libteec_test builds the C client library (libteec.so, libteec.a)
// with the system C compiler, builds the C test program in testdata
// against it, and runs it against the test TAs of a TEE started in this
// process and served on a temporary socket. The C program checks its own
// results; these tests check its exit status and output.
package libteec_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/veritee/veritee"
	"github.com/veritee/veritee/internal/testta"
)

// stateDir is the compiled-TA cache of every TEE these tests start; work
// holds the builds.
var stateDir, work string

func TestMain(m *testing.M) {
	if n := os.Getenv(envGoBench); n != "" {
		// Re-executed by BenchmarkCNullInvoke as a Go client process.
		os.Exit(goBenchClient(n))
	}
	os.Exit(run(m))
}

func run(m *testing.M) int {
	var err error
	if work, err = os.MkdirTemp("", "libteec-test-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(work)
	stateDir = filepath.Join(work, "state")
	return m.Run()
}

// build is one build of the library and the test program.
type build struct {
	once sync.Once
	dir  string // the library's output directory
	prog string // the test program
	err  error
}

var (
	plain = &build{}
	asan  = &build{}
)

// sanitize are the flags of the sanitizer build.
const sanitize = "-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"

// get builds b once: make -C libteec with O=<dir> (and SANITIZE), then the
// test program, linked against the shared library, or statically against
// libteec.a for the sanitizer build.
func (b *build) get(t testing.TB, name, flags string) (dir, prog string) {
	t.Helper()
	b.once.Do(func() {
		b.dir = filepath.Join(work, name)
		b.prog = filepath.Join(b.dir, "teectest")
		if b.err = runCmd("make", "-C", libDir(), "O="+b.dir, "SANITIZE="+flags); b.err != nil {
			return
		}
		srcs, _ := filepath.Glob(filepath.Join(libDir(), "testdata", "*.c"))
		args := []string{"-std=gnu11", "-O1", "-g", "-Wall", "-Werror", "-Wno-missing-field-initializers",
			"-I", filepath.Join(libDir(), "include")}
		args = append(args, strings.Fields(flags)...)
		args = append(args, srcs...)
		if flags == "" {
			args = append(args, "-L"+b.dir, "-lteec", "-Wl,-rpath,"+b.dir)
		} else {
			args = append(args, filepath.Join(b.dir, "libteec.a"))
		}
		args = append(args, "-pthread", "-o", b.prog)
		b.err = runCmd(cc(), args...)
	})
	if b.err != nil {
		t.Fatalf("building libteec (%s): %v", name, b.err)
	}
	return b.dir, b.prog
}

// libDir is this package's directory: the library's sources.
func libDir() string { return filepath.Join(testta.RepoRoot(), "libteec") }

// cc is the system C compiler, as make would pick it.
func cc() string {
	if c := os.Getenv("CC"); c != "" {
		return c
	}
	return "cc"
}

func runCmd(name string, args ...string) error {
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return nil
}

// testTEE is a TEE with the test TAs served on a fresh socket.
type testTEE struct {
	*veritee.TEE
	sock string
	logs *testta.LogBuffer
}

// testTAs builds the test TAs, once, when a test first needs them, and
// returns their directory.
func testTAs(tb testing.TB) string {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	dir, err := testta.Build(ctx)
	if err != nil {
		tb.Fatalf("building the test TAs: %v", err)
	}
	return dir
}

// startTEE starts a TEE with the test TAs plus extra TA directories and
// serves it on a socket at path ("" = a fresh temporary one). Both stop
// when the test ends.
func startTEE(tb testing.TB, path string, taDirs ...string) *testTEE {
	tb.Helper()
	logs := &testta.LogBuffer{}
	tee, err := veritee.Start(context.Background(), veritee.Options{
		TADirs:       append(taDirs, testTAs(tb)),
		StateDir:     stateDir,
		Logger:       slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		AbandonGrace: 300 * time.Millisecond,
		DevKey:       testta.DevKey(),
	})
	if err != nil {
		tb.Fatal(err)
	}
	if path == "" {
		// Socket paths are limited to 108 bytes: keep them short.
		sdir, err := os.MkdirTemp("", "vt")
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { os.RemoveAll(sdir) })
		path = filepath.Join(sdir, "s")
	}
	ln, err := veritee.ListenSocket(path)
	if err != nil {
		tb.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- tee.Serve(ctx, ln) }()
	tb.Cleanup(func() {
		stop()
		<-served
		cctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := tee.Close(cctx); err != nil {
			tb.Errorf("closing the TEE: %v", err)
		}
		if tb.Failed() {
			tb.Logf("TEE log:\n%s", logs.String())
		}
	})
	return &testTEE{TEE: tee, sock: path, logs: logs}
}

// command returns the test program running test with args against tee,
// found through $VERITEE_SOCKET as an OP-TEE client finds its TEE.
func (tee *testTEE) command(ctx context.Context, prog, test string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, prog, append([]string{test}, args...)...)
	cmd.Env = append(os.Environ(), "VERITEE_SOCKET="+tee.sock,
		"ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=66",
		"UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=66")
	return cmd
}

// runProg runs the test program and fails the test unless it exits 0 and
// prints "ok" last. It returns the output before "ok".
func (tee *testTEE) runProg(t *testing.T, prog, test string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := tee.command(ctx, prog, test, args...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	out := stdout.String()
	if err != nil || !strings.HasSuffix(out, "ok\n") {
		t.Fatalf("%s %s %s: %v\nstdout:\n%s\nstderr:\n%s", filepath.Base(prog), test,
			strings.Join(args, " "), err, out, stderr.String())
	}
	return strings.TrimSuffix(out, "ok\n")
}

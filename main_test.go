package veritee_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/veritee/veritee"
	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/teec"
)

// taDir holds the test TAs and the hello_world examples, built from source
// by TestMain; cacheDir is the compiled-TA cache all test TEEs share.
var taDir, cacheDir string

func TestMain(m *testing.M) {
	// Generous: on a loaded machine with -race, compiling the Go test TAs
	// alone can take minutes.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	dir, err := testta.Build(ctx)
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, "building the test TAs:", err)
		os.Exit(1)
	}
	taDir = dir
	cacheDir, err = os.MkdirTemp("", "veritee-test-state-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(cacheDir)
	os.Exit(code)
}

// Modes in which a client reaches a TEE.
const (
	embedded = "embedded"
	socket   = "socket"
)

var modes = []string{embedded, socket}

// langs are the two test TAs: one source each, in C and in Go.
var langs = []struct {
	name  string
	uuids [testta.NumVariants]abi.UUID
}{
	{"C", testta.CUUIDs},
	{"Go", testta.GoUUIDs},
}

// testTEE is a TEE started for a test, served on its own socket too.
type testTEE struct {
	*veritee.TEE
	sock string
	logs *testta.LogBuffer
}

type teeOption func(*veritee.Options)

func withAbandonGrace(d time.Duration) teeOption {
	return func(o *veritee.Options) { o.AbandonGrace = d }
}

// startTEE starts a TEE with the test TAs and serves it on a fresh socket.
// Both stop when the test ends.
func startTEE(tb testing.TB, opts ...teeOption) *testTEE {
	tb.Helper()
	logs := &testta.LogBuffer{}
	o := veritee.Options{
		TADirs:       []string{taDir},
		StateDir:     cacheDir,
		Logger:       slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		AbandonGrace: 300 * time.Millisecond,
		DevKey:       testta.DevKey(),
	}
	for _, f := range opts {
		f(&o)
	}
	tee, err := veritee.Start(context.Background(), o)
	if err != nil {
		tb.Fatal(err)
	}
	// Socket paths are limited to 108 bytes: keep them short.
	sdir, err := os.MkdirTemp("", "vt")
	if err != nil {
		tb.Fatal(err)
	}
	sock := filepath.Join(sdir, "s")
	ln, err := veritee.ListenSocket(sock)
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
		os.RemoveAll(sdir)
		if tb.Failed() {
			tb.Logf("TEE log:\n%s", logs.String())
		}
	})
	return &testTEE{TEE: tee, sock: sock, logs: logs}
}

// client returns a client context that reaches tee in the given mode.
func (tee *testTEE) client(tb testing.TB, mode string) *teec.Context {
	tb.Helper()
	name := tee.Name()
	if mode == socket {
		name = "unix:" + tee.sock
	}
	c, err := teec.InitializeContext(name)
	if err != nil {
		tb.Fatalf("InitializeContext(%q): %v", name, err)
	}
	tb.Cleanup(func() { c.Finalize() })
	return c
}

// open opens a session with a USER login.
func open(tb testing.TB, c *teec.Context, uuid abi.UUID) *teec.Session {
	tb.Helper()
	s, err := c.OpenSession(context.Background(), uuid, teec.LoginUser, nil, nil)
	if err != nil {
		tb.Fatalf("OpenSession(%v): %v", uuid, err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// forEach runs f for every mode and language as parallel subtests, each
// with its own TEE when fresh is set (for tests that kill instances), else
// with the shared one.
func forEach(t *testing.T, tee *testTEE, f func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID)) {
	for _, mode := range modes {
		for _, l := range langs {
			t.Run(mode+"/"+l.name, func(t *testing.T) {
				t.Parallel()
				x := tee
				if x == nil {
					x = startTEE(t)
				}
				f(t, x.client(t, mode), l.uuids)
			})
		}
	}
}

// wantResult checks that err carries result r with origin o.
func wantResult(tb testing.TB, err error, r teec.Result, o teec.ReturnOrigin) {
	tb.Helper()
	gr, gorig := teec.ResultOf(err)
	if gr != r || gorig != o {
		tb.Fatalf("got %v (origin %v), err %v; want %v (origin %v)", gr, gorig, err, r, o)
	}
}

package taruntime

import (
	"bytes"
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/veritee/veritee/internal/abi"
)

var testUUID = abi.MustParseUUID("8e5c4a40-7e57-4000-8000-0000000000ee")

// Test TA commands (testdata/testta.c).
const (
	cmdNull        = 0
	cmdParams      = 1
	cmdShortBuffer = 2
	cmdPanic       = 3
	cmdTrap        = 4
	cmdWait        = 5
	cmdLoopCancel  = 6
	cmdSpin        = 7
	cmdMallocHog   = 8
	cmdRandom      = 9
	cmdTime        = 10
	cmdCheckAccess = 11
	cmdLog         = 13
	cmdCounter     = 15
	cmdRewritePtrs = 100
	cmdPropName    = 101
	cmdProcExit    = 102
	cmdPropIndex   = 103
	cmdMaskAtEntry = 104
)

type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) { s.mu.Lock(); defer s.mu.Unlock(); return s.b.Write(p) }
func (s *syncBuf) String() string              { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// fixture is a runtime with the test TA loaded.
type fixture struct {
	rt  *Runtime
	ta  *TA
	log *syncBuf
}

func newFixture(t testing.TB, variant string, cfg Config) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{log: &syncBuf{}}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(f.log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	if cfg.Clock == nil {
		cfg.Clock = func() time.Duration { return 42*time.Second + 7*time.Millisecond }
	}
	rt, err := New(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rt.Close(ctx) })
	ta, err := rt.Load(ctx, testImages[variant])
	if err != nil {
		t.Fatal(err)
	}
	f.rt, f.ta = rt, ta
	return f
}

// open makes an instance with one open session.
func (f *fixture) open(t testing.TB) (*Instance, *Session) {
	t.Helper()
	ctx := context.Background()
	inst, ret := f.ta.NewInstance(ctx)
	if !ret.OK() {
		t.Fatalf("NewInstance: %v", ret)
	}
	t.Cleanup(func() { inst.Destroy(ctx) })
	s := NewSession(abi.Identity{Login: abi.LoginPublic})
	if ret := inst.OpenSession(ctx, s, nil, nil); !ret.OK() {
		t.Fatalf("OpenSession: %v", ret)
	}
	return inst, s
}

func wantRet(t testing.TB, got abi.Ret, code abi.Result, origin abi.Origin) {
	t.Helper()
	if got.Code != code || got.Origin != origin {
		t.Fatalf("got %v/%v, want %v/%v", got.Code, got.Origin, code, origin)
	}
}

package taruntime

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
)

func TestDeath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cmd  uint32
		log  string
	}{
		{"panic", cmdPanic, "TEE_Panic(0x0000dead)"},
		{"trap", cmdTrap, "unreachable"},
		{"proc_exit", cmdProcExit, "exited with code 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			f := newFixture(t, "main", Config{})
			inst, s := f.open(t)
			wantRet(t, inst.Invoke(ctx, s, tt.cmd, nil, nil), abi.ErrTargetDead, abi.OriginTEE)
			if !inst.Dead() {
				t.Fatal("instance alive after death")
			}
			wantRet(t, inst.Invoke(ctx, s, cmdNull, nil, nil), abi.ErrTargetDead, abi.OriginTEE)
			wantRet(t, inst.OpenSession(ctx, NewSession(abi.Identity{}), nil, nil), abi.ErrTargetDead, abi.OriginTEE)
			inst.CloseSession(ctx, s)
			log := f.log.String()
			if !strings.Contains(log, "level=ERROR") || !strings.Contains(log, tt.log) || !strings.Contains(log, testUUID.String()) {
				t.Fatalf("log lacks the reason %q: %s", tt.log, log)
			}
			// Another instance of the same TA is unaffected.
			other, s2 := f.open(t)
			wantRet(t, other.Invoke(ctx, s2, cmdNull, nil, nil), abi.Success, abi.OriginTrustedApp)
		})
	}
}

func TestKillSpinning(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t, "main", Config{})
	inst, s := f.open(t)
	time.AfterFunc(50*time.Millisecond, func() { inst.Kill(errors.New("test kill")) })
	start := time.Now()
	wantRet(t, inst.Invoke(ctx, s, cmdSpin, nil, nil), abi.ErrTargetDead, abi.OriginTEE)
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("kill took %v", d)
	}
	if !strings.Contains(f.log.String(), "test kill") {
		t.Fatalf("log: %s", f.log.String())
	}
}

func TestAbandon(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cmd  uint32
		want abi.Ret
		dead bool
	}{
		// A spinning TA ignores the cancellation and is killed after the
		// grace period.
		{"spin", cmdSpin, abi.TEE(abi.ErrTargetDead), true},
		// A TA that polls the flag sees the caller's cancellation and
		// returns within the grace period.
		{"poll", cmdLoopCancel, abi.Ret{Code: abi.ErrCancel, Origin: abi.OriginTrustedApp}, false},
		{"wait", cmdWait, abi.Ret{Code: abi.ErrCancel, Origin: abi.OriginTrustedApp}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t, "main", Config{AbandonGrace: 200 * time.Millisecond})
			inst, s := f.open(t)
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			defer cancel()
			p := &teeconn.Params{{Type: abi.ParamValueInput, A: 0xFFFFFFFF}}
			start := time.Now()
			wantRet(t, inst.Invoke(ctx, s, tt.cmd, p, nil), tt.want.Code, tt.want.Origin)
			d := time.Since(start)
			if tt.dead && d < 200*time.Millisecond {
				t.Fatalf("killed after %v, before the grace period", d)
			}
			if d > 5*time.Second || inst.Dead() != tt.dead {
				t.Fatalf("after %v dead=%v", d, inst.Dead())
			}
		})
	}
}

func TestCancel(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t, "main", Config{})
	inst, s := f.open(t)

	// Sessions start with cancellation masked.
	mp := &teeconn.Params{{Type: abi.ParamValueOutput}}
	wantRet(t, inst.Invoke(ctx, s, cmdMaskAtEntry, mp, nil), abi.Success, abi.OriginTrustedApp)
	if mp[0].A != 1 {
		t.Fatalf("mask at entry %d, want 1 (masked)", mp[0].A)
	}

	tests := []struct {
		name   string
		cmd    uint32
		before bool
	}{
		{"wait, requested during", cmdWait, false},
		{"wait, requested before", cmdWait, true},
		{"poll, requested during", cmdLoopCancel, false},
	}
	for _, tt := range tests {
		c := teeconn.NewCancel()
		if tt.before {
			c.Request()
		} else {
			time.AfterFunc(30*time.Millisecond, c.Request)
		}
		p := &teeconn.Params{{Type: abi.ParamValueInput, A: 0xFFFFFFFF}}
		wantRet(t, inst.Invoke(ctx, s, tt.cmd, p, c), abi.ErrCancel, abi.OriginTrustedApp)
	}
	// A finite wait without cancellation succeeds.
	p := &teeconn.Params{{Type: abi.ParamValueInput, A: 10}}
	wantRet(t, inst.Invoke(ctx, s, cmdWait, p, teeconn.NewCancel()), abi.Success, abi.OriginTrustedApp)
	// A wait ends when the instance is killed.
	time.AfterFunc(30*time.Millisecond, func() { inst.Kill(nil) })
	p = &teeconn.Params{{Type: abi.ParamValueInput, A: 0xFFFFFFFF}}
	wantRet(t, inst.Invoke(ctx, s, cmdWait, p, nil), abi.ErrTargetDead, abi.OriginTEE)
}

func TestMemoryCap(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t, "small", Config{})
	inst, s := f.open(t)
	p := &teeconn.Params{{Type: abi.ParamValueOutput}}
	wantRet(t, inst.Invoke(ctx, s, cmdMallocHog, p, nil), abi.ErrOutOfMemory, abi.OriginTrustedApp)
	t.Logf("the TA obtained %d KiB under a cap of %d pages", p[0].A, f.ta.MemoryLimitPages())
	capKiB := f.ta.MemoryLimitPages() * 64
	if p[0].A == 0 || p[0].A > capKiB {
		t.Fatalf("the TA obtained %d KiB, cap %d KiB", p[0].A, capKiB)
	}
	// (256 KiB data + 64 KiB stack) is at most 5 pages beyond the initial
	// memory, so the TA cannot have obtained more than that plus its
	// initial heap.
	if p[0].A > 256+64+initialKiB(f) {
		t.Fatalf("the TA obtained %d KiB", p[0].A)
	}
	wantRet(t, inst.Invoke(ctx, s, cmdNull, nil, nil), abi.Success, abi.OriginTrustedApp)
}

// initialKiB is the initial memory of the test TA in KiB.
func initialKiB(f *fixture) uint32 { return (f.ta.MemoryLimitPages() - 5) * 64 }

func TestParallelInstances(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "main", Config{})
	const n, calls = 8, 200
	var wg sync.WaitGroup
	errs := make(chan string, n)
	for k := 0; k < n; k++ {
		inst, s := f.open(t)
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			for j := uint32(0); j < calls; j++ {
				buf := []byte{byte(j), 1}
				p := &teeconn.Params{{Type: abi.ParamMemrefInout, Mem: buf, Size: 2}, {Type: abi.ParamValueOutput}}
				if ret := inst.Invoke(ctx, s, cmdParams, p, nil); !ret.OK() || buf[0] != ^byte(j) || p[1].A != uint32(byte(j))+1 {
					errs <- "bad result"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

// TestNoLeaks checks that nothing outlives Destroy, Kill and Close.
func TestNoLeaks(t *testing.T) {
	ctx := context.Background()
	runtime.GC()
	before := runtime.NumGoroutine()
	for round := 0; round < 3; round++ {
		rt, err := New(ctx, Config{AbandonGrace: 50 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		ta, err := rt.Load(ctx, testImages["main"])
		if err != nil {
			t.Fatal(err)
		}
		for k := 0; k < 4; k++ {
			inst, ret := ta.NewInstance(ctx)
			if !ret.OK() {
				t.Fatal(ret)
			}
			s := NewSession(abi.Identity{})
			inst.OpenSession(ctx, s, nil, nil)
			cctx, cancel := context.WithCancel(ctx)
			inst.Invoke(cctx, s, cmdNull, &teeconn.Params{{Type: abi.ParamMemrefInput, Mem: []byte{1}, Size: 1}}, teeconn.NewCancel())
			cancel()
			switch k {
			case 0:
				inst.Destroy(ctx)
			case 1:
				inst.Kill(nil)
			case 2:
				cctx, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
				inst.Invoke(cctx, s, cmdSpin, nil, nil) // abandoned, then killed
				cancel()
			case 3:
				// left for TA.Close
			}
		}
		ta.Close(ctx)
		rt.Close(ctx)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		runtime.GC()
		after := runtime.NumGoroutine()
		if after <= before {
			return
		}
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("goroutines: %d before, %d after\n%s", before, after, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func BenchmarkInstanceInvoke(b *testing.B) {
	f := newFixture(b, "main", Config{})
	inst, s := f.open(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if ret := inst.Invoke(ctx, s, cmdNull, nil, nil); !ret.OK() {
			b.Fatal(ret)
		}
	}
}

func BenchmarkInstanceInvokeParams(b *testing.B) {
	f := newFixture(b, "main", Config{})
	inst, s := f.open(b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	buf := make([]byte, 64)
	p := &teeconn.Params{{Type: abi.ParamValueInput, A: 1}, {Type: abi.ParamMemrefInout, Mem: buf, Size: 64}}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if ret := inst.Invoke(ctx, s, cmdNull, p, nil); !ret.OK() {
			b.Fatal(ret)
		}
	}
}

package hostapi

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
)

func TestWait(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	tests := []struct {
		name     string
		timeout  uint32
		unmasked bool
		setup    func(s *State)
		want     abi.Result
		min, max time.Duration
	}{
		{"zero", 0, false, nil, abi.Success, 0, time.Second},
		{"timeout", 30, false, nil, abi.Success, 30 * time.Millisecond, 5 * time.Second},
		{"masked ignores cancel", 30, false, func(s *State) { s.Call.Cancel.Request() }, abi.Success, 30 * time.Millisecond, 5 * time.Second},
		{"cancelled before", WaitForever, true, func(s *State) { s.Call.Cancel.Request() }, abi.ErrCancel, 0, 5 * time.Second},
		{"cancelled during", WaitForever, true, func(s *State) {
			time.AfterFunc(20*time.Millisecond, s.Call.Cancel.Request)
		}, abi.ErrCancel, 20 * time.Millisecond, 5 * time.Second},
		{"context cancelled during", 60000, true, func(s *State) {
			ctx, cancel := context.WithCancel(context.Background())
			s.Call.Ctx = ctx
			time.AfterFunc(20*time.Millisecond, cancel)
		}, abi.ErrCancel, 20 * time.Millisecond, 5 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, _ := newState()
			*s.Call.Masked = !tt.unmasked
			s.Call.Cancel = teeconn.NewCancel()
			// The clock starts before setup arms its timers, so that the
			// shortest wait a timer allows is the timer's own delay.
			start := time.Now()
			if tt.setup != nil {
				tt.setup(s)
			}
			got := call(s, m, abi.SysWait, uint64(tt.timeout))
			d := time.Since(start)
			if got != tt.want || d < tt.min || d > tt.max {
				t.Fatalf("wait(%d) = %v after %v, want %v in [%v, %v]", tt.timeout, got, d, tt.want, tt.min, tt.max)
			}
		})
	}
}

func TestWaitKilled(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	s, _ := newState()
	killed := make(chan struct{})
	s.Killed = killed
	time.AfterFunc(20*time.Millisecond, func() { close(killed) })
	defer func() {
		if err, _ := recover().(error); !errors.Is(err, ErrKilled) {
			t.Fatalf("recovered %v, want ErrKilled", err)
		}
	}()
	call(s, m, abi.SysWait, WaitForever)
	t.Fatal("wait returned")
}

package teec

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
)

var retCancelTA = abi.Ret{Code: abi.ErrCancel, Origin: abi.OriginTrustedApp}

// cancellableTA returns CANCEL (origin TA) when the operation's flag is set,
// at once when it is set on entry, else when it fires; entered is closed on
// entry.
func cancellableTA(entered chan struct{}) func(context.Context, *teeconn.Cancel) abi.Ret {
	return func(ctx context.Context, c *teeconn.Cancel) abi.Ret {
		if entered != nil {
			close(entered)
		}
		if c.Requested() {
			return retCancelTA
		}
		select {
		case <-c.Done():
			return retCancelTA
		case <-ctx.Done():
			return abi.Ret{Code: abi.ErrCancel, Origin: abi.OriginComms}
		case <-time.After(10 * time.Second):
			return abi.Ret{}
		}
	}
}

func TestCancelBeforeStart(t *testing.T) {
	t.Parallel()
	f := newFakeTEE()
	ta := cancellableTA(nil)
	f.invokeFn = func(ctx context.Context, req *teeconn.InvokeRequest) abi.Ret {
		if req.Cmd == 0 {
			return abi.Ret{}
		}
		return ta(ctx, req.Cancel)
	}
	c := newTestContext(t, f)
	s := openTestSession(t, c)
	op := &Operation{}
	op.RequestCancellation()
	op.RequestCancellation() // idempotent
	wantErr(t, s.InvokeCommand(context.Background(), 1, op), ErrCancel, OriginTrustedApp)
	if got := f.lastInvoke().Cancel; got == nil || !got.Requested() {
		t.Fatal("the TEE did not get the requested cancellation")
	}
	// The request was consumed: the next call starts uncancelled.
	if err := s.InvokeCommand(context.Background(), 0, op); err != nil {
		t.Fatal(err)
	}
	if got := f.lastInvoke().Cancel; got == nil || got.Requested() {
		t.Fatalf("second call's flag = %v", got)
	}
}

func TestCancelDuringInvoke(t *testing.T) {
	t.Parallel()
	f := newFakeTEE()
	entered := make(chan struct{})
	ta := cancellableTA(entered)
	f.invokeFn = func(ctx context.Context, req *teeconn.InvokeRequest) abi.Ret { return ta(ctx, req.Cancel) }
	c := newTestContext(t, f)
	s := openTestSession(t, c)
	op := &Operation{}
	go func() {
		<-entered
		op.RequestCancellation()
	}()
	start := time.Now()
	wantErr(t, s.InvokeCommand(context.Background(), 1, op), ErrCancel, OriginTrustedApp)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("cancellation took %v", d)
	}
}

func TestCancelDuringOpenSession(t *testing.T) {
	t.Parallel()
	f := newFakeTEE()
	entered := make(chan struct{})
	ta := cancellableTA(entered)
	f.openFn = func(ctx context.Context, req *teeconn.OpenRequest) (uint32, abi.Ret) { return 0, ta(ctx, req.Cancel) }
	c := newTestContext(t, f)
	op := &Operation{}
	go func() {
		<-entered
		op.RequestCancellation()
	}()
	_, err := c.OpenSession(context.Background(), testUUID, LoginPublic, nil, op)
	wantErr(t, err, ErrCancel, OriginTrustedApp)

	op.RequestCancellation()
	ta = cancellableTA(nil)
	_, err = c.OpenSession(context.Background(), testUUID, LoginPublic, nil, op)
	wantErr(t, err, ErrCancel, OriginTrustedApp)
}

func TestOperationInUse(t *testing.T) {
	t.Parallel()
	f := newFakeTEE()
	entered := make(chan struct{})
	ta := cancellableTA(entered)
	f.invokeFn = func(ctx context.Context, req *teeconn.InvokeRequest) abi.Ret { return ta(ctx, req.Cancel) }
	c := newTestContext(t, f)
	s := openTestSession(t, c)
	op := &Operation{Params: [4]Parameter{&Value{Type: ValueInput, A: 1}}}
	done := make(chan error)
	go func() { done <- s.InvokeCommand(context.Background(), 1, op) }()
	<-entered
	wantErr(t, s.InvokeCommand(context.Background(), 1, op), ErrBadState, OriginAPI)
	_, err := c.OpenSession(context.Background(), testUUID, LoginPublic, nil, op)
	wantErr(t, err, ErrBadState, OriginAPI)
	if n := f.numInvokes(); n != 1 || len(f.opens) != 1 {
		t.Errorf("%d invokes, %d opens reached the TEE", n, len(f.opens))
	}
	op.RequestCancellation()
	wantErr(t, <-done, ErrCancel, OriginTrustedApp)
}

func TestContextCancellation(t *testing.T) {
	t.Parallel()
	t.Run("before", func(t *testing.T) {
		t.Parallel()
		f := newFakeTEE()
		c := newTestContext(t, f)
		s := openTestSession(t, c)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		err := s.InvokeCommand(ctx, 1, nil)
		wantErr(t, err, ErrCancel, OriginAPI)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%v does not wrap context.Canceled", err)
		}
		_, err = c.OpenSession(ctx, testUUID, LoginPublic, nil, nil)
		wantErr(t, err, ErrCancel, OriginAPI)
		if f.numInvokes() != 0 || len(f.opens) != 1 {
			t.Error("a call with a cancelled context reached the TEE")
		}
	})
	t.Run("during", func(t *testing.T) {
		t.Parallel()
		f := newFakeTEE()
		entered := make(chan struct{})
		ta := cancellableTA(entered)
		f.invokeFn = func(ctx context.Context, req *teeconn.InvokeRequest) abi.Ret { return ta(ctx, req.Cancel) }
		c := newTestContext(t, f)
		s := openTestSession(t, c)
		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			<-entered
			cancel()
		}()
		err := s.InvokeCommand(ctx, 1, nil)
		wantErr(t, err, ErrCancel, OriginComms)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%v does not wrap context.Canceled", err)
		}
		if f.lastInvoke().Cancel != nil {
			t.Error("a nil Operation got a cancellation flag")
		}
	})
	t.Run("deadline", func(t *testing.T) {
		t.Parallel()
		f := newFakeTEE()
		ta := cancellableTA(nil)
		f.invokeFn = func(ctx context.Context, req *teeconn.InvokeRequest) abi.Ret { return ta(ctx, req.Cancel) }
		c := newTestContext(t, f)
		s := openTestSession(t, c)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		err := s.InvokeCommand(ctx, 1, &Operation{})
		wantErr(t, err, ErrCancel, OriginComms)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%v does not wrap context.DeadlineExceeded", err)
		}
	})
}

func TestRequestCancellationConcurrent(t *testing.T) {
	t.Parallel()
	var nilOp *Operation
	nilOp.RequestCancellation() // no panic
	f := newFakeTEE()
	c := newTestContext(t, f)
	s := openTestSession(t, c)
	op := &Operation{}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				op.RequestCancellation()
			}
		}()
	}
	for range 100 {
		if err := s.InvokeCommand(context.Background(), 0, op); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
}

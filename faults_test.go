package veritee_test

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/teec"
)

func TestUnknownTA(t *testing.T) {
	t.Parallel()
	tee := startTEE(t)
	forEach(t, tee, func(t *testing.T, c *teec.Context, _ [testta.NumVariants]abi.UUID) {
		_, err := c.OpenSession(context.Background(), abi.MustParseUUID("00000000-0000-4000-8000-00000000dead"), teec.LoginPublic, nil, nil)
		wantResult(t, err, teec.ErrItemNotFound, teec.OriginTEE)
		if !errors.Is(err, teec.ErrItemNotFound) {
			t.Errorf("errors.Is(%v, ErrItemNotFound) = false", err)
		}
	})
}

// TestBadParameters checks the client library's validation: nothing that
// does not fit GP's rules is sent, and the error says so with origin API.
func TestBadParameters(t *testing.T) {
	t.Parallel()
	tee := startTEE(t)
	forEach(t, tee, func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID) {
		s := open(t, c, uuids[testta.VariantShared])
		in, err := c.AllocateSharedMemory(64, teec.MemInput)
		if err != nil {
			t.Fatal(err)
		}
		defer in.Release()
		released, err := c.AllocateSharedMemory(64, teec.MemInput)
		if err != nil {
			t.Fatal(err)
		}
		released.Release()
		for _, tc := range []struct {
			name string
			p    teec.Parameter
		}{
			{"value with memref type", &teec.Value{Type: teec.MemrefTempInput}},
			{"temp with value type", &teec.TempMemoryReference{Type: teec.ValueInput, Buffer: []byte{1}, Size: 1}},
			{"registered with temp type", &teec.RegisteredMemoryReference{Type: teec.MemrefTempInput, Parent: in, Size: 1}},
			{"unknown type", &teec.Value{Type: 4}},
			{"temp size beyond buffer", &teec.TempMemoryReference{Type: teec.MemrefTempInput, Buffer: make([]byte, 4), Size: 5}},
			{"partial beyond end", &teec.RegisteredMemoryReference{Type: teec.MemrefPartialInput, Parent: in, Offset: 60, Size: 5}},
			{"partial offset wraps", &teec.RegisteredMemoryReference{Type: teec.MemrefPartialInput, Parent: in, Offset: math.MaxUint64 - 7, Size: 16}},
			{"partial size wraps", &teec.RegisteredMemoryReference{Type: teec.MemrefPartialInput, Parent: in, Offset: 8, Size: math.MaxUint64}},
			{"output into input-only memory", &teec.RegisteredMemoryReference{Type: teec.MemrefPartialOutput, Parent: in, Size: 8}},
			{"no parent", &teec.RegisteredMemoryReference{Type: teec.MemrefWhole}},
			{"released parent", &teec.RegisteredMemoryReference{Type: teec.MemrefWhole, Parent: released}},
		} {
			op := &teec.Operation{Params: [4]teec.Parameter{tc.p}}
			err := s.InvokeCommand(context.Background(), testta.CmdNull, op)
			wantResult(t, err, teec.ErrBadParameters, teec.OriginAPI)
		}
		// The session is still fine.
		if err := s.InvokeCommand(context.Background(), testta.CmdNull, nil); err != nil {
			t.Fatal(err)
		}
	})
}

// TestPanic: a TA that calls TEE_Panic or traps dies alone. Its sessions
// get TARGET_DEAD (origin TEE) from then on; other sessions and TAs go on,
// and a new session gets a new instance.
func TestPanic(t *testing.T) {
	t.Parallel()
	for _, cmd := range []struct {
		name string
		id   uint32
	}{{"TEE_Panic", testta.CmdPanic}, {"trap", testta.CmdTrap}} {
		t.Run(cmd.name, func(t *testing.T) {
			t.Parallel()
			forEach(t, nil, func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID) {
				victim := open(t, c, uuids[testta.VariantShared])
				sibling := open(t, c, uuids[testta.VariantShared]) // same instance
				bystander := open(t, c, uuids[testta.VariantMulti])
				otherLang := open(t, c, testta.CUUIDs[testta.VariantMulti])
				ctx := context.Background()
				wantResult(t, victim.InvokeCommand(ctx, cmd.id, nil), teec.ErrTargetDead, teec.OriginTEE)
				wantResult(t, victim.InvokeCommand(ctx, testta.CmdNull, nil), teec.ErrTargetDead, teec.OriginTEE)
				wantResult(t, sibling.InvokeCommand(ctx, testta.CmdNull, nil), teec.ErrTargetDead, teec.OriginTEE)
				for _, s := range []*teec.Session{bystander, otherLang} {
					if err := s.InvokeCommand(ctx, testta.CmdNull, nil); err != nil {
						t.Errorf("an unrelated session failed: %v", err)
					}
				}
				fresh := open(t, c, uuids[testta.VariantShared])
				if err := fresh.InvokeCommand(ctx, testta.CmdNull, nil); err != nil {
					t.Errorf("a new session after the panic: %v", err)
				}
				// Closing a dead session is fine.
				if err := victim.Close(); err != nil {
					t.Errorf("closing a dead session: %v", err)
				}
			})
		})
	}
}

// TestCancellation: TEEC_RequestCancellation ends a TEE_Wait inside the TA
// with TEE_ERROR_CANCEL, and a TA polling its cancellation flag sees it.
func TestCancellation(t *testing.T) {
	t.Parallel()
	tee := startTEE(t)
	forEach(t, tee, func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID) {
		for _, tc := range []struct {
			name string
			cmd  uint32
		}{{"TEE_Wait", testta.CmdWait}, {"polling loop", testta.CmdLoopUntilCancel}} {
			t.Run(tc.name, func(t *testing.T) {
				s := open(t, c, uuids[testta.VariantMulti])
				op := &teec.Operation{Params: [4]teec.Parameter{&teec.Value{Type: teec.ValueInput, A: 60_000}}}
				done := make(chan error, 1)
				start := time.Now()
				go func() { done <- s.InvokeCommand(context.Background(), tc.cmd, op) }()
				time.Sleep(50 * time.Millisecond)
				op.RequestCancellation()
				select {
				case err := <-done:
					wantResult(t, err, teec.ErrCancel, teec.OriginTrustedApp)
				case <-time.After(10 * time.Second):
					t.Fatal("the TA did not see the cancellation")
				}
				if d := time.Since(start); d > 10*time.Second {
					t.Errorf("cancellation took %v", d)
				}
				// The instance lives on.
				if err := s.InvokeCommand(context.Background(), testta.CmdNull, nil); err != nil {
					t.Errorf("after cancellation: %v", err)
				}
			})
		}
		t.Run("before start", func(t *testing.T) {
			s := open(t, c, uuids[testta.VariantMulti])
			op := &teec.Operation{Params: [4]teec.Parameter{&teec.Value{Type: teec.ValueInput, A: 60_000}}}
			op.RequestCancellation()
			done := make(chan error, 1)
			go func() { done <- s.InvokeCommand(context.Background(), testta.CmdWait, op) }()
			select {
			case err := <-done:
				if r, _ := teec.ResultOf(err); r != teec.ErrCancel {
					t.Errorf("got %v, want ErrCancel", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("an operation cancelled before it started ran anyway")
			}
		})
	})
}

// TestRunaway: a TA spinning without looking at its cancellation flag is
// killed once its client gives up and the grace period ends; the daemon and
// other TAs are unaffected.
func TestRunaway(t *testing.T) {
	t.Parallel()
	forEach(t, nil, func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID) {
		s := open(t, c, uuids[testta.VariantShared])
		other := open(t, c, uuids[testta.VariantMulti])
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		start := time.Now()
		err := s.InvokeCommand(ctx, testta.CmdSpin, nil)
		if err == nil {
			t.Fatal("a spinning TA returned success")
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("the client waited %v after its deadline", d)
		}
		deadline := time.Now().Add(10 * time.Second)
		for {
			err := s.InvokeCommand(context.Background(), testta.CmdNull, nil)
			if r, _ := teec.ResultOf(err); r == teec.ErrTargetDead {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the spinning instance was not killed: %v", err)
			}
			time.Sleep(20 * time.Millisecond)
		}
		if err := other.InvokeCommand(context.Background(), testta.CmdNull, nil); err != nil {
			t.Errorf("another instance: %v", err)
		}
	})
}

// TestMemoryCap: a TA cannot grow beyond the memory its properties ask for.
// A C TA sees TEE_Malloc fail and carries on; the Go runtime aborts on
// out-of-memory, which kills the instance.
func TestMemoryCap(t *testing.T) {
	t.Parallel()
	forEach(t, nil, func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID) {
		s := open(t, c, uuids[testta.VariantShared])
		got := &teec.Value{Type: teec.ValueOutput}
		err := s.InvokeCommand(context.Background(), testta.CmdMallocHog, &teec.Operation{Params: [4]teec.Parameter{got}})
		if uuids == testta.GoUUIDs {
			wantResult(t, err, teec.ErrTargetDead, teec.OriginTEE)
			return
		}
		wantResult(t, err, teec.ErrOutOfMemory, teec.OriginTrustedApp)
		capKiB := uint32(testta.CDataSize/1024) + 1024 // data size plus stack and static data
		if got.A == 0 || got.A > capKiB {
			t.Errorf("the TA obtained %d KiB; cap %d KiB", got.A, capKiB)
		}
		if err := s.InvokeCommand(context.Background(), testta.CmdNull, nil); err != nil {
			t.Errorf("after running out of memory: %v", err)
		}
	})
}

package teec

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/veritee/veritee/internal/teeconn"
)

// TestHammer runs 64 goroutines, each with its own session, operation and
// memory, invoking many times on one Context, with sessions and shared
// memory created and released concurrently. Run it with -race.
func TestHammer(t *testing.T) {
	t.Parallel()
	const goroutines = 64
	iterations := 200
	if testing.Short() {
		iterations = 20
	}
	for _, alloc := range []bool{false, true} {
		t.Run(fmt.Sprint("allocator=", alloc), func(t *testing.T) {
			t.Parallel()
			var conn teeconn.Conn = newFakeTEE()
			if alloc {
				conn = newFakeShmTEE()
			}
			c := newTestContext(t, conn)
			shared := openTestSession(t, c) // one session used by all
			var wg sync.WaitGroup
			errs := make(chan error, goroutines)
			for g := range goroutines {
				wg.Add(1)
				go func() {
					defer wg.Done()
					errs <- hammer(c, shared, g, iterations)
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Error(err)
				}
			}
			if err := shared.Close(); err != nil {
				t.Fatal(err)
			}
			if err := c.Finalize(); err != nil {
				t.Fatalf("Finalize after the hammer: %v", err)
			}
		})
	}
}

func hammer(c *Context, shared *Session, g, iterations int) error {
	ctx := context.Background()
	own, err := c.OpenSession(ctx, testUUID, LoginUser, nil, nil)
	if err != nil {
		return err
	}
	defer own.Close()
	reg := make([]byte, 32)
	sm, err := c.RegisterSharedMemory(reg, MemInput|MemOutput)
	if err != nil {
		return err
	}
	defer sm.Release()
	tmp := make([]byte, 16)
	in := []byte{byte(g), 1, 2, 3}
	var op Operation
	for i := range iterations {
		for j := range tmp {
			tmp[j] = byte(i)
		}
		for j := range reg {
			reg[j] = byte(g)
		}
		op.Params = [4]Parameter{
			&Value{Type: ValueInout, A: uint32(g), B: uint32(i)},
			&TempMemoryReference{Type: MemrefTempInout, Buffer: tmp, Size: uint64(len(tmp))},
			&RegisteredMemoryReference{Type: MemrefPartialInout, Parent: sm, Offset: 8, Size: 8},
			&TempMemoryReference{Type: MemrefTempInput, Buffer: in, Size: uint64(len(in))},
		}
		s := own
		if i%2 == 1 {
			s = shared
		}
		if err := s.InvokeCommand(ctx, 1, &op); err != nil {
			return err
		}
		v := op.Params[0].(*Value)
		if v.A != uint32(g)+1 || v.B != uint32(i)+2 {
			return fmt.Errorf("goroutine %d iteration %d: value %+v", g, i, v)
		}
		if !bytes.Equal(tmp, bytes.Repeat([]byte{^byte(i)}, len(tmp))) {
			return fmt.Errorf("goroutine %d iteration %d: temp %x", g, i, tmp)
		}
		want := bytes.Repeat([]byte{byte(g)}, 32)
		for j := 8; j < 16; j++ {
			want[j] = ^byte(g)
		}
		if !bytes.Equal(reg, want) {
			return fmt.Errorf("goroutine %d iteration %d: registered %x", g, i, reg)
		}
		if i%50 == 0 {
			m, err := c.AllocateSharedMemory(64, MemOutput)
			if err != nil {
				return err
			}
			if err := m.Release(); err != nil {
				return err
			}
		}
	}
	return nil
}

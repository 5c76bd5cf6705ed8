package teec

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
)

func TestSharedMemoryArgs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		size  int
		flags MemFlags
		r     Result
	}{
		{"input", 16, MemInput, Success},
		{"output", 16, MemOutput, Success},
		{"inout", 16, MemInput | MemOutput, Success},
		{"no flags", 16, 0, Success},
		{"empty", 0, MemInput, Success},
		{"unknown flag", 16, 0x4, ErrBadParameters},
		{"high flag", 16, MemInput | 0x80000000, ErrBadParameters},
		{"negative", -1, MemInput, ErrBadParameters},
		{"over 4 GiB", 1 << 32, MemInput, ErrOutOfMemory},
	}
	for _, alloc := range []bool{false, true} {
		for _, tc := range tests {
			t.Run(fmt.Sprintf("%s/allocator=%v", tc.name, alloc), func(t *testing.T) {
				t.Parallel()
				var conn teeconn.Conn = newFakeTEE()
				var sf *fakeShmTEE
				if alloc {
					sf = newFakeShmTEE()
					conn = sf
				}
				c := newTestContext(t, conn)
				sm, err := c.AllocateSharedMemory(tc.size, tc.flags)
				wantErr(t, err, tc.r, OriginAPI)
				if err == nil {
					if sm.Size() != tc.size || len(sm.Buffer()) != tc.size || sm.Flags() != tc.flags {
						t.Errorf("Size %d len %d Flags %v", sm.Size(), len(sm.Buffer()), sm.Flags())
					}
					if alloc && sf.live() != 1 {
						t.Errorf("allocator holds %d blocks", sf.live())
					}
					if err := sm.Release(); err != nil {
						t.Fatal(err)
					}
					if sm.Buffer() != nil {
						t.Error("Buffer() after Release is not nil")
					}
					wantErr(t, sm.Release(), ErrBadState, OriginAPI)
					if alloc && sf.live() != 0 {
						t.Errorf("allocator holds %d blocks after Release", sf.live())
					}
				}
				if tc.size < 0 || tc.size > 1<<20 {
					return // RegisterSharedMemory cannot take these sizes
				}
				buf := make([]byte, tc.size)
				sm, err = c.RegisterSharedMemory(buf, tc.flags)
				wantErr(t, err, tc.r, OriginAPI)
				if err == nil {
					if sm.Size() != tc.size || sm.Flags() != tc.flags {
						t.Errorf("Size %d Flags %v", sm.Size(), sm.Flags())
					}
					if tc.size > 0 && &sm.Buffer()[0] != &buf[0] {
						t.Error("Buffer() is not the registered slice")
					}
					if err := sm.Release(); err != nil {
						t.Fatal(err)
					}
				}
			})
		}
	}
}

func TestAllocatedMemoryIsShared(t *testing.T) {
	t.Parallel()
	sf := newFakeShmTEE()
	c := newTestContext(t, sf)
	sm, err := c.AllocateSharedMemory(4, MemInput|MemOutput)
	if err != nil {
		t.Fatal(err)
	}
	if &sm.Buffer()[0] != &sf.mems[sm.id][0] {
		t.Error("allocated memory is not the allocator's")
	}
	in := newTestContext(t, newFakeTEE())
	sm2, err := in.AllocateSharedMemory(4, MemInput)
	if err != nil {
		t.Fatal(err)
	}
	if sm2.id != 0 || len(sm2.Buffer()) != 4 {
		t.Error("in-process memory is not plain Go memory")
	}
}

// badAllocTEE returns what its fields say from AllocateSharedMemory.
type badAllocTEE struct {
	*fakeShmTEE
	id  uint32
	mem []byte
}

func (b *badAllocTEE) AllocateSharedMemory(size int) (uint32, []byte, error) {
	return b.id, b.mem, nil
}

func TestAllocatorFailures(t *testing.T) {
	t.Parallel()
	t.Run("error with code", func(t *testing.T) {
		t.Parallel()
		sf := newFakeShmTEE()
		sf.allocErr = fmt.Errorf("memfd: %w", ErrOutOfMemory)
		c := newTestContext(t, sf)
		_, err := c.AllocateSharedMemory(8, MemInput)
		wantErr(t, err, ErrOutOfMemory, OriginComms)
		_, err = c.RegisterSharedMemory(make([]byte, 8), MemInput)
		wantErr(t, err, ErrOutOfMemory, OriginComms)
	})
	t.Run("plain error", func(t *testing.T) {
		t.Parallel()
		sf := newFakeShmTEE()
		sf.allocErr = errors.New("mmap failed")
		c := newTestContext(t, sf)
		_, err := c.AllocateSharedMemory(8, MemInput)
		wantErr(t, err, ErrOutOfMemory, OriginComms)
	})
	for _, tc := range []struct {
		name string
		id   uint32
		mem  []byte
	}{
		{"id 0", 0, make([]byte, 8)},
		{"short memory", 7, make([]byte, 4)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := newTestContext(t, &badAllocTEE{fakeShmTEE: newFakeShmTEE(), id: tc.id, mem: tc.mem})
			_, err := c.AllocateSharedMemory(8, MemInput)
			wantErr(t, err, ErrCommunication, OriginComms)
		})
	}
	t.Run("longer memory is trimmed", func(t *testing.T) {
		t.Parallel()
		c := newTestContext(t, &badAllocTEE{fakeShmTEE: newFakeShmTEE(), id: 3, mem: make([]byte, 4096)})
		sm, err := c.AllocateSharedMemory(8, MemInput)
		if err != nil {
			t.Fatal(err)
		}
		if b := sm.Buffer(); len(b) != 8 || cap(b) != 8 {
			t.Errorf("len %d cap %d", len(b), cap(b))
		}
	})
}

// TestReleaseInUse checks that memory a running operation uses cannot be
// released, and that Finalize defers freeing it until the operation ends.
func TestReleaseInUse(t *testing.T) {
	t.Parallel()
	sf := newFakeShmTEE()
	entered := make(chan struct{})
	leave := make(chan struct{})
	sf.invokeFn = func(context.Context, *teeconn.InvokeRequest) abi.Ret {
		close(entered)
		<-leave
		return abi.Ret{}
	}
	c, err := InitializeContext(register(t, sf))
	if err != nil {
		t.Fatal(err)
	}
	s := openTestSession(t, c)
	sm, err := c.AllocateSharedMemory(8, MemInput)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		done <- s.InvokeCommand(context.Background(), 1, &Operation{Params: [4]Parameter{
			&RegisteredMemoryReference{Type: MemrefWhole, Parent: sm},
		}})
	}()
	<-entered
	wantErr(t, sm.Release(), ErrBadState, OriginAPI)
	wantErr(t, c.Finalize(), ErrBadState, OriginAPI)
	if sf.live() != 1 {
		t.Errorf("memory in use was freed by Finalize")
	}
	close(leave)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if sf.live() != 0 {
		t.Errorf("memory not freed after the operation ended")
	}
}

package veritee_test

import (
	"context"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/teec"
)

// TestHammer: 64 goroutines × 1,000 invokes over many sessions of several
// TAs (C and Go, shared and per-session instances), through one context per
// mode. Run with -race.
func TestHammer(t *testing.T) {
	t.Parallel()
	const goroutines, invokes = 64, 1000
	tee := startTEE(t)
	targets := []struct {
		name string
		uuid teec.UUID
	}{
		{"C shared", testta.CUUIDs[testta.VariantShared]},
		{"C multi", testta.CUUIDs[testta.VariantMulti]},
		{"Go shared", testta.GoUUIDs[testta.VariantShared]},
		{"Go multi", testta.GoUUIDs[testta.VariantMulti]},
	}
	clients := map[string]*teec.Context{embedded: tee.client(t, embedded), socket: tee.client(t, socket)}
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := clients[modes[g%2]]
			target := targets[(g/2)%len(targets)]
			s, err := c.OpenSession(context.Background(), target.uuid, teec.LoginPublic, nil, nil)
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			buf := make([]byte, 64)
			for i := 0; i < invokes; i++ {
				v := &teec.Value{Type: teec.ValueInout, A: uint32(i), B: uint32(g)}
				m := &teec.TempMemoryReference{Type: teec.MemrefTempInout, Buffer: buf, Size: uint64(len(buf))}
				out := &teec.Value{Type: teec.ValueOutput}
				op := &teec.Operation{Params: [4]teec.Parameter{v, m, out}}
				if err := s.InvokeCommand(context.Background(), testta.CmdParams, op); err != nil {
					errs <- err
					return
				}
				// acc = i + g + sum(buf before); buf flips each round.
				if v.A != uint32(i)+1 || v.B != uint32(g)+2 || out.B != 2 {
					t.Errorf("%s goroutine %d invoke %d: wrong values %+v %+v", target.name, g, i, v, out)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestNoLeaks: after sessions close and contexts finalize, the TEE is back
// to the goroutines and the heap it started with; instances, shared memory
// and connections of every round are all released.
func TestNoLeaks(t *testing.T) {
	tee := startTEE(t)
	// Warm up: load every TA once, so caches are not counted as leaks.
	for _, mode := range modes {
		c := tee.client(t, mode)
		for _, u := range []teec.UUID{testta.CUUIDs[0], testta.GoUUIDs[0]} {
			s := open(t, c, u)
			s.Close()
		}
	}
	base := runtime.NumGoroutine()
	heap := func() uint64 {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var heapBase uint64
	for round := 0; round < 6; round++ {
		for _, mode := range modes {
			name := tee.Name()
			if mode == socket {
				name = "unix:" + tee.sock
			}
			c, err := teec.InitializeContext(name)
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range []teec.UUID{testta.CUUIDs[testta.VariantMulti], testta.GoUUIDs[testta.VariantMulti], testta.CUUIDs[testta.VariantShared]} {
				s, err := c.OpenSession(context.Background(), u, teec.LoginPublic, nil, nil)
				if err != nil {
					t.Fatal(err)
				}
				shm, err := c.AllocateSharedMemory(4096, teec.MemInput|teec.MemOutput)
				if err != nil {
					t.Fatal(err)
				}
				op := &teec.Operation{Params: [4]teec.Parameter{&teec.RegisteredMemoryReference{Type: teec.MemrefWhole, Parent: shm}}}
				if err := s.InvokeCommand(context.Background(), testta.CmdParams, op); err != nil {
					t.Fatal(err)
				}
				shm.Release()
				s.Close()
			}
			c.Finalize()
		}
		if round == 0 {
			// The first round loads and compiles the TAs it uses: that is
			// the baseline, not a leak.
			heapBase = heap()
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > base {
		buf := make([]byte, 1<<20)
		t.Fatalf("%d goroutines, %d before:\n%s", n, base, buf[:runtime.Stack(buf, true)])
	}
	// Every round created and destroyed Go and C TA instances (a Go
	// instance alone holds several MiB): what is left must be noise.
	if h := heap(); h > heapBase+1<<20 {
		t.Errorf("heap grew from %d to %d bytes over five rounds", heapBase, h)
	}
}

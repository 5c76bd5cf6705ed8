package teec

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
	"github.com/veritee/veritee/internal/transport"
)

// serveFake serves a fake core on a fresh socket through the real
// transport and returns the TEE name for InitializeContext.
func serveFake(t *testing.T, f *fakeTEE) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tee.sock")
	ln, err := transport.Listen(path)
	if err != nil {
		t.Skipf("cannot listen on a Unix socket: %v", err)
	}
	srv := &transport.Server{Dial: func(teeconn.Identity) (teeconn.Conn, error) { return f, nil }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return "unix:" + path
}

// TestOverSocket runs the client API through the daemon transport against a
// fake core: temporary memrefs travel inline, registered memory through a
// shadow in shared memory, allocated memory directly.
func TestOverSocket(t *testing.T) {
	t.Parallel()
	f := newFakeTEE()
	c, err := InitializeContext(serveFake(t, f))
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := c.Finalize(); err != nil {
			t.Errorf("Finalize: %v", err)
		}
	}()
	if c.alloc == nil {
		t.Fatal("the socket transport does not hand out shared memory")
	}
	ctx := context.Background()
	gid := uint32(7)
	s, err := c.OpenSession(ctx, testUUID, LoginGroupApplication, &gid, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	tmp := []byte{1, 2, 3, 4}
	reg := []byte("registered")
	rsm, err := c.RegisterSharedMemory(reg, MemInput|MemOutput)
	if err != nil {
		t.Fatal(err)
	}
	defer rsm.Release()
	asm, err := c.AllocateSharedMemory(6, MemOutput)
	if err != nil {
		t.Fatal(err)
	}
	defer asm.Release()
	op := &Operation{Params: [4]Parameter{
		&Value{Type: ValueInout, A: 10, B: 20},
		&TempMemoryReference{Type: MemrefTempInout, Buffer: tmp, Size: 4},
		&RegisteredMemoryReference{Type: MemrefPartialInout, Parent: rsm, Offset: 2, Size: 3},
		&RegisteredMemoryReference{Type: MemrefWhole, Parent: asm},
	}}
	if err := s.InvokeCommand(ctx, 1, op); err != nil {
		t.Fatal(err)
	}
	if v := op.Params[0].(*Value); v.A != 11 || v.B != 22 {
		t.Errorf("value %+v", v)
	}
	if !bytes.Equal(tmp, []byte{0xFE, 0xFD, 0xFC, 0xFB}) {
		t.Errorf("temp %x", tmp)
	}
	if want := []byte("re\x98\x96\x8ctered"); !bytes.Equal(reg, want) {
		t.Errorf("registered %q, want %q", reg, want)
	}
	if want := bytes.Repeat([]byte{0x44}, 6); !bytes.Equal(asm.Buffer(), want) {
		t.Errorf("allocated %x", asm.Buffer())
	}

	// SHORT_BUFFER: the size needed comes back.
	f.mu.Lock()
	f.invokeFn = scriptTA(100, retShort)
	f.mu.Unlock()
	short := &TempMemoryReference{Type: MemrefTempOutput, Buffer: make([]byte, 8), Size: 8}
	err = s.InvokeCommand(ctx, 2, &Operation{Params: [4]Parameter{short}})
	wantErr(t, err, ErrShortBuffer, OriginTrustedApp)
	if short.Size != 100 {
		t.Errorf("size needed = %d", short.Size)
	}

	// Cancellation reaches the core's flag across the socket.
	entered := make(chan struct{})
	ta := cancellableTA(entered)
	f.mu.Lock()
	f.invokeFn = func(ctx context.Context, req *teeconn.InvokeRequest) abi.Ret { return ta(ctx, req.Cancel) }
	f.mu.Unlock()
	cop := &Operation{}
	go func() {
		<-entered
		cop.RequestCancellation()
	}()
	start := time.Now()
	wantErr(t, s.InvokeCommand(ctx, 3, cop), ErrCancel, OriginTrustedApp)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("cancellation took %v", d)
	}
}

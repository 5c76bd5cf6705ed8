package transport

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
	"github.com/veritee/veritee/internal/wire"
)

func TestSharedMemory(t *testing.T) {
	t.Parallel()
	ts := startServer(t, nil)
	cc, _ := ts.dial(t)
	id, mem, err := cc.AllocateSharedMemory(4096)
	if err != nil || id == 0 || len(mem) != 4096 {
		t.Fatalf("Allocate = %d, %d bytes, %v", id, len(mem), err)
	}
	copy(mem[100:], "abcd")
	tests := []struct {
		name     string
		shm      uint32
		off, sz  uint64
		want     abi.Ret
		inverted bool
	}{
		{"window", id, 100, 4, abi.Ret{Origin: abi.OriginTrustedApp}, true},
		{"whole", id, 0, 4096, abi.Ret{Origin: abi.OriginTrustedApp}, false},
		{"empty at end", id, 4096, 0, abi.Ret{Origin: abi.OriginTrustedApp}, false},
		{"beyond size", id, 4000, 97, retBadParamsComms, false},
		{"offset beyond", id, 4097, 0, retBadParamsComms, false},
		{"overflow", id, 1<<64 - 8, 16, retBadParamsComms, false},
		{"huge size", id, 8, 1<<64 - 1, retBadParamsComms, false},
		{"unknown id", id + 1, 0, 1, retBadParamsComms, false},
	}
	for _, tt := range tests {
		req := &teeconn.InvokeRequest{Cmd: cmdInvert}
		if tt.name == "whole" {
			req.Cmd = cmdNull
		}
		var window []byte
		if tt.want.OK() {
			window = mem[tt.off : tt.off+tt.sz]
		}
		req.Params[0] = teeconn.Param{Type: abi.ParamMemrefInout, Shm: tt.shm, Off: tt.off, Size: tt.sz, Mem: window}
		if ret := cc.Invoke(context.Background(), req); ret != tt.want {
			t.Fatalf("%s: Invoke = %v, want %v", tt.name, ret, tt.want)
		}
		if tt.inverted && !bytes.Equal(mem[100:104], []byte{^byte('a'), ^byte('b'), ^byte('c'), ^byte('d')}) {
			t.Fatalf("%s: the daemon's writes are not visible: %x", tt.name, mem[100:104])
		}
	}
	if err := cc.ReleaseSharedMemory(id); err != nil {
		t.Fatal(err)
	}
	req := &teeconn.InvokeRequest{Cmd: cmdNull}
	req.Params[0] = teeconn.Param{Type: abi.ParamMemrefInout, Shm: id, Size: 1}
	if ret := cc.Invoke(context.Background(), req); ret != retBadParamsComms {
		t.Fatalf("after release: %v", ret)
	}
	var te *Error
	if err := cc.ReleaseSharedMemory(id); !errors.As(err, &te) || te.Ret.Code != abi.ErrBadParameters {
		t.Fatalf("second release: %v", err)
	}
	if id0, mem0, err := cc.AllocateSharedMemory(0); err != nil || id0 == 0 || len(mem0) != 0 {
		t.Fatalf("Allocate(0) = %d, %v", id0, err)
	}
}

// registerRaw registers fd as shared memory of the declared size.
func registerRaw(cc *ClientConn, fd int, size uint64) abi.Ret {
	m := wire.Msg{Type: wire.TypeRegisterShm, ShmSize: size}
	r, ret := cc.roundTrip(context.Background(), &m, nil, rightsFor(fd))
	if ret.OK() {
		ret = r.Ret
	}
	return ret
}

func TestSharedMemoryRefused(t *testing.T) {
	t.Parallel()
	ts := startServer(t, nil)
	cc, _ := ts.dial(t)
	unsealed := func() int {
		fd, err := unix.MemfdCreate("t", unix.MFD_CLOEXEC|unix.MFD_ALLOW_SEALING)
		if err != nil {
			t.Fatal(err)
		}
		unix.Ftruncate(fd, 4096)
		return fd
	}
	sealed := func(seals int) func() int {
		return func() int {
			fd := unsealed()
			if _, err := unix.FcntlInt(uintptr(fd), unix.F_ADD_SEALS, seals); err != nil {
				t.Fatal(err)
			}
			return fd
		}
	}
	pipe := func() int {
		var p [2]int
		unix.Pipe2(p[:], unix.O_CLOEXEC)
		unix.Close(p[1])
		return p[0]
	}
	tests := []struct {
		name string
		fd   func() int
		size uint64
		want abi.Result
	}{
		{"no seals", unsealed, 4096, abi.ErrBadParameters},
		{"grow only", sealed(unix.F_SEAL_GROW), 4096, abi.ErrBadParameters},
		{"wrong size", sealed(unix.F_SEAL_SHRINK), 8192, abi.ErrBadParameters},
		{"write sealed", sealed(unix.F_SEAL_SHRINK | unix.F_SEAL_WRITE), 4096, abi.ErrBadParameters},
		{"not a memfd", pipe, 4096, abi.ErrBadParameters},
		{"good", sealed(unix.F_SEAL_SHRINK), 4096, abi.Success},
	}
	for _, tt := range tests {
		fd := tt.fd()
		ret := registerRaw(cc, fd, tt.size)
		unix.Close(fd)
		if ret.Code != tt.want {
			t.Fatalf("%s: %v", tt.name, ret)
		}
	}
	// REGISTER_SHM without a descriptor.
	m := wire.Msg{Type: wire.TypeRegisterShm, ShmSize: 1}
	if _, ret := cc.roundTrip(context.Background(), &m, nil, nil); ret != retBadParamsComms {
		t.Fatalf("no fd: %v", ret)
	}
}

// TestReleaseWhileInUse: RELEASE_SHM during an operation that holds a window
// must not unmap it under the operation.
func TestReleaseWhileInUse(t *testing.T) {
	t.Parallel()
	ts := startServer(t, nil)
	cc, core := ts.dial(t)
	id, _, err := cc.AllocateSharedMemory(64)
	if err != nil {
		t.Fatal(err)
	}
	flag := teeconn.NewCancel()
	req := &teeconn.InvokeRequest{Cmd: cmdWait, Cancel: flag}
	req.Params[0] = teeconn.Param{Type: abi.ParamMemrefInout, Shm: id, Size: 64}
	done := make(chan abi.Ret, 1)
	go func() { done <- cc.Invoke(context.Background(), req) }()
	<-core.entered
	if err := cc.ReleaseSharedMemory(id); err != nil {
		t.Fatal(err)
	}
	flag.Request()
	<-core.cancelled
	if ret := <-done; ret.Code != abi.ErrCancel {
		t.Fatal(ret)
	}
}

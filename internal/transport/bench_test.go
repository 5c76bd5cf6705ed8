package transport

import (
	"context"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
)

// BenchmarkRawSocketEcho is the floor: a bare Unix socket round trip of a
// null invoke's frame size.
func BenchmarkRawSocketEcho(b *testing.B) {
	e, err := NewRawEcho(NullInvokeFrameSize)
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	b.ReportAllocs()
	for b.Loop() {
		if err := e.RoundTrip(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTransportNullInvoke is one INVOKE through ClientConn and Server
// to a core that returns at once.
func BenchmarkTransportNullInvoke(b *testing.B) {
	ts := startServer(b, nil)
	cc, _ := ts.dial(b)
	ctx := context.Background()
	req := &teeconn.InvokeRequest{Cmd: cmdNull}
	b.ReportAllocs()
	for b.Loop() {
		if ret := cc.Invoke(ctx, req); !ret.OK() {
			b.Fatal(ret)
		}
	}
}

// BenchmarkTransportMemref1MiB sends 1 MiB inline INOUT and gets it back:
// the bytes per second count the memory reference once.
func BenchmarkTransportMemref1MiB(b *testing.B) {
	ts := startServer(b, nil)
	cc, _ := ts.dial(b)
	ctx := context.Background()
	buf := make([]byte, 1<<20)
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	for b.Loop() {
		req := &teeconn.InvokeRequest{Cmd: cmdNull}
		req.Params[0] = teeconn.Param{Type: abi.ParamMemrefInout, Mem: buf, Size: uint64(len(buf))}
		if ret := cc.Invoke(ctx, req); !ret.OK() || req.Params[0].Size != uint64(len(buf)) {
			b.Fatal(ret)
		}
	}
}

// BenchmarkTransportShm1MiB invokes with a 1 MiB registered shared memory
// window: nothing but the descriptor travels.
func BenchmarkTransportShm1MiB(b *testing.B) {
	ts := startServer(b, nil)
	cc, _ := ts.dial(b)
	id, mem, err := cc.AllocateSharedMemory(1 << 20)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.SetBytes(int64(len(mem)))
	for b.Loop() {
		req := &teeconn.InvokeRequest{Cmd: cmdNull}
		req.Params[0] = teeconn.Param{Type: abi.ParamMemrefInout, Shm: id, Mem: mem, Size: uint64(len(mem))}
		if ret := cc.Invoke(ctx, req); !ret.OK() {
			b.Fatal(ret)
		}
	}
}

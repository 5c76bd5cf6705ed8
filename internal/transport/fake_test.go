package transport

import (
	"context"
	"net"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
)

// Commands of the fake core.
const (
	cmdNull   = 0 // returns at once
	cmdEcho   = 1 // values +1, INOUT bytes inverted, OUTPUT filled with 0xAB
	cmdWait   = 2 // waits for the cancel flag or ctx, records which
	cmdSlow   = 3 // sleeps 150 ms
	cmdShort  = 4 // reports a size 10 larger, SHORT_BUFFER
	cmdInvert = 5 // INOUT memory inverted in place, nothing else
	cmdHold   = 6 // reports itself on held, returns when released or ctx ends
)

// heldOp is a cmdHold operation as the core sees it: value a of parameter 0
// as a tag, the cancellation flag and the ctx it was called with.
type heldOp struct {
	tag     uint32
	flag    *teeconn.Cancel
	ctx     context.Context
	release chan struct{}
}

// fakeCore is a teeconn.Conn standing in for the real core.
type fakeCore struct {
	id        teeconn.Identity
	closed    atomic.Bool
	cancelled chan string // cmdWait: "cancel" or "ctx"
	entered   chan struct{}
	held      chan heldOp
	next      atomic.Uint32
	mu        sync.Mutex
	sessions  map[uint32]bool
}

func newFakeCore(id teeconn.Identity) *fakeCore {
	return &fakeCore{id: id, cancelled: make(chan string, 16), entered: make(chan struct{}, 16), held: make(chan heldOp, 16), sessions: map[uint32]bool{}}
}

func (f *fakeCore) OpenSession(ctx context.Context, req *teeconn.OpenRequest) (uint32, abi.Ret) {
	if req.Login != abi.LoginPublic && req.Login != abi.LoginUser {
		return 0, abi.TEE(abi.ErrNotSupported)
	}
	echo := teeconn.InvokeRequest{Cmd: cmdEcho, Params: req.Params, Cancel: req.Cancel}
	ret := f.Invoke(ctx, &echo)
	req.Params = echo.Params
	if !ret.OK() {
		return 0, ret
	}
	s := f.next.Add(1)
	f.mu.Lock()
	f.sessions[s] = true
	f.mu.Unlock()
	return s, abi.Ret{Code: abi.Success, Origin: abi.OriginTrustedApp}
}

func (f *fakeCore) Invoke(ctx context.Context, req *teeconn.InvokeRequest) abi.Ret {
	ta := func(c abi.Result) abi.Ret { return abi.Ret{Code: c, Origin: abi.OriginTrustedApp} }
	switch req.Cmd {
	case cmdNull:
		return ta(abi.Success)
	case cmdEcho:
		for i := range req.Params {
			p := &req.Params[i]
			switch p.Type {
			case abi.ParamValueInout, abi.ParamValueOutput:
				p.A, p.B = p.A+1, p.B+1
			case abi.ParamMemrefInout:
				for j := range p.Mem {
					p.Mem[j] = ^p.Mem[j]
				}
			case abi.ParamMemrefOutput:
				if p.Mem == nil {
					p.Size = 77 // a size query
					continue
				}
				for j := range p.Mem {
					p.Mem[j] = 0xAB
				}
				p.Size = uint64(len(p.Mem)) / 2
			}
		}
		return ta(abi.Success)
	case cmdInvert:
		for j := range req.Params[0].Mem {
			req.Params[0].Mem[j] = ^req.Params[0].Mem[j]
		}
		return ta(abi.Success)
	case cmdWait:
		f.entered <- struct{}{}
		select {
		case <-req.Cancel.Done():
			f.cancelled <- "cancel"
		case <-ctx.Done():
			f.cancelled <- "ctx"
		case <-time.After(10 * time.Second):
			return ta(abi.ErrGeneric)
		}
		return ta(abi.ErrCancel)
	case cmdHold:
		h := heldOp{tag: req.Params[0].A, flag: req.Cancel, ctx: ctx, release: make(chan struct{})}
		f.held <- h
		select {
		case <-h.release:
			return ta(abi.Success)
		case <-ctx.Done():
			return ta(abi.ErrCancel)
		case <-time.After(10 * time.Second):
			return ta(abi.ErrGeneric)
		}
	case cmdSlow:
		time.Sleep(150 * time.Millisecond)
		return ta(abi.Success)
	case cmdShort:
		req.Params[0].Size += 10
		return ta(abi.ErrShortBuffer)
	}
	return ta(abi.ErrNotImplemented)
}

func (f *fakeCore) CloseSession(ctx context.Context, s uint32) abi.Ret {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.sessions[s] {
		return abi.TEE(abi.ErrBadParameters)
	}
	delete(f.sessions, s)
	return abi.Ret{}
}

func (f *fakeCore) Close() error { f.closed.Store(true); return nil }

// testServer is a Server with fake cores on a socket in a temporary
// directory.
type testServer struct {
	path  string
	srv   *Server
	cores chan *fakeCore
	stop  func()
}

func startServer(t testing.TB, tweak func(*Server)) *testServer {
	t.Helper()
	ts := &testServer{path: filepath.Join(t.TempDir(), "tee.sock"), cores: make(chan *fakeCore, 64)}
	ln, err := Listen(ts.path)
	if err != nil {
		t.Fatal(err)
	}
	ts.srv = &Server{Dial: func(id teeconn.Identity) (teeconn.Conn, error) {
		c := newFakeCore(id)
		select {
		case ts.cores <- c:
		default:
		}
		return c, nil
	}}
	if tweak != nil {
		tweak(ts.srv)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ts.srv.Serve(ctx, ln) }()
	var once sync.Once
	ts.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Serve: %v", err)
			}
		})
	}
	t.Cleanup(ts.stop)
	return ts
}

func (ts *testServer) dial(t testing.TB) (*ClientConn, *fakeCore) {
	t.Helper()
	cc, err := Dial(context.Background(), ts.path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cc.Close() })
	select {
	case core := <-ts.cores:
		return cc, core
	case <-time.After(5 * time.Second):
		t.Fatal("no core dialled")
	}
	return nil, nil
}

// rawConn connects without the client library.
func (ts *testServer) raw(t testing.TB) *net.UnixConn {
	t.Helper()
	c, err := net.DialUnix("unix", nil, &net.UnixAddr{Name: ts.path, Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

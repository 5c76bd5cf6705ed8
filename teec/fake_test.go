package teec

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
)

// fakeTEE is a teeconn.Conn that records what it receives and answers with
// scripted results. Without a script, it opens every session and runs
// fakeTransform on every invocation.
type fakeTEE struct {
	openFn   func(ctx context.Context, req *teeconn.OpenRequest) (uint32, abi.Ret)
	invokeFn func(ctx context.Context, req *teeconn.InvokeRequest) abi.Ret
	closeRet abi.Ret

	mu       sync.Mutex
	opens    []teeconn.OpenRequest   // deep copies, as received
	invokes  []teeconn.InvokeRequest // deep copies, as received
	closes   []uint32
	closed   bool
	nextID   uint32
	sessions map[uint32]bool
}

func newFakeTEE() *fakeTEE { return &fakeTEE{sessions: map[uint32]bool{}} }

// snapshot deep-copies params, so later changes by the TEE don't show.
func snapshot(p teeconn.Params) teeconn.Params {
	for i := range p {
		if p[i].Mem != nil {
			p[i].Mem = append([]byte{}, p[i].Mem...)
		}
	}
	return p
}

func (f *fakeTEE) OpenSession(ctx context.Context, req *teeconn.OpenRequest) (uint32, abi.Ret) {
	f.mu.Lock()
	r := *req
	r.Params = snapshot(req.Params)
	f.opens = append(f.opens, r)
	f.mu.Unlock()
	if f.openFn != nil {
		id, ret := f.openFn(ctx, req)
		if ret.OK() {
			f.mu.Lock()
			f.sessions[id] = true
			f.mu.Unlock()
		}
		return id, ret
	}
	fakeTransform(&req.Params)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextID++
	f.sessions[f.nextID] = true
	return f.nextID, abi.Ret{}
}

func (f *fakeTEE) Invoke(ctx context.Context, req *teeconn.InvokeRequest) abi.Ret {
	f.mu.Lock()
	r := *req
	r.Params = snapshot(req.Params)
	f.invokes = append(f.invokes, r)
	known := f.sessions[req.Session]
	fn := f.invokeFn
	f.mu.Unlock()
	if !known {
		return abi.TEE(abi.ErrBadParameters)
	}
	if fn != nil {
		return fn(ctx, req)
	}
	fakeTransform(&req.Params)
	return abi.Ret{}
}

func (f *fakeTEE) CloseSession(ctx context.Context, session uint32) abi.Ret {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closes = append(f.closes, session)
	if !f.sessions[session] {
		return abi.TEE(abi.ErrBadParameters)
	}
	delete(f.sessions, session)
	return f.closeRet
}

func (f *fakeTEE) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = true
	return nil
}

func (f *fakeTEE) numInvokes() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.invokes)
}

func (f *fakeTEE) lastInvoke() teeconn.InvokeRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.invokes[len(f.invokes)-1]
}

// fakeTransform is a small TA: value outputs get (acc, index), value
// inouts (a+1, b+2), memref inouts flip every byte, memref outputs are
// filled with (index+1)*0x11; acc sums the value inputs.
func fakeTransform(p *teeconn.Params) {
	var acc uint32
	for i := range p {
		q := &p[i]
		switch q.Type {
		case abi.ParamValueInput:
			acc += q.A + q.B
		case abi.ParamValueInout:
			acc += q.A + q.B
			q.A, q.B = q.A+1, q.B+2
		case abi.ParamValueOutput:
			q.A, q.B = acc, uint32(i)
		case abi.ParamMemrefInout:
			for j := range q.Mem {
				q.Mem[j] ^= 0xFF
			}
		case abi.ParamMemrefOutput:
			for j := range q.Mem {
				q.Mem[j] = byte((i + 1) * 0x11)
			}
		}
	}
}

// fakeShmTEE is a fakeTEE that hands out shared memory, as the socket
// transport does.
type fakeShmTEE struct {
	*fakeTEE
	allocErr error

	amu      sync.Mutex
	next     uint32
	mems     map[uint32][]byte
	released []uint32
}

func newFakeShmTEE() *fakeShmTEE {
	return &fakeShmTEE{fakeTEE: newFakeTEE(), mems: map[uint32][]byte{}}
}

func (f *fakeShmTEE) AllocateSharedMemory(size int) (uint32, []byte, error) {
	if f.allocErr != nil {
		return 0, nil, f.allocErr
	}
	f.amu.Lock()
	defer f.amu.Unlock()
	f.next++
	m := make([]byte, size)
	f.mems[f.next] = m
	return f.next, m, nil
}

func (f *fakeShmTEE) ReleaseSharedMemory(id uint32) error {
	f.amu.Lock()
	defer f.amu.Unlock()
	if _, ok := f.mems[id]; !ok {
		return fmt.Errorf("fake: unknown shared memory %d", id)
	}
	delete(f.mems, id)
	f.released = append(f.released, id)
	return nil
}

func (f *fakeShmTEE) live() int {
	f.amu.Lock()
	defer f.amu.Unlock()
	return len(f.mems)
}

var testTEEs atomic.Uint64

// register makes conn reachable under a fresh in-process TEE name.
func register(t testing.TB, conn teeconn.Conn) string {
	t.Helper()
	name := fmt.Sprintf("teec-test-%d", testTEEs.Add(1))
	unregister, err := teeconn.Register(name, func() (teeconn.Conn, error) { return conn, nil })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(unregister)
	return name
}

// newTestContext returns a Context on conn, finalized at the end of the test.
func newTestContext(t testing.TB, conn teeconn.Conn) *Context {
	t.Helper()
	c, err := InitializeContext(register(t, conn))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Finalize() })
	return c
}

// openTestSession opens a public session on c.
func openTestSession(t testing.TB, c *Context) *Session {
	t.Helper()
	s, err := c.OpenSession(context.Background(), testUUID, LoginPublic, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var testUUID = MustParseUUID("8e5c4a40-7e57-4000-8000-0000000000c0")

// wantErr checks that err is an *Error with result r and origin o.
func wantErr(t testing.TB, err error, r Result, o ReturnOrigin) {
	t.Helper()
	if r == Success {
		if err != nil {
			t.Fatalf("err = %v, want nil", err)
		}
		return
	}
	gr, gor := ResultOf(err)
	if gr != r || gor != o {
		t.Fatalf("err = %v; want %v origin %v", err, r, o)
	}
}

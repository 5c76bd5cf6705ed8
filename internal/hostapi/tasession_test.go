package hostapi

import (
	"context"
	"encoding/binary"
	"testing"
	"time"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
)

// fakeTA is a teeconn.Conn standing for the core: it records what a
// TA-to-TA call passes and answers with a scripted transformation.
type fakeTA struct {
	open    *teeconn.OpenRequest
	invoke  *teeconn.InvokeRequest
	ret     abi.Ret
	closed  []uint32
	blockOn bool // wait for the cancellation before answering
}

func (f *fakeTA) OpenSession(ctx context.Context, r *teeconn.OpenRequest) (uint32, abi.Ret) {
	f.open = r
	f.transform(&r.Params)
	return 77, f.ret
}

func (f *fakeTA) Invoke(ctx context.Context, r *teeconn.InvokeRequest) abi.Ret {
	f.invoke = r
	if f.blockOn {
		select {
		case <-r.Cancel.Done():
			return abi.Ret{Code: abi.ErrCancel, Origin: abi.OriginTrustedApp}
		case <-time.After(5 * time.Second):
			return abi.TEE(abi.ErrGeneric)
		}
	}
	f.transform(&r.Params)
	return f.ret
}

func (f *fakeTA) CloseSession(ctx context.Context, s uint32) abi.Ret {
	f.closed = append(f.closed, s)
	if s != 77 {
		return abi.TEE(abi.ErrBadParameters)
	}
	return abi.Ret{}
}

func (f *fakeTA) Close() error { return nil }

// transform: value outputs get a+1, b+1; memref outputs are filled with
// 0xEE and report half their size (a NULL one too, as a size query would).
func (f *fakeTA) transform(p *teeconn.Params) {
	for k := range p {
		q := &p[k]
		switch {
		case q.Type.IsValue() && q.Type.IsOutput():
			q.A, q.B = q.A+1, q.B+1
		case q.Type.IsMemref() && q.Type.IsOutput():
			for i := range q.Mem {
				q.Mem[i] = 0xEE
			}
			q.Size /= 2
		}
	}
}

func TestTASession(t *testing.T) {
	t.Parallel()
	const (
		uuidAt   = 0x100
		paramsAt = 0x200
		sessAt   = 0x300
		origAt   = 0x304
		bufAt    = 0x400
	)
	callee := abi.MustParseUUID("8e5c4a40-7e57-4000-8000-0000000000c2")
	types := abi.ParamTypes(uint32(abi.ParamValueInout), uint32(abi.ParamMemrefInout), uint32(abi.ParamMemrefOutput), uint32(abi.ParamNone))
	type env struct {
		s     *State
		f     *fakeTA
		read  func(ptr uint32) uint32
		write func(ptr, v uint32)
		call  func(nr uint32, args ...uint64) abi.Result
	}
	setup := func(t *testing.T) env {
		s, _ := newState()
		f := &fakeTA{}
		s.TA = f
		m := newModule(t)
		mem := m.Memory()
		u := callee.TEEUUIDBytes()
		mem.Write(uuidAt, u[:])
		p := make([]byte, abi.ParamsSize)
		binary.LittleEndian.PutUint32(p[0:], 5)     // value a
		binary.LittleEndian.PutUint32(p[4:], 6)     // value b
		binary.LittleEndian.PutUint32(p[8:], bufAt) // memref buffer
		binary.LittleEndian.PutUint32(p[12:], 8)    // memref size
		binary.LittleEndian.PutUint32(p[16:], 0)    // NULL memref
		binary.LittleEndian.PutUint32(p[20:], 1000) // with a size
		mem.Write(paramsAt, p)
		return env{
			s: s, f: f,
			read:  func(ptr uint32) uint32 { v, _ := mem.ReadUint32Le(ptr); return v },
			write: func(ptr, v uint32) { mem.WriteUint32Le(ptr, v) },
			call:  func(nr uint32, args ...uint64) abi.Result { return call(s, m, nr, args...) },
		}
	}
	t.Run("open and invoke", func(t *testing.T) {
		e := setup(t)
		f, read, callFn := e.f, e.read, e.call
		if r := callFn(abi.SysOpenTASession, uuidAt, 0xFFFFFFFF, uint64(types), paramsAt, sessAt, origAt); r != abi.Success {
			t.Fatalf("open: %v", r)
		}
		if f.open.UUID != callee || f.open.Login != abi.LoginTrustedApp || f.open.Cancel == nil {
			t.Errorf("open request %+v", f.open)
		}
		if read(sessAt) != 77 || read(origAt) != uint32(abi.OriginTrustedApp) {
			t.Errorf("session %d origin %#x", read(sessAt), read(origAt))
		}
		// Outputs came back: value +1, memref size halved, NULL memref size
		// halved.
		if read(paramsAt) != 6 || read(paramsAt+4) != 7 || read(paramsAt+12) != 4 || read(paramsAt+20) != 500 {
			t.Errorf("params after open: %d %d %d %d", read(paramsAt), read(paramsAt+4), read(paramsAt+12), read(paramsAt+20))
		}
		if read(bufAt) != 0xEEEEEEEE {
			t.Errorf("memref bytes not written through: %#x", read(bufAt))
		}
		f.ret = abi.Ret{Code: abi.ErrShortBuffer, Origin: abi.OriginTrustedApp}
		if r := callFn(abi.SysInvokeTACommand, 77, 0xFFFFFFFF, 9, uint64(types), paramsAt, origAt); r != abi.ErrShortBuffer {
			t.Fatalf("invoke: %v", r)
		}
		if f.invoke.Session != 77 || f.invoke.Cmd != 9 || read(origAt) != uint32(abi.OriginTrustedApp) {
			t.Errorf("invoke request %+v, origin %#x", f.invoke, read(origAt))
		}
		if r := callFn(abi.SysCloseTASession, 77); r != abi.Success {
			t.Errorf("close: %v", r)
		}
		if r := callFn(abi.SysCloseTASession, 78); r != abi.ErrBadParameters {
			t.Errorf("close of an unknown handle: %v", r)
		}
	})
	t.Run("bad arguments", func(t *testing.T) {
		e := setup(t)
		f, read, write, callFn := e.f, e.read, e.write, e.call
		for _, tc := range []struct {
			name string
			args []uint64
		}{
			{"uuid outside memory", []uint64{memSize - 8, 0, 0, 0, sessAt, origAt}},
			{"session out outside memory", []uint64{uuidAt, 0, 0, 0, memSize - 2, origAt}},
			{"params outside memory", []uint64{uuidAt, 0, uint64(types), memSize - 16, sessAt, origAt}},
			{"undefined type", []uint64{uuidAt, 0, 4, paramsAt, sessAt, origAt}},
			{"type bits above param 3", []uint64{uuidAt, 0, 1 << 16, paramsAt, sessAt, origAt}},
		} {
			write(origAt, 0)
			if r := callFn(abi.SysOpenTASession, tc.args...); r != abi.ErrBadParameters || read(origAt) != uint32(abi.OriginTEE) {
				t.Errorf("%s: %v, origin %#x", tc.name, r, read(origAt))
			}
		}
		// A memref whose buffer runs past the end of memory.
		write(paramsAt+8, memSize-4)
		if r := callFn(abi.SysOpenTASession, uuidAt, 0, uint64(types), paramsAt, sessAt, 0); r != abi.ErrBadParameters {
			t.Errorf("memref past the end: %v", r)
		}
		if f.open != nil {
			t.Error("a bad call reached the core")
		}
	})
	t.Run("timeout cancels the callee", func(t *testing.T) {
		e := setup(t)
		e.f.blockOn = true
		callFn := e.call
		start := time.Now()
		if r := callFn(abi.SysInvokeTACommand, 77, 20, 1, 0, 0, 0); r != abi.ErrCancel {
			t.Errorf("invoke with a 20 ms timeout: %v", r)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("the timeout took %v", d)
		}
	})
	t.Run("caller cancellation is passed on", func(t *testing.T) {
		e := setup(t)
		e.f.blockOn = true
		s, callFn := e.s, e.call
		s.Call.Cancel = teeconn.NewCancel()
		time.AfterFunc(20*time.Millisecond, s.Call.Cancel.Request)
		if r := callFn(abi.SysInvokeTACommand, 77, 0xFFFFFFFF, 1, 0, 0, 0); r != abi.ErrCancel {
			t.Errorf("invoke while the caller is cancelled: %v", r)
		}
	})
	t.Run("without a core", func(t *testing.T) {
		e := setup(t)
		s, callFn := e.s, e.call
		s.TA = nil
		if r := callFn(abi.SysOpenTASession, uuidAt, 0, 0, 0, sessAt, 0); r != abi.ErrNotSupported {
			t.Errorf("open without a core: %v", r)
		}
	})
}

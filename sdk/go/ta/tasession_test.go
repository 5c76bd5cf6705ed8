//go:build !wasip1

package ta

import (
	"errors"
	"testing"
)

// calleeTA is a FakeCore callee: command 1 copies p0 (a memref) into p1
// (SHORT_BUFFER when it does not fit) and adds 1 to p2.a (VALUE_INOUT);
// command 2 calls TEE_Panic; command 3 is a Go panic; command 4 reports in
// p0.a whether cancellation is masked.
type calleeTA struct {
	NopTA
	created, opened, closed int
}

func (c *calleeTA) Create() error { c.created++; return nil }

func (c *calleeTA) OpenSession(p *Params) (any, error) {
	if p.Type(0) == ParamValueInput {
		if a, _ := p.Value(0); a == 1 {
			return nil, ErrAccessDenied
		}
	}
	c.opened++
	return "callee session", nil
}

func (c *calleeTA) CloseSession(s any) {
	if s != "callee session" {
		panic("wrong session value")
	}
	c.closed++
}

func (c *calleeTA) Invoke(_ any, cmd uint32, p *Params) error {
	switch cmd {
	case 1:
		in := p.Memref(0)
		if p.MemrefSize(1) < uint32(len(in)) {
			p.SetMemrefSize(1, uint32(len(in)))
			return ErrShortBuffer
		}
		copy(p.Memref(1), in)
		p.SetMemrefSize(1, uint32(len(in)))
		a, b := p.Value(2)
		p.SetValue(2, a+1, b)
		return nil
	case 2:
		Panic(0xBAD)
	case 3:
		panic("callee bug")
	case 4:
		m := MaskCancellation()
		v := uint32(0)
		if m {
			v = 1
		}
		p.SetValue(0, v, 0)
		return nil
	}
	return ErrNotSupported
}

func TestFakeCoreTASession(t *testing.T) {
	c, _, _ := withProbe(t)
	calleeID := MustParseUUID("ca11ee00-7e57-4000-8000-000000000001")
	callee := &calleeTA{}
	c.Callees = map[UUID]TA{calleeID: callee}
	if err := c.Create(); err != nil {
		t.Fatal(err)
	}
	s, err := c.OpenSession(nil)
	if err != nil {
		t.Fatal(err)
	}
	ps := sessions.m[s.ctx].(*probeSession)
	run := func(f func(t *testing.T)) {
		t.Helper()
		ps.f = func(*Params) error { f(t); return nil }
		if err := s.Invoke(0, nil); err != nil {
			t.Fatal(err)
		}
	}

	run(func(t *testing.T) {
		sess, origin, err := OpenTASession(MustParseUUID("ca11ee00-7e57-4000-8000-0000000000ff"), TimeoutInfinite, nil)
		if sess != nil || origin != OriginTEE || !errors.Is(err, ErrItemNotFound) {
			t.Errorf("unknown TA: %v %v %v", sess, origin, err)
		}
		sess, origin, err = OpenTASession(calleeID, TimeoutInfinite, NewParams(Value(ParamValueInput, 1, 0), None(), None(), None()))
		if sess != nil || origin != OriginTrustedApp || !errors.Is(err, ErrAccessDenied) {
			t.Errorf("refused open: %v %v %v", sess, origin, err)
		}

		sess, origin, err = OpenTASession(calleeID, TimeoutInfinite, nil)
		if err != nil || sess == nil || origin != OriginTrustedApp {
			t.Fatalf("open: %v %v %v", sess, origin, err)
		}
		out := make([]byte, 8)
		p := NewParams(Memref(ParamMemrefInput, []byte("hello")), Memref(ParamMemrefOutput, out), Value(ParamValueInout, 41, 7), None())
		if origin, err := sess.InvokeCommand(TimeoutInfinite, 1, p); err != nil || origin != OriginTrustedApp {
			t.Errorf("invoke: %v %v", origin, err)
		}
		if a, b := p.Value(2); string(out[:5]) != "hello" || p.MemrefSize(1) != 5 || a != 42 || b != 7 {
			t.Errorf("outputs %q size %d value (%d, %d)", out, p.MemrefSize(1), a, b)
		}

		short := make([]byte, 2)
		p = NewParams(Memref(ParamMemrefInput, []byte("hello")), Memref(ParamMemrefOutput, short), Value(ParamValueInout, 0, 0), None())
		if origin, err := sess.InvokeCommand(TimeoutInfinite, 1, p); !errors.Is(err, ErrShortBuffer) || origin != OriginTrustedApp {
			t.Errorf("short invoke: %v %v", origin, err)
		}
		if p.MemrefSize(1) != 5 || short[0] != 0 {
			t.Errorf("short: size %d, buffer %q", p.MemrefSize(1), short)
		}

		// The callee starts masked, whatever the caller's mask.
		UnmaskCancellation()
		p = NewParams(Value(ParamValueOutput, 9, 9), None(), None(), None())
		if _, err := sess.InvokeCommand(TimeoutInfinite, 4, p); err != nil {
			t.Error(err)
		}
		if a, _ := p.Value(0); a != 1 || MaskCancellation() {
			t.Errorf("callee saw masked = %d; caller's mask changed", a)
		}

		sess.Close()
		sess.Close() // a no-op, as is closing nil
		(*TASession)(nil).Close()

		// A Go panic in the callee kills the callee, not the caller.
		sess, _, err = OpenTASession(calleeID, TimeoutInfinite, nil)
		if err != nil {
			t.Fatal(err)
		}
		if origin, err := sess.InvokeCommand(TimeoutInfinite, 3, nil); !errors.Is(err, ErrTargetDead) || origin != OriginTEE {
			t.Errorf("callee Go panic: %v %v", origin, err)
		}
		if _, origin, err := OpenTASession(calleeID, TimeoutInfinite, nil); !errors.Is(err, ErrTargetDead) || origin != OriginTEE {
			t.Errorf("open after the callee died: %v %v", origin, err)
		}
		sess.Close()
	})
	if callee.created != 1 || callee.opened != 2 || callee.closed != 1 {
		t.Errorf("callee created %d, opened %d, closed %d; want 1, 2, 1", callee.created, callee.opened, callee.closed)
	}

	// TEE_Panic in a fresh callee: the caller lives on.
	c.Callees[calleeID] = &calleeTA{}
	c.callees = nil
	run(func(t *testing.T) {
		sess, _, err := OpenTASession(calleeID, TimeoutInfinite, nil)
		if err != nil {
			t.Fatal(err)
		}
		if origin, err := sess.InvokeCommand(TimeoutInfinite, 2, nil); !errors.Is(err, ErrTargetDead) || origin != OriginTEE {
			t.Errorf("callee TEE_Panic: %v %v", origin, err)
		}
		sess.Close()
	})

	// Invoking a closed session is a misuse: the calling TA panics.
	c.Callees[calleeID] = &calleeTA{}
	c.callees = nil
	ps.f = func(*Params) error {
		sess, _, err := OpenTASession(calleeID, TimeoutInfinite, nil)
		if err != nil {
			return err
		}
		sess.Close()
		_, _ = sess.InvokeCommand(TimeoutInfinite, 1, nil)
		return nil
	}
	var pe *PanicError
	if err := s.Invoke(0, nil); !errors.As(err, &pe) || pe.Code != ErrBadParameters {
		t.Errorf("invoke on a closed session: %v, want a panic with BAD_PARAMETERS", err)
	}
}

func TestParamsArg(t *testing.T) {
	buf := []byte{1, 2, 3}
	p := NewParams(Value(ParamValueInout, 1, 2), Memref(ParamMemrefOutput, buf), NullMemref(ParamMemrefInput, 9), None())
	p.SetMemrefSize(1, 7) // more than the buffer: a call passes 3
	q := NewParams(p.Arg(0), p.Arg(1), p.Arg(2), p.Arg(3))
	if q.Types() != p.Types() {
		t.Errorf("types %#x, want %#x", q.Types(), p.Types())
	}
	if a, b := q.Value(0); a != 1 || b != 2 {
		t.Errorf("value (%d, %d)", a, b)
	}
	if &q.Memref(1)[0] != &buf[0] || q.MemrefSize(1) != 7 || q.callSize(1) != 3 {
		t.Errorf("memref not aliased or sizes %d/%d", q.MemrefSize(1), q.callSize(1))
	}
	if q.Memref(2) != nil || q.callSize(2) != 9 {
		t.Errorf("NULL memref %v size %d", q.Memref(2), q.callSize(2))
	}
	for _, tc := range []struct {
		err  error
		want Result
	}{{nil, Success}, {ErrBusy, ErrBusy}, {errors.New("x"), ErrGeneric}} {
		if got := ResultOf(tc.err); got != tc.want {
			t.Errorf("ResultOf(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

//go:build !wasip1

package ta

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// probeTA is a TA whose Invoke runs the function the test puts in its
// session, to exercise the SDK through FakeCore.
type probeTA struct {
	created, destroyed, closed int
}

type probeSession struct{ f func(p *Params) error }

func (t *probeTA) Create() error { t.created++; return nil }
func (t *probeTA) Destroy()      { t.destroyed++ }
func (t *probeTA) OpenSession(p *Params) (any, error) {
	if p.Type(0) == ParamValueInput {
		if a, _ := p.Value(0); a != 0 {
			return nil, Result(a)
		}
	}
	return &probeSession{}, nil
}
func (t *probeTA) CloseSession(s any) { t.closed++ }
func (t *probeTA) Invoke(s any, cmd uint32, p *Params) error {
	return s.(*probeSession).f(p)
}

var registerOnce sync.Mutex

// withProbe registers a fresh probeTA and a fresh FakeCore for one test.
func withProbe(t *testing.T) (*FakeCore, *probeTA, *bytes.Buffer) {
	registerOnce.Lock()
	t.Cleanup(registerOnce.Unlock)
	old := registration
	t.Cleanup(func() { registration = old; clear(sessions.m) })
	registration.ta = nil
	pt := &probeTA{}
	Register(Properties{UUID: MustParseUUID("8aaaf200-2450-11e4-abe2-0002a5d5c51c"), MultiSession: true, DataSize: 1 << 20,
		Extra: []Property{U32Property("x.u32", 7)}}, pt)
	c := NewFakeCore()
	var log bytes.Buffer
	c.Log = &log
	return c, pt, &log
}

func TestFakeCoreLifecycle(t *testing.T) {
	c, pt, log := withProbe(t)
	if err := c.Create(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.OpenSession(NewParams(Value(ParamValueInput, uint32(ErrAccessDenied), 0), None(), None(), None())); !errors.Is(err, ErrAccessDenied) {
		t.Errorf("refused open: %v", err)
	}
	s, err := c.OpenSession(nil)
	if err != nil {
		t.Fatal(err)
	}
	ps := sessions.m[s.ctx].(*probeSession)
	results := []struct {
		err  error
		want error
	}{
		{nil, nil},
		{ErrShortBuffer, ErrShortBuffer},
		{fmt.Errorf("wrapped: %w", ErrItemNotFound), ErrItemNotFound},
		{errors.New("plain"), ErrGeneric},
	}
	for _, r := range results {
		ps.f = func(*Params) error { return r.err }
		if err := s.Invoke(1, nil); !errors.Is(err, r.want) && !(err == nil && r.want == nil) {
			t.Errorf("Invoke returning %v: %v, want %v", r.err, err, r.want)
		}
	}
	if !strings.Contains(log.String(), "E/TA: ta: entry point error: plain") {
		t.Errorf("log %q", log.String())
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.Destroy(); err != nil {
		t.Fatal(err)
	}
	if pt.created != 1 || pt.closed != 1 || pt.destroyed != 1 {
		t.Errorf("calls: %+v", pt)
	}
}

func TestFakeCorePanics(t *testing.T) {
	tests := []struct {
		name string
		f    func(*Params) error
		code Result
	}{
		{"TEE_Panic", func(*Params) error { Panic(0xDEAD); return nil }, 0xDEAD},
		{"Go panic", func(*Params) error { var m map[string]int; m["x"] = 1; return nil }, GoPanicCode},
		{"bad param access", func(p *Params) error { p.Value(0); return nil }, GoPanicCode},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, _, log := withProbe(t)
			s, err := c.OpenSession(nil)
			if err != nil {
				t.Fatal(err)
			}
			sessions.m[s.ctx].(*probeSession).f = tc.f
			var pe *PanicError
			if err := s.Invoke(0, nil); !errors.As(err, &pe) || pe.Code != tc.code {
				t.Fatalf("Invoke: %v, want panic 0x%x", err, tc.code)
			}
			if err := s.Invoke(0, nil); err != ErrTargetDead {
				t.Errorf("after panic: %v, want TARGET_DEAD", err)
			}
			if tc.code == GoPanicCode && !strings.Contains(log.String(), "ta: panic:") {
				t.Errorf("log %q lacks the Go panic", log.String())
			}
		})
	}
}

func TestFakeCoreServices(t *testing.T) {
	c, _, log := withProbe(t)
	c.Client = Identity{Login: LoginUser, UUID: MustParseUUID("00112233-4455-6677-8899-aabbccddeeff")}
	c.Now = func() time.Time { return time.Unix(1700000000, 250e6) }
	s, err := c.OpenSession(nil)
	if err != nil {
		t.Fatal(err)
	}
	ps := sessions.m[s.ctx].(*probeSession)
	ps.f = func(p *Params) error {
		if id, err := GetPropertyAsIdentity(PropSetCurrentClient, "gpd.client.identity"); err != nil || id != c.Client {
			t.Errorf("identity %v %v", id, err)
		}
		if v, err := GetPropertyAsU32(PropSetCurrentTA, "x.u32"); err != nil || v != 7 {
			t.Errorf("x.u32 %d %v", v, err)
		}
		if v, err := GetPropertyAsBool(PropSetCurrentTA, "gpd.ta.multiSession"); err != nil || !v {
			t.Errorf("multiSession %v %v", v, err)
		}
		if u, err := GetPropertyAsUUID(PropSetCurrentTA, "gpd.ta.appID"); err != nil || u.String() != "8aaaf200-2450-11e4-abe2-0002a5d5c51c" {
			t.Errorf("appID %v %v", u, err)
		}
		if s, err := GetPropertyAsString(PropSetCurrentTA, "gpd.ta.dataSize"); err != nil || s != "1048576" {
			t.Errorf("dataSize as string %q %v", s, err)
		}
		if _, err := GetPropertyAsU32(PropSetCurrentTA, "gpd.ta.appID"); err != ErrBadFormat {
			t.Errorf("wrong type: %v", err)
		}
		if _, err := GetPropertyAsBinaryBlock(PropSetTEEImplementation, "nope"); err != ErrItemNotFound {
			t.Errorf("missing: %v", err)
		}
		if l := EnumerateProperties(PropSetCurrentTA); len(l) != 7 || l[0].Name != "gpd.ta.appID" {
			t.Errorf("enumerate: %v", l)
		}
		if tm := GetREETime(); tm.Seconds != 1700000000 || tm.Millis != 250 {
			t.Errorf("REE time %v", tm)
		}
		if _, err := GetTAPersistentTime(); err != ErrTimeNotSet {
			t.Errorf("persistent time: %v", err)
		}
		if err := SetTAPersistentTime(Time{Seconds: 0xFFFFFFFF, Millis: 900}); err != nil {
			t.Errorf("set persistent time: %v", err)
		}
		if tm, err := GetTAPersistentTime(); err != nil || tm != (Time{0xFFFFFFFF, 900}) {
			t.Errorf("persistent time %v %v", tm, err)
		}
		c.Now = func() time.Time { return time.Unix(1700000001, 250e6) }
		if tm, err := GetTAPersistentTime(); err != ErrOverflow || tm != (Time{0, 900}) {
			t.Errorf("persistent time past 2^32 s: %v %v", tm, err)
		}
		c.Now = func() time.Time { return time.Unix(1700000000, 250e6) }
		if !MaskCancellation() || !UnmaskCancellation() || UnmaskCancellation() || MaskCancellation() {
			t.Error("mask state: a session starts masked")
		}
		if err := CheckMemoryAccessRights(MemoryAccessRead, p.Memref(0)); err != ErrAccessDenied {
			t.Errorf("shared memref without ANY_OWNER: %v", err)
		}
		if err := CheckMemoryAccessRights(MemoryAccessRead|MemoryAccessAnyOwner, p.Memref(0)); err != nil {
			t.Errorf("shared memref with ANY_OWNER: %v", err)
		}
		if err := CheckMemoryAccessRights(MemoryAccessWrite, make([]byte, 4)); err != nil {
			t.Errorf("private memory: %v", err)
		}
		b := make([]byte, 32)
		GenerateRandom(b)
		if bytes.Equal(b, make([]byte, 32)) {
			t.Error("GenerateRandom left zeros")
		}
		IMsg("value %d", 5)
		EMsg("oops")
		return Wait(1)
	}
	if err := s.Invoke(0, NewParams(Memref(ParamMemrefInput, make([]byte, 8)), None(), None(), None())); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "I/TA: value 5\n") || !strings.Contains(log.String(), "E/TA: TestFakeCoreServices.func") {
		t.Errorf("log %q", log.String())
	}
}

func TestFakeCoreCancel(t *testing.T) {
	c, _, _ := withProbe(t)
	s, err := c.OpenSession(nil)
	if err != nil {
		t.Fatal(err)
	}
	ps := sessions.m[s.ctx].(*probeSession)
	ps.f = func(*Params) error {
		if !GetCancellationFlag() && UnmaskCancellation() {
			return Wait(TimeoutInfinite)
		}
		return ErrBadState
	}
	go func() {
		time.Sleep(20 * time.Millisecond)
		c.Cancel()
	}()
	if err := s.Invoke(0, nil); err != ErrCancel {
		t.Errorf("Wait(infinite) cancelled: %v", err)
	}
	c.Cancel() // before the call: it starts cancelled
	ps.f = func(*Params) error {
		if UnmaskCancellation() { // the mask persists in the session
			return ErrBadState
		}
		if !GetCancellationFlag() {
			return ErrGeneric
		}
		MaskCancellation()
		if GetCancellationFlag() {
			return ErrBadState
		}
		return nil
	}
	if err := s.Invoke(0, nil); err != nil {
		t.Errorf("pre-cancelled: %v", err)
	}
	ps.f = func(*Params) error {
		if GetCancellationFlag() || !MaskCancellation() {
			return ErrGeneric
		}
		UnmaskCancellation()
		return nil
	}
	if err := s.Invoke(0, nil); err != nil {
		t.Errorf("cancellation leaked into the next call: %v", err)
	}
}

func TestResult(t *testing.T) {
	t.Parallel()
	if ErrItemNotFound.Error() != "TEE_ERROR_ITEM_NOT_FOUND" || Result(0x1234).Error() != "TEE_0x00001234" {
		t.Errorf("names: %v %v", ErrItemNotFound, Result(0x1234))
	}
	if !errors.Is(fmt.Errorf("x: %w", ErrCancel), ErrCancel) || errors.Is(ErrCancel, ErrBusy) {
		t.Error("errors.Is")
	}
	if Success.err() != nil || ErrBusy.err() != ErrBusy {
		t.Error("err()")
	}
}

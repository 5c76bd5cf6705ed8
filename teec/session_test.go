package teec

import (
	"context"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
)

func TestOpenSessionLogin(t *testing.T) {
	t.Parallel()
	gid := uint32(1234)
	tests := []struct {
		name     string
		login    LoginMethod
		connData *uint32
		r        Result
	}{
		{"public", LoginPublic, nil, Success},
		{"user", LoginUser, nil, Success},
		{"group", LoginGroup, &gid, Success},
		{"application", LoginApplication, nil, Success},
		{"user application", LoginUserApplication, nil, Success},
		{"group application", LoginGroupApplication, &gid, Success},
		{"group without gid", LoginGroup, nil, ErrBadParameters},
		{"group application without gid", LoginGroupApplication, nil, ErrBadParameters},
		{"public with data", LoginPublic, &gid, ErrBadParameters},
		{"user with data", LoginUser, &gid, ErrBadParameters},
		{"application with data", LoginApplication, &gid, ErrBadParameters},
		{"user application with data", LoginUserApplication, &gid, ErrBadParameters},
		{"unknown method 3", LoginMethod(3), nil, ErrBadParameters},
		{"REE kernel is not for clients", LoginMethod(abi.LoginREEKernel), nil, ErrBadParameters},
		{"trusted app is not for clients", LoginMethod(abi.LoginTrustedApp), nil, ErrBadParameters},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeTEE()
			c := newTestContext(t, f)
			s, err := c.OpenSession(context.Background(), testUUID, tc.login, tc.connData, nil)
			if tc.r != Success {
				wantErr(t, err, tc.r, OriginAPI)
				if len(f.opens) != 0 {
					t.Errorf("a rejected OpenSession reached the TEE")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := f.opens[0]
			if got.UUID != testUUID || got.Login != uint32(tc.login) {
				t.Errorf("TEE got %v login %d", got.UUID, got.Login)
			}
			want := uint32(0)
			if tc.connData != nil {
				want = *tc.connData
			}
			if got.ConnData != want {
				t.Errorf("ConnData = %d, want %d", got.ConnData, want)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestOpenSessionErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		ret  abi.Ret
	}{
		{"unknown TA", abi.TEE(abi.ErrItemNotFound)},
		{"refused by TA", abi.Ret{Code: abi.ErrAccessDenied, Origin: abi.OriginTrustedApp}},
		{"busy", abi.TEE(abi.ErrBusy)},
		{"comms", abi.Ret{Code: abi.ErrCommunication, Origin: abi.OriginComms}},
		{"custom TA code", abi.Ret{Code: 0x00000042, Origin: abi.OriginTrustedApp}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeTEE()
			f.openFn = func(context.Context, *teeconn.OpenRequest) (uint32, abi.Ret) { return 0, tc.ret }
			c := newTestContext(t, f)
			s, err := c.OpenSession(context.Background(), testUUID, LoginUser, nil, nil)
			wantErr(t, err, Result(tc.ret.Code), ReturnOrigin(tc.ret.Origin))
			if s != nil {
				t.Error("got a session with an error")
			}
			if err := c.Finalize(); err != nil {
				t.Errorf("Finalize after a failed open = %v", err)
			}
		})
	}
}

func TestOpenSessionParams(t *testing.T) {
	t.Parallel()
	f := newFakeTEE()
	c := newTestContext(t, f)
	out := make([]byte, 3)
	op := &Operation{Params: [4]Parameter{
		&Value{Type: ValueInput, A: 1, B: 2},
		&Value{Type: ValueOutput},
		&TempMemoryReference{Type: MemrefTempOutput, Buffer: out, Size: 3},
	}}
	s, err := c.OpenSession(context.Background(), testUUID, LoginPublic, nil, op)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v := op.Params[1].(*Value); v.A != 3 || v.B != 1 {
		t.Errorf("value output = %+v", v)
	}
	if string(out) != "\x33\x33\x33" {
		t.Errorf("memref output = %x", out)
	}
	p := f.opens[0].Params
	if p.Types() != abi.ParamTypes(1, 2, 6, 0) {
		t.Errorf("types = 0x%x", p.Types())
	}
}

func TestSessionClose(t *testing.T) {
	t.Parallel()
	f := newFakeTEE()
	c := newTestContext(t, f)
	s := openTestSession(t, c)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if len(f.closes) != 1 || f.closes[0] != s.id {
		t.Errorf("closes = %v", f.closes)
	}
	wantErr(t, s.Close(), ErrBadState, OriginAPI)
	wantErr(t, s.InvokeCommand(context.Background(), 1, nil), ErrBadState, OriginAPI)
	if n := f.numInvokes(); n != 0 {
		t.Errorf("%d invokes reached the TEE", n)
	}
	// The TEE's close failure is reported with its origin.
	s2 := openTestSession(t, c)
	f.mu.Lock()
	f.closeRet = abi.Ret{Code: abi.ErrCommunication, Origin: abi.OriginComms}
	f.mu.Unlock()
	wantErr(t, s2.Close(), ErrCommunication, OriginComms)
}

func TestInvokeResults(t *testing.T) {
	t.Parallel()
	origins := []abi.Origin{abi.OriginTrustedApp, abi.OriginTEE, abi.OriginComms}
	for _, tc := range allResults {
		for _, o := range origins {
			f := newFakeTEE()
			ret := abi.Ret{Code: tc.abi, Origin: o}
			f.invokeFn = func(context.Context, *teeconn.InvokeRequest) abi.Ret { return ret }
			c := newTestContext(t, f)
			s := openTestSession(t, c)
			err := s.InvokeCommand(context.Background(), 7, nil)
			if tc.r == Success {
				if err != nil {
					t.Errorf("success gave %v", err)
				}
				continue
			}
			wantErr(t, err, tc.r, ReturnOrigin(o))
			if got := f.lastInvoke(); got.Cmd != 7 || got.Session != s.id {
				t.Errorf("TEE got cmd %d session %d", got.Cmd, got.Session)
			}
		}
	}
}

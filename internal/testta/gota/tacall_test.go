package main

import (
	"context"
	"testing"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/internal/testta/standin"
)

// The callee side of the TA-to-TA system calls is the stand-in shared with
// the C SDK's tests (internal/testta/standin).

// taCallSyscalls are the miniCore's open_ta_session, invoke_ta_command and
// close_ta_session.
func (c *miniCore) taCallSyscalls(m map[string]api.GoModuleFunc) {
	m["open_ta_session"] = func(_ context.Context, mod api.Module, s []uint64) {
		s[0] = uint64(c.calls.OpenSession(mod.Memory(), c.u32(s, 0), c.u32(s, 1), c.u32(s, 2), c.u32(s, 3), c.u32(s, 4), c.u32(s, 5)))
	}
	m["invoke_ta_command"] = func(_ context.Context, mod api.Module, s []uint64) {
		s[0] = uint64(c.calls.Invoke(mod.Memory(), c.u32(s, 0), c.u32(s, 1), c.u32(s, 2), c.u32(s, 3), c.u32(s, 4), c.u32(s, 5)))
	}
	m["close_ta_session"] = func(_ context.Context, _ api.Module, s []uint64) {
		s[0] = uint64(c.calls.CloseSession(c.u32(s, 0)))
	}
}

func TestWasmTACall(t *testing.T) {
	t.Parallel()
	c := newMiniCore(t)
	sess, r, _ := c.open([4]arg{})
	if r != abi.Success {
		t.Fatal(r)
	}
	call := func(u abi.UUID, cmd uint32) arg { return ref(abi.ParamMemrefInput, standin.TACallArg(u, cmd)) }
	out := val(abi.ParamValueOutput, 0, 0)
	wantP3 := func(origin abi.Origin, res abi.Result) func(t *testing.T, out [4]arg) {
		return func(t *testing.T, out [4]arg) {
			if out[3].a != uint32(origin) || out[3].b != uint32(res) {
				t.Errorf("p3 = (%#x, %#x), want origin %v result %v", out[3].a, out[3].b, origin, res)
			}
		}
	}
	tests := []struct {
		name  string
		args  [4]arg
		want  abi.Result
		check func(t *testing.T, out [4]arg)
	}{
		{"echo", [4]arg{call(standin.Callee, standin.CalleeEcho), ref(abi.ParamMemrefInput, []byte("hello")), ref(abi.ParamMemrefOutput, make([]byte, 8)), out},
			abi.Success, func(t *testing.T, out [4]arg) {
				if out[2].size != 5 || string(out[2].data[:5]) != "hello" {
					t.Errorf("p2 = %q size %d", out[2].data, out[2].size)
				}
				wantP3(abi.OriginTrustedApp, abi.Success)(t, out)
			}},
		{"inout", [4]arg{call(standin.Callee, standin.CalleeEcho), ref(abi.ParamMemrefInout, []byte("abc")), val(abi.ParamValueOutput, 7, 7), none},
			abi.Success, func(t *testing.T, out [4]arg) {
				if string(out[1].data) != "cba" || out[1].size != 3 || out[2].a != 0xEC40 || out[2].b != 1 {
					t.Errorf("p1 = %q size %d, p2 = (%#x, %d)", out[1].data, out[1].size, out[2].a, out[2].b)
				}
			}},
		{"values", [4]arg{call(standin.Callee, standin.CalleeEcho), val(abi.ParamValueInout, 1, 2), val(abi.ParamValueInput, 5, 6), none},
			abi.Success, func(t *testing.T, out [4]arg) {
				if out[1].a != 2 || out[1].b != 4 || out[2].a != 5 || out[2].b != 6 {
					t.Errorf("p1 = (%d, %d), p2 = (%d, %d)", out[1].a, out[1].b, out[2].a, out[2].b)
				}
			}},
		{"short buffer", [4]arg{call(standin.Callee, standin.CalleeEcho), ref(abi.ParamMemrefInput, []byte("abcdef")), ref(abi.ParamMemrefOutput, make([]byte, 2)), out},
			abi.ErrShortBuffer, func(t *testing.T, out [4]arg) {
				if out[2].size != 6 {
					t.Errorf("p2 size %d, want 6", out[2].size)
				}
				wantP3(abi.OriginTrustedApp, abi.ErrShortBuffer)(t, out)
			}},
		{"NULL output", [4]arg{call(standin.Callee, standin.CalleeEcho), ref(abi.ParamMemrefInput, []byte("abcd")), {typ: abi.ParamMemrefOutput, null: true, size: 9}, none},
			abi.ErrShortBuffer, func(t *testing.T, out [4]arg) {
				if out[2].size != 4 {
					t.Errorf("p2 size %d, want 4", out[2].size)
				}
			}},
		{"callee error", [4]arg{call(standin.Callee, 99), none, none, out},
			abi.ErrNotSupported, wantP3(abi.OriginTrustedApp, abi.ErrNotSupported)},
		{"no such TA", [4]arg{call(abi.MustParseUUID("ca11ee00-7e57-4000-8000-0000000000ff"), standin.CalleeEcho), none, none, out},
			abi.ErrItemNotFound, wantP3(abi.OriginTEE, abi.ErrItemNotFound)},
		{"dead TA", [4]arg{call(standin.Dead, standin.CalleeEcho), none, none, out},
			abi.ErrTargetDead, wantP3(abi.OriginTEE, abi.ErrTargetDead)},
		{"no p3", [4]arg{call(standin.Callee, 99)}, abi.ErrNotSupported, nil},
		{"short p0", [4]arg{ref(abi.ParamMemrefInput, standin.TACallArg(standin.Callee, standin.CalleeEcho)[:19])}, abi.ErrBadParameters, nil},
	}
	for _, tc := range tests {
		r, out, err := c.invoke(sess, testta.CmdTACall, tc.args)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if r != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, r, tc.want)
			continue
		}
		if tc.check != nil {
			t.Run(tc.name, func(t *testing.T) { tc.check(t, out) })
		}
	}
	if opened, open := c.calls.State(); opened != 7 || open != 0 {
		t.Errorf("miniCore: %d sessions opened, %d left open; want 7, 0", opened, open)
	}
	timeouts, withParams := c.calls.Checks()
	for _, to := range timeouts {
		if to != 0xFFFFFFFF {
			t.Errorf("cancellation timeout %#x, want TEE_TIMEOUT_INFINITE", to)
		}
	}
	if withParams {
		t.Error("OpenTASession got parameters")
	}

	// A core-detected misuse (what the core says for a handle that is not
	// a session of the caller) makes the SDK panic with the core's code.
	_, _, err := c.invoke(sess, testta.CmdTACall, [4]arg{call(standin.Callee, standin.CalleeMisuse)})
	if code, ok := exitCode(err); !ok || code != uint32(abi.ErrBadParameters) {
		t.Errorf("misuse: %v, want exit with BAD_PARAMETERS", err)
	}
}

package csdk_test

import (
	"bytes"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
)

func helloWorldSession(t *testing.T, ta *instance) {
	if res, _, err := ta.openSession(t); err != nil || res != abi.Success {
		t.Fatalf("open session: %v, %v", res, err)
	}
	if !ta.logged(abi.TraceInfo, "Hello World!") {
		t.Error("no IMSG \"Hello World!\" in the log")
	}
	for _, tc := range []struct {
		cmd     uint32
		in, out uint32
	}{{0, 41, 42}, {1, 42, 41}, {0, 0xFFFFFFFF, 0}} {
		res, ps, err := ta.invoke(t, tc.cmd, param{typ: abi.ParamValueInout, a: tc.in})
		if err != nil || res != abi.Success || ps[0].a != tc.out {
			t.Errorf("cmd %d on %d: %v %v, a = %d; want %d", tc.cmd, tc.in, res, err, ps[0].a, tc.out)
		}
	}
	if res, _, _ := ta.invoke(t, 0, param{typ: abi.ParamValueInput, a: 1}); res != abi.ErrBadParameters {
		t.Errorf("wrong parameter types: %v", res)
	}
	if res, _, _ := ta.invoke(t, 2); res != abi.ErrBadParameters {
		t.Errorf("unknown command: %v", res)
	}
}

func testTASession(t *testing.T, ta *instance) {
	if res, _, err := ta.openSession(t, param{typ: abi.ParamValueInput, a: testta.OpenRefuse}); err != nil || res != abi.ErrAccessDenied {
		t.Errorf("open with OpenRefuse: %v %v", res, err)
	}
	res, ps, err := ta.openSession(t, param{typ: abi.ParamValueInput, a: 5, b: 6}, param{typ: abi.ParamValueOutput})
	if err != nil || res != abi.Success || ps[1].a != 11 || ps[1].b != 1 {
		t.Errorf("open session: %v %v %+v", res, err, ps)
	}

	type check func(t *testing.T, res abi.Result, ps []param)
	for _, tc := range []struct {
		name  string
		cmd   uint32
		ps    []param
		check check
	}{
		{"null", testta.CmdNull, nil, wantResult(abi.Success)},
		{"params", testta.CmdParams, []param{
			{typ: abi.ParamValueInput, a: 1, b: 2},
			{typ: abi.ParamMemrefInout, data: []byte{1, 2, 3}},
			{typ: abi.ParamValueOutput},
			{typ: abi.ParamMemrefOutput, size: 4},
		}, func(t *testing.T, res abi.Result, ps []param) {
			if res != abi.Success || !bytes.Equal(ps[1].data, []byte{0xFE, 0xFD, 0xFC}) ||
				ps[2].a != 9 || ps[2].b != 2 || !bytes.Equal(ps[3].data, []byte{0x44, 0x44, 0x44, 0x44}) {
				t.Errorf("%v %+v", res, ps)
			}
		}},
		{"params/inout values", testta.CmdParams, []param{
			{typ: abi.ParamValueInout, a: 10, b: 20},
			{typ: abi.ParamMemrefInput, data: []byte{200, 100}},
			{typ: abi.ParamValueOutput},
		}, func(t *testing.T, res abi.Result, ps []param) {
			if res != abi.Success || ps[0].a != 11 || ps[0].b != 22 || ps[2].a != 330 || ps[2].b != 2 {
				t.Errorf("%v %+v", res, ps)
			}
		}},
		{"short buffer/short", testta.CmdShortBuffer, []param{
			{typ: abi.ParamMemrefOutput, size: 4}, {typ: abi.ParamValueInput, a: 8},
		}, func(t *testing.T, res abi.Result, ps []param) {
			if res != abi.ErrShortBuffer || ps[0].size != 8 {
				t.Errorf("%v size %d", res, ps[0].size)
			}
		}},
		{"short buffer/fits", testta.CmdShortBuffer, []param{
			{typ: abi.ParamMemrefOutput, size: 16}, {typ: abi.ParamValueInput, a: 8},
		}, func(t *testing.T, res abi.Result, ps []param) {
			if res != abi.Success || ps[0].size != 8 || !bytes.Equal(ps[0].data, bytes.Repeat([]byte{0xA5}, 8)) {
				t.Errorf("%v %+v", res, ps[0])
			}
		}},
		{"wait", testta.CmdWait, []param{{typ: abi.ParamValueInput, a: 1}}, wantResult(abi.Success)},
		{"random", testta.CmdRandom, []param{{typ: abi.ParamMemrefOutput, size: 5}},
			func(t *testing.T, res abi.Result, ps []param) {
				if res != abi.Success || !bytes.Equal(ps[0].data, []byte{1, 8, 15, 22, 29}) {
					t.Errorf("%v %x", res, ps[0].data)
				}
			}},
		{"time", testta.CmdTime, []param{{typ: abi.ParamValueOutput}},
			func(t *testing.T, res abi.Result, ps []param) {
				if res != abi.Success || ps[0].a != stubTimeSeconds || ps[0].b != stubTimeMillis {
					t.Errorf("%v %+v", res, ps[0])
				}
			}},
		{"check access", testta.CmdCheckAccess, []param{
			{typ: abi.ParamMemrefInout, size: 64}, {typ: abi.ParamValueInput, a: abi.MemoryAccessRead | abi.MemoryAccessWrite},
		}, wantResult(abi.Success)},
		{"mem funcs", testta.CmdMemFuncs, nil, wantResult(abi.Success)},
		{"log", testta.CmdLog, []param{{typ: abi.ParamMemrefInput, data: []byte("xyzzy")}},
			func(t *testing.T, res abi.Result, ps []param) {
				for l := abi.TraceError; l <= abi.TraceFlow; l++ {
					if !ta.logged(l, "xyzzy") {
						t.Errorf("nothing logged at level %d", l)
					}
				}
			}},
		{"client identity", testta.CmdClientIdentity, []param{
			{typ: abi.ParamValueOutput}, {typ: abi.ParamMemrefOutput, size: 16},
		}, func(t *testing.T, res abi.Result, ps []param) {
			if res != abi.Success || ps[0].a != testClient.Login || !bytes.Equal(ps[1].data, testClient.UUID[:]) {
				t.Errorf("%v login %d uuid %x", res, ps[0].a, ps[1].data)
			}
		}},
		{"counter/1", testta.CmdCounter, []param{{typ: abi.ParamValueOutput}}, wantA(1)},
		{"counter/2", testta.CmdCounter, []param{{typ: abi.ParamValueOutput}}, wantA(2)},
		{"copy/short", testta.CmdCopy, []param{
			{typ: abi.ParamMemrefInput, data: []byte("abcdef")}, {typ: abi.ParamMemrefOutput, size: 3},
		}, func(t *testing.T, res abi.Result, ps []param) {
			if res != abi.ErrShortBuffer || ps[1].size != 6 {
				t.Errorf("%v %+v", res, ps[1])
			}
		}},
		{"copy", testta.CmdCopy, []param{
			{typ: abi.ParamMemrefInput, data: []byte("abcdef")}, {typ: abi.ParamMemrefOutput, size: 10},
		}, func(t *testing.T, res abi.Result, ps []param) {
			if res != abi.Success || string(ps[1].data) != "abcdef" {
				t.Errorf("%v %+v", res, ps[1])
			}
		}},
		{"malloc hog", testta.CmdMallocHog, []param{{typ: abi.ParamValueOutput}},
			func(t *testing.T, res abi.Result, ps []param) {
				if res != abi.ErrOutOfMemory || ps[0].a < 1024 || ps[0].a > 32<<10 {
					t.Errorf("%v, %d KiB", res, ps[0].a)
				}
			}},
		{"mem funcs after hog", testta.CmdMemFuncs, nil, wantResult(abi.Success)},
		{"unknown", 999, nil, wantResult(abi.ErrNotSupported)},
	} {
		res, ps, err := ta.invoke(t, uint32(tc.cmd), tc.ps...)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		t.Run(tc.name, func(t *testing.T) { tc.check(t, res, ps) })
	}

	taCallSession(t, ta)

	// The last: a panic kills the instance.
	if _, _, err := ta.invoke(t, testta.CmdPanic); err == nil {
		t.Error("CmdPanic returned")
	}
	if code, ok := ta.lastPanic(); !ok || code != testta.PanicCode {
		t.Errorf("panic code %#x (%v), want %#x", code, ok, testta.PanicCode)
	}
}

func wantResult(want abi.Result) func(t *testing.T, res abi.Result, ps []param) {
	return func(t *testing.T, res abi.Result, ps []param) {
		if res != want {
			t.Errorf("result %v, want %v", res, want)
		}
	}
}

func wantA(want uint32) func(t *testing.T, res abi.Result, ps []param) {
	return func(t *testing.T, res abi.Result, ps []param) {
		if res != abi.Success || ps[0].a != want {
			t.Errorf("%v a = %d, want %d", res, ps[0].a, want)
		}
	}
}

// taCallSession runs CmdTACall against the stand-in core's callee
// (tacall_test.go).
func taCallSession(t *testing.T, ta *instance) {
	wantOrigin := func(origin abi.Origin, res abi.Result) func(t *testing.T, ps []param) {
		return func(t *testing.T, ps []param) {
			if ps[3].a != uint32(origin) || ps[3].b != uint32(res) {
				t.Errorf("p3 = (%#x, %#x), want origin %v result %v", ps[3].a, ps[3].b, origin, res)
			}
		}
	}
	out := param{typ: abi.ParamValueOutput}
	for _, tc := range []struct {
		name  string
		p0    []byte
		ps    []param // p1..p3
		want  abi.Result
		check func(t *testing.T, ps []param)
	}{
		{"echo", taCallArg(standInCallee, calleeEcho), []param{
			{typ: abi.ParamMemrefInput, data: []byte("hello")}, {typ: abi.ParamMemrefOutput, size: 8}, out,
		}, abi.Success, func(t *testing.T, ps []param) {
			if ps[2].size != 5 || string(ps[2].data) != "hello" {
				t.Errorf("p2 = %q size %d", ps[2].data, ps[2].size)
			}
			wantOrigin(abi.OriginTrustedApp, abi.Success)(t, ps)
		}},
		{"inout", taCallArg(standInCallee, calleeEcho), []param{
			{typ: abi.ParamMemrefInout, data: []byte("abc")}, {typ: abi.ParamValueOutput, a: 7, b: 7},
		}, abi.Success, func(t *testing.T, ps []param) {
			if string(ps[1].data) != "cba" || ps[1].size != 3 || ps[2].a != 0xEC40 || ps[2].b != 1 {
				t.Errorf("p1 = %q size %d, p2 = (%#x, %d)", ps[1].data, ps[1].size, ps[2].a, ps[2].b)
			}
		}},
		{"values", taCallArg(standInCallee, calleeEcho), []param{
			{typ: abi.ParamValueInout, a: 1, b: 2}, {typ: abi.ParamValueInput, a: 5, b: 6}, {typ: abi.ParamNone},
		}, abi.Success, func(t *testing.T, ps []param) {
			if ps[1].a != 2 || ps[1].b != 4 || ps[2].a != 5 || ps[2].b != 6 {
				t.Errorf("p1 = (%d, %d), p2 = (%d, %d)", ps[1].a, ps[1].b, ps[2].a, ps[2].b)
			}
		}},
		{"short buffer", taCallArg(standInCallee, calleeEcho), []param{
			{typ: abi.ParamMemrefInput, data: []byte("abcdef")}, {typ: abi.ParamMemrefOutput, size: 2}, out,
		}, abi.ErrShortBuffer, func(t *testing.T, ps []param) {
			if ps[2].size != 6 {
				t.Errorf("p2 size %d, want 6", ps[2].size)
			}
			wantOrigin(abi.OriginTrustedApp, abi.ErrShortBuffer)(t, ps)
		}},
		{"callee error", taCallArg(standInCallee, 99), []param{{}, {}, out},
			abi.ErrNotSupported, wantOrigin(abi.OriginTrustedApp, abi.ErrNotSupported)},
		{"no such TA", taCallArg(abi.MustParseUUID("ca11ee00-7e57-4000-8000-0000000000ff"), calleeEcho), []param{{}, {}, out},
			abi.ErrItemNotFound, wantOrigin(abi.OriginTEE, abi.ErrItemNotFound)},
		{"dead TA", taCallArg(standInDead, calleeEcho), []param{{}, {}, out},
			abi.ErrTargetDead, wantOrigin(abi.OriginTEE, abi.ErrTargetDead)},
		{"no p3", taCallArg(standInCallee, 99), nil, abi.ErrNotSupported, nil},
		{"short p0", taCallArg(standInCallee, calleeEcho)[:19], nil, abi.ErrBadParameters, nil},
	} {
		ps := append([]param{{typ: abi.ParamMemrefInput, data: tc.p0}}, tc.ps...)
		res, got, err := ta.invoke(t, testta.CmdTACall, ps...)
		if err != nil {
			t.Errorf("ta call/%s: %v", tc.name, err)
			continue
		}
		t.Run("ta call/"+tc.name, func(t *testing.T) {
			if res != tc.want {
				t.Errorf("result %v, want %v", res, tc.want)
			}
			if tc.check != nil {
				tc.check(t, got)
			}
		})
	}
	opened, open := ta.calls.State()
	if opened != 6 || open != 0 {
		t.Errorf("stand-in core: %d sessions opened, %d left open; want 6, 0", opened, open)
	}
	timeouts, withParams := ta.calls.Checks()
	for _, to := range timeouts {
		if to != 0xFFFFFFFF {
			t.Errorf("cancellation timeout %#x, want TEE_TIMEOUT_INFINITE", to)
		}
	}
	if withParams {
		t.Error("TEE_OpenTASession got parameters")
	}

	// A core-detected misuse (what the core says for a handle that is not a
	// session of the caller) makes the SDK panic with the core's code.
	if _, _, err := ta.invoke(t, testta.CmdTACall, param{typ: abi.ParamMemrefInput, data: taCallArg(standInCallee, calleeMisuse)}); err == nil {
		t.Error("ta call/misuse returned")
	}
	if code, ok := ta.lastPanic(); !ok || code != uint32(abi.ErrBadParameters) {
		t.Errorf("ta call/misuse: panic code %#x (%v), want BAD_PARAMETERS", code, ok)
	}
}

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

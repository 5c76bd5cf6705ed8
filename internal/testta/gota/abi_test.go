package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/sdk/go/ta"
)

var none = arg{}

func TestWasmOpenSession(t *testing.T) {
	t.Parallel()
	c := newMiniCore(t)
	sess, r, out := c.open([4]arg{val(abi.ParamValueInput, 1, 2), val(abi.ParamValueOutput, 0, 0), none, none})
	if r != abi.Success || sess == 0 {
		t.Fatalf("open: %v, session %d", r, sess)
	}
	if out[1].a != 3 || out[1].b != 1 {
		t.Errorf("open transformed p1 to (%d,%d), want (3,1)", out[1].a, out[1].b)
	}
	sess2, r, _ := c.open([4]arg{val(abi.ParamValueInput, testta.OpenRefuse, 0), none, none, none})
	if r != abi.ErrAccessDenied {
		t.Errorf("open with OpenRefuse: %v, want ACCESS_DENIED", r)
	}
	_ = sess2
	if _, err := c.call(abi.ExportCloseSession, uint64(sess)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.call(abi.ExportDestroy); err != nil {
		t.Fatal(err)
	}
}

func TestWasmCommands(t *testing.T) {
	t.Parallel()
	c := newMiniCore(t)
	sess, r, _ := c.open([4]arg{})
	if r != abi.Success {
		t.Fatal(r)
	}
	tests := []struct {
		name  string
		cmd   uint32
		args  [4]arg
		want  abi.Result
		check func(t *testing.T, out [4]arg)
	}{
		{"null", testta.CmdNull, [4]arg{}, abi.Success, nil},
		{"params values", testta.CmdParams,
			[4]arg{val(abi.ParamValueInput, 1, 2), val(abi.ParamValueInout, 3, 4), ref(abi.ParamMemrefInout, []byte{1, 2, 3}), val(abi.ParamValueOutput, 9, 9)},
			abi.Success, func(t *testing.T, out [4]arg) {
				if out[1].a != 4 || out[1].b != 6 {
					t.Errorf("p1 = (%d,%d), want (4,6)", out[1].a, out[1].b)
				}
				if !bytes.Equal(out[2].data, []byte{0xFE, 0xFD, 0xFC}) || out[2].size != 3 {
					t.Errorf("p2 = %x size %d", out[2].data, out[2].size)
				}
				if out[3].a != 16 || out[3].b != 3 {
					t.Errorf("p3 = (%d,%d), want (16,3)", out[3].a, out[3].b)
				}
			}},
		{"params memrefs", testta.CmdParams,
			[4]arg{ref(abi.ParamMemrefInput, []byte{10, 20}), ref(abi.ParamMemrefOutput, make([]byte, 4)), {typ: abi.ParamMemrefInput, null: true, size: 8}, val(abi.ParamValueOutput, 0, 0)},
			abi.Success, func(t *testing.T, out [4]arg) {
				if !bytes.Equal(out[1].data, []byte{0x22, 0x22, 0x22, 0x22}) || out[1].size != 4 {
					t.Errorf("p1 = %x size %d", out[1].data, out[1].size)
				}
				if out[2].size != 8 {
					t.Errorf("NULL memref size %d, want 8", out[2].size)
				}
				if out[3].a != 30 {
					t.Errorf("acc %d, want 30", out[3].a)
				}
			}},
		{"params empty memref", testta.CmdParams,
			[4]arg{ref(abi.ParamMemrefInout, []byte{}), val(abi.ParamValueOutput, 1, 1), none, none},
			abi.Success, func(t *testing.T, out [4]arg) {
				if out[1].a != 0 || out[1].b != 1 {
					t.Errorf("p1 = (%d,%d), want (0,1)", out[1].a, out[1].b)
				}
			}},
		{"short buffer", testta.CmdShortBuffer,
			[4]arg{ref(abi.ParamMemrefOutput, make([]byte, 4)), val(abi.ParamValueInput, 10, 0), none, none},
			abi.ErrShortBuffer, func(t *testing.T, out [4]arg) {
				if out[0].size != 10 {
					t.Errorf("size %d, want 10", out[0].size)
				}
			}},
		{"short buffer NULL", testta.CmdShortBuffer,
			[4]arg{{typ: abi.ParamMemrefOutput, null: true}, val(abi.ParamValueInput, 10, 0), none, none},
			abi.ErrShortBuffer, nil},
		{"short buffer fits", testta.CmdShortBuffer,
			[4]arg{ref(abi.ParamMemrefOutput, make([]byte, 12)), val(abi.ParamValueInput, 10, 0), none, none},
			abi.Success, func(t *testing.T, out [4]arg) {
				if out[0].size != 10 || !bytes.Equal(out[0].data[:10], bytes.Repeat([]byte{0xA5}, 10)) || out[0].data[10] != 0 {
					t.Errorf("size %d data %x", out[0].size, out[0].data)
				}
			}},
		{"copy", testta.CmdCopy,
			[4]arg{ref(abi.ParamMemrefInput, []byte("hello")), ref(abi.ParamMemrefOutput, make([]byte, 8)), none, none},
			abi.Success, func(t *testing.T, out [4]arg) {
				if out[1].size != 5 || string(out[1].data[:5]) != "hello" {
					t.Errorf("copy: size %d data %q", out[1].size, out[1].data)
				}
			}},
		{"copy short", testta.CmdCopy,
			[4]arg{ref(abi.ParamMemrefInput, []byte("hello")), ref(abi.ParamMemrefOutput, make([]byte, 2)), none, none},
			abi.ErrShortBuffer, func(t *testing.T, out [4]arg) {
				if out[1].size != 5 {
					t.Errorf("size %d, want 5", out[1].size)
				}
			}},
		{"mem funcs", testta.CmdMemFuncs, [4]arg{}, abi.Success, nil},
		{"time", testta.CmdTime, [4]arg{val(abi.ParamValueOutput, 0, 0)}, abi.Success, func(t *testing.T, out [4]arg) {
			if out[0].a != 42 || out[0].b != 7 {
				t.Errorf("time (%d,%d), want (42,7)", out[0].a, out[0].b)
			}
		}},
		{"random", testta.CmdRandom, [4]arg{ref(abi.ParamMemrefOutput, make([]byte, 5))}, abi.Success, func(t *testing.T, out [4]arg) {
			if !bytes.Equal(out[0].data, []byte{1, 8, 15, 22, 29}) {
				t.Errorf("random %x", out[0].data)
			}
		}},
		{"client identity", testta.CmdClientIdentity,
			[4]arg{val(abi.ParamValueOutput, 0, 0), ref(abi.ParamMemrefOutput, make([]byte, 16))},
			abi.Success, func(t *testing.T, out [4]arg) {
				if out[0].a != c.client.Login || !bytes.Equal(out[1].data, c.client.UUID[:]) {
					t.Errorf("identity %d %x, want %d %x", out[0].a, out[1].data, c.client.Login, c.client.UUID[:])
				}
			}},
		{"check access shared", testta.CmdCheckAccess,
			[4]arg{ref(abi.ParamMemrefInout, make([]byte, 8)), val(abi.ParamValueInput, abi.MemoryAccessRead, 0)},
			abi.ErrAccessDenied, nil},
		{"check access any owner", testta.CmdCheckAccess,
			[4]arg{ref(abi.ParamMemrefInout, make([]byte, 8)), val(abi.ParamValueInput, abi.MemoryAccessRead|abi.MemoryAccessAnyOwner, 0)},
			abi.Success, nil},
		{"wait", testta.CmdWait, [4]arg{val(abi.ParamValueInput, 1, 0)}, abi.Success, nil},
		{"bad types", testta.CmdWait, [4]arg{val(abi.ParamValueOutput, 1, 0)}, abi.ErrBadParameters, nil},
		{"unknown command", 0x1234, [4]arg{}, abi.ErrNotSupported, nil},
		{"copy NULL input", testta.CmdCopy,
			[4]arg{{typ: abi.ParamMemrefInput, null: true, size: 3}, ref(abi.ParamMemrefOutput, make([]byte, 8)), none, none},
			abi.ErrBadParameters, nil},
		{"short buffer NULL empty", testta.CmdShortBuffer,
			[4]arg{{typ: abi.ParamMemrefOutput, null: true}, val(abi.ParamValueInput, 0, 0), none, none},
			abi.Success, nil},
		{"client identity short", testta.CmdClientIdentity,
			[4]arg{val(abi.ParamValueOutput, 0, 0), ref(abi.ParamMemrefOutput, make([]byte, 15))},
			abi.ErrShortBuffer, func(t *testing.T, out [4]arg) {
				if out[1].size != 16 {
					t.Errorf("size %d, want 16", out[1].size)
				}
			}},
	}
	for _, tc := range tests {
		r, out, err := c.invoke(sess, tc.cmd, tc.args)
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
}

func TestWasmCancellation(t *testing.T) {
	t.Parallel()
	c := newMiniCore(t)
	sess, _, _ := c.open([4]arg{})
	for _, cmd := range []uint32{testta.CmdWait, testta.CmdLoopUntilCancel} {
		c.cancelNext()
		r, _, err := c.invoke(sess, cmd, [4]arg{val(abi.ParamValueInput, ta.TimeoutInfinite, 0)})
		if err != nil || r != abi.ErrCancel {
			t.Errorf("cmd %d cancelled: %v %v, want CANCEL", cmd, r, err)
		}
	}
}

func TestWasmCounterAndLog(t *testing.T) {
	t.Parallel()
	c := newMiniCore(t)
	s1, _, _ := c.open([4]arg{})
	s2, _, _ := c.open([4]arg{})
	for i, s := range []uint32{s1, s2, s1} {
		_, out, err := c.invoke(s, testta.CmdCounter, [4]arg{val(abi.ParamValueOutput, 0, 0)})
		if err != nil || out[0].a != uint32(i+1) {
			t.Errorf("counter %d: %d %v", i, out[0].a, err)
		}
	}
	if r, _, err := c.invoke(s1, testta.CmdLog, [4]arg{ref(abi.ParamMemrefInput, []byte("hi there"))}); err != nil || r != abi.Success {
		t.Fatalf("log: %v %v", r, err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.logs) != 4 {
		t.Fatalf("logs %v, want 4 lines", c.logs)
	}
	for i, l := range c.logs {
		if l.level != uint32(i+1) || !strings.HasSuffix(l.text, "hi there") {
			t.Errorf("log %d: %v", i, l)
		}
	}
	if c.logs[1].text != "hi there" || !strings.HasPrefix(c.logs[0].text, "cmdLog:") {
		t.Errorf("IMSG %q (no prefix), EMSG %q (function:line prefix)", c.logs[1].text, c.logs[0].text)
	}
}

func TestWasmPanics(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cmd  uint32
		code uint32
		log  string
	}{
		{"TEE_Panic", testta.CmdPanic, testta.PanicCode, ""},
		{"nil dereference", testta.CmdTrap, uint32(ta.GoPanicCode), "nil pointer dereference"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := newMiniCore(t)
			sess, _, _ := c.open([4]arg{})
			_, _, err := c.invoke(sess, tc.cmd, [4]arg{})
			if code, ok := exitCode(err); !ok || code != tc.code {
				t.Fatalf("invoke: %v, want exit with 0x%x", err, tc.code)
			}
			c.mu.Lock()
			defer c.mu.Unlock()
			if len(c.panicked) != 1 || c.panicked[0] != tc.code {
				t.Errorf("panic calls %x, want [%x]", c.panicked, tc.code)
			}
			if tc.log != "" && (len(c.logs) == 0 || !strings.Contains(c.logs[len(c.logs)-1].text, tc.log)) {
				t.Errorf("logs %v lack %q", c.logs, tc.log)
			}
		})
	}
}

func TestWasmAlloc(t *testing.T) {
	t.Parallel()
	c := newMiniCore(t)
	a, b := c.alloc(0), c.alloc(0)
	if a == 0 || a == b {
		t.Errorf("alloc(0) twice: 0x%x 0x%x, want distinct non-zero", a, b)
	}
	if r, err := c.call(abi.ExportAlloc, uint64(testta.GoDataSize)+1); err != nil || r[0] != 0 {
		t.Errorf("alloc beyond dataSize: %v %v, want 0", r, err)
	}
	for _, p := range []uint32{a, b, 0} {
		if _, err := c.call(abi.ExportFree, uint64(p)); err != nil {
			t.Errorf("free(0x%x): %v", p, err)
		}
	}
	if _, err := c.call(abi.ExportFree, uint64(a)); err == nil {
		t.Error("double free did not panic the TA")
	}
}

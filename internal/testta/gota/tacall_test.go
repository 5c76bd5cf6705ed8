package main

import (
	"context"
	"encoding/binary"
	"slices"
	"sync"
	"testing"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
)

// The miniCore's side of the TA-to-TA system calls (the C SDK's tests have
// the same stand-in, sdk/c/tacall_test.go): one callee TA,
// served in Go, reached through the caller's memory as the real core
// reaches it (TEE_Param[4] read in place, outputs written back into it and
// into the buffers its memory references point to).
var (
	// standInCallee opens sessions; its commands are the callee* ones.
	standInCallee = abi.MustParseUUID("ca11ee00-7e57-4000-8000-000000000001")
	// standInDead answers every open with TARGET_DEAD (origin TEE).
	standInDead = abi.MustParseUUID("ca11ee00-7e57-4000-8000-0000000000de")
)

const (
	// calleeEcho transforms the parameters by type: VALUE_INOUT a+1, b+2;
	// VALUE_OUTPUT (0xEC40, index); MEMREF_INOUT reversed; MEMREF_OUTPUT
	// receives p0's bytes when p0 is an input memref (SHORT_BUFFER with the
	// size needed when they do not fit), else is left alone.
	calleeEcho = 1
	// calleeMisuse makes the stand-in core answer BAD_PARAMETERS with
	// origin TEE, what the real core says for a handle that is not a
	// session of the caller: the SDK must panic.
	calleeMisuse = 2
	// Any other command: NOT_SUPPORTED from the callee (origin TA).
)

// taCalls is the stand-in core's record of the caller's sessions.
type taCalls struct {
	mu       sync.Mutex
	next     uint32
	open     map[uint32]bool
	opened   int
	timeouts []uint32 // cancellation timeouts seen, open and invoke
	badOpen  bool     // an open came with parameters (CmdTACall sends none)
}

// ret writes origin to *ptr (when not 0) and returns code, as the core does.
func taRet(mem api.Memory, ptr uint32, code abi.Result, origin abi.Origin) abi.Result {
	if ptr != 0 {
		mem.WriteUint32Le(ptr, uint32(origin))
	}
	return code
}

func (c *taCalls) openSession(mem api.Memory, uuidPtr, timeout, types, params, sessPtr, originPtr uint32) abi.Result {
	b, ok := mem.Read(uuidPtr, abi.TEEUUIDSize)
	if !ok {
		return taRet(mem, originPtr, abi.ErrBadParameters, abi.OriginTEE)
	}
	u, _ := abi.UUIDFromTEE(b)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.timeouts = append(c.timeouts, timeout)
	if types != 0 {
		c.badOpen = true
	}
	switch u {
	case standInCallee:
		c.next++
		h := 0x100 + c.next
		if !mem.WriteUint32Le(sessPtr, h) {
			return taRet(mem, originPtr, abi.ErrBadParameters, abi.OriginTEE)
		}
		if c.open == nil {
			c.open = map[uint32]bool{}
		}
		c.open[h] = true
		c.opened++
		return taRet(mem, originPtr, abi.Success, abi.OriginTrustedApp)
	case standInDead:
		return taRet(mem, originPtr, abi.ErrTargetDead, abi.OriginTEE)
	}
	return taRet(mem, originPtr, abi.ErrItemNotFound, abi.OriginTEE)
}

func (c *taCalls) invoke(mem api.Memory, sess, timeout, cmd, types, params, originPtr uint32) abi.Result {
	c.mu.Lock()
	known := c.open[sess]
	c.timeouts = append(c.timeouts, timeout)
	c.mu.Unlock()
	if !known || cmd == calleeMisuse {
		return taRet(mem, originPtr, abi.ErrBadParameters, abi.OriginTEE)
	}
	if cmd != calleeEcho {
		return taRet(mem, originPtr, abi.ErrNotSupported, abi.OriginTrustedApp)
	}
	slots, ok := mem.Read(params, abi.ParamsSize)
	if !ok {
		return taRet(mem, originPtr, abi.ErrBadParameters, abi.OriginTEE)
	}
	window := func(i int) ([]byte, bool) {
		s := slots[i*abi.ParamSize:]
		a, n := binary.LittleEndian.Uint32(s), binary.LittleEndian.Uint32(s[4:])
		if a == 0 {
			return nil, true
		}
		return mem.Read(a, n)
	}
	var in []byte
	if t := abi.ParamType(abi.ParamTypeAt(types, 0)); t == abi.ParamMemrefInput || t == abi.ParamMemrefInout {
		w, ok := window(0)
		if !ok {
			return taRet(mem, originPtr, abi.ErrBadParameters, abi.OriginTEE)
		}
		in = slices.Clone(w)
	}
	res := abi.Success
	for i := range abi.NumParams {
		s := slots[i*abi.ParamSize:]
		switch abi.ParamType(abi.ParamTypeAt(types, i)) {
		case abi.ParamValueInout:
			binary.LittleEndian.PutUint32(s, binary.LittleEndian.Uint32(s)+1)
			binary.LittleEndian.PutUint32(s[4:], binary.LittleEndian.Uint32(s[4:])+2)
		case abi.ParamValueOutput:
			binary.LittleEndian.PutUint32(s, 0xEC40)
			binary.LittleEndian.PutUint32(s[4:], uint32(i))
		case abi.ParamMemrefInout:
			w, ok := window(i)
			if !ok {
				return taRet(mem, originPtr, abi.ErrBadParameters, abi.OriginTEE)
			}
			slices.Reverse(w)
		case abi.ParamMemrefOutput:
			if in == nil {
				break
			}
			w, ok := window(i)
			if !ok {
				return taRet(mem, originPtr, abi.ErrBadParameters, abi.OriginTEE)
			}
			if len(w) < len(in) {
				res = abi.ErrShortBuffer
			} else {
				copy(w, in)
			}
			binary.LittleEndian.PutUint32(s[4:], uint32(len(in)))
		}
	}
	return taRet(mem, originPtr, res, abi.OriginTrustedApp)
}

func (c *taCalls) closeSession(sess uint32) abi.Result {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.open[sess] {
		return abi.ErrBadParameters
	}
	delete(c.open, sess)
	return abi.Success
}

// state returns how many sessions were opened and are still open.
func (c *taCalls) state() (opened, open int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.opened, len(c.open)
}

// taCallArg is CmdTACall's p0: the callee's UUID, canonical order, then
// the command, little-endian.
func taCallArg(u abi.UUID, cmd uint32) []byte {
	return binary.LittleEndian.AppendUint32(u[:], cmd)
}

// taCallSyscalls are the miniCore's open_ta_session, invoke_ta_command and
// close_ta_session.
func (c *miniCore) taCallSyscalls(m map[string]api.GoModuleFunc) {
	m["open_ta_session"] = func(_ context.Context, mod api.Module, s []uint64) {
		s[0] = uint64(c.calls.openSession(mod.Memory(), c.u32(s, 0), c.u32(s, 1), c.u32(s, 2), c.u32(s, 3), c.u32(s, 4), c.u32(s, 5)))
	}
	m["invoke_ta_command"] = func(_ context.Context, mod api.Module, s []uint64) {
		s[0] = uint64(c.calls.invoke(mod.Memory(), c.u32(s, 0), c.u32(s, 1), c.u32(s, 2), c.u32(s, 3), c.u32(s, 4), c.u32(s, 5)))
	}
	m["close_ta_session"] = func(_ context.Context, _ api.Module, s []uint64) {
		s[0] = uint64(c.calls.closeSession(c.u32(s, 0)))
	}
}

func TestWasmTACall(t *testing.T) {
	t.Parallel()
	c := newMiniCore(t)
	sess, r, _ := c.open([4]arg{})
	if r != abi.Success {
		t.Fatal(r)
	}
	call := func(u abi.UUID, cmd uint32) arg { return ref(abi.ParamMemrefInput, taCallArg(u, cmd)) }
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
		{"echo", [4]arg{call(standInCallee, calleeEcho), ref(abi.ParamMemrefInput, []byte("hello")), ref(abi.ParamMemrefOutput, make([]byte, 8)), out},
			abi.Success, func(t *testing.T, out [4]arg) {
				if out[2].size != 5 || string(out[2].data[:5]) != "hello" {
					t.Errorf("p2 = %q size %d", out[2].data, out[2].size)
				}
				wantP3(abi.OriginTrustedApp, abi.Success)(t, out)
			}},
		{"inout", [4]arg{call(standInCallee, calleeEcho), ref(abi.ParamMemrefInout, []byte("abc")), val(abi.ParamValueOutput, 7, 7), none},
			abi.Success, func(t *testing.T, out [4]arg) {
				if string(out[1].data) != "cba" || out[1].size != 3 || out[2].a != 0xEC40 || out[2].b != 1 {
					t.Errorf("p1 = %q size %d, p2 = (%#x, %d)", out[1].data, out[1].size, out[2].a, out[2].b)
				}
			}},
		{"values", [4]arg{call(standInCallee, calleeEcho), val(abi.ParamValueInout, 1, 2), val(abi.ParamValueInput, 5, 6), none},
			abi.Success, func(t *testing.T, out [4]arg) {
				if out[1].a != 2 || out[1].b != 4 || out[2].a != 5 || out[2].b != 6 {
					t.Errorf("p1 = (%d, %d), p2 = (%d, %d)", out[1].a, out[1].b, out[2].a, out[2].b)
				}
			}},
		{"short buffer", [4]arg{call(standInCallee, calleeEcho), ref(abi.ParamMemrefInput, []byte("abcdef")), ref(abi.ParamMemrefOutput, make([]byte, 2)), out},
			abi.ErrShortBuffer, func(t *testing.T, out [4]arg) {
				if out[2].size != 6 {
					t.Errorf("p2 size %d, want 6", out[2].size)
				}
				wantP3(abi.OriginTrustedApp, abi.ErrShortBuffer)(t, out)
			}},
		{"NULL output", [4]arg{call(standInCallee, calleeEcho), ref(abi.ParamMemrefInput, []byte("abcd")), {typ: abi.ParamMemrefOutput, null: true, size: 9}, none},
			abi.ErrShortBuffer, func(t *testing.T, out [4]arg) {
				if out[2].size != 4 {
					t.Errorf("p2 size %d, want 4", out[2].size)
				}
			}},
		{"callee error", [4]arg{call(standInCallee, 99), none, none, out},
			abi.ErrNotSupported, wantP3(abi.OriginTrustedApp, abi.ErrNotSupported)},
		{"no such TA", [4]arg{call(abi.MustParseUUID("ca11ee00-7e57-4000-8000-0000000000ff"), calleeEcho), none, none, out},
			abi.ErrItemNotFound, wantP3(abi.OriginTEE, abi.ErrItemNotFound)},
		{"dead TA", [4]arg{call(standInDead, calleeEcho), none, none, out},
			abi.ErrTargetDead, wantP3(abi.OriginTEE, abi.ErrTargetDead)},
		{"no p3", [4]arg{call(standInCallee, 99)}, abi.ErrNotSupported, nil},
		{"short p0", [4]arg{ref(abi.ParamMemrefInput, taCallArg(standInCallee, calleeEcho)[:19])}, abi.ErrBadParameters, nil},
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
	if opened, open := c.calls.state(); opened != 7 || open != 0 {
		t.Errorf("miniCore: %d sessions opened, %d left open; want 7, 0", opened, open)
	}
	c.calls.mu.Lock()
	for _, to := range c.calls.timeouts {
		if to != 0xFFFFFFFF {
			t.Errorf("cancellation timeout %#x, want TEE_TIMEOUT_INFINITE", to)
		}
	}
	if c.calls.badOpen {
		t.Error("OpenTASession got parameters")
	}
	c.calls.mu.Unlock()

	// A core-detected misuse (what the core says for a handle that is not
	// a session of the caller) makes the SDK panic with the core's code.
	_, _, err := c.invoke(sess, testta.CmdTACall, [4]arg{call(standInCallee, calleeMisuse)})
	if code, ok := exitCode(err); !ok || code != uint32(abi.ErrBadParameters) {
		t.Errorf("misuse: %v, want exit with BAD_PARAMETERS", err)
	}
}

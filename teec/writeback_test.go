package teec

import (
	"bytes"
	"context"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
)

// scriptTA answers every invocation like a TA that sets its value outputs to
// (100+i, 200+i), reports size report for every memref, writes report bytes
// of 'A'+i into output memrefs that are large enough, and returns ret. When
// ret comes from the TEE, the TA did not run and nothing changes.
func scriptTA(report uint64, ret abi.Ret) func(context.Context, *teeconn.InvokeRequest) abi.Ret {
	return func(_ context.Context, req *teeconn.InvokeRequest) abi.Ret {
		if ret.Origin == abi.OriginTEE {
			return ret
		}
		for i := range req.Params {
			p := &req.Params[i]
			switch {
			case p.Type.IsValue():
				p.A, p.B = 100+uint32(i), 200+uint32(i)
			case p.Type.IsMemref():
				if p.Type.IsOutput() && report <= uint64(len(p.Mem)) {
					for j := range p.Mem[:report] {
						p.Mem[j] = 'A' + byte(i)
					}
				}
				p.Size = report
			}
		}
		return ret
	}
}

var (
	retOK    = abi.Ret{}
	retShort = abi.Ret{Code: abi.ErrShortBuffer, Origin: abi.OriginTrustedApp}
	retDead  = abi.TEE(abi.ErrTargetDead)
)

func TestWriteBack(t *testing.T) {
	t.Parallel()
	type result struct {
		a, b uint32
		size uint64
		buf  string // the caller's buffer afterwards
	}
	tests := []struct {
		name   string
		typ    ParamType
		flags  MemFlags // for registered memory
		off    uint64
		size   uint64
		null   bool // temp memref with a nil buffer
		report uint64
		ret    abi.Ret
		want   result
	}{
		{name: "value input", typ: ValueInput, ret: retOK, want: result{a: 1, b: 2}},
		{name: "value output", typ: ValueOutput, ret: retOK, want: result{a: 100, b: 200}},
		{name: "value inout", typ: ValueInout, ret: retOK, want: result{a: 100, b: 200}},
		{name: "value output TA error", typ: ValueOutput, ret: abi.Ret{Code: abi.ErrGeneric, Origin: abi.OriginTrustedApp}, want: result{a: 100, b: 200}},
		{name: "value output TEE error", typ: ValueOutput, ret: retDead, want: result{a: 1, b: 2}},

		{name: "temp input", typ: MemrefTempInput, size: 8, report: 3, ret: retOK, want: result{size: 8, buf: "abcdefgh"}},
		{name: "temp output", typ: MemrefTempOutput, size: 8, report: 3, ret: retOK, want: result{size: 3, buf: "AAAdefgh"}},
		{name: "temp inout window", typ: MemrefTempInout, size: 5, report: 5, ret: retOK, want: result{size: 5, buf: "AAAAAfgh"}},
		{name: "temp output short", typ: MemrefTempOutput, size: 4, report: 100, ret: retShort, want: result{size: 100, buf: "abcdefgh"}},
		{name: "temp NULL size query", typ: MemrefTempOutput, null: true, report: 42, ret: retShort, want: result{size: 42}},
		{name: "temp output TEE error", typ: MemrefTempOutput, size: 8, report: 3, ret: retDead, want: result{size: 8, buf: "abcdefgh"}},

		{name: "whole output", typ: MemrefWhole, flags: MemOutput, report: 3, ret: retOK, want: result{size: 3, buf: "AAAdefgh"}},
		{name: "whole inout", typ: MemrefWhole, flags: MemInput | MemOutput, report: 8, ret: retOK, want: result{size: 8, buf: "AAAAAAAA"}},
		{name: "whole input", typ: MemrefWhole, flags: MemInput, size: 7, report: 3, ret: retOK, want: result{size: 7, buf: "abcdefgh"}},
		{name: "whole output short", typ: MemrefWhole, flags: MemOutput, report: 9, ret: retShort, want: result{size: 9, buf: "abcdefgh"}},
		{name: "partial output", typ: MemrefPartialOutput, flags: MemOutput, off: 2, size: 4, report: 2, ret: retOK, want: result{size: 2, buf: "abAAefgh"}},
		{name: "partial inout", typ: MemrefPartialInout, flags: MemInput | MemOutput, off: 5, size: 3, report: 3, ret: retOK, want: result{size: 3, buf: "abcdeAAA"}},
		{name: "partial input", typ: MemrefPartialInput, flags: MemInput | MemOutput, off: 1, size: 4, report: 1, ret: retOK, want: result{size: 4, buf: "abcdefgh"}},
		{name: "partial inout short", typ: MemrefPartialInout, flags: MemInput | MemOutput, off: 2, size: 4, report: 10, ret: retShort, want: result{size: 10, buf: "abcdefgh"}},
		{name: "partial output TEE error", typ: MemrefPartialOutput, flags: MemOutput, off: 0, size: 4, report: 2, ret: retDead, want: result{size: 4, buf: "abcdefgh"}},
	}
	for _, alloc := range []bool{false, true} {
		for _, tc := range tests {
			name := tc.name
			if alloc {
				name += "/allocator"
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				var conn teeconn.Conn
				f := newFakeTEE()
				conn = f
				if alloc {
					sf := newFakeShmTEE()
					conn, f = sf, sf.fakeTEE
				}
				f.invokeFn = scriptTA(tc.report, tc.ret)
				c := newTestContext(t, conn)
				s := openTestSession(t, c)
				buf := []byte("abcdefgh")
				var p Parameter
				switch tc.typ {
				case ValueInput, ValueOutput, ValueInout:
					p = &Value{Type: tc.typ, A: 1, B: 2}
				case MemrefTempInput, MemrefTempOutput, MemrefTempInout:
					tp := &TempMemoryReference{Type: tc.typ, Buffer: buf, Size: tc.size}
					if tc.null {
						tp.Buffer, buf = nil, nil
					}
					p = tp
				default:
					sm, err := c.RegisterSharedMemory(buf, tc.flags)
					if err != nil {
						t.Fatal(err)
					}
					defer sm.Release()
					p = &RegisteredMemoryReference{Type: tc.typ, Parent: sm, Offset: tc.off, Size: tc.size}
				}
				err := s.InvokeCommand(context.Background(), 1, &Operation{Params: [4]Parameter{p}})
				wantErr(t, err, Result(tc.ret.Code), ReturnOrigin(tc.ret.Origin))
				var got result
				switch v := p.(type) {
				case *Value:
					got.a, got.b = v.A, v.B
				case *TempMemoryReference:
					got.size = v.Size
				case *RegisteredMemoryReference:
					got.size = v.Size
				}
				if _, isValue := p.(*Value); !isValue {
					got.buf = string(buf)
				}
				if got != tc.want {
					t.Errorf("got %+v, want %+v", got, tc.want)
				}
			})
		}
	}
}

// TestShadowCopy checks registered memory over a Conn that cannot read Go
// memory: the caller's bytes are copied into the shadow before the call for
// inputs only, and back afterwards for outputs, exactly as many as the TA
// reported.
func TestShadowCopy(t *testing.T) {
	t.Parallel()
	sf := newFakeShmTEE()
	c := newTestContext(t, sf)
	s := openTestSession(t, c)
	buf := []byte("abcdefgh")
	sm, err := c.RegisterSharedMemory(buf, MemInput|MemOutput)
	if err != nil {
		t.Fatal(err)
	}
	if &sm.Buffer()[0] != &buf[0] || sm.Size() != 8 || sm.Flags() != MemInput|MemOutput {
		t.Fatal("Buffer, Size or Flags do not describe the registered slice")
	}
	shadow := sf.mems[sm.id]
	if &shadow[0] == &buf[0] {
		t.Fatal("no shadow")
	}

	// Input: only the window is copied in.
	sf.invokeFn = scriptTA(0, retOK)
	op := &Operation{Params: [4]Parameter{&RegisteredMemoryReference{Type: MemrefPartialInput, Parent: sm, Offset: 2, Size: 3}}}
	if err := s.InvokeCommand(context.Background(), 1, op); err != nil {
		t.Fatal(err)
	}
	if string(shadow) != "\x00\x00cde\x00\x00\x00" {
		t.Errorf("shadow after input = %q", shadow)
	}
	if p := sf.lastInvoke().Params[0]; p.Shm != sm.id || p.Off != 2 || p.Size != 3 {
		t.Errorf("sent %+v", p)
	}

	// Output: the TA writes 4 bytes but reports 2; only 2 come back.
	sf.invokeFn = func(_ context.Context, req *teeconn.InvokeRequest) abi.Ret {
		copy(req.Params[0].Mem, "WXYZ")
		req.Params[0].Size = 2
		return retOK
	}
	op.Params[0] = &RegisteredMemoryReference{Type: MemrefPartialOutput, Parent: sm, Offset: 4, Size: 4}
	if err := s.InvokeCommand(context.Background(), 1, op); err != nil {
		t.Fatal(err)
	}
	if string(buf) != "abcdWXgh" {
		t.Errorf("buf after output = %q", buf)
	}
	if string(shadow[4:]) != "WXYZ" {
		t.Errorf("shadow after output = %q", shadow)
	}

	// Nothing comes back when the TEE fails the call, even if the shadow
	// changed.
	sf.invokeFn = func(_ context.Context, req *teeconn.InvokeRequest) abi.Ret {
		copy(req.Params[0].Mem, "QQ")
		req.Params[0].Size = 2
		return retDead
	}
	op.Params[0].(*RegisteredMemoryReference).Size = 4
	err = s.InvokeCommand(context.Background(), 1, op)
	wantErr(t, err, ErrTargetDead, OriginTEE)
	if string(buf) != "abcdWXgh" || op.Params[0].(*RegisteredMemoryReference).Size != 4 {
		t.Errorf("buf after a TEE failure = %q, size %d", buf, op.Params[0].(*RegisteredMemoryReference).Size)
	}

	// The caller's later changes reach the TA on the next input.
	copy(buf, "12345678")
	var seen []byte
	sf.invokeFn = func(_ context.Context, req *teeconn.InvokeRequest) abi.Ret {
		seen = append([]byte{}, req.Params[0].Mem...)
		return retOK
	}
	op.Params[0] = &RegisteredMemoryReference{Type: MemrefWhole, Parent: sm}
	if err := s.InvokeCommand(context.Background(), 1, op); err != nil {
		t.Fatal(err)
	}
	if string(seen) != "12345678" {
		t.Errorf("TA saw %q", seen)
	}
	if err := sm.Release(); err != nil {
		t.Fatal(err)
	}
	if sf.live() != 0 || !bytes.Equal(buf, []byte("12345678")) {
		t.Errorf("live %d, buf %q after Release", sf.live(), buf)
	}
}

// copyTEE returns memref outputs in fresh slices instead of in place, as a
// transport that decodes replies might.
type copyTEE struct{ *fakeTEE }

func (f copyTEE) Invoke(ctx context.Context, req *teeconn.InvokeRequest) abi.Ret {
	for i := range req.Params {
		p := &req.Params[i]
		if p.Type == abi.ParamMemrefOutput {
			p.Mem = bytes.Repeat([]byte{'z'}, len(p.Mem))
			p.Size = 2
		}
	}
	return f.fakeTEE.Invoke(ctx, req)
}

func TestWriteBackFromCopies(t *testing.T) {
	t.Parallel()
	f := newFakeTEE()
	f.invokeFn = func(context.Context, *teeconn.InvokeRequest) abi.Ret { return retOK }
	c := newTestContext(t, copyTEE{f})
	s := openTestSession(t, c)
	tmp := []byte("abcd")
	reg := []byte("efgh")
	sm, err := c.RegisterSharedMemory(reg, MemOutput)
	if err != nil {
		t.Fatal(err)
	}
	op := &Operation{Params: [4]Parameter{
		&TempMemoryReference{Type: MemrefTempOutput, Buffer: tmp, Size: 4},
		&RegisteredMemoryReference{Type: MemrefWhole, Parent: sm},
	}}
	if err := s.InvokeCommand(context.Background(), 1, op); err != nil {
		t.Fatal(err)
	}
	if string(tmp) != "zzcd" || string(reg) != "zzgh" {
		t.Errorf("temp %q registered %q", tmp, reg)
	}
}

package main

import (
	"encoding/binary"

	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/sdk/go/ta"
)

// transform is CmdParams: every parameter in order with a running sum.
func transform(p *ta.Params) {
	var acc uint32
	for i := range ta.NumParams {
		switch p.Type(i) {
		case ta.ParamValueInput:
			a, b := p.Value(i)
			acc += a + b
		case ta.ParamValueInout:
			a, b := p.Value(i)
			acc += a + b
			p.SetValue(i, a+1, b+2)
		case ta.ParamValueOutput:
			p.SetValue(i, acc, uint32(i))
		case ta.ParamMemrefInput:
			acc += sum(p.Memref(i))
		case ta.ParamMemrefInout:
			m := p.Memref(i)
			acc += sum(m)
			for j := range m {
				m[j] ^= 0xFF
			}
		case ta.ParamMemrefOutput:
			ta.MemFill(p.Memref(i), byte((i+1)*0x11))
		}
	}
}

func sum(b []byte) uint32 {
	var s uint32
	for _, x := range b {
		s += uint32(x)
	}
	return s
}

func cmdShortBuffer(_ *testTA, p *ta.Params) error {
	if p.Type(0) != ta.ParamMemrefOutput || p.Type(1) != ta.ParamValueInput {
		return ta.ErrBadParameters
	}
	n, _ := p.Value(1)
	if p.MemrefSize(0) < n {
		p.SetMemrefSize(0, n)
		return ta.ErrShortBuffer
	}
	m := p.Memref(0)
	if n > 0 && m == nil {
		return ta.ErrBadParameters
	}
	ta.MemFill(m[:n], 0xA5)
	p.SetMemrefSize(0, n)
	return nil
}

// nilPtr is nil; a package variable, so the compiler cannot see it.
var nilPtr *uint32

func cmdTrap(*testTA, *ta.Params) error {
	return ta.Result(*nilPtr)
}

func cmdWait(_ *testTA, p *ta.Params) error {
	if p.Type(0) != ta.ParamValueInput {
		return ta.ErrBadParameters
	}
	ms, _ := p.Value(0)
	ta.UnmaskCancellation() // entry points start masked, as in OP-TEE
	return ta.Wait(ms)
}

func cmdLoopUntilCancel(*testTA, *ta.Params) error {
	ta.UnmaskCancellation()
	for !ta.GetCancellationFlag() {
	}
	return ta.ErrCancel
}

// spins is CmdSpin's counter: the loop has work the compiler must keep.
var spins uint64

func cmdSpin(*testTA, *ta.Params) error {
	for {
		spins++
	}
}

func cmdRandom(_ *testTA, p *ta.Params) error {
	if p.Type(0) != ta.ParamMemrefOutput {
		return ta.ErrBadParameters
	}
	ta.GenerateRandom(p.Memref(0))
	return nil
}

func cmdTime(_ *testTA, p *ta.Params) error {
	if p.Type(0) != ta.ParamValueOutput {
		return ta.ErrBadParameters
	}
	t := ta.GetSystemTime()
	p.SetValue(0, t.Seconds, t.Millis)
	return nil
}

func cmdTATime(_ *testTA, p *ta.Params) error {
	op, _ := p.Value(0)
	if p.Type(0) != ta.ParamValueInput || p.Type(1) != ta.ParamValueInout || op > 1 {
		return ta.ErrBadParameters
	}
	if op == 1 {
		s, ms := p.Value(1)
		return ta.SetTAPersistentTime(ta.Time{Seconds: s, Millis: ms})
	}
	t, err := ta.GetTAPersistentTime()
	p.SetValue(1, t.Seconds, t.Millis)
	return err
}

func cmdCheckAccess(_ *testTA, p *ta.Params) error {
	if !p.Type(0).IsMemref() || p.Type(1) != ta.ParamValueInput {
		return ta.ErrBadParameters
	}
	flags, _ := p.Value(1)
	return ta.CheckMemoryAccessRights(flags, p.Memref(0))
}

func cmdLog(_ *testTA, p *ta.Params) error {
	if p.Type(0) != ta.ParamMemrefInput {
		return ta.ErrBadParameters
	}
	text := string(p.Memref(0))
	ta.EMsg("%s", text)
	ta.IMsg("%s", text)
	ta.DMsg("%s", text)
	ta.FMsg("%s", text)
	return nil
}

func cmdClientIdentity(_ *testTA, p *ta.Params) error {
	if p.Type(0) != ta.ParamValueOutput || p.Type(1) != ta.ParamMemrefOutput {
		return ta.ErrBadParameters
	}
	id, err := ta.GetPropertyAsIdentity(ta.PropSetCurrentClient, "gpd.client.identity")
	if err != nil {
		return err
	}
	if p.MemrefSize(1) < uint32(len(id.UUID)) {
		p.SetMemrefSize(1, uint32(len(id.UUID)))
		return ta.ErrShortBuffer
	}
	if p.Memref(1) == nil {
		return ta.ErrBadParameters
	}
	copy(p.Memref(1), id.UUID[:])
	p.SetMemrefSize(1, uint32(len(id.UUID)))
	p.SetValue(0, id.Login, 0)
	return nil
}

func cmdCopy(_ *testTA, p *ta.Params) error {
	if p.Type(0) != ta.ParamMemrefInput || p.Type(1) != ta.ParamMemrefOutput {
		return ta.ErrBadParameters
	}
	in, n := p.Memref(0), p.MemrefSize(0)
	if p.MemrefSize(1) < n {
		p.SetMemrefSize(1, n)
		return ta.ErrShortBuffer
	}
	if n > 0 && (in == nil || p.Memref(1) == nil) {
		return ta.ErrBadParameters
	}
	ta.MemMove(p.Memref(1), in)
	p.SetMemrefSize(1, n)
	return nil
}

// cmdTACall is CmdTACall: p0 names the callee (UUID in canonical byte
// order, then the command, u32 little-endian); p1 and p2 become the
// callee's p0 and p1, and its outputs come back into them; p3, when
// VALUE_OUTPUT, gets the origin and the result of the call that failed, or
// of the invoke.
func cmdTACall(_ *testTA, p *ta.Params) error {
	if p.Type(0) != ta.ParamMemrefInput || p.Memref(0) == nil || p.MemrefSize(0) < 20 {
		return ta.ErrBadParameters
	}
	in := p.Memref(0)
	var dest ta.UUID
	copy(dest[:], in)
	cmd := binary.LittleEndian.Uint32(in[16:])

	ta.UnmaskCancellation()
	s, origin, err := ta.OpenTASession(dest, ta.TimeoutInfinite, nil)
	if err == nil {
		cp := ta.NewParams(p.Arg(1), p.Arg(2), ta.None(), ta.None())
		origin, err = s.InvokeCommand(ta.TimeoutInfinite, cmd, cp)
		for i := range 2 {
			switch t := cp.Type(i); {
			case t.IsValue():
				a, b := cp.Value(i)
				p.SetValue(i+1, a, b)
			case t.IsMemref():
				p.SetMemrefSize(i+1, cp.MemrefSize(i))
			}
		}
		s.Close()
	}
	if p.Type(3) == ta.ParamValueOutput {
		p.SetValue(3, uint32(origin), uint32(ta.ResultOf(err)))
	}
	return err
}

// cmdTANullLoop makes p1.a null invokes of p0's callee on one session.
func cmdTANullLoop(_ *testTA, p *ta.Params) error {
	if p.Type(0) != ta.ParamMemrefInput || p.Memref(0) == nil || p.MemrefSize(0) < 16 || p.Type(1) != ta.ParamValueInput {
		return ta.ErrBadParameters
	}
	var dest ta.UUID
	copy(dest[:], p.Memref(0))
	n, _ := p.Value(1)
	s, _, err := ta.OpenTASession(dest, ta.TimeoutInfinite, nil)
	if err != nil {
		return err
	}
	defer s.Close()
	for i := uint32(0); i < n && err == nil; i++ {
		_, err = s.InvokeCommand(ta.TimeoutInfinite, testta.CmdNull, nil)
	}
	return err
}

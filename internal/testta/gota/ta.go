package main

import (
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/sdk/go/ta"
)

// testTA keeps what lives in the instance's global memory.
type testTA struct {
	ta.NopTA
	counter uint32   // CmdCounter
	hog     [][]byte // CmdMallocHog's blocks
}

// command is one entry of the dispatch table.
type command func(t *testTA, p *ta.Params) error

var commands = map[uint32]command{
	testta.CmdTANullLoop:      cmdTANullLoop,
	testta.CmdNull:            func(*testTA, *ta.Params) error { return nil },
	testta.CmdParams:          func(_ *testTA, p *ta.Params) error { transform(p); return nil },
	testta.CmdShortBuffer:     cmdShortBuffer,
	testta.CmdPanic:           func(*testTA, *ta.Params) error { ta.Panic(testta.PanicCode); return nil },
	testta.CmdTrap:            cmdTrap,
	testta.CmdWait:            cmdWait,
	testta.CmdLoopUntilCancel: cmdLoopUntilCancel,
	testta.CmdSpin:            cmdSpin,
	testta.CmdMallocHog:       (*testTA).mallocHog,
	testta.CmdRandom:          cmdRandom,
	testta.CmdTime:            cmdTime,
	testta.CmdCheckAccess:     cmdCheckAccess,
	testta.CmdMemFuncs:        cmdMemFuncs,
	testta.CmdLog:             cmdLog,
	testta.CmdClientIdentity:  cmdClientIdentity,
	testta.CmdCounter:         (*testTA).count,
	testta.CmdCopy:            cmdCopy,
	testta.CmdTACall:          cmdTACall,
	testta.CmdTATime:          cmdTATime,
}

// OpenSession applies CmdParams' transformation, unless p0 is a
// VALUE_INPUT with a == OpenRefuse.
func (t *testTA) OpenSession(p *ta.Params) (any, error) {
	if p.Type(0) == ta.ParamValueInput {
		if a, _ := p.Value(0); a == testta.OpenRefuse {
			return nil, ta.ErrAccessDenied
		}
	}
	transform(p)
	return nil, nil
}

// Invoke runs cmd from the table; an unknown command is
// TEE_ERROR_NOT_SUPPORTED, as in the C test TA.
func (t *testTA) Invoke(_ any, cmd uint32, p *ta.Params) error {
	f, ok := commands[cmd]
	if !ok {
		return ta.ErrNotSupported
	}
	return f(t, p)
}

func (t *testTA) count(p *ta.Params) error {
	if p.Type(0) != ta.ParamValueOutput {
		return ta.ErrBadParameters
	}
	t.counter++
	p.SetValue(0, t.counter, 0)
	return nil
}

// mallocHog takes 64 KiB blocks until an allocation fails. In Go the
// runtime usually aborts first, when the core's memory cap stops the heap
// from growing: the instance then dies (TARGET_DEAD), as proto.go says.
func (t *testTA) mallocHog(p *ta.Params) error {
	if p.Type(0) != ta.ParamValueOutput {
		return ta.ErrBadParameters
	}
	const block = 64 << 10
	for {
		b := ta.Malloc(block, ta.MallocNoFill)
		if b == nil {
			break
		}
		b[0], b[block-1] = 1, 1 // touch it
		t.hog = append(t.hog, b)
	}
	kib := uint32(len(t.hog) * (block >> 10))
	for _, b := range t.hog {
		ta.Free(b)
	}
	t.hog = nil
	p.SetValue(0, kib, 0)
	return ta.ErrOutOfMemory
}

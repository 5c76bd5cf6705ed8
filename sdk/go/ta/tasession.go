package ta

import (
	"errors"

	"github.com/veritee/veritee/internal/abi"
)

// Origin is a TEE_ORIGIN_* value (GPD_SPE_010 §4.9): which layer produced
// the result of a call into another TA.
type Origin uint32

// Return origins.
const (
	OriginAPI        = Origin(abi.OriginAPI)
	OriginComms      = Origin(abi.OriginComms)
	OriginTEE        = Origin(abi.OriginTEE)
	OriginTrustedApp = Origin(abi.OriginTrustedApp)
)

// String returns the GP name of o, for example "TRUSTED_APP".
func (o Origin) String() string { return abi.Origin(o).String() }

// TASession is a session this TA opened with another TA (a
// TEE_TASessionHandle, GPD_SPE_010 §4.9). The callee sees this TA as a
// TEE_LOGIN_TRUSTED_APP client.
//
// The parameters p of OpenTASession and InvokeCommand are built with
// NewParams (or passed on with Params.Arg); nil is no parameters. The core
// reads p as it stands — a memory reference passes Memref(i) with size
// MemrefSize(i), but never more than len(Memref(i)); a NULL one passes its
// size only — and on return updates it in place: the values of VALUE_OUTPUT
// and VALUE_INOUT parameters, the size of output memory references (with
// ErrShortBuffer, the size the callee needs), and the bytes the callee
// wrote, straight into the caller's buffers.
type TASession struct {
	h uint32 // the core's session handle; 0 once closed
}

// OpenTASession is TEE_OpenTASession (GPD_SPE_010 §4.9.1): it opens a
// session with the TA dest, passing p to its TA_OpenSessionEntryPoint, and
// cancels the call after cancellationTimeout milliseconds (TimeoutInfinite:
// never; a cancellation of this TA's own operation is passed on either way).
//
// On success it returns the session and OriginTrustedApp. Otherwise the
// session is nil and the error is a Result: the callee's (origin
// OriginTrustedApp), or the core's: ErrOutOfMemory, ErrItemNotFound (no
// such TA), ErrAccessDenied, ErrBusy (a single-session TA already busy, or
// the callee already on the call chain), ErrTargetDead, ErrCancel. Any other
// error of the core is a misuse by this TA (undefined parameter types, for
// example), and panics it, as GP prescribes.
func OpenTASession(dest UUID, cancellationTimeout uint32, p *Params) (*TASession, Origin, error) {
	h, origin, r := sys.openTASession(dest, cancellationTimeout, p)
	if origin != OriginTrustedApp && !openResultOK(r) {
		Panic(r)
	}
	if r != Success {
		return nil, origin, r.err()
	}
	return &TASession{h: h}, origin, nil
}

// InvokeCommand is TEE_InvokeTACommand (GPD_SPE_010 §4.9.3): it runs
// command cmd of the session's TA with p, cancelled after
// cancellationTimeout milliseconds (TimeoutInfinite: never).
//
// The error is nil or a Result: the callee's (origin OriginTrustedApp), or
// the core's: ErrOutOfMemory, ErrTargetDead, ErrBusy (the callee is on the
// call chain), ErrCancel. Any other error of the core — above all, a session
// that is closed or not this TA's — panics the TA, as GP prescribes.
func (s *TASession) InvokeCommand(cancellationTimeout, cmd uint32, p *Params) (Origin, error) {
	var h uint32
	if s != nil {
		h = s.h
	}
	origin, r := sys.invokeTACommand(h, cancellationTimeout, cmd, p)
	if origin != OriginTrustedApp && !invokeResultOK(r) {
		Panic(r)
	}
	return origin, r.err()
}

// Close is TEE_CloseTASession (GPD_SPE_010 §4.9.2): it closes the session.
// Closing a nil or an already closed session does nothing, as closing
// TEE_HANDLE_NULL does; the core refusing the handle panics the TA.
func (s *TASession) Close() {
	if s == nil || s.h == 0 {
		return
	}
	h := s.h
	s.h = 0
	if r := sys.closeTASession(h); r != Success {
		Panic(r)
	}
}

// openResultOK reports whether the core may answer an open with r: GP's
// return codes, and ErrCancel (cancelled before the callee ran).
func openResultOK(r Result) bool {
	switch r {
	case Success, ErrOutOfMemory, ErrItemNotFound, ErrAccessDenied, ErrBusy, ErrTargetDead, ErrCancel:
		return true
	}
	return false
}

// invokeResultOK is openResultOK for an invoke: GP's codes, ErrBusy (the
// callee is on the call chain) and ErrCancel.
func invokeResultOK(r Result) bool {
	switch r {
	case Success, ErrOutOfMemory, ErrTargetDead, ErrBusy, ErrCancel:
		return true
	}
	return false
}

// ResultOf returns the TEE_Result an error stands for: Success for nil,
// the Result an error is or wraps, else ErrGeneric (what the SDK reports to
// the client for such an error).
func ResultOf(err error) Result {
	if err == nil {
		return Success
	}
	var r Result
	if errors.As(err, &r) {
		return r
	}
	return ErrGeneric
}

// Arg returns parameter i as an Arg, to pass it on to another TA: same
// type, values and size, its buffer aliased. After the call, copy the
// outputs back with SetValue and SetMemrefSize (the bytes are already in
// the buffer).
func (p *Params) Arg(i int) Arg {
	t := p.types.At(i)
	q := p.p[i]
	switch {
	case t.IsValue():
		return Arg{typ: t, a: q.a, b: q.b}
	case t.IsMemref():
		return Arg{typ: t, mem: q.mem, size: q.size}
	}
	return Arg{}
}

// callSize is the memref.size the core gets for parameter i, a memory
// reference: never more than its buffer.
func (p *Params) callSize(i int) uint32 {
	q := &p.p[i]
	if q.mem != nil && uint64(q.size) > uint64(len(q.mem)) {
		return uint32(len(q.mem))
	}
	return q.size
}

// setOutput stores what the core wrote back for parameter i: a and b of an
// output value, the size of an output memory reference.
func (p *Params) setOutput(i int, a, b uint32) {
	t := p.types.At(i)
	switch {
	case t.IsValue() && t.IsOutput():
		p.p[i].a, p.p[i].b = a, b
	case t.IsMemref() && t.IsOutput():
		p.p[i].size = b
	}
}

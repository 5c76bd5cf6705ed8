package teec

import (
	"context"
	"sync"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
)

// Session is a TEEC_Session (GPD_SPE_007 §4.3.3): an open connection to one
// Trusted Application. It is safe for concurrent use; the TEE runs the calls
// into one TA instance one at a time.
type Session struct {
	ctx *Context
	id  uint32

	mu     sync.Mutex
	closed bool
}

// OpenSession is TEEC_OpenSession (GPD_SPE_007 §4.5.8): it opens a session
// with the TA dest, identifying this client by login. connectionData is the
// group id for LoginGroup and LoginGroupApplication, required there and
// must be nil for the other methods. op, which may be nil, carries the
// parameters of TA_OpenSessionEntryPoint; its outputs are written back. ctx
// bounds the wait: when it ends, the TEE is asked to cancel.
//
// Results: nil; ErrBadParameters (origin API) for an unknown login method,
// wrong connection data or a parameter that fails the checks of Operation;
// ErrBadState (origin API) after Finalize or when op is in use; ErrCancel
// (origin API, wrapping ctx.Err()) when ctx has ended before the call;
// otherwise the TEE's or the TA's code and origin, for example
// ErrItemNotFound (origin TEE) for an unknown TA, ErrAccessDenied (origin
// TRUSTED_APP) when the TA refuses, ErrBusy (origin TEE) for a TA that
// takes one session only, ErrCommunication (origin COMMS) for a broken
// connection.
func (c *Context) OpenSession(ctx context.Context, dest UUID, login LoginMethod, connectionData *uint32, op *Operation) (*Session, error) {
	const name = "OpenSession"
	needs, known := login.needsConnData()
	switch {
	case !known:
		return nil, apiError(name, ErrBadParameters, "unknown login method 0x%x", uint32(login))
	case needs && connectionData == nil:
		return nil, apiError(name, ErrBadParameters, "%v needs connection data (a group id)", login)
	case !needs && connectionData != nil:
		return nil, apiError(name, ErrBadParameters, "%v takes no connection data", login)
	}
	req := &teeconn.OpenRequest{UUID: dest, Login: uint32(login)}
	if connectionData != nil {
		req.ConnData = *connectionData
	}
	var id uint32
	err := c.run(ctx, name, op, func(ctx context.Context, cl *call, cancel *teeconn.Cancel) abi.Ret {
		req.Params, req.Cancel = cl.params, cancel
		var ret abi.Ret
		id, ret = c.conn.OpenSession(ctx, req)
		cl.params = req.Params
		return ret
	})
	if err != nil {
		return nil, err
	}
	s := &Session{ctx: c, id: id}
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		c.conn.CloseSession(context.Background(), id)
		return nil, apiError(name, ErrBadState, "context finalized")
	}
	c.sessions[s] = struct{}{}
	c.mu.Unlock()
	return s, nil
}

// InvokeCommand is TEEC_InvokeCommand (GPD_SPE_007 §4.5.9): it invokes
// command commandID of the session's TA with op's parameters (op may be
// nil) and writes the outputs back into op, also when the TA returns an
// error such as ErrShortBuffer. ctx bounds the wait: when it ends, the TEE
// is asked to cancel.
//
// Results: nil; ErrBadParameters (origin API) for a parameter that fails the
// checks of Operation; ErrBadState (origin API) after Close or Finalize or
// when op is in use; ErrCancel (origin API, wrapping ctx.Err()) when ctx has
// ended before the call; otherwise the TA's code with origin TRUSTED_APP,
// or the TEE's (ErrTargetDead when the TA instance died, ErrBadParameters
// for parameters the core refuses) or the transport's (ErrCommunication,
// origin COMMS).
func (s *Session) InvokeCommand(ctx context.Context, commandID uint32, op *Operation) error {
	const name = "InvokeCommand"
	if s.isClosed() {
		return apiError(name, ErrBadState, "session closed")
	}
	c := s.ctx
	return c.run(ctx, name, op, func(ctx context.Context, cl *call, cancel *teeconn.Cancel) abi.Ret {
		req := &cl.inv
		*req = teeconn.InvokeRequest{Session: s.id, Cmd: commandID, Params: cl.params, Cancel: cancel}
		ret := c.conn.Invoke(ctx, req)
		cl.params = req.Params
		return ret
	})
}

// Close is TEEC_CloseSession (GPD_SPE_007 §4.5.9): it closes the session,
// after which the TA's TA_CloseSessionEntryPoint has run. A call still
// running in the session is the TEE's to finish or fail.
//
// Results: nil; ErrBadState (origin API) when the session is already closed,
// also by Finalize; the TEE's or the transport's code when it could not
// close the session.
func (s *Session) Close() error {
	const name = "CloseSession"
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return apiError(name, ErrBadState, "session already closed")
	}
	s.closed = true
	s.mu.Unlock()
	s.ctx.mu.Lock()
	delete(s.ctx.sessions, s)
	s.ctx.mu.Unlock()
	return retError(name, s.ctx.conn.CloseSession(context.Background(), s.id), nil)
}

// closeForFinalize closes s unless it is already closed.
func (s *Session) closeForFinalize() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	s.mu.Unlock()
	return retError("FinalizeContext", s.ctx.conn.CloseSession(context.Background(), s.id), nil)
}

// isClosed reports whether s was closed.
func (s *Session) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// run performs one call with op: it claims op, converts and checks its
// parameters, sends them, and writes the outputs back when the TA ran.
func (c *Context) run(ctx context.Context, name string, op *Operation,
	send func(context.Context, *call, *teeconn.Cancel) abi.Ret) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if c.isClosed() {
		return apiError(name, ErrBadState, "context finalized")
	}
	if err := ctx.Err(); err != nil {
		return &Error{Op: name, Result: ErrCancel, Origin: OriginAPI, Err: err}
	}
	cancel, err := op.start(name)
	if err != nil {
		return err
	}
	defer op.end()
	cl, err := c.prepare(name, op)
	if err != nil {
		return err
	}
	ret := send(ctx, cl, cancel)
	cl.finish(ret.OK() || ret.Origin == abi.OriginTrustedApp)
	cl.recycle()
	return retError(name, ret, ctx.Err())
}

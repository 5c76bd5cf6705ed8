package core

import (
	"context"
	"sync"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/taruntime"
	"github.com/veritee/veritee/internal/teeconn"
)

// conn is one client connection: its identity and its open sessions.
type conn struct {
	core *Core
	id   teeconn.Identity
	// ta is set when the client is a TA instance (TA-to-TA calls): it then
	// logs in as TEE_LOGIN_TRUSTED_APP with its own UUID, whatever login it
	// asks for (GPD_SPE_010 §4.9.1).
	ta *abi.UUID

	mu       sync.Mutex
	sessions map[uint32]*session
	next     uint32
	closed   bool
}

// session is an open session: the instance it lives on and the runtime's
// per-session state.
type session struct {
	in *instance
	rs *taruntime.Session
}

var _ teeconn.Conn = (*conn)(nil)

// OpenSession implements teeconn.Conn (GPD_SPE_007 §4.5.3 TEEC_OpenSession).
func (c *conn) OpenSession(ctx context.Context, req *teeconn.OpenRequest) (uint32, abi.Ret) {
	if ret := checkParams(&req.Params); !ret.OK() {
		return 0, ret
	}
	client, ret := c.identity(req.Login, req.ConnData)
	if !ret.OK() {
		return 0, ret
	}
	e, err := c.core.entry(req.UUID)
	if err != nil {
		return 0, abi.TEE(abi.ErrBusy)
	}
	in, rs, ret := e.openSession(ctx, client, &req.Params, req.Cancel)
	if !ret.OK() {
		return 0, ret
	}
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		closeSession(context.WithoutCancel(ctx), &session{in: in, rs: rs})
		return 0, abi.Ret{Code: abi.ErrCommunication, Origin: abi.OriginComms}
	}
	c.next++
	for c.sessions[c.next] != nil || c.next == 0 {
		c.next++
	}
	id := c.next
	c.sessions[id] = &session{in: in, rs: rs}
	c.mu.Unlock()
	return id, abi.Ret{}
}

// Invoke implements teeconn.Conn (GPD_SPE_007 §4.5.4 TEEC_InvokeCommand).
func (c *conn) Invoke(ctx context.Context, req *teeconn.InvokeRequest) abi.Ret {
	if ret := checkParams(&req.Params); !ret.OK() {
		return ret
	}
	c.mu.Lock()
	s := c.sessions[req.Session]
	c.mu.Unlock()
	if s == nil {
		return abi.TEE(abi.ErrBadParameters)
	}
	if req.Cancel.Requested() {
		return abi.TEE(abi.ErrCancel)
	}
	if onChain(ctx, s.in) {
		return abi.TEE(abi.ErrBusy)
	}
	return s.in.rt.Invoke(withChain(ctx, s.in), s.rs, req.Cmd, &req.Params, req.Cancel)
}

// identity is the TEE_Identity this connection's client gets for a login.
func (c *conn) identity(login, connData uint32) (abi.Identity, abi.Ret) {
	if c.ta != nil {
		return abi.Identity{Login: abi.LoginTrustedApp, UUID: *c.ta}, abi.Ret{}
	}
	return clientIdentity(c.id, login, connData)
}

// CloseSession implements teeconn.Conn (GPD_SPE_007 §4.5.5).
func (c *conn) CloseSession(ctx context.Context, id uint32) abi.Ret {
	c.mu.Lock()
	s := c.sessions[id]
	delete(c.sessions, id)
	c.mu.Unlock()
	if s == nil {
		return abi.TEE(abi.ErrBadParameters)
	}
	closeSession(ctx, s)
	return abi.Ret{}
}

func closeSession(ctx context.Context, s *session) {
	if !s.in.rt.Dead() {
		s.in.rt.CloseSession(ctx, s.rs)
	}
	s.in.entry.detach(ctx, s.in)
}

// Close implements teeconn.Conn: the client is gone, so its sessions close.
func (c *conn) Close() error {
	c.closeWith(context.Background())
	return nil
}

func (c *conn) closeWith(ctx context.Context) {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return
	}
	c.closed = true
	ss := c.sessions
	c.sessions = nil
	c.mu.Unlock()
	for _, s := range ss {
		closeSession(ctx, s)
	}
	c.core.forget(c)
}

// checkParams rejects parameters that no client library should send; the
// transport and teec check them too, but the core trusts nobody.
func checkParams(p *teeconn.Params) abi.Ret {
	for i := range p {
		t := p[i].Type
		if !t.Valid() {
			return abi.TEE(abi.ErrBadParameters)
		}
		if t.IsMemref() && (p[i].Size > abi.MaxMemrefSize || (p[i].Mem != nil && uint64(len(p[i].Mem)) != p[i].Size)) {
			return abi.TEE(abi.ErrBadParameters)
		}
	}
	return abi.Ret{}
}

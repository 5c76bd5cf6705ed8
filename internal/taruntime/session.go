package taruntime

import (
	"context"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/hostapi"
	"github.com/veritee/veritee/internal/teeconn"
)

// Session is the runtime's side of one session with an instance.
type Session struct {
	// Client is the client's identity (gpd.client.identity).
	Client abi.Identity

	ctxPtr uint32 // the TA's session context (void *)
	masked bool   // cancellation mask; starts masked (GPD_SPE_010 §4.10)
	open   bool
}

// NewSession returns a session for client, with cancellation masked.
func NewSession(client abi.Identity) *Session {
	return &Session{Client: client, masked: true}
}

// enter prepares the per-call state of the system calls.
func (i *Instance) enter(ctx context.Context, s *Session, c *teeconn.Cancel) *hostapi.Call {
	call := &i.state.Call
	// The caller's context goes to the system calls even when it cannot be
	// cancelled: TA-to-TA calls carry on its values (the core's record of
	// the call chain).
	*call = hostapi.Call{Client: s.Client, Masked: &s.masked, Cancel: c, Ctx: ctx}
	return call
}

// leave clears the per-call state so nothing outlives the call.
func (i *Instance) leave() { i.state.Call = hostapi.Call{} }

// OpenSession calls TA_OpenSessionEntryPoint (GPD_SPE_010 §4.3.3) and, on
// success, keeps the TA's session context in s. Results: the TA's, with
// origin TRUSTED_APP; BAD_PARAMETERS (origin TEE) for parameters the core
// refuses before entering the TA; TARGET_DEAD (origin TEE) when the
// instance is or becomes dead.
func (i *Instance) OpenSession(ctx context.Context, s *Session, p *teeconn.Params, c *teeconn.Cancel) abi.Ret {
	if res := checkParams(p); res != abi.Success {
		return abi.TEE(res)
	}
	i.mu.Lock()
	defer i.mu.Unlock()
	if i.dead.Load() {
		return abi.TEE(abi.ErrTargetDead)
	}
	call := i.enter(ctx, s, c)
	defer i.leave()
	if !i.copyIn(ctx, p, call) {
		return abi.TEE(abi.ErrTargetDead)
	}
	if !i.mod.Memory().WriteUint32Le(i.scratch+sessCtxOffset, 0) {
		i.die(errScratch)
		return abi.TEE(abi.ErrTargetDead)
	}
	i.stack[0] = uint64(types(p))
	i.stack[1] = uint64(i.scratch)
	i.stack[2] = uint64(i.scratch + sessCtxOffset)
	if i.call(ctx, i.fnOpen, 3) != nil {
		return abi.TEE(abi.ErrTargetDead)
	}
	res := abi.Result(uint32(i.stack[0]))
	i.copyOut(p, res)
	if res == abi.Success {
		v, ok := i.mod.Memory().ReadUint32Le(i.scratch + sessCtxOffset)
		if !ok {
			i.die(errScratch)
			return abi.TEE(abi.ErrTargetDead)
		}
		s.ctxPtr, s.open = v, true
	}
	i.freeBufs(ctx)
	if i.dead.Load() {
		return abi.TEE(abi.ErrTargetDead)
	}
	return abi.Ret{Code: res, Origin: abi.OriginTrustedApp}
}

// Invoke calls TA_InvokeCommandEntryPoint (GPD_SPE_010 §4.3.5) for
// command cmd. Results as OpenSession.
func (i *Instance) Invoke(ctx context.Context, s *Session, cmd uint32, p *teeconn.Params, c *teeconn.Cancel) abi.Ret {
	if res := checkParams(p); res != abi.Success {
		return abi.TEE(res)
	}
	i.mu.Lock()
	defer i.mu.Unlock()
	if i.dead.Load() {
		return abi.TEE(abi.ErrTargetDead)
	}
	call := i.enter(ctx, s, c)
	defer i.leave()
	if !i.copyIn(ctx, p, call) {
		return abi.TEE(abi.ErrTargetDead)
	}
	i.stack[0] = uint64(s.ctxPtr)
	i.stack[1] = uint64(cmd)
	i.stack[2] = uint64(types(p))
	i.stack[3] = uint64(i.scratch)
	if i.call(ctx, i.fnInvoke, 4) != nil {
		return abi.TEE(abi.ErrTargetDead)
	}
	res := abi.Result(uint32(i.stack[0]))
	i.copyOut(p, res)
	if i.nbufs > 0 {
		i.freeBufs(ctx)
	}
	if i.dead.Load() {
		return abi.TEE(abi.ErrTargetDead)
	}
	return abi.Ret{Code: res, Origin: abi.OriginTrustedApp}
}

// CloseSession calls TA_CloseSessionEntryPoint (GPD_SPE_010 §4.3.4) for
// an open session. Nothing happens when the instance is dead.
func (i *Instance) CloseSession(ctx context.Context, s *Session) {
	i.mu.Lock()
	defer i.mu.Unlock()
	if i.dead.Load() || !s.open {
		return
	}
	s.open = false
	i.enter(ctx, s, nil)
	defer i.leave()
	i.stack[0] = uint64(s.ctxPtr)
	i.call(ctx, i.fnClose, 1)
}

func types(p *teeconn.Params) uint32 {
	if p == nil {
		return 0
	}
	return p.Types()
}

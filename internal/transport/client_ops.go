package transport

import (
	"context"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
	"github.com/veritee/veritee/internal/wire"
)

var _ interface {
	teeconn.Conn
	teeconn.SharedMemoryAllocator
} = (*ClientConn)(nil)

// OpenSession sends OPEN_SESSION and updates req.Params from the reply
// (GPD_SPE_007 §4.5.3, TEEC_OpenSession). Besides the daemon's results it
// returns TEE_ERROR_COMMUNICATION (origin COMMS) on a broken connection,
// TEE_ERROR_CANCEL (origin COMMS) when ctx ends and the daemon does not
// answer within CancelGrace, TEE_ERROR_EXCESS_DATA (origin COMMS) when the
// request does not fit a frame, and TEE_ERROR_BAD_PARAMETERS (origin API)
// for a memory reference whose Size exceeds its buffer.
func (cc *ClientConn) OpenSession(ctx context.Context, req *teeconn.OpenRequest) (uint32, abi.Ret) {
	w := newCall()
	defer releaseCall(w)
	m := &w.req
	*m = wire.Msg{Type: wire.TypeOpenSession, UUID: req.UUID, Login: req.Login, ConnData: req.ConnData}
	if ret := paramsToWire(&m.Params, &req.Params); !ret.OK() {
		return 0, ret
	}
	ret := cc.do(ctx, w, req.Cancel, nil)
	r := &w.rep
	if r.Type != wire.TypeOpenSessionReply {
		return 0, ret
	}
	if ret := paramsFromWire(&req.Params, &r.Params); !ret.OK() {
		cc.fail(errBadReply)
		return 0, ret
	}
	if !r.Ret.OK() {
		return 0, r.Ret
	}
	return r.Session, r.Ret
}

// Invoke sends INVOKE and updates req.Params from the reply (GPD_SPE_007
// §4.5.9, TEEC_InvokeCommand). It returns what OpenSession returns.
func (cc *ClientConn) Invoke(ctx context.Context, req *teeconn.InvokeRequest) abi.Ret {
	w := newCall()
	defer releaseCall(w)
	m := &w.req
	*m = wire.Msg{Type: wire.TypeInvoke, Session: req.Session, Cmd: req.Cmd}
	if ret := paramsToWire(&m.Params, &req.Params); !ret.OK() {
		return ret
	}
	ret := cc.do(ctx, w, req.Cancel, nil)
	r := &w.rep
	if r.Type != wire.TypeInvokeReply {
		return ret
	}
	if ret := paramsFromWire(&req.Params, &r.Params); !ret.OK() {
		cc.fail(errBadReply)
		return ret
	}
	return r.Ret
}

// CloseSession sends CLOSE_SESSION (GPD_SPE_007 §4.5.4).
func (cc *ClientConn) CloseSession(ctx context.Context, session uint32) abi.Ret {
	m := wire.Msg{Type: wire.TypeCloseSession, Session: session}
	r, ret := cc.roundTrip(ctx, &m, nil, nil)
	if r.Type != wire.TypeCloseSessionReply {
		return ret
	}
	return r.Ret
}

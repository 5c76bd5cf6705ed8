package transport

import (
	"context"
	"slices"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
	"github.com/veritee/veritee/internal/wire"
)

// handleHello picks the protocol version, opens the core's side of the
// connection, and announces the daemon's limits. A client that speaks no
// version of ours, or whose connection the core refuses, is answered and
// disconnected.
func (sc *serverConn) handleHello(m *wire.Msg) bool {
	r := m.Reply(abi.Ret{})
	if sc.tc != nil {
		r.Ret = abi.Ret{Code: abi.ErrBadState, Origin: abi.OriginComms}
		sc.write(&r)
		return true
	}
	if !slices.Contains(m.Versions, wire.Version) {
		r.Ret = abi.Ret{Code: abi.ErrNotSupported, Origin: abi.OriginComms}
		sc.write(&r)
		return false
	}
	tc, err := sc.s.Dial(sc.id)
	if err != nil {
		sc.log.Warn("transport: the core refused a client", "err", err)
		r.Ret = abi.Ret{Code: abi.ErrCommunication, Origin: abi.OriginTEE}
		sc.write(&r)
		return false
	}
	sc.tc = tc
	r.Version, r.MaxFrame, r.MaxInflight = wire.Version, sc.maxFrame, uint32(sc.s.maxInflight())
	sc.write(&r)
	return true
}

// op is one operation in flight: its cancellation flag, and its context,
// a child of the connection's, which a CANCEL with wire.CancelAbandon
// cancels on its own.
type op struct {
	flag *teeconn.Cancel
	ctx  context.Context
	stop context.CancelFunc
}

// startOp admits a request that may block in the core: it counts it in
// flight and creates its cancellation flag and context here, in the reader,
// so that a CANCEL read after it always finds them. It answers BUSY past
// the limit.
func (sc *serverConn) startOp(m *wire.Msg) (*op, bool) {
	sc.mu.Lock()
	if _, dup := sc.inflight[m.ID]; dup {
		sc.mu.Unlock()
		sc.replyError(m.ID, retBadParamsComms)
		return nil, false
	}
	if len(sc.inflight) >= sc.s.maxInflight() {
		sc.mu.Unlock()
		sc.replyError(m.ID, abi.Ret{Code: abi.ErrBusy, Origin: abi.OriginComms})
		return nil, false
	}
	o := &op{flag: teeconn.NewCancel()}
	o.ctx, o.stop = context.WithCancel(sc.ctx)
	sc.inflight[m.ID] = o
	sc.ops.Add(1)
	sc.mu.Unlock()
	return o, true
}

// endOp takes a request out of flight; a CANCEL for it is ignored from now
// on.
func (sc *serverConn) endOp(id uint64) {
	sc.mu.Lock()
	o := sc.inflight[id]
	delete(sc.inflight, id)
	sc.mu.Unlock()
	if o != nil {
		o.stop()
	}
	sc.ops.Done()
}

func (sc *serverConn) handleOpenSession(m *wire.Msg) bool {
	o, ok := sc.startOp(m)
	if !ok {
		return true
	}
	req := &teeconn.OpenRequest{UUID: m.UUID, Login: m.Login, ConnData: m.ConnData, Cancel: o.flag}
	var res resolved
	if ret := sc.resolve(&req.Params, &m.Params, &res); !ret.OK() {
		sc.endOp(m.ID)
		sc.replyError(m.ID, ret)
		return true
	}
	go func() {
		session, ret := sc.tc.OpenSession(o.ctx, req)
		r := m.Reply(ret)
		if ret.OK() {
			r.Session = session
		}
		sc.finishOp(m, &r, &req.Params, &res)
	}()
	return true
}

func (sc *serverConn) handleInvoke(m *wire.Msg) bool {
	o, ok := sc.startOp(m)
	if !ok {
		return true
	}
	req := &teeconn.InvokeRequest{Session: m.Session, Cmd: m.Cmd, Cancel: o.flag}
	var res resolved
	if ret := sc.resolve(&req.Params, &m.Params, &res); !ret.OK() {
		sc.endOp(m.ID)
		sc.replyError(m.ID, ret)
		return true
	}
	go func() {
		ret := sc.tc.Invoke(o.ctx, req)
		r := m.Reply(ret)
		sc.finishOp(m, &r, &req.Params, &res)
	}()
	return true
}

// finishOp sends an operation's reply with its updated parameters, then
// drops its shared memory references.
func (sc *serverConn) finishOp(m *wire.Msg, r *wire.Msg, ps *teeconn.Params, res *resolved) {
	replyParams(&r.Params, &m.Params, ps, res, r.Ret.OK())
	sc.endOp(m.ID)
	sc.write(r)
	res.release(&sc.shm)
}

func (sc *serverConn) handleCloseSession(m *wire.Msg) bool {
	o, ok := sc.startOp(m)
	if !ok {
		return true
	}
	go func() {
		r := m.Reply(sc.tc.CloseSession(o.ctx, m.Session))
		sc.endOp(m.ID)
		sc.write(&r)
	}()
	return true
}

// handleCancel sets the cancellation flag of request m.Target and, with
// wire.CancelAbandon (the client stopped waiting), cancels its context too,
// which tells the core to kill the TA if it does not return in time. A
// CANCEL for an unknown or finished request is ignored; CANCEL has no
// reply.
func (sc *serverConn) handleCancel(m *wire.Msg) bool {
	sc.mu.Lock()
	o := sc.inflight[m.Target]
	sc.mu.Unlock()
	if o == nil {
		return true
	}
	o.flag.Request()
	if m.CancelFlags&wire.CancelAbandon != 0 {
		o.stop()
	}
	return true
}

// handleRegisterShm maps the memfd that came with the frame. It answers
// TEE_ERROR_BAD_PARAMETERS when no descriptor came, when it is not a memfd
// sealed against shrinking, or when its size is not the declared one, and
// TEE_ERROR_OUT_OF_MEMORY when the connection has too many regions.
func (sc *serverConn) handleRegisterShm(m *wire.Msg) bool {
	fd := sc.rd.popFD()
	if fd < 0 {
		sc.replyError(m.ID, retBadParamsComms)
		return true
	}
	defer closeFD(fd)
	if m.ShmSize > abi.MaxMemrefSize {
		sc.replyError(m.ID, retBadParamsComms)
		return true
	}
	mem, err := mapClientShm(fd, m.ShmSize)
	if err != nil {
		sc.log.Warn("transport: refusing shared memory", "err", err)
		sc.replyError(m.ID, retBadParamsComms)
		return true
	}
	id, ok := sc.shm.add(mem, sc.s.maxShm())
	if !ok {
		unmapShm(mem)
		sc.replyError(m.ID, abi.Ret{Code: abi.ErrOutOfMemory, Origin: abi.OriginComms})
		return true
	}
	r := m.Reply(abi.Ret{})
	r.Shm = id
	sc.write(&r)
	return true
}

// handleReleaseShm forgets a region; it is unmapped once no operation in
// flight uses it.
func (sc *serverConn) handleReleaseShm(m *wire.Msg) bool {
	ret := abi.Ret{}
	if !sc.shm.release(m.Shm) {
		ret = retBadParamsComms
	}
	r := m.Reply(ret)
	sc.write(&r)
	return true
}

package transport

import (
	"slices"
	"sync"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
	"github.com/veritee/veritee/internal/wire"
)

// handleHello picks the protocol version, opens the core's side of the
// connection, and announces the daemon's limits. A client that speaks no
// version of ours, or whose connection the core refuses, is answered and
// disconnected.
func (sc *serverConn) handleHello(st *opState) next {
	m := &st.m
	r := m.Reply(abi.Ret{})
	if sc.tc != nil {
		r.Ret = abi.Ret{Code: abi.ErrBadState, Origin: abi.OriginComms}
		sc.write(&r)
		return keepReading
	}
	if !slices.Contains(m.Versions, wire.Version) {
		r.Ret = abi.Ret{Code: abi.ErrNotSupported, Origin: abi.OriginComms}
		sc.write(&r)
		return endConn
	}
	tc, err := sc.s.Dial(sc.id)
	if err != nil {
		sc.log.Warn("transport: the core refused a client", "err", err)
		r.Ret = abi.Ret{Code: abi.ErrCommunication, Origin: abi.OriginTEE}
		sc.write(&r)
		return endConn
	}
	sc.tc = tc
	r.Version, r.MaxFrame, r.MaxInflight = wire.Version, sc.maxFrame, uint32(sc.s.maxInflight())
	sc.write(&r)
	return keepReading
}

// op is one operation in flight: its cancellation flag, and its context,
// which a CANCEL with wire.CancelAbandon ends on its own and teardown ends
// with the connection. Both are new for every operation: the core may keep
// them after the call.
type op struct {
	flag *teeconn.Cancel
	ctx  *opContext
}

// opOwn is what an op's pointers point to, allocated in one piece.
type opOwn struct {
	flag teeconn.Cancel
	ctx  opContext
}

// opState is everything one request needs while the reader handles it,
// recycled through opPool so that the hot path allocates nothing of its
// own: the decoded request, its reply, the core's request and what resolve
// did.
type opState struct {
	m    wire.Msg
	r    wire.Msg
	o    op
	inv  teeconn.InvokeRequest
	open teeconn.OpenRequest
	res  resolved
}

var opPool = sync.Pool{New: func() any { return new(opState) }}

// reset drops every reference st holds, before it goes back to the pool.
func (st *opState) reset() { *st = opState{} }

// startOp admits a request that may block in the core: it counts it in
// flight and creates its cancellation flag and context here, in the reader,
// so that a CANCEL read after it always finds them. It answers BUSY past
// the limit.
func (sc *serverConn) startOp(st *opState) bool {
	m := &st.m
	sc.mu.Lock()
	if _, dup := sc.inflight[m.ID]; dup {
		sc.mu.Unlock()
		sc.replyError(m.ID, retBadParamsComms)
		return false
	}
	if len(sc.inflight) >= sc.s.maxInflight() {
		sc.mu.Unlock()
		sc.replyError(m.ID, abi.Ret{Code: abi.ErrBusy, Origin: abi.OriginComms})
		return false
	}
	o := &st.o
	own := new(opOwn)
	o.flag, o.ctx = &own.flag, &own.ctx
	if sc.ctx.Err() != nil {
		o.ctx.cancel() // the connection is ending: teardown may have passed
	}
	sc.inflight[m.ID] = o
	sc.ops.Add(1)
	sc.mu.Unlock()
	return true
}

// endOp takes a request out of flight; a CANCEL for it is ignored from now
// on.
func (sc *serverConn) endOp(st *opState) {
	sc.mu.Lock()
	delete(sc.inflight, st.m.ID)
	sc.mu.Unlock()
	st.o.ctx.cancel()
	sc.ops.Done()
}

func (sc *serverConn) handleOpenSession(st *opState) next {
	if !sc.startOp(st) {
		return keepReading
	}
	m := &st.m
	req := &st.open
	*req = teeconn.OpenRequest{UUID: m.UUID, Login: m.Login, ConnData: m.ConnData, Cancel: st.o.flag}
	if ret := sc.resolve(&req.Params, &m.Params, &st.res); !ret.OK() {
		sc.endOp(st)
		sc.replyError(m.ID, ret)
		return keepReading
	}
	g := sc.beginInline()
	session, ret := sc.tc.OpenSession(st.o.ctx, req)
	st.r = m.Reply(ret)
	if ret.OK() {
		st.r.Session = session
	}
	sc.finishOp(st, &req.Params)
	return sc.endInline(g)
}

func (sc *serverConn) handleInvoke(st *opState) next {
	if !sc.startOp(st) {
		return keepReading
	}
	m := &st.m
	req := &st.inv
	*req = teeconn.InvokeRequest{Session: m.Session, Cmd: m.Cmd, Cancel: st.o.flag}
	if ret := sc.resolve(&req.Params, &m.Params, &st.res); !ret.OK() {
		sc.endOp(st)
		sc.replyError(m.ID, ret)
		return keepReading
	}
	g := sc.beginInline()
	st.r = m.Reply(sc.tc.Invoke(st.o.ctx, req))
	sc.finishOp(st, &req.Params)
	return sc.endInline(g)
}

// finishOp sends an operation's reply st.r with its updated parameters ps,
// then drops its shared memory references.
func (sc *serverConn) finishOp(st *opState, ps *teeconn.Params) {
	replyParams(&st.r.Params, &st.m.Params, ps, &st.res, st.r.Ret.OK())
	sc.endOp(st)
	sc.write(&st.r)
	st.res.release(&sc.shm)
}

func (sc *serverConn) handleCloseSession(st *opState) next {
	if !sc.startOp(st) {
		return keepReading
	}
	g := sc.beginInline()
	st.r = st.m.Reply(sc.tc.CloseSession(st.o.ctx, st.m.Session))
	sc.endOp(st)
	sc.write(&st.r)
	return sc.endInline(g)
}

// handleCancel sets the cancellation flag of request m.Target and, with
// wire.CancelAbandon (the client stopped waiting), cancels its context too,
// which tells the core to kill the TA if it does not return in time. A
// CANCEL for an unknown or finished request is ignored; CANCEL has no
// reply.
func (sc *serverConn) handleCancel(st *opState) next {
	m := &st.m
	// The op's state is recycled once it ends: take what CANCEL acts on
	// while it is still in flight. Both are the operation's own, so acting
	// on them after it ended is harmless.
	sc.mu.Lock()
	o := sc.inflight[m.Target]
	var flag *teeconn.Cancel
	var ctx *opContext
	if o != nil {
		flag, ctx = o.flag, o.ctx
	}
	sc.mu.Unlock()
	if o == nil {
		return keepReading
	}
	flag.Request()
	if m.CancelFlags&wire.CancelAbandon != 0 {
		ctx.cancel()
	}
	return keepReading
}

// handleRegisterShm maps the memfd that came with the frame. It answers
// TEE_ERROR_BAD_PARAMETERS when no descriptor came, when it is not a memfd
// sealed against shrinking, or when its size is not the declared one, and
// TEE_ERROR_OUT_OF_MEMORY when the connection has too many regions.
func (sc *serverConn) handleRegisterShm(st *opState) next {
	m := &st.m
	fd := sc.fd.popFD()
	if fd < 0 {
		sc.replyError(m.ID, retBadParamsComms)
		return keepReading
	}
	defer closeFD(fd)
	if m.ShmSize > abi.MaxMemrefSize {
		sc.replyError(m.ID, retBadParamsComms)
		return keepReading
	}
	mem, err := mapClientShm(fd, m.ShmSize)
	if err != nil {
		sc.log.Warn("transport: refusing shared memory", "err", err)
		sc.replyError(m.ID, retBadParamsComms)
		return keepReading
	}
	id, ok := sc.shm.add(mem, sc.s.maxShm())
	if !ok {
		unmapShm(mem)
		sc.replyError(m.ID, abi.Ret{Code: abi.ErrOutOfMemory, Origin: abi.OriginComms})
		return keepReading
	}
	r := m.Reply(abi.Ret{})
	r.Shm = id
	sc.write(&r)
	return keepReading
}

// handleReleaseShm forgets a region; it is unmapped once no operation in
// flight uses it.
func (sc *serverConn) handleReleaseShm(st *opState) next {
	m := &st.m
	ret := abi.Ret{}
	if !sc.shm.release(m.Shm) {
		ret = retBadParamsComms
	}
	r := m.Reply(ret)
	sc.write(&r)
	return keepReading
}

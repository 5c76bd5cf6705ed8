package transport

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
	"github.com/veritee/veritee/internal/wire"
)

// CancelGrace is how long a call whose context is cancelled keeps waiting
// for the daemon's reply after sending CANCEL with wire.CancelAbandon, which
// cancels the operation's context in the daemon. When the reply comes in time
// the call returns it (usually TEE_ERROR_CANCEL from the TA); otherwise it
// returns TEE_ERROR_CANCEL with origin COMMS, and the operation may still be
// running in the TA: its late reply is dropped.
const CancelGrace = 100 * time.Millisecond

// writevThreshold is the inline payload size from which a frame is sent with
// writev (header and payload slices) instead of being copied into one
// buffer. Both are one system call.
const writevThreshold = 16 << 10

// socketBuffer is the socket buffer size both sides ask for, so that a
// large memory reference crosses in few wake-ups (the kernel caps it at
// net.core.wmem_max / rmem_max).
const socketBuffer = 4 << 20

// interrupted is the read deadline the leader's own record holds after a
// read was interrupted (see lead): never a deadline it sets itself, so
// that it sets the one it wants again.
var interrupted = time.Unix(0, 1)

// maxPooledReply bounds the reply buffer a pooled call keeps.
const maxPooledReply = 64 << 10

// ClientConn is a connection to the daemon. It implements teeconn.Conn and
// teeconn.SharedMemoryAllocator, and is safe for concurrent use: requests
// get ids from a counter and replies may come in any order.
//
// There is no reader goroutine. A caller waiting for its reply reads the
// socket itself when nobody else does (it leads): it hands the replies of
// other callers to them and, once its own reply has come, passes the lead
// to another caller still waiting, if any. A lone caller thus costs the
// wake-ups of a bare socket round trip. The leader's read is interrupted
// (a read deadline in the past) by whoever sets its operation's
// cancellation flag or ends its context, and ends at the end of
// CancelGrace; the other callers select on them.
type ClientConn struct {
	c *net.UnixConn

	maxFrame atomic.Uint32 // what the daemon accepts (from HELLO)
	nextID   atomic.Uint64

	wmu  sync.Mutex // serialises frames on the socket
	wbuf []byte

	// Owned by the leader.
	rd        *frameReader
	rdl       time.Time // the read deadline set on c
	interrupt func()    // interruptRead, bound once

	mu      sync.Mutex
	pending map[uint64]*call
	leading bool  // a caller reads the socket
	err     error // set once the connection is broken

	closeOnce sync.Once

	shmMu sync.Mutex
	shm   map[uint32][]byte // client mappings by daemon id
}

// call is one request waiting for its reply. done, h, buf and err are
// guarded by the connection's mu until done is set; then they belong to
// the caller.
type call struct {
	ch   chan struct{} // buffered: a reply came, or the lead is free
	done bool
	h    wire.Header
	buf  []byte // the reply body
	err  error

	// The request and its decoded reply, owned by the caller: kept here
	// so that a call allocates nothing.
	req, rep wire.Msg
}

var callPool = sync.Pool{New: func() any { return &call{ch: make(chan struct{}, 1)} }}

// wake tells w's caller to look at its state again.
func (w *call) wake() {
	select {
	case w.ch <- struct{}{}:
	default:
	}
}

// releaseCall recycles a call that nobody can reach any more (out of
// pending): a stale wake-up is drained.
func releaseCall(w *call) {
	select {
	case <-w.ch:
	default:
	}
	w.done, w.h, w.err = false, wire.Header{}, nil
	w.req, w.rep = wire.Msg{}, wire.Msg{}
	if cap(w.buf) > maxPooledReply {
		w.buf = nil
	}
	w.buf = w.buf[:0]
	callPool.Put(w)
}

// Dial connects to the daemon listening on path and negotiates the protocol
// version. When nothing listens there, the error says so with a hint to
// start the daemon.
func Dial(ctx context.Context, path string) (*ClientConn, error) {
	var d net.Dialer
	nc, err := d.DialContext(ctx, "unix", path)
	if err != nil {
		hint := ""
		if errors.Is(err, syscall.ENOENT) || errors.Is(err, syscall.ECONNREFUSED) {
			hint = "; is the veritee daemon running? (veritee serve)"
		}
		return nil, newError("dial", retComms, "cannot connect to %s: %w%s", path, err, hint)
	}
	uc := nc.(*net.UnixConn)
	_ = uc.SetWriteBuffer(socketBuffer)
	_ = uc.SetReadBuffer(socketBuffer)
	cc := newClientConn(uc)
	m := wire.Msg{Type: wire.TypeHello, Versions: []uint32{wire.Version}}
	r, ret := cc.roundTrip(ctx, &m, nil, nil)
	if !ret.OK() {
		cc.Close()
		return nil, newError("dial", ret, "HELLO to %s failed", path)
	}
	if r.Type != wire.TypeHelloReply || r.Version != wire.Version || r.MaxFrame < wire.MinMaxFrame {
		cc.Close()
		return nil, newError("dial", retComms, "daemon at %s answered HELLO with version %d, frame limit %d", path, r.Version, r.MaxFrame)
	}
	cc.maxFrame.Store(r.MaxFrame)
	return cc, nil
}

func newClientConn(c *net.UnixConn) *ClientConn {
	cc := &ClientConn{
		c:       c,
		rd:      newFrameReader(c.Read),
		pending: make(map[uint64]*call),
		shm:     make(map[uint32][]byte),
	}
	cc.maxFrame.Store(wire.DefaultMaxFrame)
	cc.interrupt = cc.interruptRead
	return cc
}

// fail breaks the connection: every pending and later call returns
// TEE_ERROR_COMMUNICATION.
func (cc *ClientConn) fail(err error) {
	cc.mu.Lock()
	if cc.err == nil {
		cc.err = err
	}
	for id, w := range cc.pending {
		delete(cc.pending, id)
		w.err, w.done = cc.err, true
		w.wake()
	}
	cc.mu.Unlock()
	cc.c.Close()
}

// register gives w a new request id and makes it pending.
func (cc *ClientConn) register(w *call) (uint64, error) {
	id := cc.nextID.Add(1)
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if cc.err != nil {
		return 0, cc.err
	}
	cc.pending[id] = w
	return id, nil
}

// forget removes a caller that stops waiting; a reply that comes later is
// dropped.
func (cc *ClientConn) forget(id uint64) {
	cc.mu.Lock()
	delete(cc.pending, id)
	cc.mu.Unlock()
}

// roundTrip sends m with a new id and waits for its reply, honouring ctx
// and the operation's cancellation flag. oob, when set, travels as
// ancillary data (SCM_RIGHTS) with the frame. It is for messages whose
// reply carries no inline bytes; do is the general form.
func (cc *ClientConn) roundTrip(ctx context.Context, m *wire.Msg, cancel *teeconn.Cancel, oob []byte) (wire.Msg, abi.Ret) {
	w := newCall()
	w.req = *m
	ret := cc.do(ctx, w, cancel, oob)
	m.ID = w.req.ID
	r := w.rep
	r.Params = wire.Params{}
	releaseCall(w)
	return r, ret
}

// newCall returns a call for do, recycled with releaseCall.
func newCall() *call { return callPool.Get().(*call) }

// do sends w.req with a new id, waits for its reply and decodes it into
// w.rep, whose inline bytes alias w's buffer: the caller copies them out,
// then passes w to releaseCall. It returns the reply's result for an
// ERROR reply, success for a reply of the right type, and the transport's
// failures otherwise (with w.rep.Type zero).
func (cc *ClientConn) do(ctx context.Context, w *call, cancel *teeconn.Cancel, oob []byte) abi.Ret {
	id, err := cc.register(w)
	if err != nil {
		return retComms
	}
	m := &w.req
	m.ID = id
	if err := cc.send(m, oob); err != nil {
		cc.forget(id)
		if e := (*wire.Error)(nil); errors.As(err, &e) && e.Code == abi.ErrExcessData {
			return abi.Ret{Code: abi.ErrExcessData, Origin: abi.OriginComms}
		}
		cc.fail(err)
		return retComms
	}
	st := waitState{id: id, ctx: ctx}
	if cancel != nil {
		if cancel.Requested() {
			cc.sendCancel(id, 0)
		} else {
			st.flag = cancel
		}
	}
	if !cc.await(w, &st) {
		cc.forget(id)
		return retCancelComms
	}
	if w.err != nil {
		return retComms
	}
	rm := &w.rep
	if err := wire.Decode(w.h, w.buf, rm); err != nil {
		*rm = wire.Msg{}
		cc.fail(fmt.Errorf("transport: malformed reply: %w", err))
		return retComms
	}
	if rm.Type == wire.TypeErrorReply {
		return rm.Ret
	}
	if rm.Type != m.Type|wire.ReplyBit {
		cc.fail(fmt.Errorf("transport: %s answered with %s", m.Type, rm.Type))
		*rm = wire.Msg{}
		return retComms
	}
	return abi.Ret{Code: abi.Success}
}

// waitState is what a waiting caller still has to react to.
type waitState struct {
	id        uint64
	ctx       context.Context
	flag      *teeconn.Cancel // until CANCEL is sent for it
	abandoned bool            // the context ended: CANCEL with ABANDON sent
	graceEnd  time.Time       // when the caller stops waiting, once abandoned
}

// onFlag sends CANCEL for the operation's flag.
func (cc *ClientConn) onFlag(st *waitState) {
	cc.sendCancel(st.id, 0)
	st.flag = nil
}

// onCtx sends CANCEL with ABANDON for the caller's context, and starts the
// grace period.
func (cc *ClientConn) onCtx(st *waitState) {
	cc.sendCancel(st.id, wire.CancelAbandon)
	st.abandoned, st.flag = true, nil
	st.graceEnd = time.Now().Add(CancelGrace)
}

// await waits for w's reply, leading when nobody reads the socket. It
// returns false when the caller gives up: its context ended and the reply
// did not come within CancelGrace.
func (cc *ClientConn) await(w *call, st *waitState) bool {
	var timer *time.Timer
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	var flagDone, ctxDone <-chan struct{}
	var expired <-chan time.Time
	for {
		cc.mu.Lock()
		if w.done {
			cc.mu.Unlock()
			return true
		}
		if !cc.leading {
			cc.leading = true
			cc.mu.Unlock()
			if !cc.lead(w, st) {
				return false
			}
			continue
		}
		cc.mu.Unlock()
		if st.flag != nil && flagDone == nil {
			flagDone = st.flag.Done()
		}
		if !st.abandoned && ctxDone == nil {
			ctxDone = st.ctx.Done()
		}
		if st.abandoned && timer == nil {
			timer = time.NewTimer(time.Until(st.graceEnd))
			expired = timer.C
		}
		select {
		case <-w.ch:
		case <-flagDone:
			cc.onFlag(st)
			flagDone = nil
		case <-ctxDone:
			cc.onCtx(st)
			ctxDone, flagDone = nil, nil
		case <-expired:
			return false
		}
	}
}

// lead reads frames and hands them to their callers until w's reply comes
// (true; also when the connection fails) or w's caller gives up (false).
// Then it passes the lead to a caller still waiting.
func (cc *ClientConn) lead(w *call, st *waitState) bool {
	defer cc.passLead()
	// Setting the flag or ending the context interrupts the read. Nothing
	// is armed per read, so a call that is never cancelled costs no timer.
	if st.flag != nil {
		defer st.flag.AfterRequest(cc.interrupt)()
	}
	if !st.abandoned && st.ctx.Done() != nil {
		defer context.AfterFunc(st.ctx, cc.interrupt)()
	}
	for {
		if !cc.check(st) {
			return false
		}
		limit := max(cc.maxFrame.Load(), wire.DefaultMaxFrame)
		h, body, owned, err := cc.rd.next(limit)
		if err != nil {
			if isTimeout(err) {
				// Interrupted, or the grace period is over; an interrupt
				// may also be late, from an operation led before.
				cc.rdl = interrupted
				continue
			}
			cc.fail(fmt.Errorf("transport: connection to the daemon lost: %w", err))
			return true
		}
		if !h.Type.IsReply() {
			cc.fail(fmt.Errorf("transport: daemon sent a request frame %s", h.Type))
			return true
		}
		cc.mu.Lock()
		o := cc.pending[h.ID]
		if o != nil {
			delete(cc.pending, h.ID)
			o.h, o.done = h, true
			if owned {
				o.buf = body
			} else {
				o.buf = append(o.buf[:0], body...)
			}
			if o != w {
				o.wake()
			}
		}
		cc.mu.Unlock()
		if o == w {
			return true
		}
	}
}

// check looks at the leader's flag and context before a read, sends
// CANCEL for what fired, and sets the read deadline: none, or the end of
// the grace period of an abandoned call. It returns false when that is
// over. An interrupt that came before the deadline was set again was
// overwritten by it, but its cause is seen by the look that follows.
func (cc *ClientConn) check(st *waitState) bool {
	for {
		if st.flag != nil && st.flag.Requested() {
			cc.onFlag(st)
		}
		if !st.abandoned && st.ctx.Err() != nil {
			cc.onCtx(st)
		}
		var dl time.Time
		if st.abandoned {
			if !time.Now().Before(st.graceEnd) {
				return false
			}
			dl = st.graceEnd
		}
		cc.setDeadline(dl)
		if !(st.flag != nil && st.flag.Requested()) && (st.abandoned || st.ctx.Err() == nil) {
			return true
		}
	}
}

func (cc *ClientConn) setDeadline(t time.Time) {
	if !t.Equal(cc.rdl) {
		_ = cc.c.SetReadDeadline(t)
		cc.rdl = t
	}
}

// interruptRead makes the leader's read return at once, with a timeout.
func (cc *ClientConn) interruptRead() { _ = cc.c.SetReadDeadline(interrupted) }

// passLead ends the lead and wakes a caller still waiting, which takes it.
func (cc *ClientConn) passLead() {
	cc.mu.Lock()
	cc.leading = false
	for _, o := range cc.pending {
		if !o.done {
			o.wake()
			break
		}
	}
	cc.mu.Unlock()
}

// send writes one frame: one write (or writev, or sendmsg with ancillary
// data) under the write lock.
func (cc *ClientConn) send(m *wire.Msg, oob []byte) error {
	cc.wmu.Lock()
	defer cc.wmu.Unlock()
	limit := cc.maxFrame.Load()
	head, err := wire.AppendHead(cc.wbuf[:0], m, limit)
	if err != nil {
		return err
	}
	buf, err := writeFrame(cc.c, head, &m.Params, oob)
	cc.wbuf = buf[:0]
	return err
}

// sendCancel sends CANCEL for request id: with no flag for the operation's
// teeconn.Cancel (TEEC_RequestCancellation, cooperative), with
// wire.CancelAbandon when the caller's context ended and it stops waiting.
// A failure to send it is left to the leader (see ClientConn) to notice.
func (cc *ClientConn) sendCancel(id uint64, flags uint32) {
	m := wire.Msg{Type: wire.TypeCancel, ID: cc.nextID.Add(1), Target: id, CancelFlags: flags}
	_ = cc.send(&m, nil)
}

// Close closes the socket; the daemon then closes every session of this
// connection. Shared memory still allocated is unmapped: slices returned by
// AllocateSharedMemory must not be used after Close.
func (cc *ClientConn) Close() error {
	cc.closeOnce.Do(func() {
		cc.fail(errors.New("transport: connection closed"))
		cc.shmMu.Lock()
		for id, mem := range cc.shm {
			unmapShm(mem)
			delete(cc.shm, id)
		}
		cc.shmMu.Unlock()
	})
	return nil
}

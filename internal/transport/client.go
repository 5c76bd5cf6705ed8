package transport

import (
	"bufio"
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

// ClientConn is a connection to the daemon. It implements teeconn.Conn and
// teeconn.SharedMemoryAllocator, and is safe for concurrent use: requests
// get ids from a counter, one reader goroutine routes the replies to their
// callers by id, and replies may come in any order.
type ClientConn struct {
	c *net.UnixConn

	maxFrame atomic.Uint32 // what the daemon accepts (from HELLO)
	nextID   atomic.Uint64

	wmu  sync.Mutex // serialises frames on the socket
	wbuf []byte

	mu      sync.Mutex
	pending map[uint64]*call
	err     error // set once the connection is broken

	readerDone chan struct{}
	closeOnce  sync.Once

	shmMu sync.Mutex
	shm   map[uint32][]byte // client mappings by daemon id
}

// call is one request waiting for its reply.
type call struct {
	ch chan reply
}

type reply struct {
	h    wire.Header
	body []byte
	err  error
}

var callPool = sync.Pool{New: func() any { return &call{ch: make(chan reply, 1)} }}

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
		c:          c,
		pending:    make(map[uint64]*call),
		readerDone: make(chan struct{}),
		shm:        make(map[uint32][]byte),
	}
	cc.maxFrame.Store(wire.DefaultMaxFrame)
	go cc.readLoop()
	return cc
}

// readLoop routes every reply to the caller waiting for its id. Replies to
// callers that gave up (after CancelGrace) are dropped.
func (cc *ClientConn) readLoop() {
	defer close(cc.readerDone)
	br := bufio.NewReaderSize(cc.c, 64<<10)
	var hdr [wire.HeaderSize]byte
	for {
		// The daemon never sends more than it announced; before HELLO
		// completes the default applies.
		limit := max(cc.maxFrame.Load(), wire.DefaultMaxFrame)
		h, body, err := wire.ReadFrameLimit(br, &hdr, limit)
		if err != nil {
			cc.fail(fmt.Errorf("transport: connection to the daemon lost: %w", err))
			return
		}
		if !h.Type.IsReply() {
			cc.fail(fmt.Errorf("transport: daemon sent a request frame %s", h.Type))
			return
		}
		cc.mu.Lock()
		w := cc.pending[h.ID]
		delete(cc.pending, h.ID)
		cc.mu.Unlock()
		if w != nil {
			w.ch <- reply{h: h, body: body}
		}
	}
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
		w.ch <- reply{err: cc.err}
	}
	cc.mu.Unlock()
	cc.c.Close()
}

// register makes a new request id and its waiter.
func (cc *ClientConn) register() (uint64, *call, error) {
	id := cc.nextID.Add(1)
	w := callPool.Get().(*call)
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if cc.err != nil {
		callPool.Put(w)
		return 0, nil, cc.err
	}
	cc.pending[id] = w
	return id, w, nil
}

// forget removes a waiter that stops waiting. When the reply raced in, it is
// drained so the waiter can be reused.
func (cc *ClientConn) forget(id uint64, w *call) {
	cc.mu.Lock()
	_, still := cc.pending[id]
	delete(cc.pending, id)
	cc.mu.Unlock()
	if still {
		callPool.Put(w)
	}
	// Otherwise the reader (or fail) owns a send on w.ch: let w go to the
	// garbage collector rather than reuse it.
}

// roundTrip sends m with a new id and waits for its reply, honouring ctx
// and the operation's cancellation flag. oob, when set, travels as
// ancillary data (SCM_RIGHTS) with the frame.
func (cc *ClientConn) roundTrip(ctx context.Context, m *wire.Msg, cancel *teeconn.Cancel, oob []byte) (wire.Msg, abi.Ret) {
	id, w, err := cc.register()
	if err != nil {
		return wire.Msg{}, retComms
	}
	m.ID = id
	if err := cc.send(m, oob); err != nil {
		cc.forget(id, w)
		if e := (*wire.Error)(nil); errors.As(err, &e) && e.Code == abi.ErrExcessData {
			return wire.Msg{}, abi.Ret{Code: abi.ErrExcessData, Origin: abi.OriginComms}
		}
		cc.fail(err)
		return wire.Msg{}, retComms
	}
	var cancelled <-chan struct{}
	if cancel != nil {
		if cancel.Requested() {
			cc.sendCancel(id, 0)
		} else {
			cancelled = cancel.Done()
		}
	}
	var r reply
wait:
	for {
		select {
		case r = <-w.ch:
			break wait
		case <-cancelled:
			cc.sendCancel(id, 0)
			cancelled = nil
		case <-ctx.Done():
			cc.sendCancel(id, wire.CancelAbandon)
			t := time.NewTimer(CancelGrace)
			select {
			case r = <-w.ch:
				t.Stop()
				break wait
			case <-t.C:
				cc.forget(id, w)
				return wire.Msg{}, retCancelComms
			}
		}
	}
	callPool.Put(w)
	if r.err != nil {
		return wire.Msg{}, retComms
	}
	var rm wire.Msg
	if err := wire.Decode(r.h, r.body, &rm); err != nil {
		cc.fail(fmt.Errorf("transport: malformed reply: %w", err))
		return wire.Msg{}, retComms
	}
	if rm.Type == wire.TypeErrorReply {
		return rm, rm.Ret
	}
	if rm.Type != m.Type|wire.ReplyBit {
		cc.fail(fmt.Errorf("transport: %s answered with %s", m.Type, rm.Type))
		return wire.Msg{}, retComms
	}
	return rm, abi.Ret{Code: abi.Success}
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
// A failure to send it is left to the reader to notice.
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
		<-cc.readerDone
		cc.shmMu.Lock()
		for id, mem := range cc.shm {
			unmapShm(mem)
			delete(cc.shm, id)
		}
		cc.shmMu.Unlock()
	})
	return nil
}

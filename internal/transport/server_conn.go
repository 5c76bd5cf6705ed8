package transport

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"sync"
	"syscall"
	"time"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
	"github.com/veritee/veritee/internal/wire"
)

// serverConn is the daemon's side of one client connection. One goroutine
// at a time, the reader, reads frames, decodes and dispatches them.
// Operations that may block in a TA (OPEN_SESSION, INVOKE, CLOSE_SESSION)
// run inline in the reader, so that a quick one costs no goroutine
// hand-off. A watchdog timer moves the reading to a new goroutine when an
// operation runs inline for longer than handoffDelay (see takeOver), so
// that a CANCEL, or another request on the connection, is never stuck
// behind a long call; the old reader then sends its reply and exits.
// Replies go out under wmu, in whatever order the operations finish.
type serverConn struct {
	s        *Server
	c        *net.UnixConn
	log      *slog.Logger
	id       teeconn.Identity
	maxFrame uint32

	ctx    context.Context // cancelled when the client goes away
	cancel context.CancelFunc

	tc teeconn.Conn // set by HELLO

	wmu  sync.Mutex
	wbuf []byte

	mu       sync.Mutex
	inflight map[uint64]*op
	ops      sync.WaitGroup

	shm shmTable
	fd  *fdReader    // the socket, read with recvmsg
	rd  *frameReader // the reader's

	// The reader token, under rmu: rgen counts hand-offs, inline is set
	// while the reader runs an operation, seq counts those operations.
	// The watchdog handoff fires every handoffDelay while operations run;
	// when it finds the same operation still inline as at its previous
	// firing (seen), it moves the token (rgen++) to a new reader. It is
	// armed by the first inline operation after a quiet period and disarms
	// itself when it sees none, so the hot path never touches the timer
	// (re-arming a timer costs a wake-up of the network poller).
	rmu     sync.Mutex
	inline  bool
	rgen    uint64
	seq     uint64
	seen    uint64
	armed   bool
	handoff *time.Timer
}

// handoffDelay is the watchdog's period: an operation runs inline in the
// reader for one to two periods before another goroutine takes over
// reading the connection.
const handoffDelay = 200 * time.Microsecond

// next says what the reader does after a handler.
type next uint8

const (
	keepReading next = iota // the frame is handled, read the next one
	endConn                 // the connection must end
	handedOff               // another goroutine reads now: exit
)

// handler handles one decoded request, st.m, in the reader goroutine. It
// returns once it is done with st.
type handler func(sc *serverConn, st *opState) next

// handlers dispatches requests by message type.
var handlers [256]handler

func init() {
	handlers[wire.TypeHello] = (*serverConn).handleHello
	handlers[wire.TypeOpenSession] = (*serverConn).handleOpenSession
	handlers[wire.TypeInvoke] = (*serverConn).handleInvoke
	handlers[wire.TypeCloseSession] = (*serverConn).handleCloseSession
	handlers[wire.TypeCancel] = (*serverConn).handleCancel
	handlers[wire.TypeRegisterShm] = (*serverConn).handleRegisterShm
	handlers[wire.TypeReleaseShm] = (*serverConn).handleReleaseShm
}

func (s *Server) newConn(c *net.UnixConn) *serverConn {
	id, err := peerIdentity(c)
	if err != nil {
		s.logger().Warn("transport: refusing a client without credentials", "err", err)
		c.Close()
		return nil
	}
	_ = c.SetWriteBuffer(socketBuffer)
	_ = c.SetReadBuffer(socketBuffer)
	ctx, cancel := context.WithCancel(context.Background())
	sc := &serverConn{
		s:        s,
		c:        c,
		log:      s.logger().With("uid", id.UID, "pid", id.PID),
		id:       id,
		maxFrame: s.maxFrame(),
		ctx:      ctx,
		cancel:   cancel,
		inflight: make(map[uint64]*op),
		fd:       newFDReader(c),
	}
	sc.rd = newFrameReader(sc.fd.recv)
	sc.handoff = time.AfterFunc(time.Hour, sc.takeOver)
	sc.handoff.Stop()
	s.track(sc, true)
	return sc
}

// serve runs the first reader. The caller has counted it in s.wg.
func (sc *serverConn) serve() {
	sc.log.Debug("transport: client connected", "gid", sc.id.GID)
	sc.read()
}

// read is the life of one reader goroutine, counted in s.wg: it reads until
// it hands the connection off to a new reader, or the connection ends and
// it tears it down.
func (sc *serverConn) read() {
	defer sc.s.wg.Done()
	err, n := sc.readLoop()
	if n == handedOff {
		return
	}
	sc.teardown(err)
}

// beginInline marks the reader as running an operation inline, arming the
// watchdog if it is idle, and returns the token to give endInline.
func (sc *serverConn) beginInline() uint64 {
	sc.rmu.Lock()
	sc.inline = true
	sc.seq++
	g := sc.rgen
	arm := !sc.armed
	sc.armed = true
	sc.rmu.Unlock()
	if arm {
		sc.handoff.Reset(handoffDelay)
	}
	return g
}

// endInline ends an inline operation: keepReading when this goroutine is
// still the reader, handedOff when a new reader took over meanwhile.
func (sc *serverConn) endInline(g uint64) next {
	sc.rmu.Lock()
	defer sc.rmu.Unlock()
	if sc.rgen != g {
		return handedOff
	}
	sc.inline = false
	return keepReading
}

// takeOver is the watchdog. When the operation running inline is the one it
// saw at its previous firing, this goroutine (the timer's) becomes the
// reader. Otherwise it fires again after handoffDelay while operations come,
// and disarms when none came.
func (sc *serverConn) takeOver() {
	sc.rmu.Lock()
	if sc.inline && sc.seq == sc.seen {
		sc.inline = false
		sc.armed = false
		sc.rgen++
		// The operation's frame stays in the old buffer, which nobody
		// writes into any more; the old reader recycles it.
		sc.rd.swapBuffer(getReadBuf())
		// The reader running the operation holds a count, so this Add
		// never races with Wait at zero.
		sc.s.wg.Add(1)
		sc.rmu.Unlock()
		sc.read()
		return
	}
	if sc.inline || sc.seq != sc.seen {
		sc.seen = sc.seq
		sc.handoff.Reset(handoffDelay)
	} else {
		sc.armed = false
	}
	sc.rmu.Unlock()
}

// teardown ends the connection: operations still running see their context
// cancelled and are waited for, the core's Conn is closed (closing the
// client's sessions), shared memory is unmapped.
func (sc *serverConn) teardown(err error) {
	sc.handoff.Stop()
	sc.cancel()
	sc.mu.Lock()
	for _, o := range sc.inflight {
		o.ctx.cancel()
	}
	sc.mu.Unlock()
	sc.ops.Wait()
	if sc.tc != nil {
		if cerr := sc.tc.Close(); cerr != nil {
			sc.log.Warn("transport: closing the core connection", "err", cerr)
		}
	}
	sc.shm.releaseAll()
	sc.fd.closeFDs()
	sc.c.Close()
	sc.s.track(sc, false)
	if err != nil {
		sc.log.Warn("transport: client connection failed", "err", err)
	}
	sc.log.Debug("transport: client disconnected")
}

// isDisconnect reports whether err is a client going away rather than a
// protocol error: the end of the stream at a frame boundary, the socket
// closed by the daemon, or a reset (the kernel resets the stream when the
// client closes with replies it never read).
func isDisconnect(err error) bool {
	return errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, net.ErrClosed) || errors.Is(err, syscall.ECONNRESET)
}

// readLoop reads and dispatches frames until the client leaves (nil) or the
// stream breaks (the error). A frame that decodes badly but whose length was
// sound is answered with an ERROR reply and the loop goes on; a frame that
// breaks the stream is answered when its id is readable, then the
// connection ends.
func (sc *serverConn) readLoop() (error, next) {
	for {
		h, body, owned, err := sc.rd.next(sc.maxFrame)
		if err != nil {
			if isDisconnect(err) {
				return nil, endConn
			}
			var we *wire.Error
			if errors.As(err, &we) && h.ID != 0 && !errors.Is(err, io.ErrUnexpectedEOF) {
				sc.replyError(h.ID, abi.Ret{Code: we.Code, Origin: abi.OriginComms})
			}
			return err, endConn
		}
		// body aliases buf unless owned; a reader that takes over gets a
		// buffer of its own.
		var buf []byte
		if !owned {
			buf = sc.rd.buf
		}
		st := opPool.Get().(*opState)
		n, err := sc.dispatch(h, body, st)
		st.reset()
		opPool.Put(st)
		switch n {
		case keepReading:
		case handedOff:
			if buf != nil {
				putReadBuf(buf)
			}
			return nil, n
		default:
			return err, n
		}
	}
}

var errNotHello = errors.New("transport: first frame is not HELLO")

// dispatch decodes a frame into st.m and runs its handler. A malformed frame
// is answered with an ERROR reply, except CANCEL which has no reply.
func (sc *serverConn) dispatch(h wire.Header, body []byte, st *opState) (next, error) {
	m := &st.m
	if err := wire.Decode(h, body, m); err != nil {
		sc.log.Warn("transport: malformed frame", "type", h.Type, "err", err)
		if h.Type != wire.TypeCancel {
			sc.replyError(h.ID, abi.Ret{Code: wire.Code(err), Origin: abi.OriginComms})
		}
		return keepReading, nil
	}
	hd := handlers[m.Type]
	if hd == nil {
		sc.replyError(m.ID, abi.Ret{Code: abi.ErrBadFormat, Origin: abi.OriginComms})
		return keepReading, nil
	}
	if sc.tc == nil && m.Type != wire.TypeHello {
		sc.replyError(m.ID, abi.Ret{Code: abi.ErrBadState, Origin: abi.OriginComms})
		return endConn, errNotHello
	}
	return hd(sc, st), nil
}

// write sends one frame; a failure means the client went away, which the
// reader notices.
func (sc *serverConn) write(m *wire.Msg) {
	sc.wmu.Lock()
	defer sc.wmu.Unlock()
	head, err := wire.AppendHead(sc.wbuf[:0], m, sc.maxFrame)
	if err != nil {
		// Only a reply that does not fit gets here; say so instead.
		sc.log.Warn("transport: reply does not fit a frame", "type", m.Type, "err", err)
		e := wire.ErrorReply(m.ID, abi.Ret{Code: wire.Code(err), Origin: abi.OriginComms})
		head, _ = wire.AppendHead(sc.wbuf[:0], &e, sc.maxFrame)
		m = &e
	}
	buf, err := writeFrame(sc.c, head, &m.Params, nil)
	sc.wbuf = buf[:0]
	if err != nil {
		sc.log.Debug("transport: writing a reply", "err", err)
	}
}

func (sc *serverConn) replyError(id uint64, ret abi.Ret) {
	e := wire.ErrorReply(id, ret)
	sc.write(&e)
}

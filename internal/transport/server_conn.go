package transport

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"sync"
	"syscall"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
	"github.com/veritee/veritee/internal/wire"
)

// serverConn is the daemon's side of one client connection. One reader
// goroutine decodes frames and dispatches them; operations that may block
// in a TA run in goroutines of their own; replies go out under wmu, in
// whatever order the operations finish.
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
	rd  *fdReader
}

// handler handles one decoded request in the reader goroutine. It returns
// false when the connection must end.
type handler func(sc *serverConn, m *wire.Msg) bool

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
		rd:       newFDReader(c),
	}
	s.track(sc, true)
	return sc
}

// serve runs the reader loop, then tears the connection down: operations
// still running see their context cancelled and are waited for, the core's
// Conn is closed (closing the client's sessions), shared memory is
// unmapped.
func (sc *serverConn) serve() {
	sc.log.Debug("transport: client connected", "gid", sc.id.GID)
	err := sc.readLoop()
	sc.cancel()
	sc.ops.Wait()
	if sc.tc != nil {
		if cerr := sc.tc.Close(); cerr != nil {
			sc.log.Warn("transport: closing the core connection", "err", cerr)
		}
	}
	sc.shm.releaseAll()
	sc.rd.closeFDs()
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
func (sc *serverConn) readLoop() error {
	var hdr [wire.HeaderSize]byte
	for {
		h, body, err := wire.ReadFrameLimit(sc.rd, &hdr, sc.maxFrame)
		if err != nil {
			if isDisconnect(err) {
				return nil
			}
			var we *wire.Error
			if errors.As(err, &we) && body == nil && h.ID != 0 && !errors.Is(err, io.ErrUnexpectedEOF) {
				sc.replyError(h.ID, abi.Ret{Code: we.Code, Origin: abi.OriginComms})
			}
			return err
		}
		m := new(wire.Msg)
		if err := wire.Decode(h, body, m); err != nil {
			sc.log.Warn("transport: malformed frame", "type", h.Type, "err", err)
			if h.Type != wire.TypeCancel {
				sc.replyError(h.ID, abi.Ret{Code: wire.Code(err), Origin: abi.OriginComms})
			}
			continue
		}
		hd := handlers[m.Type]
		if hd == nil {
			sc.replyError(m.ID, abi.Ret{Code: abi.ErrBadFormat, Origin: abi.OriginComms})
			continue
		}
		if sc.tc == nil && m.Type != wire.TypeHello {
			sc.replyError(m.ID, abi.Ret{Code: abi.ErrBadState, Origin: abi.OriginComms})
			return errors.New("transport: first frame is not HELLO")
		}
		if !hd(sc, m) {
			return nil
		}
	}
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

package transport

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"sync"
	"time"

	"github.com/veritee/veritee/internal/teeconn"
	"github.com/veritee/veritee/internal/wire"
)

// Defaults of the Server's limits.
const (
	DefaultMaxInflight = 256  // operations in flight per connection
	DefaultMaxShm      = 1024 // registered shared memory regions per connection
)

// Server serves clients on a listener, turning their frames into calls on a
// teeconn.Conn per connection. The zero value is not usable: set Dial.
type Server struct {
	// Dial opens the core's side of a new client connection, with the
	// identity the kernel reported for the client. Required.
	Dial func(id teeconn.Identity) (teeconn.Conn, error)
	// Logger receives connection events (Debug) and failures (Warn).
	// Nil discards them.
	Logger *slog.Logger
	// MaxFrame is the largest frame, header included, the daemon accepts
	// and announces in HELLO; 0 means wire.DefaultMaxFrame.
	MaxFrame uint32
	// MaxInflight bounds the OPEN_SESSION, INVOKE and CLOSE_SESSION
	// requests running at once on one connection; more are answered with
	// TEE_ERROR_BUSY. 0 means DefaultMaxInflight.
	MaxInflight int
	// MaxShm bounds the shared memory regions of one connection; 0 means
	// DefaultMaxShm.
	MaxShm int

	mu    sync.Mutex
	conns map[*serverConn]struct{}
	wg    sync.WaitGroup
}

// Serve accepts connections on ln until ctx is done or ln fails, serving
// each in its own goroutines. Before it returns it closes ln and every
// connection, closes their teeconn.Conns and waits for their goroutines.
// It returns nil when ctx ended it, the accept error otherwise.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	if s.Dial == nil {
		return errors.New("transport: Server.Dial is nil")
	}
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()
	defer s.shutdown()
	var backoff time.Duration
	for {
		nc, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil {
				ln.Close()
				return nil
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() || isTemporaryAccept(err) {
				backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
				s.logger().Warn("transport: accept failed, retrying", "err", err, "after", backoff)
				time.Sleep(backoff)
				continue
			}
			ln.Close()
			return err
		}
		backoff = 0
		uc, ok := nc.(*net.UnixConn)
		if !ok {
			nc.Close()
			continue
		}
		sc := s.newConn(uc)
		if sc == nil {
			continue
		}
		s.wg.Add(1) // done by the connection's last reader
		go sc.serve()
	}
}

// shutdown closes every connection and waits for them to finish.
func (s *Server) shutdown() {
	s.mu.Lock()
	for sc := range s.conns {
		sc.c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

func (s *Server) track(sc *serverConn, add bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if add {
		if s.conns == nil {
			s.conns = make(map[*serverConn]struct{})
		}
		s.conns[sc] = struct{}{}
	} else {
		delete(s.conns, sc)
	}
}

func (s *Server) logger() *slog.Logger {
	if s.Logger != nil {
		return s.Logger
	}
	return discard
}

var discard = slog.New(slog.NewTextHandler(io.Discard, nil))

func (s *Server) maxFrame() uint32 {
	if s.MaxFrame == 0 {
		return wire.DefaultMaxFrame
	}
	return max(s.MaxFrame, wire.MinMaxFrame)
}

func (s *Server) maxInflight() int {
	if s.MaxInflight <= 0 {
		return DefaultMaxInflight
	}
	return s.MaxInflight
}

func (s *Server) maxShm() int {
	if s.MaxShm <= 0 {
		return DefaultMaxShm
	}
	return s.MaxShm
}

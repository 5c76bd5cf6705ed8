package transport

import (
	"fmt"
	"io"
	"net"
	"os"

	"golang.org/x/sys/unix"

	"github.com/veritee/veritee/internal/wire"
)

// NullInvokeFrameSize is the size of an INVOKE frame without payload, and
// of its reply: the frame a null invoke sends each way.
const NullInvokeFrameSize = wire.HeaderSize + 8 + wire.ParamsSize

// RawEcho is the floor the transport is measured against: a bare Unix
// socket round trip, one write and one read each way of a fixed-size
// message between two goroutines, with no framing, decoding or dispatch.
// Benchmarks of the transport, here and in the top-level package, compare
// against it in the same process.
type RawEcho struct {
	client net.Conn
	server net.Conn
	buf    []byte
	done   chan struct{}
}

// NewRawEcho connects a socket pair and starts the echoing goroutine for
// messages of size bytes.
func NewRawEcho(size int) (*RawEcho, error) {
	if size <= 0 {
		return nil, fmt.Errorf("transport: raw echo of %d bytes", size)
	}
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("transport: socketpair: %w", err)
	}
	conns := make([]net.Conn, 2)
	for i, fd := range fds {
		f := os.NewFile(uintptr(fd), "rawecho")
		conns[i], err = net.FileConn(f)
		f.Close()
		if err != nil {
			if i == 1 {
				conns[0].Close()
			} else {
				unix.Close(fds[1])
			}
			return nil, fmt.Errorf("transport: raw echo: %w", err)
		}
	}
	e := &RawEcho{client: conns[0], server: conns[1], buf: make([]byte, size), done: make(chan struct{})}
	go e.echo(size)
	return e, nil
}

func (e *RawEcho) echo(size int) {
	defer close(e.done)
	buf := make([]byte, size)
	for {
		if _, err := io.ReadFull(e.server, buf); err != nil {
			return
		}
		if _, err := e.server.Write(buf); err != nil {
			return
		}
	}
}

// RoundTrip sends one message and reads its echo.
func (e *RawEcho) RoundTrip() error {
	if _, err := e.client.Write(e.buf); err != nil {
		return err
	}
	_, err := io.ReadFull(e.client, e.buf)
	return err
}

// Close closes both ends and waits for the echoing goroutine.
func (e *RawEcho) Close() error {
	err := e.client.Close()
	<-e.done
	e.server.Close()
	return err
}

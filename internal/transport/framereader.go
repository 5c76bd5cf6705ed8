package transport

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/veritee/veritee/internal/wire"
)

// readBufferSize is the size of a frameReader's buffer. Frames that fit are
// read with as few system calls as the peer's writes allow; larger ones are
// read straight into a body of their own.
const readBufferSize = 64 << 10

// frameReader reads frames through a buffer of its own. An error (a read
// deadline, typically) leaves a partial frame where it is: the next call of
// next resumes it, so a read can be interrupted without losing the stream.
type frameReader struct {
	recv func([]byte) (int, error)
	buf  []byte
	r, w int

	// The frame being read: its header is consumed, its body is not
	// complete. A body larger than buf is read into big.
	h     wire.Header
	inHdr bool
	big   []byte
	nbig  int
}

func newFrameReader(recv func([]byte) (int, error)) *frameReader {
	return &frameReader{recv: recv, buf: make([]byte, readBufferSize)}
}

// next returns the next frame. A body that fits the buffer aliases it and is
// valid until the next call; a larger one is freshly allocated and owned by
// the caller (owned reports which). It checks the header against limit
// before allocating anything. At a clean end of stream it returns io.EOF;
// a frame cut short is an error wrapping wire.ErrCommunication and
// io.ErrUnexpectedEOF, a frame too large or with reserved bits set the
// wire.Error of wire.ParseHeader, with the header.
func (f *frameReader) next(limit uint32) (h wire.Header, body []byte, owned bool, err error) {
	if !f.inHdr {
		for f.w-f.r < wire.HeaderSize {
			if err := f.fill(); err != nil {
				if f.w == f.r && errors.Is(err, io.EOF) {
					return h, nil, false, io.EOF
				}
				return h, nil, false, streamErr(err)
			}
		}
		h, err = wire.ParseHeader((*[wire.HeaderSize]byte)(f.buf[f.r:]), limit)
		if err != nil {
			return h, nil, false, err
		}
		f.r += wire.HeaderSize
		f.h, f.inHdr = h, true
		if int(h.Len) > len(f.buf) {
			f.big = make([]byte, h.Len)
			f.nbig = copy(f.big, f.buf[f.r:f.w])
			f.r += f.nbig
		}
	}
	h = f.h
	if f.big != nil {
		for f.nbig < len(f.big) {
			n, err := f.recv(f.big[f.nbig:])
			f.nbig += max(n, 0)
			if err != nil && f.nbig < len(f.big) {
				return h, nil, false, streamErr(err)
			}
		}
		body, f.big, f.inHdr = f.big, nil, false
		return h, body, true, nil
	}
	n := int(h.Len)
	for f.w-f.r < n {
		if err := f.fill(); err != nil {
			return h, nil, false, streamErr(err)
		}
	}
	body = f.buf[f.r : f.r+n : f.r+n]
	f.r += n
	f.inHdr = false
	return h, body, false, nil
}

// fill reads once into the free end of the buffer, first moving what is
// left to the front. It returns an error only when nothing was read.
func (f *frameReader) fill() error {
	if f.r == f.w {
		f.r, f.w = 0, 0
	} else if f.r > 0 {
		f.w = copy(f.buf, f.buf[f.r:f.w])
		f.r = 0
	}
	n, err := f.recv(f.buf[f.w:])
	if n > 0 {
		f.w += n
		return nil
	}
	if err == nil {
		err = io.ErrNoProgress
	}
	return err
}

// swapBuffer gives the reader a new buffer, moving the unread bytes into
// it, and returns the old one: frames returned by next keep aliasing it,
// and nobody writes into it any more.
func (f *frameReader) swapBuffer(nb []byte) []byte {
	old := f.buf
	f.w = copy(nb, old[f.r:f.w])
	f.r = 0
	f.buf = nb
	return old
}

// streamErr marks an error in the middle of a frame: the stream cannot be
// resynchronised. A deadline is returned as it is, since the reader
// resumes.
func streamErr(err error) error {
	if isTimeout(err) {
		return err
	}
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("%w: %w", wire.ErrCommunication, err)
}

// isTimeout reports whether err is a read deadline passing.
func isTimeout(err error) bool { return errors.Is(err, os.ErrDeadlineExceeded) }

// readBufPool recycles the buffers of server readers that hand off the
// connection (see serverConn.takeOver).
var readBufPool = sync.Pool{New: func() any { b := make([]byte, readBufferSize); return &b }}

func getReadBuf() []byte { return *readBufPool.Get().(*[]byte) }

func putReadBuf(b []byte) {
	if cap(b) == readBufferSize {
		b = b[:readBufferSize]
		readBufPool.Put(&b)
	}
}

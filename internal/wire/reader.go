package wire

import (
	"errors"
	"fmt"
	"io"
)

// ReadFrame reads one frame from r, which should be buffered. It checks the
// header against maxFrame before allocating the body, so a peer can make it
// allocate at most maxFrame bytes. The body is freshly allocated: the caller
// owns it, and decoded memory references alias it.
//
// At a clean end of stream (no byte of a new frame read) it returns io.EOF,
// also when r reports the end wrapped in another error (net.OpError does).
// A frame cut short returns an
// error wrapping both ErrCommunication and io.ErrUnexpectedEOF; an oversized
// frame returns ErrCommunication with the header, so that the peer can be
// told which request failed before the stream is closed. Either way the
// stream cannot be resynchronised.
func ReadFrame(r io.Reader, hdr *[HeaderSize]byte) (Header, []byte, error) {
	return ReadFrameLimit(r, hdr, DefaultMaxFrame)
}

// ReadFrameLimit is ReadFrame with an explicit frame limit.
func ReadFrameLimit(r io.Reader, hdr *[HeaderSize]byte, maxFrame uint32) (Header, []byte, error) {
	if n, err := io.ReadFull(r, hdr[:]); err != nil {
		if n == 0 && errors.Is(err, io.EOF) {
			return Header{}, nil, io.EOF
		}
		return Header{}, nil, streamErr(err)
	}
	h, err := ParseHeader(hdr, maxFrame)
	if err != nil {
		return h, nil, err
	}
	body := make([]byte, h.Len)
	if _, err := io.ReadFull(r, body); err != nil {
		return h, nil, streamErr(err)
	}
	return h, body, nil
}

func streamErr(err error) error {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("%w: %w", ErrCommunication, err)
}

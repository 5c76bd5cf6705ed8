package wire

import (
	"github.com/veritee/veritee/internal/abi"
)

// Decode decodes the body of the frame whose header is h into m. m's
// memory reference Data slices alias body. Decode reports a truncated body,
// an unknown type, a reserved field that is not zero or bytes after the last
// field with ErrBadFormat, and a parameter or flag GP does not define with
// ErrBadParameters. m.Type and m.ID are set even on error.
func Decode(h Header, body []byte, m *Msg) error {
	*m = Msg{Type: h.Type, ID: h.ID}
	if uint64(len(body)) != uint64(h.Len) {
		return errf(abi.ErrBadFormat, "body of %d bytes, header says %d", len(body), h.Len)
	}
	c := codecs[h.Type]
	if c == nil {
		return errf(abi.ErrBadFormat, "unknown message type 0x%02x", uint8(h.Type))
	}
	n, err := c.get(body, m)
	if err != nil {
		return err
	}
	rest := body[n:]
	if c.params {
		return m.Params.decode(rest, c.dir)
	}
	if len(rest) != 0 {
		return errf(abi.ErrBadFormat, "%d bytes of trailing garbage after %s", len(rest), c.name)
	}
	return nil
}

// DecodeFrame decodes a whole frame, header and body, checked against
// maxFrame.
func DecodeFrame(frame []byte, maxFrame uint32, m *Msg) error {
	if len(frame) < HeaderSize {
		return errf(abi.ErrBadFormat, "frame cut short: %d bytes", len(frame))
	}
	h, err := ParseHeader((*[HeaderSize]byte)(frame[:HeaderSize]), maxFrame)
	if err != nil {
		*m = Msg{Type: h.Type, ID: h.ID}
		return err
	}
	return Decode(h, frame[HeaderSize:], m)
}

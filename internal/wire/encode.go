package wire

import (
	"github.com/veritee/veritee/internal/abi"
)

// Append appends the frame encoding m to dst. It refuses a message its
// decoder would refuse, and one larger than maxFrame (header included) with
// ErrExcessData.
func Append(dst []byte, m *Msg, maxFrame uint32) ([]byte, error) {
	dst, err := AppendHead(dst, m, maxFrame)
	if err != nil {
		return dst, err
	}
	if codecs[m.Type].params {
		for i := range m.Params {
			dst = append(dst, m.Params[i].Data...)
		}
	}
	return dst, nil
}

// AppendHead is Append without the inline parameter bytes that end the
// frame: for a message with parameters (OPEN_SESSION, INVOKE and their
// replies), the caller sends m.Params[i].Data for i = 0..3 right after it, for
// example with one writev, so that large payloads are never copied into a
// frame buffer. The header's length counts them.
func AppendHead(dst []byte, m *Msg, maxFrame uint32) ([]byte, error) {
	c := codecs[m.Type]
	if c == nil {
		return dst, errf(abi.ErrBadFormat, "cannot encode unknown message type 0x%02x", uint8(m.Type))
	}
	if err := validate(c, m); err != nil {
		return dst, err
	}
	fixed := c.fixed(m)
	body := uint64(fixed)
	head := HeaderSize + fixed
	if c.params {
		body += ParamsSize + m.Params.payloadLen()
		head += ParamsSize
	}
	if body+HeaderSize > uint64(maxFrame) {
		return dst, errf(abi.ErrExcessData, "a %s frame of %d bytes exceeds the limit of %d", c.name, body+HeaderSize, maxFrame)
	}
	n := len(dst)
	dst = grow(dst, head)
	b := dst[n : n+head]
	putHeader(b, m.Type, m.ID, int(body))
	c.put(b[HeaderSize:HeaderSize+fixed], m)
	if c.params {
		m.Params.putDescs(b[HeaderSize+fixed:])
	}
	return dst, nil
}

func validate(c *codec, m *Msg) error {
	switch m.Type {
	case TypeHello:
		if len(m.Versions) == 0 || len(m.Versions) > MaxVersions {
			return errf(abi.ErrBadFormat, "HELLO offers %d versions", len(m.Versions))
		}
	case TypeCancel:
		if m.CancelFlags&^CancelAbandon != 0 {
			return errf(abi.ErrBadFormat, "unknown CANCEL flags 0x%x", m.CancelFlags)
		}
	case TypeRegisterShm:
		if m.ShmFlags&^(abi.MemInput|abi.MemOutput) != 0 {
			return errf(abi.ErrBadParameters, "unknown shared memory flags 0x%x", m.ShmFlags)
		}
	}
	if c.params {
		for i := range m.Params {
			if e := m.Params[i].check(c.dir); e != nil {
				return errf(e.Code, "parameter %d: %s", i, e.Reason)
			}
		}
	}
	return nil
}

// grow extends b by n bytes, reusing its capacity when it can.
func grow(b []byte, n int) []byte {
	if cap(b)-len(b) >= n {
		return b[:len(b)+n]
	}
	nb := make([]byte, len(b)+n, 2*cap(b)+n)
	copy(nb, b)
	return nb
}

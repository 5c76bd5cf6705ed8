package wire

import (
	"encoding/binary"
	"fmt"

	"github.com/veritee/veritee/internal/abi"
)

// Type is the message type in a frame header. A reply has the type of its
// request with ReplyBit set.
type Type uint8

// Message types (docs/protocol.md, "Messages").
const (
	TypeHello        Type = 0x01
	TypeOpenSession  Type = 0x02
	TypeInvoke       Type = 0x03
	TypeCloseSession Type = 0x04
	TypeCancel       Type = 0x05 // no reply
	TypeRegisterShm  Type = 0x06
	TypeReleaseShm   Type = 0x07

	ReplyBit Type = 0x80

	TypeHelloReply        = TypeHello | ReplyBit
	TypeOpenSessionReply  = TypeOpenSession | ReplyBit
	TypeInvokeReply       = TypeInvoke | ReplyBit
	TypeCloseSessionReply = TypeCloseSession | ReplyBit
	TypeRegisterShmReply  = TypeRegisterShm | ReplyBit
	TypeReleaseShmReply   = TypeReleaseShm | ReplyBit

	// TypeErrorReply answers a request the daemon could not decode or
	// refused before running it (BUSY, a bad shared-memory window). It
	// carries only a result and an origin.
	TypeErrorReply Type = 0xFF
)

// IsReply reports whether t is a reply type.
func (t Type) IsReply() bool { return t&ReplyBit != 0 }

// String returns the protocol name of t.
func (t Type) String() string {
	if c := codecs[t]; c != nil {
		return c.name
	}
	return fmt.Sprintf("type(0x%02x)", uint8(t))
}

// Header is a decoded frame header. Len is the length of the body that
// follows.
//
//	offset 0  u32 body length
//	offset 4  u8  type
//	offset 5  u8  reserved, zero
//	offset 6  u16 reserved, zero
//	offset 8  u64 request id
type Header struct {
	Len  uint32
	Type Type
	ID   uint64
}

// ParseHeader decodes a frame header and checks the frame against maxFrame
// (header included) before the caller allocates anything for the body. The
// returned header is filled in even on error whenever the id is readable, so
// that the daemon can answer the request it belongs to.
func ParseHeader(b *[HeaderSize]byte, maxFrame uint32) (Header, error) {
	h := Header{
		Len:  binary.LittleEndian.Uint32(b[0:4]),
		Type: Type(b[4]),
		ID:   binary.LittleEndian.Uint64(b[8:16]),
	}
	if b[5] != 0 || b[6] != 0 || b[7] != 0 {
		return h, errf(abi.ErrBadFormat, "reserved header bytes are not zero")
	}
	if uint64(h.Len)+HeaderSize > uint64(maxFrame) {
		return h, errf(abi.ErrCommunication, "frame of %d bytes exceeds the limit of %d", uint64(h.Len)+HeaderSize, maxFrame)
	}
	return h, nil
}

func putHeader(b []byte, t Type, id uint64, bodyLen int) {
	binary.LittleEndian.PutUint32(b[0:4], uint32(bodyLen))
	b[4] = byte(t)
	b[5], b[6], b[7] = 0, 0, 0
	binary.LittleEndian.PutUint64(b[8:16], id)
}

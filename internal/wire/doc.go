// Package wire is the frame format spoken between a Veritee client (the Go
// transport, or the C libteec) and the daemon over a Unix socket. The format
// is specified in docs/protocol.md; this package is its reference codec.
//
// A frame is a 16-byte little-endian header (body length, message type, and a
// 64-bit request id chosen by the client) followed by the body. Replies carry
// the id of the request they answer and may arrive in any order, so one
// connection carries many concurrent operations.
//
// Decoding is strict and canonical: every reserved field must be zero, every
// length must fit the frame, and no byte may follow the last field. As a
// result, for every frame that decodes, encoding the message again yields
// the same bytes; the fuzz targets check exactly that. Decoded memory
// reference payloads are slices of the frame body, never copies.
package wire

// Version is the protocol version this package speaks. A client offers the
// versions it speaks in HELLO; the daemon answers the one it chose.
const Version uint32 = 1

// Limits of the format.
const (
	// HeaderSize is the size of the frame header.
	HeaderSize = 16
	// DefaultMaxFrame is the largest frame, header included, a peer accepts
	// unless HELLO negotiated otherwise: 64 MiB of payload plus room for
	// the header and the fixed part of the largest body.
	DefaultMaxFrame uint32 = 64<<20 + 4096
	// MinMaxFrame is the smallest frame limit a daemon may announce; every
	// message without inline payload fits in it.
	MinMaxFrame uint32 = 4096
	// MaxVersions bounds the version list of HELLO.
	MaxVersions = 16
	// ParamDescSize is the size of one parameter descriptor.
	ParamDescSize = 40
	// ParamsSize is the size of the four descriptors of an operation.
	ParamsSize = 4 * ParamDescSize
)

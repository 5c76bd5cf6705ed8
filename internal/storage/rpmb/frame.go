package rpmb

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Frame layout (JEDEC JESD84-B51 Table 31, bytes counted from 0).
const (
	FrameSize = 512
	BlockSize = 256 // data bytes per frame

	offKeyMAC  = 196
	offData    = 228
	offNonce   = 484
	offCounter = 500
	offAddr    = 504
	offCount   = 506
	offResult  = 508
	offType    = 510

	NonceSize = 16
	MACSize   = 32
)

// Request and response types.
const (
	ReqProgramKey  uint16 = 0x0001
	ReqReadCounter uint16 = 0x0002
	ReqWrite       uint16 = 0x0003
	ReqRead        uint16 = 0x0004
	ReqResult      uint16 = 0x0005

	RespProgramKey  uint16 = 0x0100
	RespReadCounter uint16 = 0x0200
	RespWrite       uint16 = 0x0300
	RespRead        uint16 = 0x0400
)

// Operation results (JEDEC Table 32). ResultCounterExpired is a flag ORed
// into the others once the write counter has reached its maximum.
const (
	ResultOK             uint16 = 0x0000
	ResultGeneralFailure uint16 = 0x0001
	ResultAuthFailure    uint16 = 0x0002
	ResultCounterFailure uint16 = 0x0003
	ResultAddressFailure uint16 = 0x0004
	ResultWriteFailure   uint16 = 0x0005
	ResultReadFailure    uint16 = 0x0006
	ResultNoKey          uint16 = 0x0007
	ResultCounterExpired uint16 = 0x0080
)

// Frame is one RPMB data frame.
type Frame [FrameSize]byte

func (f *Frame) KeyMAC() []byte  { return f[offKeyMAC:offData] }
func (f *Frame) Data() []byte    { return f[offData:offNonce] }
func (f *Frame) Nonce() []byte   { return f[offNonce:offCounter] }
func (f *Frame) Counter() uint32 { return binary.BigEndian.Uint32(f[offCounter:]) }
func (f *Frame) Addr() uint16    { return binary.BigEndian.Uint16(f[offAddr:]) }
func (f *Frame) Count() uint16   { return binary.BigEndian.Uint16(f[offCount:]) }
func (f *Frame) Result() uint16  { return binary.BigEndian.Uint16(f[offResult:]) }
func (f *Frame) Type() uint16    { return binary.BigEndian.Uint16(f[offType:]) }

func (f *Frame) SetCounter(v uint32) { binary.BigEndian.PutUint32(f[offCounter:], v) }
func (f *Frame) SetAddr(v uint16)    { binary.BigEndian.PutUint16(f[offAddr:], v) }
func (f *Frame) SetCount(v uint16)   { binary.BigEndian.PutUint16(f[offCount:], v) }
func (f *Frame) SetResult(v uint16)  { binary.BigEndian.PutUint16(f[offResult:], v) }
func (f *Frame) SetType(v uint16)    { binary.BigEndian.PutUint16(f[offType:], v) }

// macInput is the part of a frame the MAC covers.
func (f *Frame) macInput() []byte { return f[offData:] }

// ErrBadFrames is returned for a byte string that is not whole frames.
var ErrBadFrames = errors.New("rpmb: malformed frames")

// ParseFrames splits b into frames. It refuses an empty or ragged input and
// more than max frames.
func ParseFrames(b []byte, max int) ([]Frame, error) {
	if len(b) == 0 || len(b)%FrameSize != 0 {
		return nil, fmt.Errorf("%w: %d bytes", ErrBadFrames, len(b))
	}
	n := len(b) / FrameSize
	if n > max {
		return nil, fmt.Errorf("%w: %d frames, at most %d", ErrBadFrames, n, max)
	}
	fs := make([]Frame, n)
	for i := range fs {
		copy(fs[i][:], b[i*FrameSize:])
	}
	return fs, nil
}

// MarshalFrames concatenates frames.
func MarshalFrames(fs []Frame) []byte {
	b := make([]byte, 0, len(fs)*FrameSize)
	for i := range fs {
		b = append(b, fs[i][:]...)
	}
	return b
}

package wire

import (
	"encoding/binary"

	"github.com/veritee/veritee/internal/abi"
)

// Param is one operation parameter on the wire (docs/protocol.md,
// "Parameters"). Type is the TA-level type (GPD_SPE_010 §4.3.3): a client's
// temporary, whole and partial memory references all travel as memory
// references.
//
// A memory reference is one of three kinds:
//   - NULL (Null set): no buffer, only Size, for example a size query.
//   - registered (Shm != 0): Size bytes at offset Off of the shared memory
//     registered under id Shm; no bytes travel in the frame.
//   - inline (Shm == 0): the bytes travel in the frame as Data. A request
//     carries Data only for INPUT and INOUT, and then len(Data) == Size; an
//     OUTPUT request carries only Size. A reply carries at most Size bytes of
//     output, and only for OUTPUT and INOUT.
//
// A reply never names shared memory: its Shm and Off are zero.
type Param struct {
	Type abi.ParamType
	Null bool
	A, B uint32
	Shm  uint32
	Off  uint64
	Size uint64
	Data []byte // aliases the frame body after decoding
}

// Params are the four parameters of an operation.
type Params [abi.NumParams]Param

// Descriptor layout, 40 bytes, little-endian.
const (
	pdType  = 0  // u8 abi.ParamType
	pdFlags = 1  // u8 flags
	pdRsvd  = 2  // u16 zero
	pdA     = 4  // u32 value.a
	pdB     = 8  // u32 value.b
	pdShm   = 12 // u32 shared memory id
	pdOff   = 16 // u64 offset in shared memory
	pdSize  = 24 // u64 memref size
	pdDlen  = 32 // u64 inline bytes that follow the descriptors

	flagNull = 0x01
)

// dir says which way parameters travel: in a request, towards the TEE, or in
// a reply, back to the client. The rules for inline bytes differ.
type dir bool

const (
	toTEE   dir = false
	fromTEE dir = true
)

// check validates p for direction d. Encoding and decoding share it, so an
// encoder never produces a frame its decoder refuses.
func (p *Param) check(d dir) *Error {
	if !p.Type.Valid() {
		return errf(abi.ErrBadParameters, "parameter type %d is not defined", p.Type)
	}
	dlen := uint64(len(p.Data))
	if !p.Type.IsMemref() {
		if p.Null || p.Shm != 0 || p.Off != 0 || p.Size != 0 || dlen != 0 {
			return errf(abi.ErrBadFormat, "memory reference fields set on a %s parameter", typeKind(p.Type))
		}
		if p.Type == abi.ParamNone && (p.A != 0 || p.B != 0) {
			return errf(abi.ErrBadFormat, "values set on a NONE parameter")
		}
		return nil
	}
	if p.A != 0 || p.B != 0 {
		return errf(abi.ErrBadFormat, "values set on a memory reference")
	}
	switch {
	case p.Null:
		if p.Shm != 0 || p.Off != 0 || dlen != 0 {
			return errf(abi.ErrBadFormat, "NULL memory reference with a buffer")
		}
	case d == fromTEE:
		if p.Shm != 0 || p.Off != 0 {
			return errf(abi.ErrBadFormat, "reply names shared memory")
		}
		if dlen > p.Size || (dlen != 0 && !p.Type.IsOutput()) {
			return errf(abi.ErrBadFormat, "reply carries %d bytes for a memory reference of size %d", dlen, p.Size)
		}
	case p.Shm != 0:
		if dlen != 0 {
			return errf(abi.ErrBadFormat, "registered memory reference with inline bytes")
		}
	default:
		if p.Off != 0 {
			return errf(abi.ErrBadFormat, "offset on an inline memory reference")
		}
		want := uint64(0)
		if p.Type.IsInput() {
			want = p.Size
		}
		if dlen != want {
			return errf(abi.ErrBadFormat, "inline memory reference of size %d carries %d bytes", p.Size, dlen)
		}
	}
	return nil
}

func typeKind(t abi.ParamType) string {
	if t == abi.ParamNone {
		return "NONE"
	}
	return "value"
}

// payloadLen returns the number of inline bytes ps carries.
func (ps *Params) payloadLen() uint64 {
	var n uint64
	for i := range ps {
		n += uint64(len(ps[i].Data))
	}
	return n
}

// putDescs writes the four descriptors into b[:ParamsSize].
func (ps *Params) putDescs(b []byte) {
	_ = b[ParamsSize-1]
	for i := range ps {
		p := &ps[i]
		d := b[i*ParamDescSize : (i+1)*ParamDescSize]
		d[pdType] = byte(p.Type)
		d[pdFlags] = 0
		if p.Null {
			d[pdFlags] = flagNull
		}
		d[pdRsvd], d[pdRsvd+1] = 0, 0
		binary.LittleEndian.PutUint32(d[pdA:], p.A)
		binary.LittleEndian.PutUint32(d[pdB:], p.B)
		binary.LittleEndian.PutUint32(d[pdShm:], p.Shm)
		binary.LittleEndian.PutUint64(d[pdOff:], p.Off)
		binary.LittleEndian.PutUint64(d[pdSize:], p.Size)
		binary.LittleEndian.PutUint64(d[pdDlen:], uint64(len(p.Data)))
	}
}

// decode decodes the descriptors at the start of b and the inline
// bytes after them, which must use up b exactly. Data slices alias b.
func (ps *Params) decode(b []byte, d dir) error {
	if len(b) < ParamsSize {
		return errf(abi.ErrBadFormat, "parameters cut short")
	}
	rest := b[ParamsSize:]
	for i := range ps {
		desc := b[i*ParamDescSize : (i+1)*ParamDescSize]
		t := desc[pdType]
		if !abi.ParamType(t).Valid() {
			return errf(abi.ErrBadParameters, "parameter %d: type %d is not defined", i, t)
		}
		flags := desc[pdFlags]
		if flags&^flagNull != 0 || desc[pdRsvd] != 0 || desc[pdRsvd+1] != 0 {
			return errf(abi.ErrBadFormat, "parameter %d: unknown flags or reserved bits", i)
		}
		dlen := binary.LittleEndian.Uint64(desc[pdDlen:])
		if dlen > uint64(len(rest)) {
			return errf(abi.ErrBadFormat, "parameter %d: %d inline bytes exceed the frame", i, dlen)
		}
		p := Param{
			Type: abi.ParamType(t),
			Null: flags&flagNull != 0,
			A:    binary.LittleEndian.Uint32(desc[pdA:]),
			B:    binary.LittleEndian.Uint32(desc[pdB:]),
			Shm:  binary.LittleEndian.Uint32(desc[pdShm:]),
			Off:  binary.LittleEndian.Uint64(desc[pdOff:]),
			Size: binary.LittleEndian.Uint64(desc[pdSize:]),
		}
		if dlen != 0 {
			p.Data = rest[:dlen:dlen]
			rest = rest[dlen:]
		}
		if e := p.check(d); e != nil {
			return errf(e.Code, "parameter %d: %s", i, e.Reason)
		}
		ps[i] = p
	}
	if len(rest) != 0 {
		return errf(abi.ErrBadFormat, "%d bytes of trailing garbage", len(rest))
	}
	return nil
}

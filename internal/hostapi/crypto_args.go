package hostapi

import (
	"encoding/binary"
	"errors"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto"
)

// The crypto system calls decode their arguments with the helpers below.
// Every pointer and length a TA passes is checked against its memory
// before the core looks at a byte; a bad one panics the TA, as GP says a
// buffer the TA cannot access does (GPD_SPE_010 §6: "Panic Reasons").

// in returns [ptr, ptr+n) of TA memory for reading. The slice aliases the
// TA's memory and is valid only during the system call.
func (s *State) in(mem api.Memory, fn string, ptr, n uint32) []byte {
	if n == 0 {
		return nil
	}
	b, ok := mem.Read(ptr, n)
	if !ok {
		s.panicTA(abi.ErrBadParameters, "%s: buffer [0x%x, +%d) lies outside the TA", fn, ptr, n)
	}
	return b
}

// out is an output buffer whose capacity the TA passes in *lenPtr and
// whose length the core writes back there.
type out struct {
	buf    []byte
	ptr    uint32 // where buf starts in TA memory
	lenPtr uint32
}

// output decodes the output buffer dst with its length at lenPtr.
func (s *State) output(mem api.Memory, fn string, dst, lenPtr uint32) out {
	n, ok := readU32(mem, lenPtr)
	if !ok {
		s.panicTA(abi.ErrBadParameters, "%s: length pointer 0x%x lies outside the TA", fn, lenPtr)
	}
	return out{buf: s.in(mem, fn, dst, n), ptr: dst, lenPtr: lenPtr}
}

// setLen writes n to the output's length.
func (o out) setLen(mem api.Memory, n int) { mem.WriteUint32Le(o.lenPtr, uint32(n)) }

// source returns the input [ptr, ptr+n) so that the core may write outputs
// while reading it: when it overlaps any output, a copy. TAs commonly
// encrypt in place; Go's ciphers refuse inexact overlaps and buffered modes
// would read bytes they have already overwritten.
func (s *State) source(mem api.Memory, fn string, ptr, n uint32, outs ...out) []byte {
	b := s.in(mem, fn, ptr, n)
	for _, o := range outs {
		if overlaps(ptr, n, o.ptr, uint32(len(o.buf))) {
			return append([]byte(nil), b...)
		}
	}
	return b
}

func overlaps(a, an, b, bn uint32) bool {
	if an == 0 || bn == 0 {
		return false
	}
	return uint64(a) < uint64(b)+uint64(bn) && uint64(b) < uint64(a)+uint64(an)
}

// attrs decodes count TEE_Attribute structures at ptr (abi.AttributeSize
// bytes each). Buffer attributes alias TA memory for the duration of the
// call; the crypto engine copies what it keeps. A count above
// abi.MaxAttributes panics the TA before anything is allocated, so counts
// near 2^32/AttributeSize cannot wrap the size computation (OP-TEE's
// CVE-2019-1010296 family).
func (s *State) attrs(mem api.Memory, fn string, ptr, count uint32) []gpcrypto.Attribute {
	if count == 0 {
		return nil
	}
	if count > abi.MaxAttributes {
		s.panicTA(abi.ErrBadParameters, "%s: %d attributes, at most %d", fn, count, abi.MaxAttributes)
	}
	raw := s.in(mem, fn, ptr, count*abi.AttributeSize)
	out := make([]gpcrypto.Attribute, count)
	for i := range out {
		r := raw[i*abi.AttributeSize:]
		id := binary.LittleEndian.Uint32(r)
		x, y := binary.LittleEndian.Uint32(r[4:]), binary.LittleEndian.Uint32(r[8:])
		if gpcrypto.IsValueAttr(id) {
			out[i] = gpcrypto.ValueAttr(id, x, y)
			continue
		}
		out[i] = gpcrypto.RefAttribute(id, s.in(mem, fn, x, y))
	}
	return out
}

// result turns the engine's error into the system call's result: a
// *gpcrypto.Panic panics the TA, SHORT_BUFFER writes the size needed to
// each of the outputs given, anything else is its GP code.
func (s *State) result(mem api.Memory, err error, outs ...out) abi.Result {
	if err == nil {
		return abi.Success
	}
	var p *gpcrypto.Panic
	if errors.As(err, &p) {
		s.panicTA(abi.ErrBadState, "%s", p.Error())
	}
	if n, ok := gpcrypto.NeededSize(err); ok && len(outs) > 0 {
		outs[0].setLen(mem, n)
	}
	return gpcrypto.ResultOf(err)
}

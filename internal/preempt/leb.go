package preempt

import (
	"errors"
	"fmt"
)

// errTruncated is returned when a module ends inside an item.
var errTruncated = errors.New("preempt: module truncated")

// reader reads the binary format's primitives from a byte slice.
type reader struct {
	b   []byte
	off int
}

func (r *reader) done() bool { return r.off >= len(r.b) }

func (r *reader) byte() (byte, error) {
	if r.off >= len(r.b) {
		return 0, errTruncated
	}
	c := r.b[r.off]
	r.off++
	return c, nil
}

func (r *reader) bytes(n int) ([]byte, error) {
	if n < 0 || n > len(r.b)-r.off {
		return nil, errTruncated
	}
	p := r.b[r.off : r.off+n]
	r.off += n
	return p, nil
}

// leb reads an LEB128 number of at most maxBits bits, signed or not, and
// returns its raw value (unsigned numbers only are used as values).
func (r *reader) leb(maxBits uint, signed bool) (uint64, error) {
	var v uint64
	for shift := uint(0); ; shift += 7 {
		if shift >= maxBits+7 || shift >= 70 {
			return 0, fmt.Errorf("preempt: LEB128 number longer than %d bits", maxBits)
		}
		c, err := r.byte()
		if err != nil {
			return 0, err
		}
		if shift < 64 {
			v |= uint64(c&0x7F) << shift
		}
		if c&0x80 == 0 {
			return v, nil
		}
	}
}

func (r *reader) u32() (uint32, error) {
	v, err := r.leb(32, false)
	if err != nil {
		return 0, err
	}
	if v > 0xFFFFFFFF {
		return 0, errors.New("preempt: u32 out of range")
	}
	return uint32(v), nil
}

// skipLEB skips a number of at most maxBits bits.
func (r *reader) skipLEB(maxBits uint) error {
	_, err := r.leb(maxBits, true)
	return err
}

// vec reads a vector's length, refusing lengths the rest of the input
// cannot hold (every item takes at least one byte).
func (r *reader) vec() (int, error) {
	n, err := r.u32()
	if err != nil {
		return 0, err
	}
	if int64(n) > int64(len(r.b)-r.off) {
		return 0, errTruncated
	}
	return int(n), nil
}

// section reads an id and a length-prefixed payload: the layout of
// sections and of the name section's subsections.
func (r *reader) section() (byte, []byte, error) {
	id, err := r.byte()
	if err != nil {
		return 0, nil, err
	}
	n, err := r.vec()
	if err != nil {
		return 0, nil, err
	}
	c, _ := r.bytes(n)
	return id, c, nil
}

// items returns a reader over the vector section c, after its count, and
// the count: 0 for a section the module does not have (c nil).
func items(c []byte) (*reader, int, error) {
	r := &reader{b: c}
	if c == nil {
		return r, 0, nil
	}
	n, err := r.vec()
	return r, n, err
}

func appendU32(b []byte, v uint32) []byte {
	for {
		c := byte(v & 0x7F)
		v >>= 7
		if v == 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

// appendSection appends a section of id with content c.
func appendSection(b []byte, id byte, c []byte) []byte {
	b = append(b, id)
	b = appendU32(b, uint32(len(c)))
	return append(b, c...)
}

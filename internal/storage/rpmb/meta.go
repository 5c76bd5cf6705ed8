package rpmb

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// The file system's metadata is the first MetaBlocks blocks of the
// partition, written in one atomic authenticated write. Layout:
//
//	0   8  magic "VTRFS001"
//	8   4  generation (counts commits)
//	12  2  number of entries
//	14  2  zero
//	16  -  entries, 64 bytes each, sorted by key:
//	       0 16 key, 16 4 length, 20 2 first block, 22 2 block count,
//	       24 40 the value itself when length <= 40 (extent zero)
//	rest   zero
const (
	MetaBlocks  = 64
	metaSize    = MetaBlocks * BlockSize
	metaMagic   = "VTRFS001"
	metaHeader  = 16
	entrySize   = 64
	InlineMax   = 40
	MaxEntries  = (metaSize - metaHeader) / entrySize
	keySize     = 16
	entryInline = 24
)

// Key names a record. Its first byte says what kind of record it is.
type Key [keySize]byte

type entry struct {
	key    Key
	length uint32
	start  uint16
	count  uint16
	inline [InlineMax]byte
}

// ErrCorrupt is returned for metadata that is not well formed. The device
// authenticates every block, so this means a bug or a forged device.
var ErrCorrupt = errors.New("rpmb: file system metadata corrupt")

func blocksFor(n uint32) uint32 { return (n + BlockSize - 1) / BlockSize }

// parseMeta checks and decodes the metadata of a partition of the given
// number of blocks.
func parseMeta(b []byte, blocks int) ([]entry, uint32, error) {
	if len(b) != metaSize || string(b[:8]) != metaMagic {
		return nil, 0, fmt.Errorf("%w: bad magic", ErrCorrupt)
	}
	gen := binary.BigEndian.Uint32(b[8:])
	n := int(binary.BigEndian.Uint16(b[12:]))
	if n > MaxEntries || b[14] != 0 || b[15] != 0 {
		return nil, 0, fmt.Errorf("%w: %d entries", ErrCorrupt, n)
	}
	end := metaHeader + n*entrySize
	if !allZero(b[end:]) {
		return nil, 0, fmt.Errorf("%w: trailing bytes", ErrCorrupt)
	}
	es := make([]entry, n)
	for i := range es {
		r := b[metaHeader+i*entrySize : metaHeader+(i+1)*entrySize]
		e := &es[i]
		copy(e.key[:], r)
		e.length = binary.BigEndian.Uint32(r[16:])
		e.start = binary.BigEndian.Uint16(r[20:])
		e.count = binary.BigEndian.Uint16(r[22:])
		copy(e.inline[:], r[entryInline:])
		if i > 0 && bytes.Compare(es[i-1].key[:], e.key[:]) >= 0 {
			return nil, 0, fmt.Errorf("%w: keys out of order", ErrCorrupt)
		}
		if e.length <= InlineMax {
			if e.start != 0 || e.count != 0 || !allZero(e.inline[e.length:]) {
				return nil, 0, fmt.Errorf("%w: inline entry %d", ErrCorrupt, i)
			}
			continue
		}
		if uint32(e.count) != blocksFor(e.length) || e.start < MetaBlocks ||
			int(e.start)+int(e.count) > blocks || !allZero(e.inline[:]) {
			return nil, 0, fmt.Errorf("%w: extent of entry %d", ErrCorrupt, i)
		}
	}
	ext := slices.Clone(es)
	slices.SortFunc(ext, func(a, b entry) int { return int(a.start) - int(b.start) })
	last := 0
	for _, e := range ext {
		if e.count == 0 {
			continue
		}
		if int(e.start) < last {
			return nil, 0, fmt.Errorf("%w: overlapping extents", ErrCorrupt)
		}
		last = int(e.start) + int(e.count)
	}
	return es, gen, nil
}

func marshalMeta(es []entry, gen uint32) []byte {
	b := make([]byte, metaSize)
	copy(b, metaMagic)
	binary.BigEndian.PutUint32(b[8:], gen)
	binary.BigEndian.PutUint16(b[12:], uint16(len(es)))
	for i, e := range es {
		r := b[metaHeader+i*entrySize:]
		copy(r, e.key[:])
		binary.BigEndian.PutUint32(r[16:], e.length)
		binary.BigEndian.PutUint16(r[20:], e.start)
		binary.BigEndian.PutUint16(r[22:], e.count)
		copy(r[entryInline:entrySize], e.inline[:])
	}
	return b
}

var zeros [4096]byte

// allZero reports whether b holds only zero bytes, comparing a page at a
// time.
func allZero(b []byte) bool {
	for len(b) > 0 {
		n := min(len(b), len(zeros))
		if !bytes.Equal(b[:n], zeros[:n]) {
			return false
		}
		b = b[n:]
	}
	return true
}

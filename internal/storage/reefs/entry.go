package reefs

import (
	"encoding/binary"
	"fmt"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/storage/keys"
)

// BlockSize is the plaintext size of an object data block.
const BlockSize = 16 << 10

// Namespace is one TA's objects under one storage id.
type Namespace struct {
	TA      abi.UUID
	Storage uint32
}

// blockRef locates a sealed block: its absolute offset in the log, the
// sealed length (0 for a block of zeros never written) and its GCM tag.
type blockRef struct {
	off uint64
	n   uint32
	tag [keys.TagSize]byte
}

// entry is one object's directory entry. Entries are immutable: an update
// replaces the entry.
type entry struct {
	uid    [16]byte // random, fixed for the object's life; binds its blocks
	fek    []byte   // wrapped by the TSK
	info   []byte   // opaque object info of the layer above
	attrs  []byte   // sealed under the FEK, or empty
	size   uint64
	blocks []blockRef
}

const (
	maxInfo  = 256
	maxAttrs = 1 << 20
	refSize  = 8 + 4 + keys.TagSize
)

// op is one directory change of a record.
type op struct {
	ns  Namespace
	id  []byte
	del bool
	e   *entry
}

// Body (plaintext) layout: op count u32, then per op:
//
//	kind u8 (1 put, 2 delete), TA UUID [16], storage id u32, id length u8, id
//	put: uid [16], wrapped FEK [60], info length u16, info, attrs length u32,
//	     attrs, size u64, block count u32, blocks (offset u64, length u32, tag [16])
func appendOps(b []byte, ops []op) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(ops)))
	for _, o := range ops {
		k := byte(1)
		if o.del {
			k = 2
		}
		b = append(b, k)
		b = append(b, o.ns.TA[:]...)
		b = binary.BigEndian.AppendUint32(b, o.ns.Storage)
		b = append(b, byte(len(o.id)))
		b = append(b, o.id...)
		if o.del {
			continue
		}
		e := o.e
		b = append(b, e.uid[:]...)
		b = append(b, e.fek...)
		b = binary.BigEndian.AppendUint16(b, uint16(len(e.info)))
		b = append(b, e.info...)
		b = binary.BigEndian.AppendUint32(b, uint32(len(e.attrs)))
		b = append(b, e.attrs...)
		b = binary.BigEndian.AppendUint64(b, e.size)
		b = binary.BigEndian.AppendUint32(b, uint32(len(e.blocks)))
		for _, r := range e.blocks {
			b = binary.BigEndian.AppendUint64(b, r.off)
			b = binary.BigEndian.AppendUint32(b, r.n)
			b = append(b, r.tag[:]...)
		}
	}
	return b
}

type reader struct {
	b   []byte
	err error
}

func (r *reader) take(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.b) {
		if r.err == nil {
			r.err = fmt.Errorf("%w: body truncated", ErrFormat)
		}
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) u8() byte {
	if b := r.take(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *reader) u16() uint16 {
	if b := r.take(2); b != nil {
		return binary.BigEndian.Uint16(b)
	}
	return 0
}

func (r *reader) u32() uint32 {
	if b := r.take(4); b != nil {
		return binary.BigEndian.Uint32(b)
	}
	return 0
}

func (r *reader) u64() uint64 {
	if b := r.take(8); b != nil {
		return binary.BigEndian.Uint64(b)
	}
	return 0
}

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: "+format, append([]any{ErrFormat}, args...)...)
	}
}

// parseOps decodes a body, checking every length against what remains
// before allocating and every entry's block list against its size.
func parseOps(b []byte, maxSize uint64) ([]op, error) {
	r := &reader{b: b}
	n := r.u32()
	// Each op takes at least 22 bytes.
	if uint64(n)*22 > uint64(len(r.b)) {
		return nil, fmt.Errorf("%w: %d ops in %d bytes", ErrFormat, n, len(b))
	}
	ops := make([]op, 0, n)
	for i := uint32(0); i < n && r.err == nil; i++ {
		var o op
		kind := r.u8()
		copy(o.ns.TA[:], r.take(16))
		o.ns.Storage = r.u32()
		idLen := int(r.u8())
		if idLen > abi.ObjectIDMaxLen {
			r.fail("object id of %d bytes", idLen)
		}
		o.id = append([]byte(nil), r.take(idLen)...)
		switch kind {
		case 2:
			o.del = true
		case 1:
			o.e = parseEntry(r, maxSize)
		default:
			r.fail("op kind %d", kind)
		}
		ops = append(ops, o)
	}
	if r.err == nil && len(r.b) != 0 {
		r.fail("%d trailing bytes", len(r.b))
	}
	if r.err != nil {
		return nil, r.err
	}
	return ops, nil
}

func parseEntry(r *reader, maxSize uint64) *entry {
	e := &entry{}
	copy(e.uid[:], r.take(16))
	e.fek = append([]byte(nil), r.take(keys.WrappedSize)...)
	il := int(r.u16())
	if il > maxInfo {
		r.fail("info of %d bytes", il)
	}
	e.info = append([]byte(nil), r.take(il)...)
	al := r.u32()
	if al > maxAttrs || al != 0 && al < keys.SealOverhead {
		r.fail("attributes of %d bytes", al)
	}
	e.attrs = append([]byte(nil), r.take(int(al))...)
	e.size = r.u64()
	nb := r.u32()
	if e.size > maxSize || uint64(nb) != (e.size+BlockSize-1)/BlockSize {
		r.fail("size %d with %d blocks", e.size, nb)
	}
	if r.err != nil {
		return nil
	}
	if uint64(nb)*refSize > uint64(len(r.b)) {
		r.fail("%d blocks in %d bytes", nb, len(r.b))
		return nil
	}
	e.blocks = make([]blockRef, nb)
	for i := range e.blocks {
		ref := &e.blocks[i]
		ref.off = r.u64()
		ref.n = r.u32()
		copy(ref.tag[:], r.take(keys.TagSize))
		plain := uint64(BlockSize)
		if i == len(e.blocks)-1 {
			plain = e.size - uint64(i)*BlockSize
		}
		if ref.n != 0 && uint64(ref.n) != plain+keys.SealOverhead || ref.off > 1<<62 {
			r.fail("block %d of %d bytes", i, ref.n)
		}
	}
	return e
}

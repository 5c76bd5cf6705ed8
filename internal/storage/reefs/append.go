package reefs

import (
	"errors"
	"fmt"
	"syscall"

	"github.com/veritee/veritee/internal/storage/keys"
)

// newBlockFlag marks a block reference whose offset is still relative to
// the data area of the record being built.
const newBlockFlag = 1 << 63

// pending is the data area of a record under construction: the blocks
// planned for it, then sealed into place all at once (in parallel when
// large; a block's sealed length does not depend on its content, so
// every block's place is known before any is sealed).
type pending struct {
	jobs []sealJob
	size int
}

type sealJob struct {
	fek   *keys.AEAD
	plain []byte
	uid   [16]byte
	index int
	at    int
	ref   *blockRef
}

// plan reserves the place of block index of object uid, whose plaintext
// is plain, and points ref at it, relative until the record is placed.
// plain must stay unchanged until seal.
func (p *pending) plan(fek *keys.AEAD, plain []byte, uid [16]byte, index int, ref *blockRef) {
	n := len(plain) + keys.SealOverhead
	p.jobs = append(p.jobs, sealJob{fek: fek, plain: plain, uid: uid, index: index, at: p.size, ref: ref})
	*ref = blockRef{off: newBlockFlag | uint64(p.size), n: uint32(n)}
	p.size += n
}

// seal seals every planned block into buf, reallocated when too small,
// fills in the tags and returns the data area.
func (p *pending) seal(buf []byte) []byte {
	if cap(buf) < p.size {
		buf = make([]byte, p.size)
	}
	data := buf[:p.size]
	parallel(len(p.jobs), p.size, func(k int) error {
		j := p.jobs[k]
		n := len(j.plain) + keys.SealOverhead
		sealed := j.fek.Seal(data[j.at:j.at:j.at+n], j.plain, blockAAD(j.uid, j.index))
		copy(j.ref.tag[:], sealed[n-keys.TagSize:])
		return nil
	})
	return data
}

// sealInto seals p's blocks into the store's scratch buffer, which is
// kept between updates up to maxScratch bytes. Callers hold s.mu and are
// done with the result when append returns.
func (s *Store) sealInto(p *pending) []byte {
	data := p.seal(s.scratch)
	if cap(data) <= maxScratch {
		s.scratch = data[:0]
	}
	return data
}

// maxScratch bounds the buffer a store keeps for sealing.
const maxScratch = 4<<20 + 256*keys.SealOverhead

// append writes a record at the end of the log, syncs it, commits its
// chain hash to the RPMB and applies it to the directory. data is the
// data area (see pending), placed behind the body, where the relative
// block references of ops are made absolute. Callers hold s.mu.
func (s *Store) append(kind byte, ops []op, data []byte) error {
	if s.broken != nil {
		return fmt.Errorf("%w: %w", ErrBroken, s.broken)
	}
	if s.seq >= 0xFFFFFFFF {
		return fmt.Errorf("%w: sequence numbers exhausted", ErrNoSpace)
	}
	if int64(len(data)) > maxData {
		return fmt.Errorf("%w: update of %d bytes", ErrNoSpace, len(data))
	}
	plainLen := len(appendOps(nil, ops))
	bodyLen := plainLen + keys.SealOverhead
	if bodyLen > maxBody {
		return fmt.Errorf("%w: directory record of %d bytes", ErrNoSpace, bodyLen)
	}
	dataStart := s.end + recHeader + int64(bodyLen)
	for _, o := range ops {
		if o.e == nil {
			continue
		}
		for i := range o.e.blocks {
			if r := &o.e.blocks[i]; r.off&newBlockFlag != 0 {
				r.off = uint64(dataStart) + r.off&^newBlockFlag
			}
		}
	}
	hdr := recHdr{kind: kind, seq: s.seq + 1, bodyLen: uint32(bodyLen), dataLen: uint32(len(data))}.marshal()
	prev := s.chain
	if kind == kindCheckpt {
		prev = [32]byte{}
	}
	rec := make([]byte, 0, recHeader+bodyLen)
	rec = append(rec, hdr...)
	rec = s.meta.Seal(rec, appendOps(make([]byte, 0, plainLen), ops), bodyAAD(s.logNo, hdr, prev))
	body := rec[recHeader:]
	size := int64(len(rec) + len(data))
	end := s.end + size
	if err := s.grow(end, size); err != nil {
		return err
	}
	// Nothing names this record until the RPMB does; a partial one fails
	// authentication. The data area goes down in a second write rather
	// than being copied behind the body.
	if _, err := s.f.WriteAt(rec, s.end); err != nil {
		return ioErr(err)
	}
	if len(data) > 0 {
		if _, err := s.f.WriteAt(data, s.end+int64(len(rec))); err != nil {
			return ioErr(err)
		}
	}
	if err := s.f.Sync(); err != nil {
		s.broken = err
		return fmt.Errorf("%w: %w", ErrBroken, err)
	}
	chain := chainNext(prev, hdr, body)
	if err := s.commitRoot(root{s.logNo, uint32(s.seq + 1), chain}); err != nil {
		s.broken = err
		return fmt.Errorf("%w: %w", ErrBroken, err)
	}
	s.apply(kind, ops)
	s.seq++
	s.chain, s.end = chain, end
	return nil
}

// grow preallocates the log up to at least end, for a record of n
// bytes. A large record extends the file by itself: zeros written under
// it would only double its I/O.
func (s *Store) grow(end, n int64) error {
	if end <= s.alloc || s.opt.Prealloc <= 0 {
		return nil
	}
	if n >= s.opt.Prealloc/4 {
		s.alloc = end
		return nil
	}
	add := (end - s.alloc + s.opt.Prealloc - 1) / s.opt.Prealloc * s.opt.Prealloc
	zero := make([]byte, min(add, 1<<20))
	for off := int64(0); off < add; off += int64(len(zero)) {
		c := min(int64(len(zero)), add-off)
		if _, err := s.f.WriteAt(zero[:c], s.alloc+off); err != nil {
			return ioErr(err)
		}
	}
	s.alloc += add
	return nil
}

func ioErr(err error) error {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) || errors.Is(err, syscall.EFBIG) {
		return fmt.Errorf("%w: %w", ErrNoSpace, err)
	}
	return err
}

package reefs

import (
	"crypto/sha256"

	"errors"
	"fmt"
	"github.com/veritee/veritee/internal/storage/keys"
	"syscall"
)

// newBlockFlag marks a block reference whose offset is still relative to
// the data area of the record being built.
const newBlockFlag = 1 << 63

// pending is a record under construction: its directory changes and the
// sealed blocks of its data area.
type pending struct {
	ops  []op
	data []byte
}

// sealBlock seals plain straight into the data area and returns the
// block's reference, relative until the record is placed.
func (p *pending) sealBlock(fek *keys.AEAD, plain, aad []byte) blockRef {
	start := len(p.data)
	p.data = fek.Seal(p.data, plain, aad)
	sealed := p.data[start:]
	r := blockRef{off: newBlockFlag | uint64(start), n: uint32(len(sealed))}
	copy(r.tag[:], sealed[len(sealed)-len(r.tag):])
	return r
}

// append writes a record at the end of the log, syncs it, commits its
// chain hash to the RPMB and applies it to the directory. Blocks added
// with sealBlock are placed behind the body. Callers hold s.mu.
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
	plainLen := 32 + len(appendOps(nil, ops))
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
	rec := make([]byte, 0, recHeader+bodyLen+len(data))
	rec = append(rec, hdr...)
	sum := sha256.Sum256(data)
	plain := appendOps(append(make([]byte, 0, plainLen), sum[:]...), ops)
	rec = s.meta.Seal(rec, plain, bodyAAD(s.logNo, hdr, prev))
	body := rec[recHeader:]
	rec = append(rec, data...)
	end := s.end + int64(len(rec))
	if err := s.grow(end, int64(len(rec))); err != nil {
		return err
	}
	if _, err := s.f.WriteAt(rec, s.end); err != nil {
		// Nothing names this record; a partial one fails authentication.
		return ioErr(err)
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

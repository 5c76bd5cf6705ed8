package reefs

import (
	"crypto/subtle"
	"encoding/binary"
	"fmt"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/storage/keys"
)

// maxCachedFEKs bounds the unwrapped keys kept in memory.
const maxCachedFEKs = 4096

func (s *Store) tsk(ta abi.UUID) *keys.AEAD {
	s.keyMu.Lock()
	defer s.keyMu.Unlock()
	a := s.tsks[ta]
	if a == nil {
		a = s.ssk.TSK(ta)
		s.tsks[ta] = a
	}
	return a
}

// fekOf returns the unwrapped FEK of e, a TA ta's object.
func (s *Store) fekOf(ta abi.UUID, e *entry) (*keys.AEAD, error) {
	s.keyMu.Lock()
	a := s.feks[e.uid]
	s.keyMu.Unlock()
	if a != nil {
		return a, nil
	}
	k, err := s.tsk(ta).Open(nil, e.fek, e.uid[:])
	if err != nil {
		return nil, fmt.Errorf("%w: key does not unwrap", ErrCorrupt)
	}
	a, err = keys.NewAEAD(k)
	clear(k)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	s.keyMu.Lock()
	defer s.keyMu.Unlock()
	if len(s.feks) >= maxCachedFEKs {
		// Readers (under the read lock, and their decrypting goroutines)
		// may still be using an evicted key: it is dropped, not destroyed,
		// and the collector frees it after them.
		clear(s.feks)
	}
	s.feks[e.uid] = a
	return a, nil
}

func (s *Store) dropFEK(uid [16]byte) {
	s.keyMu.Lock()
	defer s.keyMu.Unlock()
	if a := s.feks[uid]; a != nil {
		a.Destroy()
		delete(s.feks, uid)
	}
}

// newFEK makes a fresh FEK for e and wraps it with the TSK of ta.
func (s *Store) newFEK(ta abi.UUID, e *entry) *keys.AEAD {
	k := keys.NewFEK()
	defer clear(k)
	e.fek = s.tsk(ta).Seal(nil, k, e.uid[:])
	a, _ := keys.NewAEAD(k)
	s.keyMu.Lock()
	s.feks[e.uid] = a
	s.keyMu.Unlock()
	return a
}

func blockAAD(uid [16]byte, i int) []byte {
	return binary.BigEndian.AppendUint32(append([]byte("blk"), uid[:]...), uint32(i))
}

func attrsAAD(uid [16]byte) []byte { return append([]byte("attrs"), uid[:]...) }

// blockLen returns the plaintext length of block i of an object of size.
func blockLen(size uint64, i int) int {
	rest := size - uint64(i)*BlockSize
	return int(min(rest, BlockSize))
}

// readBlock appends the plaintext of block i of e to dst, checking the
// sealed block against the tag its entry lists and then its GCM tag.
func (s *Store) readBlock(fek *keys.AEAD, e *entry, i int, dst []byte) ([]byte, error) {
	r := e.blocks[i]
	n := blockLen(e.size, i)
	if r.n == 0 {
		return append(dst, make([]byte, n)...), nil
	}
	buf := make([]byte, r.n)
	if _, err := s.f.ReadAt(buf, int64(r.off)); err != nil {
		return nil, fmt.Errorf("%w: block %d: %w", ErrCorrupt, i, err)
	}
	return s.openBlock(fek, e, i, buf, dst)
}

func (s *Store) openBlock(fek *keys.AEAD, e *entry, i int, sealed, dst []byte) ([]byte, error) {
	r := e.blocks[i]
	if len(sealed) != int(r.n) || subtle.ConstantTimeCompare(sealed[len(sealed)-keys.TagSize:], r.tag[:]) != 1 {
		return nil, fmt.Errorf("%w: block %d is not the one its entry names", ErrCorrupt, i)
	}
	out, err := fek.Open(dst, sealed, blockAAD(e.uid, i))
	if err != nil || len(out)-len(dst) != blockLen(e.size, i) {
		return nil, fmt.Errorf("%w: block %d fails authentication", ErrCorrupt, i)
	}
	return out, nil
}

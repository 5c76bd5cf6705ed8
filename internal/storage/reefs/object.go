package reefs

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"sync"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/storage/keys"
)

// Object describes a stored object: the layer above's opaque info and the
// size of its data.
type Object struct {
	Info []byte
	Size uint64
}

func checkID(id []byte) error {
	if len(id) > abi.ObjectIDMaxLen {
		return fmt.Errorf("reefs: object id of %d bytes", len(id))
	}
	return nil
}

func (s *Store) usable() error {
	if s.broken != nil {
		return fmt.Errorf("%w: %w", ErrBroken, s.broken)
	}
	return nil
}

// get returns the entry of id; callers hold s.mu.
func (s *Store) get(ns Namespace, id []byte) (*entry, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	if err := s.usable(); err != nil {
		return nil, err
	}
	if d := s.dirs[ns]; d != nil {
		if e := d.byID[string(id)]; e != nil {
			return e, nil
		}
	}
	return nil, ErrNotFound
}

// Lookup returns the object id of ns.
func (s *Store) Lookup(ns Namespace, id []byte) (Object, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	e, err := s.get(ns, id)
	if err != nil {
		return Object{}, err
	}
	return Object{Info: bytes.Clone(e.info), Size: e.size}, nil
}

// Attributes returns the attribute blob of object id, decrypted.
// ErrCorrupt when it fails authentication.
func (s *Store) Attributes(ns Namespace, id []byte) ([]byte, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	e, err := s.get(ns, id)
	if err != nil {
		return nil, err
	}
	if len(e.attrs) == 0 {
		return nil, nil
	}
	fek, err := s.fekOf(ns.TA, e)
	if err != nil {
		return nil, err
	}
	a, err := fek.Open(nil, e.attrs, attrsAAD(e.uid))
	if err != nil {
		return nil, fmt.Errorf("%w: attributes fail authentication", ErrCorrupt)
	}
	return a, nil
}

// ReadAt reads object data at off into p and returns the bytes read,
// fewer than len(p) only at the end of the data. ErrCorrupt when a block
// fails authentication.
func (s *Store) ReadAt(ns Namespace, id []byte, p []byte, off uint64) (int, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	e, err := s.get(ns, id)
	if err != nil {
		return 0, err
	}
	if off >= e.size || len(p) == 0 {
		return 0, nil
	}
	n := int(min(uint64(len(p)), e.size-off))
	fek, err := s.fekOf(ns.TA, e)
	if err != nil {
		return 0, err
	}
	first, last := int(off/BlockSize), int((off+uint64(n)-1)/BlockSize)
	bufp := runPool.Get().(*[]byte)
	defer runPool.Put(bufp)
	for i := first; i <= last; {
		// Read a run of blocks that lie back to back in the log at once.
		j, runLen := i+1, int(e.blocks[i].n)
		for runLen > 0 && j <= last && e.blocks[j].n != 0 &&
			e.blocks[j].off == e.blocks[j-1].off+uint64(e.blocks[j-1].n) &&
			runLen+int(e.blocks[j].n) <= readRunMax {
			runLen += int(e.blocks[j].n)
			j++
		}
		// Each goroutine reads its part of the run and decrypts its blocks
		// into their own parts of p.
		run, base := (*bufp)[:runLen], e.blocks[i].off
		err := parallelRanges(j-i, runLen, func(lo, hi int) error {
			if runLen > 0 {
				from, to := e.blocks[i+lo], e.blocks[i+hi-1]
				part := run[from.off-base : to.off+uint64(to.n)-base]
				if _, err := s.f.ReadAt(part, int64(from.off)); err != nil {
					return fmt.Errorf("%w: %w", ErrCorrupt, err)
				}
			}
			for k := i + lo; k < i+hi; k++ {
				if err := s.openInto(fek, e, k, run, base, p, off, uint64(n)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return 0, err
		}
		i = j
	}
	return n, nil
}

// openInto decrypts block k of e, whose sealed bytes lie in run (read
// from log offset base), into its part of p, which holds the object's
// bytes [off, off+n).
func (s *Store) openInto(fek *keys.AEAD, e *entry, k int, run []byte, base uint64, p []byte, off, n uint64) error {
	r, bl, start := e.blocks[k], blockLen(e.size, k), uint64(k)*BlockSize
	lo := max(off, start) - start
	hi := min(off+n, start+uint64(bl)) - start
	at := int(start + lo - off)
	dst := p[at : at : at+int(hi-lo)]
	if r.n == 0 {
		clear(dst[:hi-lo])
		return nil
	}
	sealed := run[r.off-base:][:r.n]
	if lo == 0 && hi == uint64(bl) {
		_, err := s.openBlock(fek, e, k, sealed, dst)
		return err
	}
	plain, err := s.openBlock(fek, e, k, sealed, make([]byte, 0, bl))
	if err != nil {
		return err
	}
	copy(dst[:hi-lo], plain[lo:hi])
	return nil
}

// readRunMax bounds the sealed bytes one read of the log brings in.
const readRunMax = 64 * (BlockSize + keys.SealOverhead)

// runPool holds the buffers reads bring sealed blocks into.
var runPool = sync.Pool{New: func() any {
	b := make([]byte, readRunMax)
	return &b
}}

// Create stores a new object: info, attributes and initial data. With
// overwrite, an existing object of that id is replaced in the same update;
// without, ErrExists.
func (s *Store) Create(ns Namespace, id, info, attrs, data []byte, overwrite bool) error {
	if len(info) > maxInfo || len(attrs) > maxAttrs-64 {
		return fmt.Errorf("reefs: info of %d or attributes of %d bytes too large", len(info), len(attrs))
	}
	if uint64(len(data)) > s.opt.MaxObjectSize {
		return fmt.Errorf("%w: %d bytes of data", ErrNoSpace, len(data))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.get(ns, id)
	switch {
	case err == nil && !overwrite:
		return ErrExists
	case err != nil && err != ErrNotFound:
		return err
	}
	e := &entry{info: bytes.Clone(info), size: uint64(len(data))}
	rand.Read(e.uid[:])
	fek := s.newFEK(ns.TA, e)
	if len(attrs) > 0 {
		e.attrs = fek.Seal(nil, attrs, attrsAAD(e.uid))
	}
	var p pending
	e.blocks = make([]blockRef, (len(data)+BlockSize-1)/BlockSize)
	for i := range e.blocks {
		p.plan(fek, data[i*BlockSize:min(len(data), (i+1)*BlockSize)], e.uid, i, &e.blocks[i])
	}
	err = s.append(kindUpdate, []op{{ns: ns, id: bytes.Clone(id), e: e}}, s.sealInto(&p))
	if err != nil {
		s.dropFEK(e.uid)
		return err
	}
	return s.maybeCompact()
}

// WriteAt writes p at off, extending the data with zeros up to off when
// off lies beyond its end. ErrNoSpace beyond the object size limit.
func (s *Store) WriteAt(ns Namespace, id []byte, p []byte, off uint64) error {
	if len(p) == 0 {
		return nil
	}
	if off > s.opt.MaxObjectSize || uint64(len(p)) > s.opt.MaxObjectSize-off {
		return fmt.Errorf("%w: write to %d+%d", ErrNoSpace, off, len(p))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, err := s.get(ns, id)
	if err != nil {
		return err
	}
	return s.rewrite(ns, id, e, p, off, max(e.size, off+uint64(len(p))))
}

// Truncate sets the data size, cutting or extending with zeros.
func (s *Store) Truncate(ns Namespace, id []byte, size uint64) error {
	if size > s.opt.MaxObjectSize {
		return fmt.Errorf("%w: size %d", ErrNoSpace, size)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, err := s.get(ns, id)
	if err != nil {
		return err
	}
	if size == e.size {
		return nil
	}
	return s.rewrite(ns, id, e, nil, 0, size)
}

// rewrite stores a new version of e whose data is the old data cut or
// zero-extended to size with p written at off. Blocks that do not change
// are shared with the old version; only the others are sealed anew.
func (s *Store) rewrite(ns Namespace, id []byte, e *entry, p []byte, off, size uint64) error {
	fek, err := s.fekOf(ns.TA, e)
	if err != nil {
		return err
	}
	ne := &entry{uid: e.uid, fek: e.fek, info: e.info, attrs: e.attrs, size: size}
	nb := int((size + BlockSize - 1) / BlockSize)
	ne.blocks = make([]blockRef, nb)
	wlo, whi := off, off+uint64(len(p))
	var pd pending
	for i := range nb {
		start := uint64(i) * BlockSize
		bl := blockLen(size, i)
		touched := len(p) > 0 && wlo < start+uint64(bl) && whi > start
		old := i < len(e.blocks)
		if !touched && old && blockLen(e.size, i) == bl {
			ne.blocks[i] = e.blocks[i]
			continue
		}
		if !touched && !old {
			continue // a block of zeros, stored as nothing
		}
		lo, hi := max(wlo, start), min(whi, start+uint64(bl))
		if touched && lo == start && hi == start+uint64(bl) {
			// Wholly overwritten: seal straight from p.
			pd.plan(fek, p[lo-wlo:hi-wlo], e.uid, i, &ne.blocks[i])
			continue
		}
		// At most the first and the last block of a write (or the
		// last of a truncation) are merged with their old content.
		buf := make([]byte, 0, BlockSize)
		if old {
			if buf, err = s.readBlock(fek, e, i, buf); err != nil {
				return err
			}
		}
		if len(buf) > bl {
			buf = buf[:bl]
		}
		if n := len(buf); n < bl {
			buf = buf[:bl]
			clear(buf[n:])
		}
		if touched {
			copy(buf[lo-start:hi-start], p[lo-wlo:hi-wlo])
		}
		pd.plan(fek, buf, e.uid, i, &ne.blocks[i])
	}
	if err := s.append(kindUpdate, []op{{ns: ns, id: bytes.Clone(id), e: ne}}, s.sealInto(&pd)); err != nil {
		return err
	}
	return s.maybeCompact()
}

// SetInfo replaces the object's info (for example its usage flags).
func (s *Store) SetInfo(ns Namespace, id, info []byte) error {
	if len(info) > maxInfo {
		return fmt.Errorf("reefs: info of %d bytes", len(info))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, err := s.get(ns, id)
	if err != nil {
		return err
	}
	ne := *e
	ne.info = bytes.Clone(info)
	return s.append(kindUpdate, []op{{ns: ns, id: bytes.Clone(id), e: &ne}}, nil)
}

// Rename gives object old the id new, atomically. ErrExists when new is
// taken (renaming an object to its own id succeeds and changes nothing).
func (s *Store) Rename(ns Namespace, old, new []byte) error {
	if err := checkID(new); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, err := s.get(ns, old)
	if err != nil {
		return err
	}
	if bytes.Equal(old, new) {
		return nil
	}
	if _, err := s.get(ns, new); err == nil {
		return ErrExists
	}
	return s.append(kindUpdate, []op{
		{ns: ns, id: bytes.Clone(old), del: true},
		{ns: ns, id: bytes.Clone(new), e: e},
	}, nil)
}

// Delete removes object id.
func (s *Store) Delete(ns Namespace, id []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.get(ns, id); err != nil {
		return err
	}
	if err := s.append(kindUpdate, []op{{ns: ns, id: bytes.Clone(id), del: true}}, nil); err != nil {
		return err
	}
	return s.maybeCompact()
}

// Next returns the first object id of ns that sorts after after (or the
// first of all when first is set), for enumerators. Objects created or
// deleted meanwhile are seen as they are now.
func (s *Store) Next(ns Namespace, after []byte, first bool) ([]byte, Object, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	d := s.dirs[ns]
	if d == nil || s.broken != nil {
		return nil, Object{}, false
	}
	i := 0
	if !first {
		var found bool
		i, found = searchIDs(d.ids, string(after))
		if found {
			i++
		}
	}
	if i >= len(d.ids) {
		return nil, Object{}, false
	}
	id := d.ids[i]
	e := d.byID[id]
	return []byte(id), Object{Info: bytes.Clone(e.info), Size: e.size}, true
}

// Count returns the number of objects in ns.
func (s *Store) Count(ns Namespace) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if d := s.dirs[ns]; d != nil {
		return len(d.ids)
	}
	return 0
}

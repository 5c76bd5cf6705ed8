package reefs

import (
	"fmt"
	"slices"
	"sort"
)

// spareName is the previous log, kept for its allocated space.
const spareName = "spare"

func searchIDs(ids []string, id string) (int, bool) { return slices.BinarySearch(ids, id) }

// maybeCompact compacts when the log holds more than three times the
// live data: each compaction then copies at most half as much as was
// written since the one before.
// Callers hold s.mu; the update that called it has already succeeded, so
// a compaction that fails before its commit is only logged away: the old
// log stays in use.
func (s *Store) maybeCompact() error {
	if s.end < s.opt.CompactMin || s.end < 3*s.live+s.opt.CompactMin/2 {
		return nil
	}
	if err := s.compact(); err != nil && s.broken != nil {
		return err
	}
	return nil
}

// Compact rewrites the live objects into a new log and drops the old one.
func (s *Store) Compact() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.usable(); err != nil {
		return err
	}
	return s.compact()
}

func (s *Store) compact() error {
	newNo := s.logNo + 1
	if newNo == 0 {
		return fmt.Errorf("%w: log numbers exhausted", ErrNoSpace)
	}
	// The checkpoint lists every entry; its blocks are copied verbatim
	// (their authentication does not depend on where they lie).
	var ops []op
	type move struct {
		from uint64
		n    uint32
	}
	var moves []move
	var rel uint64
	nss := make([]Namespace, 0, len(s.dirs))
	for ns := range s.dirs {
		nss = append(nss, ns)
	}
	sort.Slice(nss, func(i, j int) bool {
		a, b := nss[i], nss[j]
		if a.TA != b.TA {
			return string(a.TA[:]) < string(b.TA[:])
		}
		return a.Storage < b.Storage
	})
	for _, ns := range nss {
		d := s.dirs[ns]
		for _, id := range d.ids {
			e := *d.byID[id]
			e.blocks = slices.Clone(e.blocks)
			for i := range e.blocks {
				r := &e.blocks[i]
				if r.n == 0 {
					continue
				}
				moves = append(moves, move{r.off, r.n})
				r.off = newBlockFlag | rel
				rel += uint64(r.n)
			}
			ops = append(ops, op{ns: ns, id: []byte(id), e: &e})
		}
	}
	// The previous log, kept as a spare, becomes the new one: its blocks
	// are allocated and synced, so overwriting them syncs data only. What
	// it held fails authentication under the new log number.
	s.svc.Remove(logName(newNo))
	if err := s.svc.Rename(spareName, logName(newNo)); err != nil {
		s.svc.Remove(spareName)
	}
	f, err := s.svc.Open(logName(newNo), true)
	if err != nil {
		return err
	}
	spareSize, err := f.Size()
	if err != nil {
		f.Close()
		return err
	}
	data := make([]byte, 0, rel)
	for _, m := range moves {
		b := make([]byte, m.n)
		if _, err := s.f.ReadAt(b, int64(m.from)); err != nil {
			f.Close()
			s.svc.Remove(logName(newNo))
			return err
		}
		data = append(data, b...)
	}
	oldF, oldNo, oldEnd, oldAlloc, oldSeq, oldChain := s.f, s.logNo, s.end, s.alloc, s.seq, s.chain
	restore := func() {
		s.f, s.logNo, s.end, s.alloc, s.seq, s.chain = oldF, oldNo, oldEnd, oldAlloc, oldSeq, oldChain
	}
	s.f, s.logNo, s.end, s.alloc = f, newNo, fileHeader, max(spareSize, fileHeader)
	if _, err := f.WriteAt(marshalFileHeader(newNo), 0); err != nil {
		restore()
		f.Close()
		s.svc.Remove(logName(newNo))
		return err
	}
	if err := s.svc.SyncDir(); err != nil {
		restore()
		f.Close()
		s.svc.Remove(logName(newNo))
		return err
	}
	if err := s.append(kindCheckpt, ops, data); err != nil {
		if s.broken != nil {
			return err
		}
		restore()
		f.Close()
		s.svc.Remove(logName(newNo))
		return err
	}
	oldF.Close()
	if err := s.svc.Rename(logName(oldNo), spareName); err != nil {
		s.svc.Remove(logName(oldNo))
	}
	return nil
}

package reefs

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/storage/keys"
	"github.com/veritee/veritee/internal/storage/ree"
	"github.com/veritee/veritee/internal/storage/rpmb"
)

// Options tune a store. The zero value is usable.
type Options struct {
	// Prealloc grows the log this many zero bytes at a time, so that
	// updates overwrite allocated space and their sync writes data only.
	// 0 disables preallocation.
	Prealloc int64
	// CompactMin is the log size below which the store never compacts.
	// 0 means 4 MiB.
	CompactMin int64
	// MaxObjectSize caps an object's data; writes beyond it fail with
	// ErrNoSpace. 0 means 256 MiB.
	MaxObjectSize uint64
}

// DefaultOptions are the options of a daemon's store.
var DefaultOptions = Options{Prealloc: 1 << 20}

// rootKey names the RPMB record that vouches for the store.
var rootKey = rpmb.NamedKey(rpmb.KindSystem, "ree-store-root")

// Store is an open REE file store. It is safe for concurrent use.
type Store struct {
	mu   sync.RWMutex
	svc  ree.Services
	fs   *rpmb.FS
	ssk  *keys.SSK
	meta *keys.AEAD
	opt  Options

	logNo uint32
	f     ree.File
	end   int64 // end of the newest record
	alloc int64 // bytes of the log file, preallocation included
	seq   uint64
	chain [32]byte
	dirs  map[Namespace]*dir
	live  int64 // sealed bytes the entries refer to

	keyMu sync.Mutex
	tsks  map[abi.UUID]*keys.AEAD
	feks  map[[16]byte]*keys.AEAD

	broken  error
	damage  []error // found by the open; see Health
	scratch []byte  // the data area of the last update, kept for the next
}

type dir struct {
	byID map[string]*entry
	ids  []string // sorted
}

func (d *dir) put(id string, e *entry) (old *entry) {
	old = d.byID[id]
	if old == nil {
		i, _ := slices.BinarySearch(d.ids, id)
		d.ids = slices.Insert(d.ids, i, id)
	}
	d.byID[id] = e
	return old
}

func (d *dir) del(id string) (old *entry) {
	old = d.byID[id]
	if old != nil {
		delete(d.byID, id)
		i, _ := slices.BinarySearch(d.ids, id)
		d.ids = slices.Delete(d.ids, i, i+1)
	}
	return old
}

// Open opens the store kept in svc, whose root is vouched for by the RPMB
// file system fs. A store that does not exist yet is created, but only
// when the RPMB knows of none: an existing store is never reset. A crash
// during the newest update is recovered from.
func Open(svc ree.Services, fs *rpmb.FS, ssk *keys.SSK, opt Options) (*Store, error) {
	if opt.CompactMin == 0 {
		opt.CompactMin = 4 << 20
	}
	if opt.MaxObjectSize == 0 {
		opt.MaxObjectSize = 256 << 20
	}
	if opt.MaxObjectSize > abi.DataMaxPosition {
		return nil, fmt.Errorf("reefs: object size limit %d above TEE_DATA_MAX_POSITION", opt.MaxObjectSize)
	}
	s := &Store{
		svc: svc, fs: fs, ssk: ssk, meta: mustAEAD(ssk.MetaKey()), opt: opt,
		tsks: map[abi.UUID]*keys.AEAD{}, feks: map[[16]byte]*keys.AEAD{},
	}
	if err := s.recover(); err != nil {
		s.closeKeys()
		if s.f != nil {
			s.f.Close()
		}
		return nil, err
	}
	return s, nil
}

func mustAEAD(k []byte) *keys.AEAD {
	a, err := keys.NewAEAD(k)
	clear(k)
	if err != nil {
		panic(err)
	}
	return a
}

// Close closes the log and zeroes the keys the store holds.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closeKeys()
	s.broken = errors.New("reefs: store closed")
	if s.f == nil {
		return nil
	}
	err := s.f.Close()
	s.f = nil
	return err
}

func (s *Store) closeKeys() {
	s.keyMu.Lock()
	defer s.keyMu.Unlock()
	s.meta.Destroy()
	for _, a := range s.tsks {
		a.Destroy()
	}
	for _, a := range s.feks {
		a.Destroy()
	}
	clear(s.tsks)
	clear(s.feks)
}

type root struct {
	logNo uint32
	seq   uint32
	chain [32]byte
}

func (r root) marshal() []byte {
	b := binary.BigEndian.AppendUint32(nil, r.logNo)
	b = binary.BigEndian.AppendUint32(b, r.seq)
	return append(b, r.chain[:]...)
}

// parseRoot decodes the RPMB root record: log number u32, sequence
// number u32, chain hash [32].
func parseRoot(b []byte) (root, error) {
	var r root
	if len(b) != 40 {
		return r, fmt.Errorf("%w: root record of %d bytes", ErrFormat, len(b))
	}
	r.logNo = binary.BigEndian.Uint32(b)
	r.seq = binary.BigEndian.Uint32(b[4:])
	copy(r.chain[:], b[8:])
	if r.logNo == 0 || r.seq == 0 {
		return r, fmt.Errorf("%w: root record fields", ErrFormat)
	}
	return r, nil
}

func (s *Store) commitRoot(r root) error {
	return s.fs.Commit(rpmb.Change{Key: rootKey, Value: r.marshal()})
}

func (s *Store) logs() ([]uint32, error) {
	names, err := s.svc.List()
	if err != nil {
		return nil, err
	}
	var ns []uint32
	for _, n := range names {
		if no, ok := parseLogName(n); ok {
			ns = append(ns, no)
		}
	}
	sort.Slice(ns, func(i, j int) bool { return ns[i] < ns[j] })
	return ns, nil
}

func (s *Store) recover() error {
	logs, err := s.logs()
	if err != nil {
		return err
	}
	rb, err := s.fs.Get(rootKey)
	if errors.Is(err, rpmb.ErrNotFound) {
		switch {
		case len(logs) == 0:
			return s.create()
		case len(logs) == 1 && logs[0] == 1:
			// A crash between creating the first log and committing it:
			// its one record is rolled forward, or, when it never got
			// whole, nothing was acknowledged and the store starts anew.
			err := s.load(1, root{}, true)
			if errors.Is(err, errNoFirstRecord) {
				if s.f != nil {
					s.f.Close()
					s.f = nil
				}
				if err := s.svc.Remove(logName(1)); err != nil {
					return err
				}
				return s.create()
			}
			if err != nil {
				return fmt.Errorf("%w: a log exists that the RPMB does not know: %w", ErrUntrusted, err)
			}
			return nil
		}
		return fmt.Errorf("%w: logs %v exist that the RPMB does not know", ErrUntrusted, logs)
	}
	if err != nil {
		return err
	}
	r, err := parseRoot(rb)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrUntrusted, err)
	}
	if slices.Contains(logs, r.logNo+1) {
		// A compaction may have been cut short after its log was synced.
		if err := s.load(r.logNo+1, r, true); err == nil {
			s.svc.Remove(logName(r.logNo))
			return nil
		}
		if s.f != nil {
			s.f.Close()
			s.f = nil
		}
	}
	if !slices.Contains(logs, r.logNo) {
		return fmt.Errorf("%w: log %d is missing", ErrUntrusted, r.logNo)
	}
	if err := s.load(r.logNo, r, false); err != nil {
		return err
	}
	for _, n := range logs {
		if n != r.logNo {
			s.svc.Remove(logName(n))
		}
	}
	return nil
}

// create starts an empty store: log 1 holding an empty checkpoint.
func (s *Store) create() error {
	s.dirs = map[Namespace]*dir{}
	f, err := s.svc.Open(logName(1), true)
	if err != nil {
		return err
	}
	s.f, s.logNo = f, 1
	if _, err := f.WriteAt(marshalFileHeader(1), 0); err != nil {
		return err
	}
	s.end, s.alloc = fileHeader, fileHeader
	if err := s.svc.SyncDir(); err != nil {
		return err
	}
	return s.append(kindCheckpt, nil, nil)
}

func (s *Store) dirOf(ns Namespace) *dir {
	d := s.dirs[ns]
	if d == nil {
		d = &dir{byID: map[string]*entry{}}
		s.dirs[ns] = d
	}
	return d
}

func entryBytes(e *entry) int64 {
	var n int64
	for _, r := range e.blocks {
		n += int64(r.n)
	}
	return n
}

// apply makes the directory changes of a record.
func (s *Store) apply(kind byte, ops []op) {
	if kind == kindCheckpt {
		s.dirs = map[Namespace]*dir{}
		s.live = 0
	}
	for _, o := range ops {
		d := s.dirOf(o.ns)
		var old *entry
		if o.del {
			old = d.del(string(o.id))
		} else {
			old = d.put(string(o.id), o.e)
			s.live += entryBytes(o.e)
		}
		if old != nil {
			s.live -= entryBytes(old)
			s.dropFEK(old.uid)
		}
		if len(d.ids) == 0 {
			delete(s.dirs, o.ns)
		}
	}
}

func chainNext(prev [32]byte, hdr, body []byte) [32]byte {
	h := sha256.New()
	h.Write(prev[:])
	h.Write(hdr)
	h.Write(body)
	var out [32]byte
	h.Sum(out[:0])
	return out
}

func bodyAAD(logNo uint32, hdr []byte, prev [32]byte) []byte {
	a := binary.BigEndian.AppendUint32(nil, logNo)
	a = append(a, hdr...)
	return append(a, prev[:]...)
}

// load reads log n. With want set, the log must reach want's sequence
// number with want's chain hash; one further record, whole and synced by
// an update the crash interrupted before it reached the RPMB, is accepted
// and committed. With ahead set, the log must instead hold exactly that
// one further record (a new log whose commit was interrupted).
func (s *Store) load(n uint32, want root, ahead bool) error {
	f, err := s.svc.Open(logName(n), false)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrUntrusted, err)
	}
	s.f, s.logNo = f, n
	size, err := f.Size()
	if err != nil {
		return err
	}
	hb := make([]byte, fileHeader)
	if _, err := f.ReadAt(hb, 0); err != nil {
		if ahead {
			return fmt.Errorf("%w: %w", errNoFirstRecord, err)
		}
		return fmt.Errorf("%w: %w", ErrUntrusted, err)
	}
	if no, err := parseFileHeader(hb); err != nil || no != n {
		if ahead {
			return fmt.Errorf("%w: log %d header", errNoFirstRecord, n)
		}
		return fmt.Errorf("%w: log %d header", ErrUntrusted, n)
	}
	s.dirs, s.live, s.alloc, s.damage = map[Namespace]*dir{}, 0, size, nil
	off := int64(fileHeader)
	var chain [32]byte
	var seq uint64
	first := true
	for {
		reachedWant := !ahead && !first && seq == uint64(want.seq)
		if reachedWant && subtle.ConstantTimeCompare(chain[:], want.chain[:]) != 1 {
			return fmt.Errorf("%w: log %d differs from the RPMB root at record %d", ErrUntrusted, n, seq)
		}
		rec, err := s.readRecord(off, size, chain, first)
		wantNext := uint64(want.seq) + 1
		if reachedWant || ahead {
			// Only the record after the root may follow, and only whole.
			if err == nil && rec.hdr.seq == wantNext && (!ahead || rec.hdr.kind == kindCheckpt) && s.verifyData(rec) == nil {
				// Nothing is appended before the record before it is
				// committed: a valid record after it means the RPMB lost
				// its state.
				if _, err := s.readRecord(rec.end, size, rec.chain, false); err == nil {
					return fmt.Errorf("%w: log %d continues past the RPMB root by more than one record", ErrUntrusted, n)
				}
				s.apply(rec.hdr.kind, rec.ops)
				s.end, s.seq, s.chain = rec.end, rec.hdr.seq, rec.chain
				if rec.hdr.seq > 0xFFFFFFFF {
					return fmt.Errorf("%w: sequence number overflow", ErrUntrusted)
				}
				return s.commitRoot(root{n, uint32(rec.hdr.seq), rec.chain})
			}
			if ahead && err != nil && off == fileHeader {
				return fmt.Errorf("%w: %w", errNoFirstRecord, err)
			}
			if ahead {
				return fmt.Errorf("%w: log %d does not continue the RPMB root", ErrUntrusted, n)
			}
			s.end, s.seq, s.chain = off, seq, chain
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: log %d ends at record %d before the RPMB root's %d: %w", ErrUntrusted, n, seq, want.seq, err)
		}
		if !first && rec.hdr.seq != seq+1 || first && rec.hdr.kind != kindCheckpt || !first && rec.hdr.kind != kindUpdate {
			return fmt.Errorf("%w: log %d record order", ErrUntrusted, n)
		}
		if rec.hdr.seq > uint64(want.seq) {
			return fmt.Errorf("%w: log %d runs past the RPMB root", ErrUntrusted, n)
		}
		if err := s.verifyData(rec); err != nil {
			s.damage = append(s.damage, err)
		}
		s.apply(rec.hdr.kind, rec.ops)
		seq, chain, off, first = rec.hdr.seq, rec.chain, rec.end, false
	}
}

type record struct {
	hdr       recHdr
	ops       []op
	chain     [32]byte
	dataStart int64
	end       int64
}

// readRecord reads and authenticates the record at off.
func (s *Store) readRecord(off, size int64, prev [32]byte, first bool) (*record, error) {
	if size-off < recHeader {
		return nil, fmt.Errorf("%w: end of log", ErrFormat)
	}
	hb := make([]byte, recHeader)
	if _, err := s.f.ReadAt(hb, off); err != nil {
		return nil, err
	}
	h, err := parseRecHdr(hb)
	if err != nil {
		return nil, err
	}
	end := off + recHeader + int64(h.bodyLen) + int64(h.dataLen)
	if end > size {
		return nil, fmt.Errorf("%w: record runs past the end of the log", ErrFormat)
	}
	body := make([]byte, h.bodyLen)
	if _, err := s.f.ReadAt(body, off+recHeader); err != nil {
		return nil, err
	}
	if first {
		prev = [32]byte{}
	}
	plain, err := s.meta.Open(nil, body, bodyAAD(s.logNo, hb, prev))
	if err != nil {
		return nil, fmt.Errorf("%w: record body fails authentication", ErrFormat)
	}
	ops, err := parseOps(plain, s.opt.MaxObjectSize)
	if err != nil {
		return nil, err
	}
	rec := &record{hdr: h, ops: ops, chain: chainNext(prev, hb, body), dataStart: off + recHeader + int64(h.bodyLen), end: end}
	return rec, nil
}

// verifyData checks a record's data area: the blocks its entries place
// there must cover it exactly, back to back, and each must open under its
// object's key with the tag its entry lists. A torn, altered or swapped
// data area fails, blocks no object uses any more included; the blocks'
// own tags make a separate hash of the area unnecessary.
func (s *Store) verifyData(rec *record) error {
	type placed struct {
		ta abi.UUID
		e  *entry
		i  int
	}
	var bs []placed
	for _, o := range rec.ops {
		if o.e == nil {
			continue
		}
		for i, r := range o.e.blocks {
			if r.n != 0 && r.off >= uint64(rec.dataStart) {
				bs = append(bs, placed{o.ns.TA, o.e, i})
			}
		}
	}
	ref := func(b placed) blockRef { return b.e.blocks[b.i] }
	sort.Slice(bs, func(x, y int) bool { return ref(bs[x]).off < ref(bs[y]).off })
	at := uint64(rec.dataStart)
	for _, b := range bs {
		if ref(b).off != at {
			return fmt.Errorf("%w: data of record %d is not what its entries place there", ErrCorrupt, rec.hdr.seq)
		}
		at += uint64(ref(b).n)
	}
	if at != uint64(rec.end) {
		return fmt.Errorf("%w: data of record %d is not what its entries place there", ErrCorrupt, rec.hdr.seq)
	}
	bufp := runPool.Get().(*[]byte)
	defer runPool.Put(bufp)
	for lo := 0; lo < len(bs); {
		hi, size := lo+1, int(ref(bs[lo]).n)
		for hi < len(bs) && size+int(ref(bs[hi]).n) <= readRunMax {
			size += int(ref(bs[hi]).n)
			hi++
		}
		base := ref(bs[lo]).off
		run := (*bufp)[:size]
		if _, err := s.f.ReadAt(run, int64(base)); err != nil {
			return fmt.Errorf("%w: data of record %d: %w", ErrCorrupt, rec.hdr.seq, err)
		}
		err := parallel(hi-lo, size, func(x int) error {
			b := bs[lo+x]
			fek, err := s.fekOf(b.ta, b.e)
			if err != nil {
				return err
			}
			sealed := run[ref(b).off-base:][:ref(b).n]
			// Opened in place: only the verdict is wanted.
			_, err = s.openBlock(fek, b.e, b.i, sealed, sealed[keys.NonceSize:keys.NonceSize])
			return err
		})
		if err != nil {
			return fmt.Errorf("record %d: %w", rec.hdr.seq, err)
		}
		lo = hi
	}
	return nil
}

// Health reports damage found when the store was opened: data areas of
// records that do not match their hashes. The objects whose blocks lie
// there report ErrCorrupt when read; the rest of the store is intact.
func (s *Store) Health() error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return errors.Join(s.damage...)
}

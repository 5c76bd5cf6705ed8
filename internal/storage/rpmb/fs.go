package rpmb

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"sync"
)

// Kinds of record, the first byte of a Key.
const (
	KindSystem  byte = 0x01 // records of the core, such as the REE store root
	KindVersion byte = 0x02 // anti-rollback version counters
	KindObject  byte = 0x03 // TEE_STORAGE_PRIVATE_RPMB objects
)

// Errors of the file system.
var (
	ErrNotFound = errors.New("rpmb: record not found")
	ErrNoSpace  = errors.New("rpmb: partition full")
	ErrBroken   = errors.New("rpmb: file system unusable after a failed commit")
)

// NamedKey returns the key of a record of the given kind named name.
func NamedKey(kind byte, name string) Key {
	var k Key
	h := sha256.Sum256([]byte(name))
	k[0] = kind
	copy(k[1:], h[:])
	return k
}

// FS is a small copy-on-write file system on an RPMB partition. Records
// up to InlineMax bytes live in the metadata itself; larger ones in
// extents of data blocks. A commit writes new values into free blocks and
// then the whole metadata in one atomic authenticated write, so after a
// crash the partition holds either all of a commit or none of it. FS is
// safe for concurrent use.
type FS struct {
	mu      sync.Mutex
	c       *Client
	blocks  int
	gen     uint32
	entries []entry
	raw     []byte // the metadata as on the partition
	broken  bool
	vmu     sync.Mutex // serialises RaiseVersion
}

// Mount reads the file system of a partition of the given size, creating
// an empty one on a partition that has never been written (counter 0). A
// partition whose metadata is missing although it has been written is
// refused, never formatted again.
func Mount(c *Client, blocks int) (*FS, error) {
	if blocks <= MetaBlocks || blocks > 0xFFFF {
		return nil, fmt.Errorf("rpmb: %d blocks is too small for the file system", blocks)
	}
	fs := &FS{c: c, blocks: blocks}
	b, err := fs.readMeta()
	if err != nil {
		return nil, err
	}
	if allZero(b) {
		ctr, err := c.Counter()
		if err != nil {
			return nil, err
		}
		if ctr != 0 {
			return nil, fmt.Errorf("%w: no metadata after %d writes", ErrCorrupt, ctr)
		}
		fs.raw = marshalMeta(nil, 0)
		if err := c.Write(0, fs.raw); err != nil {
			return nil, err
		}
		return fs, nil
	}
	fs.entries, fs.gen, err = parseMeta(b, blocks)
	if err != nil {
		return nil, err
	}
	fs.raw = b
	return fs, nil
}

func (fs *FS) readMeta() ([]byte, error) { return fs.c.Read(0, MetaBlocks) }

func (fs *FS) find(k Key) (int, bool) {
	return slices.BinarySearchFunc(fs.entries, k, func(e entry, k Key) int { return bytes.Compare(e.key[:], k[:]) })
}

// Get returns the value of record k.
func (fs *FS) Get(k Key) ([]byte, error) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.broken {
		return nil, ErrBroken
	}
	i, ok := fs.find(k)
	if !ok {
		return nil, ErrNotFound
	}
	e := fs.entries[i]
	if e.length <= InlineMax {
		return bytes.Clone(e.inline[:e.length]), nil
	}
	out := make([]byte, 0, int(e.count)*BlockSize)
	for done := 0; done < int(e.count); {
		n := min(int(e.count)-done, MaxWriteBlocks)
		b, err := fs.c.Read(e.start+uint16(done), n)
		if err != nil {
			return nil, err
		}
		out = append(out, b...)
		done += n
	}
	return out[:e.length], nil
}

// Keys returns the keys that start with prefix, in order.
func (fs *FS) Keys(prefix []byte) []Key {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	var ks []Key
	for _, e := range fs.entries {
		if bytes.HasPrefix(e.key[:], prefix) {
			ks = append(ks, e.key)
		}
	}
	return ks
}

// Change is one record update of a commit: Value replaces the record, or
// Delete removes it.
type Change struct {
	Key    Key
	Value  []byte
	Delete bool
}

// Commit applies changes atomically. Deleting a missing record is not an
// error. ErrNoSpace when the values or the entries do not fit.
func (fs *FS) Commit(changes ...Change) error {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.broken {
		return ErrBroken
	}
	next := slices.Clone(fs.entries)
	used := make([]bool, fs.blocks)
	for _, e := range fs.entries {
		for b := e.start; b < e.start+e.count; b++ {
			used[b] = true
		}
	}
	type pending struct {
		start uint16
		data  []byte
	}
	var writes []pending
	for _, ch := range changes {
		i, ok := slices.BinarySearchFunc(next, ch.Key, func(e entry, k Key) int { return bytes.Compare(e.key[:], k[:]) })
		if ch.Delete {
			if ok {
				next = slices.Delete(next, i, i+1)
			}
			continue
		}
		if uint64(len(ch.Value)) > uint64(fs.blocks-MetaBlocks)*BlockSize {
			return fmt.Errorf("%w: %d-byte record", ErrNoSpace, len(ch.Value))
		}
		e := entry{key: ch.Key, length: uint32(len(ch.Value))}
		if e.length <= InlineMax {
			copy(e.inline[:], ch.Value)
		} else {
			n := int(blocksFor(e.length))
			start := findFree(used, MetaBlocks, n)
			if start < 0 {
				return fmt.Errorf("%w: no %d free blocks", ErrNoSpace, n)
			}
			for b := start; b < start+n; b++ {
				used[b] = true
			}
			e.start, e.count = uint16(start), uint16(n)
			buf := make([]byte, n*BlockSize)
			copy(buf, ch.Value)
			writes = append(writes, pending{uint16(start), buf})
		}
		if ok {
			next[i] = e
		} else {
			next = slices.Insert(next, i, e)
		}
	}
	if len(next) > MaxEntries {
		return fmt.Errorf("%w: more than %d records", ErrNoSpace, MaxEntries)
	}
	for _, w := range writes {
		for off := 0; off < len(w.data); off += MaxWriteBlocks * BlockSize {
			end := min(off+MaxWriteBlocks*BlockSize, len(w.data))
			if err := fs.c.Write(w.start+uint16(off/BlockSize), w.data[off:end]); err != nil {
				return err // nothing refers to these blocks yet
			}
		}
	}
	// Only the blocks that change are written, in one atomic write: an
	// update of the first records (the REE store's root sorts first)
	// rewrites a single block.
	raw := marshalMeta(next, fs.gen+1)
	lo, hi := 0, MetaBlocks
	for lo < hi && string(raw[lo*BlockSize:(lo+1)*BlockSize]) == string(fs.raw[lo*BlockSize:(lo+1)*BlockSize]) {
		lo++
	}
	for hi > lo && string(raw[(hi-1)*BlockSize:hi*BlockSize]) == string(fs.raw[(hi-1)*BlockSize:hi*BlockSize]) {
		hi--
	}
	if err := fs.c.Write(uint16(lo), raw[lo*BlockSize:hi*BlockSize]); err != nil {
		// The write may or may not have reached the device; learn which.
		if rerr := fs.reload(); rerr != nil {
			fs.broken = true
			return fmt.Errorf("%w: %w (reload: %w)", ErrBroken, err, rerr)
		}
		return err
	}
	fs.entries, fs.gen, fs.raw = next, fs.gen+1, raw
	return nil
}

func (fs *FS) reload() error {
	if err := fs.c.Init(); err != nil {
		return err
	}
	b, err := fs.readMeta()
	if err != nil {
		return err
	}
	es, gen, err := parseMeta(b, fs.blocks)
	if err != nil {
		return err
	}
	fs.entries, fs.gen, fs.raw = es, gen, b
	return nil
}

func findFree(used []bool, from, n int) int {
	run := 0
	for b := from; b < len(used); b++ {
		if used[b] {
			run = 0
			continue
		}
		run++
		if run == n {
			return b - n + 1
		}
	}
	return -1
}

// Free returns the number of free data blocks and free entries.
func (fs *FS) Free() (blocks, entries int) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	blocks = fs.blocks - MetaBlocks
	for _, e := range fs.entries {
		blocks -= int(e.count)
	}
	return blocks, MaxEntries - len(fs.entries)
}

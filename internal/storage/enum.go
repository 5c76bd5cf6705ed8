package storage

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/veritee/veritee/internal/abi"
)

// Enumerator walks a TA's persistent objects in one storage id
// (TEE_AllocatePersistentObjectEnumerator and friends, §5.8), in the order
// of their ids. It sees the storage as it is at each GetNext: objects
// deleted after Start are skipped, objects created after it are returned
// when their id sorts after the last one returned, and an object renamed
// meanwhile appears under its new id when that sorts later.
type Enumerator struct {
	s       *Storage
	ta      abi.UUID
	b       backend
	ns      Namespace
	started bool
	first   bool
	last    []byte
}

// NewEnumerator allocates an enumerator for TA ta.
func (s *Storage) NewEnumerator(ta abi.UUID) *Enumerator { return &Enumerator{s: s, ta: ta} }

// Reset returns the enumerator to its state after allocation.
func (e *Enumerator) Reset() { *e = Enumerator{s: e.s, ta: e.ta} }

// Start begins an enumeration of storage storageID
// (TEE_StartPersistentObjectEnumerator). ITEM_NOT_FOUND when the storage
// id does not exist or holds no object of the TA.
func (e *Enumerator) Start(storageID uint32) error {
	e.Reset()
	b, err := e.s.backend(storageID)
	if err != nil {
		return err
	}
	ns := Namespace{TA: e.ta, Storage: storageID}
	if _, _, ok := b.Next(ns, nil, true); !ok {
		return result(abi.ErrItemNotFound, errors.New("no persistent objects"))
	}
	e.b, e.ns, e.started, e.first = b, ns, true, true
	return nil
}

// Entry is what GetNext returns of an object.
type Entry struct {
	ID       []byte
	Info     ObjectInfo
	DataSize uint32
}

// HandleFlags returns the handleFlags an enumerated object reports.
func (Entry) HandleFlags() uint32 { return abi.HandleFlagPersistent | abi.HandleFlagInitialized }

// GetNext returns the next object (TEE_GetNextPersistentObject). idCap is
// the size of the TA's id buffer: SHORT_BUFFER (with the size needed, the
// enumerator not advanced) when the id does not fit. ITEM_NOT_FOUND at
// the end or before Start.
func (e *Enumerator) GetNext(idCap int) (Entry, error) {
	if !e.started {
		return Entry{}, result(abi.ErrItemNotFound, errors.New("enumerator not started"))
	}
	for {
		id, o, ok := e.b.Next(e.ns, e.last, e.first)
		if !ok {
			return Entry{}, result(abi.ErrItemNotFound, errors.New("no more objects"))
		}
		info, err := parseInfo(o.Info)
		if err != nil {
			// Unreadable: skip it, as a directory walk skips a broken file.
			e.first, e.last = false, bytes.Clone(id)
			continue
		}
		if len(id) > idCap {
			return Entry{}, &Error{Code: abi.ErrShortBuffer, Needed: len(id), Err: fmt.Errorf("object id of %d bytes", len(id))}
		}
		e.first, e.last = false, bytes.Clone(id)
		return Entry{ID: id, Info: info, DataSize: uint32(o.Size)}, nil
	}
}

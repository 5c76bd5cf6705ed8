package storage

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/storage/reefs"
)

// Handle is an open persistent object (a TEE_ObjectHandle with
// TEE_HANDLE_FLAG_PERSISTENT). It is not safe for concurrent use.
type Handle struct {
	s     *Storage
	b     backend
	sh    *shared
	flags uint32 // TEE_DATA_FLAG_ACCESS_* and SHARE_*
	info  ObjectInfo
	attrs []byte
	pos   uint64
}

// Create creates a persistent object (TEE_CreatePersistentObject,
// GPD_SPE_010 §5.7.2) in storage storageID of TA ta and returns a handle
// opened with flags. info and attrs describe the key or data object it
// copies (for a pure data object, Type TEE_TYPE_DATA and no attributes);
// data is its initial data stream.
//
// Results: BAD_PARAMETERS for undefined flags or an id above
// TEE_OBJECT_ID_MAX_LEN; ITEM_NOT_FOUND for an unknown storage id;
// ACCESS_CONFLICT when the id exists and OVERWRITE is not set, or when the
// object is open; STORAGE_NO_SPACE; CORRUPT_OBJECT; STORAGE_NOT_AVAILABLE.
func (s *Storage) Create(ta abi.UUID, storageID uint32, id []byte, flags uint32, info ObjectInfo, attrs, data []byte) (*Handle, error) {
	if flags&^createFlags != 0 {
		return nil, result(abi.ErrBadParameters, fmt.Errorf("undefined data flags 0x%x", flags&^createFlags))
	}
	if err := checkID(id); err != nil {
		return nil, err
	}
	if uint64(len(data)) > abi.DataMaxPosition {
		return nil, result(abi.ErrOverflow, fmt.Errorf("%d bytes of initial data", len(data)))
	}
	b, err := s.backend(storageID)
	if err != nil {
		return nil, err
	}
	key := objKey{Namespace{TA: ta, Storage: storageID}, string(id)}
	s.mu.Lock()
	defer s.mu.Unlock()
	if sh := s.open[key]; sh != nil && len(sh.handles) > 0 {
		return nil, result(abi.ErrAccessConflict, errors.New("the object is open"))
	}
	if err := b.Create(key.ns, id, info.marshal(), attrs, data, flags&abi.DataFlagOverwrite != 0); err != nil {
		return nil, mapErr(err)
	}
	h := &Handle{s: s, b: b, flags: flags &^ abi.DataFlagOverwrite, info: info, attrs: bytes.Clone(attrs)}
	if err := s.attach(key, h.flags, h); err != nil {
		return nil, err
	}
	return h, nil
}

// Open opens a persistent object (TEE_OpenPersistentObject, §5.7.1).
//
// Results: BAD_PARAMETERS for undefined flags or a long id;
// ITEM_NOT_FOUND when the storage id or the object does not exist;
// ACCESS_CONFLICT when the sharing rules forbid it; CORRUPT_OBJECT when
// the object fails authentication (it is deleted); STORAGE_NOT_AVAILABLE.
func (s *Storage) Open(ta abi.UUID, storageID uint32, id []byte, flags uint32) (*Handle, error) {
	if flags&^openFlags != 0 {
		return nil, result(abi.ErrBadParameters, fmt.Errorf("undefined data flags 0x%x", flags&^openFlags))
	}
	if err := checkID(id); err != nil {
		return nil, err
	}
	b, err := s.backend(storageID)
	if err != nil {
		return nil, err
	}
	key := objKey{Namespace{TA: ta, Storage: storageID}, string(id)}
	o, err := b.Lookup(key.ns, id)
	if errors.Is(err, reefs.ErrCorrupt) {
		return nil, s.dropCorrupt(b, key, err)
	}
	if err != nil {
		return nil, mapErr(err)
	}
	info, err := parseInfo(o.Info)
	if err != nil {
		return nil, s.dropCorrupt(b, key, err)
	}
	attrs, err := b.Attributes(key.ns, id)
	if errors.Is(err, reefs.ErrCorrupt) {
		return nil, s.dropCorrupt(b, key, err)
	}
	if err != nil {
		return nil, mapErr(err)
	}
	h := &Handle{s: s, b: b, flags: flags, info: info, attrs: attrs}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.attach(key, flags, h); err != nil {
		return nil, err
	}
	return h, nil
}

// key returns the object's current name, or CORRUPT_OBJECT once the
// object was deleted as corrupt, BAD_STATE once the handle is closed.
func (h *Handle) key() (objKey, error) {
	h.s.mu.Lock()
	defer h.s.mu.Unlock()
	if h.sh == nil {
		return objKey{}, result(abi.ErrBadState, errors.New("handle closed"))
	}
	if h.sh.gone {
		return objKey{}, result(abi.ErrCorruptObject, errors.New("object was deleted as corrupt"))
	}
	return h.sh.key, nil
}

// fail maps err, deleting the object when err says it is corrupt.
func (h *Handle) fail(k objKey, err error) error {
	if errors.Is(err, reefs.ErrCorrupt) {
		return h.s.dropCorrupt(h.b, k, err)
	}
	return mapErr(err)
}

// Close closes the handle (TEE_CloseObject). Closing twice is harmless.
func (h *Handle) Close() {
	h.s.mu.Lock()
	defer h.s.mu.Unlock()
	h.s.detach(h)
	clear(h.attrs)
	h.attrs = nil
}

// Flags returns the TEE_DATA_FLAG_* the handle was opened with.
func (h *Handle) Flags() uint32 { return h.flags }

// HandleFlags returns the handleFlags of TEE_ObjectInfo: persistent,
// initialised, and the data flags.
func (h *Handle) HandleFlags() uint32 {
	return abi.HandleFlagPersistent | abi.HandleFlagInitialized | h.flags
}

// Info returns the object's info as stored.
func (h *Handle) Info() ObjectInfo { return h.info }

// Attributes returns the attribute blob stored with the object.
func (h *Handle) Attributes() []byte { return h.attrs }

// ID returns the object's current id.
func (h *Handle) ID() ([]byte, error) {
	k, err := h.key()
	if err != nil {
		return nil, err
	}
	return []byte(k.id), nil
}

// DataSize returns the current size of the data stream.
func (h *Handle) DataSize() (uint32, error) {
	k, err := h.key()
	if err != nil {
		return 0, err
	}
	o, err := h.b.Lookup(k.ns, []byte(k.id))
	if err != nil {
		return 0, h.fail(k, err)
	}
	return uint32(o.Size), nil
}

// Position returns the data position of the handle.
func (h *Handle) Position() uint32 { return uint32(h.pos) }

// Read reads from the data position into p and advances it by the bytes
// read, fewer than len(p) only at the end of the stream
// (TEE_ReadObjectData, §5.9.1). ACCESS_CONFLICT without ACCESS_READ;
// CORRUPT_OBJECT (the object is deleted).
func (h *Handle) Read(p []byte) (int, error) {
	k, err := h.key()
	if err != nil {
		return 0, err
	}
	if h.flags&abi.DataFlagAccessRead == 0 {
		return 0, result(abi.ErrAccessConflict, errors.New("handle not opened for reading"))
	}
	n, err := h.b.ReadAt(k.ns, []byte(k.id), p, h.pos)
	if err != nil {
		return 0, h.fail(k, err)
	}
	h.pos += uint64(n)
	return n, nil
}

// Write writes p at the data position, first filling with zeros up to it
// when it lies beyond the end, and advances it (TEE_WriteObjectData,
// §5.9.2). The write is durable and atomic when Write returns.
// ACCESS_CONFLICT without ACCESS_WRITE; OVERFLOW when the position would
// pass TEE_DATA_MAX_POSITION; STORAGE_NO_SPACE; CORRUPT_OBJECT.
func (h *Handle) Write(p []byte) error {
	k, err := h.key()
	if err != nil {
		return err
	}
	if h.flags&abi.DataFlagAccessWrite == 0 {
		return result(abi.ErrAccessConflict, errors.New("handle not opened for writing"))
	}
	if h.pos+uint64(len(p)) > abi.DataMaxPosition {
		return result(abi.ErrOverflow, fmt.Errorf("position %d + %d passes TEE_DATA_MAX_POSITION", h.pos, len(p)))
	}
	if err := h.b.WriteAt(k.ns, []byte(k.id), p, h.pos); err != nil {
		return h.fail(k, err)
	}
	h.pos += uint64(len(p))
	return nil
}

// Truncate sets the size of the data stream, cutting it or extending it
// with zeros; the position does not move (TEE_TruncateObjectData,
// §5.9.3). ACCESS_CONFLICT without ACCESS_WRITE; STORAGE_NO_SPACE;
// CORRUPT_OBJECT.
func (h *Handle) Truncate(size uint32) error {
	k, err := h.key()
	if err != nil {
		return err
	}
	if h.flags&abi.DataFlagAccessWrite == 0 {
		return result(abi.ErrAccessConflict, errors.New("handle not opened for writing"))
	}
	if err := h.b.Truncate(k.ns, []byte(k.id), uint64(size)); err != nil {
		return h.fail(k, err)
	}
	return nil
}

// Seek moves the data position (TEE_SeekObjectData, §5.9.4): to offset,
// or offset from the current position, or from the end. A negative result
// is clamped to 0. OVERFLOW when it would pass TEE_DATA_MAX_POSITION (the
// position is then unchanged); BAD_PARAMETERS for an undefined whence.
func (h *Handle) Seek(offset int32, whence uint32) error {
	k, err := h.key()
	if err != nil {
		return err
	}
	var base int64
	switch whence {
	case abi.DataSeekSet:
	case abi.DataSeekCur:
		base = int64(h.pos)
	case abi.DataSeekEnd:
		o, err := h.b.Lookup(k.ns, []byte(k.id))
		if err != nil {
			return h.fail(k, err)
		}
		base = int64(o.Size)
	default:
		return result(abi.ErrBadParameters, fmt.Errorf("whence %d", whence))
	}
	np := max(base+int64(offset), 0)
	if np > abi.DataMaxPosition {
		return result(abi.ErrOverflow, fmt.Errorf("position %d passes TEE_DATA_MAX_POSITION", np))
	}
	h.pos = uint64(np)
	return nil
}

// Rename gives the object the id newID (TEE_RenamePersistentObject,
// §5.7.5). BAD_STATE without ACCESS_WRITE_META; BAD_PARAMETERS for a long
// id; ACCESS_CONFLICT when newID exists (the object's own id included)
// or is open.
func (h *Handle) Rename(newID []byte) error {
	if err := checkID(newID); err != nil {
		return err
	}
	k, err := h.key()
	if err != nil {
		return err
	}
	if h.flags&abi.DataFlagAccessWriteMeta == 0 {
		return result(abi.ErrBadState, errors.New("handle not opened with WRITE_META"))
	}
	nk := objKey{k.ns, string(newID)}
	s := h.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if nk == k {
		// The id exists: it is this object's (OP-TEE answers the same).
		return result(abi.ErrAccessConflict, errors.New("the new id is the object's own"))
	}
	if sh := s.open[nk]; sh != nil && len(sh.handles) > 0 {
		return result(abi.ErrAccessConflict, errors.New("the new id is open"))
	}
	if err := h.b.Rename(k.ns, []byte(k.id), newID); err != nil {
		if errors.Is(err, reefs.ErrCorrupt) {
			s.mu.Unlock()
			err = h.fail(k, err)
			s.mu.Lock()
			return err
		}
		return mapErr(err)
	}
	delete(s.open, k)
	h.sh.key = nk
	s.open[nk] = h.sh
	return nil
}

// CloseAndDelete deletes the object and closes the handle
// (TEE_CloseAndDeletePersistentObject1, §5.7.4). ACCESS_CONFLICT without
// ACCESS_WRITE_META, and the handle stays open.
func (h *Handle) CloseAndDelete() error {
	k, err := h.key()
	if err != nil {
		return err
	}
	if h.flags&abi.DataFlagAccessWriteMeta == 0 {
		return result(abi.ErrAccessConflict, errors.New("handle not opened with WRITE_META"))
	}
	err = h.b.Delete(k.ns, []byte(k.id))
	h.Close()
	if err != nil && !errors.Is(err, reefs.ErrNotFound) {
		return mapErr(err)
	}
	return nil
}

// SetUsage stores new usage flags for the object, as
// TEE_RestrictObjectUsage1 does on a persistent object (§5.5.2); the
// caller computes the restricted value.
func (h *Handle) SetUsage(usage uint32) error {
	k, err := h.key()
	if err != nil {
		return err
	}
	info := h.info
	info.Usage = usage
	if err := h.b.SetInfo(k.ns, []byte(k.id), info.marshal()); err != nil {
		return h.fail(k, err)
	}
	h.info = info
	return nil
}

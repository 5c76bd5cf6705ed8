package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"path/filepath"
	"sync"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/huk"
	"github.com/veritee/veritee/internal/storage/keys"
	"github.com/veritee/veritee/internal/storage/ree"
	"github.com/veritee/veritee/internal/storage/reefs"
	"github.com/veritee/veritee/internal/storage/rpmb"
)

// Storage is the secure storage of one TEE: every TA's persistent objects
// in every storage id, and the handles open on them. It is safe for
// concurrent use; a single Handle or Enumerator is not (one TA instance's
// system calls use it at a time).
type Storage struct {
	ree  *reefs.Store
	rpmb *rpmbObjects
	fs   *rpmb.FS

	mu   sync.Mutex
	open map[objKey]*shared
}

// objKey names an object for the table of open objects.
type objKey struct {
	ns Namespace
	id string
}

// shared is the state of one object that all its open handles see.
type shared struct {
	key     objKey
	handles map[*Handle]struct{}
	gone    bool // deleted as corrupt while open
}

// New returns the storage over an open REE store and RPMB file system.
func New(reeStore *reefs.Store, fs *rpmb.FS, ssk *keys.SSK) *Storage {
	return &Storage{ree: reeStore, rpmb: newRPMBObjects(fs, ssk), fs: fs, open: map[objKey]*shared{}}
}

// Files of a daemon's storage inside its state directory.
const (
	REEStoreDir = "ree-store" // the REE file store
)

// Opened is the storage of a daemon with everything it holds open.
type Opened struct {
	*Storage
	Partition *rpmb.Partition
	ssk       *keys.SSK
}

// Close closes the stores and zeroes their keys. Handles must not be used
// afterwards.
func (o *Opened) Close() error {
	err := o.ree.Close()
	o.rpmb.close()
	o.ssk.Destroy()
	if perr := o.Partition.Close(); err == nil {
		err = perr
	}
	return err
}

// OpenStateDir opens the storage of a daemon whose state directory is
// dir: the emulated RPMB partition in dir/rpmb.img and the REE file store
// in dir/ree-store, both created on first use. A store that cannot be
// trusted is refused with an error, never reset.
func OpenStateDir(dir string, h *huk.Key) (*Opened, error) {
	svc, err := ree.NewDir(dir)
	if err != nil {
		return nil, err
	}
	store, err := ree.NewDir(filepath.Join(dir, REEStoreDir))
	if err != nil {
		return nil, err
	}
	return OpenServices(svc, store, h, reefs.DefaultOptions)
}

// OpenServices opens the storage with the RPMB device file in rpmbSvc
// and the REE file store in storeSvc.
func OpenServices(rpmbSvc, storeSvc ree.Services, h *huk.Key, opt reefs.Options) (*Opened, error) {
	part, err := rpmb.OpenEmulated(rpmbSvc, h, rpmb.DefaultBlocks)
	if err != nil {
		return nil, fmt.Errorf("storage: RPMB: %w", err)
	}
	ssk := keys.NewSSK(h)
	st, err := reefs.Open(storeSvc, part.FS, ssk, opt)
	if err != nil {
		ssk.Destroy()
		part.Close()
		return nil, fmt.Errorf("storage: REE store: %w", err)
	}
	return &Opened{Storage: New(st, part.FS, ssk), Partition: part, ssk: ssk}, nil
}

// Health reports damage the REE store found in data no object may need
// when it was opened (see reefs.Store.Health); the daemon logs it.
func (s *Storage) Health() error { return s.ree.Health() }

// Versions returns the RPMB file system, whose Version, SetVersion and
// RaiseVersion keep the anti-rollback counters of TA images.
func (s *Storage) Versions() *rpmb.FS { return s.fs }

func (s *Storage) backend(storageID uint32) (backend, error) {
	switch storageID {
	case abi.StoragePrivate, abi.StoragePrivateREE:
		return s.ree, nil
	case abi.StoragePrivateRPMB:
		return s.rpmb, nil
	}
	return nil, result(abi.ErrItemNotFound, fmt.Errorf("storage id 0x%08x does not exist", storageID))
}

// ObjectInfo is what persists of a TEE_ObjectInfo (GPD_SPE_010 §5.3.2)
// besides the data: the object's type, key size, maximum key size and
// usage. The data size, position and handle flags belong to handles.
type ObjectInfo struct {
	Type          uint32
	ObjectSize    uint32
	MaxObjectSize uint32
	Usage         uint32
}

const infoSize = 16

func (i ObjectInfo) marshal() []byte {
	b := binary.BigEndian.AppendUint32(nil, i.Type)
	b = binary.BigEndian.AppendUint32(b, i.ObjectSize)
	b = binary.BigEndian.AppendUint32(b, i.MaxObjectSize)
	return binary.BigEndian.AppendUint32(b, i.Usage)
}

// parseInfo decodes a stored ObjectInfo.
func parseInfo(b []byte) (ObjectInfo, error) {
	if len(b) != infoSize {
		return ObjectInfo{}, fmt.Errorf("%w: object info of %d bytes", reefs.ErrCorrupt, len(b))
	}
	return ObjectInfo{
		Type:          binary.BigEndian.Uint32(b),
		ObjectSize:    binary.BigEndian.Uint32(b[4:]),
		MaxObjectSize: binary.BigEndian.Uint32(b[8:]),
		Usage:         binary.BigEndian.Uint32(b[12:]),
	}, nil
}

const (
	accessFlags = abi.DataFlagAccessRead | abi.DataFlagAccessWrite | abi.DataFlagAccessWriteMeta
	openFlags   = accessFlags | abi.DataFlagShareRead | abi.DataFlagShareWrite
	createFlags = openFlags | abi.DataFlagOverwrite
)

func checkID(id []byte) error {
	if len(id) > abi.ObjectIDMaxLen {
		return result(abi.ErrBadParameters, fmt.Errorf("object id of %d bytes, TEE_OBJECT_ID_MAX_LEN is %d", len(id), abi.ObjectIDMaxLen))
	}
	return nil
}

// compatible applies GPD_SPE_010 §5.7.1's sharing rules between the flags
// of an open handle and those of a new one: WRITE_META is exclusive, and
// when either reads (writes) both must share reading (writing).
func compatible(a, b uint32) bool {
	if (a|b)&abi.DataFlagAccessWriteMeta != 0 {
		return false
	}
	if (a|b)&abi.DataFlagAccessRead != 0 && a&b&abi.DataFlagShareRead == 0 {
		return false
	}
	if (a|b)&abi.DataFlagAccessWrite != 0 && a&b&abi.DataFlagShareWrite == 0 {
		return false
	}
	return true
}

// attach registers a handle with flags on key; callers hold s.mu.
func (s *Storage) attach(key objKey, flags uint32, h *Handle) error {
	sh := s.open[key]
	if sh == nil {
		sh = &shared{key: key, handles: map[*Handle]struct{}{}}
		s.open[key] = sh
	}
	for o := range sh.handles {
		if !compatible(o.flags, flags) {
			if len(sh.handles) == 0 {
				delete(s.open, key)
			}
			return result(abi.ErrAccessConflict, errors.New("sharing rules forbid this open"))
		}
	}
	sh.handles[h] = struct{}{}
	h.sh = sh
	return nil
}

// detach unregisters h; callers hold s.mu.
func (s *Storage) detach(h *Handle) {
	if h.sh == nil {
		return
	}
	delete(h.sh.handles, h)
	if len(h.sh.handles) == 0 && s.open[h.sh.key] == h.sh {
		delete(s.open, h.sh.key)
	}
	h.sh = nil
}

// dropCorrupt deletes an object found corrupt, as OP-TEE does, and makes
// its open handles unusable. It returns the CORRUPT_OBJECT result.
func (s *Storage) dropCorrupt(b backend, key objKey, cause error) error {
	b.Delete(key.ns, []byte(key.id))
	s.mu.Lock()
	if sh := s.open[key]; sh != nil {
		sh.gone = true
	}
	s.mu.Unlock()
	return result(abi.ErrCorruptObject, cause)
}

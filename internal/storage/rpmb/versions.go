package rpmb

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Version returns the anti-rollback counter named name (for example a TA
// UUID, or a UUID and a subkey name), 0 when it has never been set.
func (fs *FS) Version(name string) (uint32, error) {
	b, err := fs.Get(NamedKey(KindVersion, name))
	if errors.Is(err, ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	if len(b) != 4 {
		return 0, fmt.Errorf("%w: version record of %d bytes", ErrCorrupt, len(b))
	}
	return binary.BigEndian.Uint32(b), nil
}

// SetVersion stores v as the counter named name, durably and atomically.
// It does not compare: a caller enforcing "never lower" reads Version
// first under its own lock, or uses RaiseVersion.
func (fs *FS) SetVersion(name string, v uint32) error {
	b := binary.BigEndian.AppendUint32(nil, v)
	return fs.Commit(Change{Key: NamedKey(KindVersion, name), Value: b})
}

// RaiseVersion stores v as the counter named name unless the stored one
// is higher, and returns the counter as it was before. Concurrent calls
// are serialised, so the stored counter never goes down.
func (fs *FS) RaiseVersion(name string, v uint32) (uint32, error) {
	fs.vmu.Lock()
	defer fs.vmu.Unlock()
	old, err := fs.Version(name)
	if err != nil {
		return 0, err
	}
	if v > old {
		if err := fs.SetVersion(name, v); err != nil {
			return old, err
		}
	}
	return old, nil
}

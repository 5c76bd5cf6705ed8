//go:build unix

package core

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// StorageLockFile is the lock file a core holds in its state directory
// while the secure storage there is open.
const StorageLockFile = "storage.lock"

// lockStateDir takes the exclusive lock of dir's secure storage, so that
// a second daemon on the same state directory fails to start with a
// clear error instead of corrupting the store. The lock is advisory
// (flock) and ends with the process.
func lockStateDir(dir string) (func(), error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("core: state directory: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, StorageLockFile), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("core: secure storage lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("core: state directory %s is in use by another Veritee process", dir)
		}
		return nil, fmt.Errorf("core: secure storage lock: %w", err)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

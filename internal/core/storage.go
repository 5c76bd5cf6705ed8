package core

import (
	"fmt"
	"path/filepath"
	"sync"

	"github.com/veritee/veritee/internal/huk"
	"github.com/veritee/veritee/internal/storage"
	"github.com/veritee/veritee/internal/storage/ree"
	"github.com/veritee/veritee/internal/storage/reefs"
)

// sharedStorage is the secure storage of one state directory, open once
// per process. The engine keeps the RPMB write counter and the REE store's
// log position in memory, so two openers of the same files would
// overwrite each other's commits and the next start would find the store
// untrustworthy. Cores of one process on the same state directory (tests
// and embedders start several) therefore share one *storage.Opened, which
// is safe for concurrent use; another process is kept out by a lock
// file (lockStateDir).
type sharedStorage struct {
	st     *storage.Opened
	huk    *huk.Key
	unlock func()
	refs   int
}

var (
	storagesMu sync.Mutex
	storages   = map[string]*sharedStorage{}
)

// openStorage returns the secure storage every TA instance of a core
// gets (GPD_SPE_010 §5.7–§5.9). With a state directory it lives there,
// under the HUK of that directory (created on first start), so objects
// survive restarts; without one it is held in memory under a fresh HUK
// and ends with the core. A store that fails authentication or is older
// than its RPMB partition is an error: the core refuses to start rather
// than serve TAs a store an attacker may have rolled back or edited, and
// leaves the files for the operator to examine. The caller releases it
// with releaseStorage.
func openStorage(stateDir string) (*sharedStorage, error) {
	if stateDir == "" {
		h := huk.New()
		st, err := storage.OpenServices(ree.NewMem(), ree.NewMem(), h, reefs.DefaultOptions)
		if err != nil {
			h.Destroy()
			return nil, fmt.Errorf("core: secure storage in memory: %w", err)
		}
		return &sharedStorage{st: st, huk: h, unlock: func() {}, refs: 1}, nil
	}
	dir, err := filepath.Abs(stateDir)
	if err != nil {
		return nil, fmt.Errorf("core: secure storage: %w", err)
	}
	storagesMu.Lock()
	defer storagesMu.Unlock()
	if s := storages[dir]; s != nil {
		s.refs++
		return s, nil
	}
	unlock, err := lockStateDir(dir)
	if err != nil {
		return nil, err
	}
	h, err := huk.LoadOrCreate(dir)
	if err != nil {
		unlock()
		return nil, fmt.Errorf("core: secure storage: hardware unique key: %w", err)
	}
	st, err := storage.OpenStateDir(dir, h)
	if err != nil {
		h.Destroy()
		unlock()
		return nil, fmt.Errorf("core: the secure storage in %s cannot be opened or trusted; refusing to start (its files are left as they are): %w", dir, err)
	}
	s := &sharedStorage{st: st, huk: h, unlock: unlock, refs: 1}
	storages[dir] = s
	return s, nil
}

// release drops a core's reference; the last one closes the storage,
// wipes the HUK and gives up the lock.
func (s *sharedStorage) release() error {
	storagesMu.Lock()
	defer storagesMu.Unlock()
	s.refs--
	if s.refs > 0 {
		return nil
	}
	for dir, x := range storages {
		if x == s {
			delete(storages, dir)
		}
	}
	err := s.st.Close()
	s.huk.Destroy()
	s.unlock()
	if err != nil {
		return fmt.Errorf("core: closing secure storage: %w", err)
	}
	return nil
}

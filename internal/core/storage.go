package core

import (
	"fmt"

	"github.com/veritee/veritee/internal/huk"
	"github.com/veritee/veritee/internal/storage"
	"github.com/veritee/veritee/internal/storage/ree"
	"github.com/veritee/veritee/internal/storage/reefs"
)

// openStorage opens the secure storage every TA instance gets
// (GPD_SPE_010 §5.7–§5.9). With a state directory it lives there, under
// the HUK of that directory (created on first start), so objects survive
// restarts; without one it is held in memory under a fresh HUK and ends
// with the core. A store that fails authentication or is older than its
// RPMB partition is an error: the core refuses to start rather than
// serve TAs a store an attacker may have rolled back or edited, and the
// operator decides what to do with it.
func openStorage(stateDir string) (*storage.Opened, *huk.Key, error) {
	var (
		h   *huk.Key
		st  *storage.Opened
		err error
	)
	if stateDir == "" {
		h = huk.New()
		st, err = storage.OpenServices(ree.NewMem(), ree.NewMem(), h, reefs.DefaultOptions)
	} else {
		if h, err = huk.LoadOrCreate(stateDir); err != nil {
			return nil, nil, fmt.Errorf("core: secure storage: hardware unique key: %w", err)
		}
		st, err = storage.OpenStateDir(stateDir, h)
	}
	if err != nil {
		h.Destroy()
		return nil, nil, fmt.Errorf("core: secure storage in %q cannot be trusted or opened (it is left as it is): %w", stateDir, err)
	}
	return st, h, nil
}

// closeStorage closes the storage once no instance can use it any more
// and wipes the HUK.
func (c *Core) closeStorage() error {
	err := c.storage.Close()
	c.huk.Destroy()
	if err != nil {
		return fmt.Errorf("core: closing secure storage: %w", err)
	}
	return nil
}

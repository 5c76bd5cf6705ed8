package teeconn

import (
	"fmt"
	"sync"
)

// Dialer opens a connection to an in-process TEE. The TEE takes the
// identity of the calling process itself; nothing the caller passes can
// change it.
type Dialer func() (Conn, error)

var (
	regMu    sync.RWMutex
	registry = map[string]Dialer{}
)

// Register makes an in-process TEE reachable under name, the TEE name a
// client gives TEEC_InitializeContext. It returns a function that removes
// it again.
func Register(name string, d Dialer) (unregister func(), err error) {
	regMu.Lock()
	defer regMu.Unlock()
	if _, dup := registry[name]; dup {
		return nil, fmt.Errorf("teeconn: a TEE named %q is already registered", name)
	}
	registry[name] = d
	return func() {
		regMu.Lock()
		delete(registry, name)
		regMu.Unlock()
	}, nil
}

// Lookup returns the in-process TEE registered under name.
func Lookup(name string) (Dialer, bool) {
	regMu.RLock()
	defer regMu.RUnlock()
	d, ok := registry[name]
	return d, ok
}

// Package core is the session manager of the secure world: it finds TAs by
// UUID, applies GP's instance semantics (single or multi instance,
// multi-session, keep-alive), derives client identities from login methods,
// and routes client operations to TA instances. Clients reach it through
// teeconn.Conn, whether in-process or through the daemon's socket, so both
// paths share every check made here.
package core

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/taruntime"
	"github.com/veritee/veritee/internal/tasign"
	"github.com/veritee/veritee/internal/teeconn"
)

// Config configures a Core.
type Config struct {
	// TADirs are searched in order for <uuid>.ta files.
	TADirs []string
	// StateDir holds the daemon's state; compiled TAs are cached in
	// StateDir/cache. "" keeps the cache in memory.
	StateDir string
	// Logger receives lifecycle logs and TA traces; nil discards them.
	Logger *slog.Logger
	// Rand is the randomness source of TAs; nil means crypto/rand.
	Rand io.Reader
	// AbandonGrace is how long a TA may keep running after its client
	// stopped waiting before the instance is killed; 0 means 5 s.
	AbandonGrace time.Duration
	// Verifier checks every TA image before it is parsed (store.go); nil
	// refuses every TA.
	Verifier *tasign.Verifier
}

// Core is a running TEE core.
type Core struct {
	cfg Config
	log *slog.Logger
	rt  *taruntime.Runtime
	// taTime keeps the TAs' persistent times, in StateDir/ta-time.
	taTime *taTimeStore
	// storage holds the TAs' persistent objects (storage.go).
	storage *sharedStorage

	mu      sync.Mutex
	tas     map[abi.UUID]*taEntry
	conns   map[*conn]struct{}
	closing bool
}

// ErrClosed is returned by Connect after Close.
var ErrClosed = errors.New("core: TEE is shutting down")

// New starts a core.
func New(ctx context.Context, cfg Config) (*Core, error) {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cache := ""
	if cfg.StateDir != "" {
		cache = filepath.Join(cfg.StateDir, "cache")
		if err := os.MkdirAll(cache, 0o700); err != nil {
			return nil, fmt.Errorf("core: compile cache: %w", err)
		}
	}
	teeProps, err := teeProperties(cfg.StateDir)
	if err != nil {
		return nil, err
	}
	st, err := openStorage(cfg.StateDir)
	if err != nil {
		return nil, err
	}
	if herr := st.st.Health(); herr != nil {
		log.Warn("secure storage: damage found in data no object needs", "err", herr)
	}
	if cfg.Verifier != nil && cfg.Verifier.Versions != nil && cfg.StateDir != "" {
		// The versions move into the RPMB partition (versions.go); the
		// caller's store stays underneath, read and written.
		cfg.Verifier.Versions = &rpmbVersions{fs: st.st.Versions(), legacy: cfg.Verifier.Versions}
	}
	rt, err := taruntime.New(ctx, taruntime.Config{
		CacheDir:      cache,
		Logger:        log,
		Rand:          cfg.Rand,
		AbandonGrace:  cfg.AbandonGrace,
		TEEProperties: teeProps,
	})
	if err != nil {
		st.release()
		return nil, fmt.Errorf("core: %w", err)
	}
	taTimeDir := ""
	if cfg.StateDir != "" {
		taTimeDir = filepath.Join(cfg.StateDir, "ta-time")
	}
	return &Core{
		taTime:  newTATimeStore(taTimeDir),
		storage: st,
		cfg:     cfg,
		log:     log,
		rt:      rt,
		tas:     make(map[abi.UUID]*taEntry),
		conns:   make(map[*conn]struct{}),
	}, nil
}

// Connect returns a connection for a client whose identity the caller got
// from the operating system.
func (c *Core) Connect(id teeconn.Identity) (teeconn.Conn, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closing {
		return nil, ErrClosed
	}
	cn := &conn{core: c, id: id, sessions: make(map[uint32]*session)}
	c.conns[cn] = struct{}{}
	return cn, nil
}

// connectTA returns the connection through which an instance of TA uuid
// calls other TAs. It is not refused while closing: closing it is how the
// instance's own sessions end.
func (c *Core) connectTA(uuid abi.UUID) *conn {
	u := uuid
	cn := &conn{core: c, ta: &u, sessions: make(map[uint32]*session)}
	c.mu.Lock()
	c.conns[cn] = struct{}{}
	c.mu.Unlock()
	return cn
}

func (c *Core) forget(cn *conn) {
	c.mu.Lock()
	delete(c.conns, cn)
	c.mu.Unlock()
}

// Close closes every connection and session, runs TA_DestroyEntryPoint of
// every instance, and releases the runtime. Instances still busy when ctx
// ends are killed.
func (c *Core) Close(ctx context.Context) error {
	c.mu.Lock()
	if c.closing {
		c.mu.Unlock()
		return nil
	}
	c.closing = true
	conns := make([]*conn, 0, len(c.conns))
	for cn := range c.conns {
		conns = append(conns, cn)
	}
	tas := make([]*taEntry, 0, len(c.tas))
	for _, e := range c.tas {
		tas = append(tas, e)
	}
	c.mu.Unlock()

	// A TA stuck in a call must not hold shutdown hostage: once ctx ends,
	// kill whatever still runs.
	stop := context.AfterFunc(ctx, func() {
		for _, e := range tas {
			e.killAll(errors.New("daemon shutdown"))
		}
	})
	defer stop()

	for _, cn := range conns {
		cn.closeWith(ctx)
	}
	for _, e := range tas {
		e.shutdown(ctx)
	}
	err := c.rt.Close(context.WithoutCancel(ctx))
	if serr := c.storage.release(); err == nil {
		err = serr
	}
	return err
}

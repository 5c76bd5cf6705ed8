package taruntime

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/tetratelabs/wazero"

	"github.com/veritee/veritee/internal/abi"
)

// Config configures a Runtime.
type Config struct {
	// CacheDir is the directory of the compiled-code cache
	// (wazero.NewCompilationCacheWithDir); "" keeps compiled code in memory
	// only.
	CacheDir string
	// Logger receives TA trace output and lifecycle logs; nil discards.
	Logger *slog.Logger
	// Rand is the source of TEE_GenerateRandom and WASI random_get; nil is
	// crypto/rand.Reader. It must be safe for concurrent use.
	Rand io.Reader
	// Clock returns the monotonic time since some origin, for
	// TEE_GetSystemTime; nil is the real monotonic clock.
	Clock func() time.Duration
	// AbandonGrace is how long a call may go on after its caller's context
	// ended before the instance is killed; 0 is 5s.
	AbandonGrace time.Duration
	// TEEProperties is TEE_PROPSET_TEE_IMPLEMENTATION; may be nil.
	TEEProperties []abi.Property
}

// DefaultAbandonGrace is the AbandonGrace of a zero Config.
const DefaultAbandonGrace = 5 * time.Second

// ErrClosed is returned by Load after Close.
var ErrClosed = errors.New("taruntime: runtime closed")

// Runtime loads and runs TAs. It is safe for concurrent use.
type Runtime struct {
	cfg   Config
	log   *slog.Logger
	cache wazero.CompilationCache

	mu     sync.Mutex
	tas    map[*TA]struct{}
	closed bool
}

// New returns a Runtime.
func New(ctx context.Context, cfg Config) (*Runtime, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	if cfg.Clock == nil {
		start := time.Now()
		cfg.Clock = func() time.Duration { return time.Since(start) }
	}
	if cfg.AbandonGrace <= 0 {
		cfg.AbandonGrace = DefaultAbandonGrace
	}
	r := &Runtime{cfg: cfg, log: cfg.Logger, tas: map[*TA]struct{}{}}
	if cfg.CacheDir != "" {
		c, err := wazero.NewCompilationCacheWithDir(cfg.CacheDir)
		if err != nil {
			return nil, fmt.Errorf("taruntime: compilation cache: %w", err)
		}
		r.cache = c
	} else {
		r.cache = wazero.NewCompilationCache()
	}
	return r, nil
}

// Close closes every TA still loaded (killing their instances) and the
// compilation cache.
func (r *Runtime) Close(ctx context.Context) error {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return nil
	}
	r.closed = true
	tas := make([]*TA, 0, len(r.tas))
	for t := range r.tas {
		tas = append(tas, t)
	}
	r.mu.Unlock()
	var errs []error
	for _, t := range tas {
		errs = append(errs, t.Close(ctx))
	}
	errs = append(errs, r.cache.Close(ctx))
	return errors.Join(errs...)
}

func (r *Runtime) forget(t *TA) {
	r.mu.Lock()
	delete(r.tas, t)
	r.mu.Unlock()
}

// Package veritee starts a Veritee TEE inside a Go program: the same core
// that `veritee serve` runs, reachable in-process by the GP TEE Client API
// (package teec) under the TEE's name, and optionally served to other
// processes on a Unix socket. This is OP-TEE's in-kernel client analogue and
// how most tests and the demo run.
//
//	tee, err := veritee.Start(ctx, veritee.Options{TADirs: []string{"build/ta"}})
//	...
//	defer tee.Close(ctx)
//	tctx, err := teec.InitializeContext(tee.Name())
package veritee

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/veritee/veritee/internal/core"
	"github.com/veritee/veritee/internal/tasign"
	"github.com/veritee/veritee/internal/teeconn"
	"github.com/veritee/veritee/internal/transport"
)

// Options configures a TEE. The zero value is a TEE with no TAs and no
// persistent state.
type Options struct {
	// TADirs are searched in order for <uuid>.ta images.
	TADirs []string
	// StateDir holds persistent state: the compiled-TA cache, the HUK, the
	// secure storage (TAs' persistent objects, and the anti-rollback
	// versions in its RPMB partition). One process at a time uses it (a
	// second one fails to start); TEEs of one process share it. "" keeps
	// everything in memory: persistent objects then end with the TEE.
	StateDir string
	// Logger receives the TEE's logs and TA traces; nil discards them.
	Logger *slog.Logger
	// Name is the TEE name clients pass to teec.InitializeContext; "" picks
	// a unique one.
	Name string
	// AbandonGrace is how long a TA may run on after its client stopped
	// waiting before its instance is killed; 0 means 5 s.
	AbandonGrace time.Duration
	// TrustDir holds the PEM public keys (*.pem) of the TA signers this TEE
	// trusts; several at once. "" trusts none of them. A TA loads only when
	// a trusted key, or a subkey it delegated to, signed it.
	TrustDir string
	// DevKey, when not "", is the path of the development signing key that
	// `veritee pack` and `veritee build` sign with (created on first use);
	// the TEE then trusts it too and logs a warning saying so. For
	// development and tests only.
	DevKey string
	// ClassKeys are AES-256 keys (32 bytes each) that decrypt TAs
	// encrypted for a class of devices. TAs encrypted for this device use
	// a key derived from the HUK in StateDir.
	ClassKeys [][]byte
}

// TEE is a running Veritee TEE.
type TEE struct {
	core       *core.Core
	verifier   *tasign.Verifier
	name       string
	log        *slog.Logger
	unregister func()
}

var embeddedSeq atomic.Uint64

// Start starts a TEE and registers it for in-process clients.
func Start(ctx context.Context, o Options) (*TEE, error) {
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ver, err := newVerifier(o, log)
	if err != nil {
		return nil, fmt.Errorf("veritee: %w", err)
	}
	c, err := core.New(ctx, core.Config{TADirs: o.TADirs, StateDir: o.StateDir, Logger: log, AbandonGrace: o.AbandonGrace, Verifier: ver})
	if err != nil {
		ver.HUK.Destroy()
		return nil, fmt.Errorf("veritee: %w", err)
	}
	t := &TEE{core: c, name: o.Name, log: log, verifier: ver}
	if t.name == "" {
		t.name = fmt.Sprintf("veritee-embedded-%d", embeddedSeq.Add(1))
	}
	self := processIdentity()
	unreg, err := teeconn.Register(t.name, func() (teeconn.Conn, error) { return c.Connect(self) })
	if err != nil {
		c.Close(ctx)
		return nil, fmt.Errorf("veritee: %w", err)
	}
	t.unregister = unreg
	return t, nil
}

// Name returns the TEE name that teec.InitializeContext accepts to reach
// this TEE in-process.
func (t *TEE) Name() string { return t.name }

// Serve serves clients of other processes on ln, usually from
// ListenSocket, until ctx ends or ln fails. Each client's identity comes
// from the kernel (SO_PEERCRED), never from the client.
func (t *TEE) Serve(ctx context.Context, ln net.Listener) error {
	s := &transport.Server{Dial: t.core.Connect, Logger: t.log}
	return s.Serve(ctx, ln)
}

// ListenSocket listens on the Unix socket at path ("" = the default path:
// $VERITEE_SOCKET, /run/veritee/tee.sock as root, else
// $XDG_RUNTIME_DIR/veritee/tee.sock), replacing a stale socket left by a
// crashed daemon and refusing one a live daemon owns.
func ListenSocket(path string) (net.Listener, error) {
	if path == "" {
		path = transport.DefaultSocketPath()
	}
	return transport.Listen(path)
}

// Close closes every session (running TA_CloseSessionEntryPoint and
// TA_DestroyEntryPoint) and releases the TEE; TAs still running when ctx
// ends are killed.
func (t *TEE) Close(ctx context.Context) error {
	t.unregister()
	err := t.core.Close(ctx)
	t.verifier.HUK.Destroy()
	for _, k := range t.verifier.ClassKeys {
		clear(k)
	}
	return err
}

// DefaultStateDir returns /var/lib/veritee for root, else
// $XDG_DATA_HOME/veritee (~/.local/share/veritee).
func DefaultStateDir() string {
	if os.Geteuid() == 0 {
		return "/var/lib/veritee"
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "veritee")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return filepath.Join(os.TempDir(), fmt.Sprintf("veritee-%d", os.Getuid()))
	}
	return filepath.Join(home, ".local", "share", "veritee")
}

// processIdentity is the identity of this process, which is what an
// in-process client is.
func processIdentity() teeconn.Identity {
	id := teeconn.Identity{UID: uint32(os.Geteuid()), GID: uint32(os.Getegid()), PID: int32(os.Getpid())}
	if gs, err := os.Getgroups(); err == nil {
		for _, g := range gs {
			id.Groups = append(id.Groups, uint32(g))
		}
	}
	if exe, err := os.Executable(); err == nil {
		id.Exe = exe
	}
	return id
}

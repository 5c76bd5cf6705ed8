package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/veritee/veritee"
	"github.com/veritee/veritee/internal/transport"
)

// shutdownGrace is how long serve lets TAs finish after SIGINT/SIGTERM
// before it kills them.
const shutdownGrace = 10 * time.Second

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "[flags]")
	socket := fs.String("socket", "", "Unix socket to serve (default $VERITEE_SOCKET, /run/veritee/tee.sock as root, else $XDG_RUNTIME_DIR/veritee/tee.sock)")
	state := fs.String("state-dir", "", "state directory (default /var/lib/veritee as root, else $XDG_DATA_HOME/veritee)")
	taDirs := fs.String("ta-dir", "", "colon-separated directories searched for <uuid>.ta (default <state-dir>/ta)")
	level := fs.String("log-level", "info", "log level: debug, info, warn, error")
	format := fs.String("log-format", "text", "log format: text or json")
	var tf trustFlags
	tf.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	log, err := newLogger(e.stderr, *level, *format)
	if err != nil {
		return err
	}
	if *state == "" {
		*state = veritee.DefaultStateDir()
	}
	if err := os.MkdirAll(*state, 0o700); err != nil {
		return fmt.Errorf("state directory: %w", err)
	}
	dirs := []string{filepath.Join(*state, "ta")}
	if *taDirs != "" {
		dirs = strings.Split(*taDirs, ":")
	}
	if *socket == "" {
		*socket = transport.DefaultSocketPath()
	}

	ln, err := veritee.ListenSocket(*socket)
	if err != nil {
		return err
	}
	opts := veritee.Options{TADirs: dirs, StateDir: *state, Logger: log}
	if err := tf.apply(&opts); err != nil {
		ln.Close()
		return err
	}
	tee, err := veritee.Start(ctx, opts)
	if err != nil {
		ln.Close()
		return err
	}
	log.Info("veritee serving", "socket", *socket, "state_dir", *state, "ta_dirs", dirs, "pid", os.Getpid())
	serr := tee.Serve(ctx, ln)
	log.Info("shutting down: closing sessions", "grace", shutdownGrace)
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	cerr := tee.Close(cctx)
	if serr != nil && !errors.Is(serr, context.Canceled) {
		return serr
	}
	if cerr != nil {
		return cerr
	}
	log.Info("veritee stopped")
	return nil
}

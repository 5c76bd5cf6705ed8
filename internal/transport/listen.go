package transport

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// Listen listens on the Unix socket path for clients. It creates the
// socket's directory (0755 for the system directory, 0700 otherwise), removes
// a stale socket left by a daemon that died, and fails with "another veritee
// daemon is already serving <path>" when a live daemon answers on it. The
// socket is made 0666 so that every user's clients can connect: the daemon
// tells them apart by their kernel credentials, not by file permissions.
// Closing the listener removes the socket.
func Listen(path string) (net.Listener, error) {
	dir := filepath.Dir(path)
	perm := fs.FileMode(0o700)
	if dir == filepath.Dir(SystemSocketPath) {
		perm = 0o755
	}
	if err := os.MkdirAll(dir, perm); err != nil {
		return nil, fmt.Errorf("transport: creating the socket directory: %w", err)
	}
	addr := &net.UnixAddr{Name: path, Net: "unix"}
	ln, err := net.ListenUnix("unix", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		if err := removeStale(path); err != nil {
			return nil, err
		}
		ln, err = net.ListenUnix("unix", addr)
	}
	if err != nil {
		return nil, fmt.Errorf("transport: listening on %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o666); err != nil {
		ln.Close()
		return nil, fmt.Errorf("transport: making %s reachable: %w", path, err)
	}
	return ln, nil
}

// removeStale removes the socket at path when no daemon answers on it.
func removeStale(path string) error {
	fi, err := os.Lstat(path)
	if err != nil {
		return fmt.Errorf("transport: listening on %s: %w", path, err)
	}
	if fi.Mode().Type() != fs.ModeSocket {
		return fmt.Errorf("transport: %s exists and is not a socket", path)
	}
	c, err := net.DialTimeout("unix", path, time.Second)
	if err == nil {
		c.Close()
		return fmt.Errorf("transport: another veritee daemon is already serving %s", path)
	}
	if !errors.Is(err, syscall.ECONNREFUSED) {
		return fmt.Errorf("transport: cannot tell whether a daemon serves %s: %w", path, err)
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("transport: removing the stale socket %s: %w", path, err)
	}
	return nil
}

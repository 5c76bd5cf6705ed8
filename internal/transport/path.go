package transport

import (
	"os"
	"path/filepath"
	"strconv"
)

// EnvSocket names the environment variable that overrides the socket path
// for both the daemon and its clients.
const EnvSocket = "VERITEE_SOCKET"

// SystemSocketPath is the daemon's socket when it runs as root.
const SystemSocketPath = "/run/veritee/tee.sock"

// DefaultSocketPath returns where the daemon listens and clients connect:
// $VERITEE_SOCKET when set; /run/veritee/tee.sock for root; otherwise
// $XDG_RUNTIME_DIR/veritee/tee.sock, or /tmp/veritee-<uid>/tee.sock when
// XDG_RUNTIME_DIR is unset.
func DefaultSocketPath() string {
	return socketPath(os.Getenv, os.Geteuid())
}

func socketPath(getenv func(string) string, euid int) string {
	if p := getenv(EnvSocket); p != "" {
		return p
	}
	if euid == 0 {
		return SystemSocketPath
	}
	if d := getenv("XDG_RUNTIME_DIR"); d != "" {
		return filepath.Join(d, "veritee", "tee.sock")
	}
	return filepath.Join(os.TempDir(), "veritee-"+strconv.Itoa(euid), "tee.sock")
}

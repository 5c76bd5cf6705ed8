package transport

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/veritee/veritee/internal/teeconn"
)

// maxPeerGroups bounds the supplementary groups read from SO_PEERGROUPS
// (the kernel's NGROUPS_MAX).
const maxPeerGroups = 65536

// peerIdentity asks the kernel who is at the other end of c: uid, gid and
// pid from SO_PEERCRED as they were when the client connected, the
// supplementary groups from SO_PEERGROUPS, and the executable behind the
// pid from /proc/<pid>/exe. Exe is "" when it cannot be read: the client
// has exited, lives in another pid namespace, or the daemon may not trace
// it (a daemon running as its own user needs CAP_SYS_PTRACE to read other
// users' /proc/<pid>/exe). Nothing the client sends enters the identity.
func peerIdentity(c *net.UnixConn) (teeconn.Identity, error) {
	raw, err := c.SyscallConn()
	if err != nil {
		return teeconn.Identity{}, err
	}
	var (
		cred   *unix.Ucred
		groups []uint32
		serr   error
	)
	err = raw.Control(func(fd uintptr) {
		cred, serr = unix.GetsockoptUcred(int(fd), unix.SOL_SOCKET, unix.SO_PEERCRED)
		if serr != nil {
			serr = fmt.Errorf("SO_PEERCRED: %w", serr)
			return
		}
		groups, serr = peerGroups(int(fd))
	})
	if err == nil {
		err = serr
	}
	if err != nil {
		return teeconn.Identity{}, fmt.Errorf("transport: reading peer credentials: %w", err)
	}
	id := teeconn.Identity{UID: cred.Uid, GID: cred.Gid, Groups: groups, PID: cred.Pid}
	if exe, err := os.Readlink("/proc/" + strconv.Itoa(int(cred.Pid)) + "/exe"); err == nil {
		id.Exe = exe
	}
	return id, nil
}

// peerGroups reads SO_PEERGROUPS, growing the buffer when the kernel says
// it is too small (ERANGE, with the size needed). Kernels before 4.13 lack
// the option; the groups are then unknown (nil).
func peerGroups(fd int) ([]uint32, error) {
	n := 32
	for {
		buf := make([]uint32, n)
		size := uint32(4 * n)
		_, _, errno := unix.Syscall6(unix.SYS_GETSOCKOPT, uintptr(fd), unix.SOL_SOCKET, unix.SO_PEERGROUPS,
			uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&size)), 0)
		switch {
		case errno == 0:
			return buf[:size/4], nil
		case errors.Is(errno, unix.ENOPROTOOPT):
			return nil, nil
		case errors.Is(errno, unix.ERANGE) && size/4 > uint32(n) && size/4 <= maxPeerGroups:
			n = int(size / 4)
		default:
			return nil, fmt.Errorf("SO_PEERGROUPS: %w", errno)
		}
	}
}

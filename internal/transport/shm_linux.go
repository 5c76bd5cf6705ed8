package transport

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// clientSeals are the seals the client puts on a shared memfd. SHRINK is the
// one the daemon insists on: a file that shrinks under a mapping turns the
// daemon's next access into SIGBUS. GROW keeps the size fixed as declared,
// SEAL freezes the set.
const clientSeals = unix.F_SEAL_SHRINK | unix.F_SEAL_GROW | unix.F_SEAL_SEAL

// newShm creates a sealed memfd of size bytes and maps it shared. A size of
// 0 makes an empty, unmapped region.
func newShm(size int) (int, []byte, error) {
	fd, err := unix.MemfdCreate("veritee-shm", unix.MFD_CLOEXEC|unix.MFD_ALLOW_SEALING)
	if err != nil {
		return -1, nil, fmt.Errorf("memfd_create: %w", err)
	}
	if err := unix.Ftruncate(fd, int64(size)); err != nil {
		unix.Close(fd)
		return -1, nil, fmt.Errorf("ftruncate: %w", err)
	}
	if _, err := unix.FcntlInt(uintptr(fd), unix.F_ADD_SEALS, clientSeals); err != nil {
		unix.Close(fd)
		return -1, nil, fmt.Errorf("sealing the memfd: %w", err)
	}
	mem, err := mapShm(fd, size)
	if err != nil {
		unix.Close(fd)
		return -1, nil, err
	}
	return fd, mem, nil
}

// mapShm maps size bytes of fd shared and writable.
func mapShm(fd, size int) ([]byte, error) {
	if size == 0 {
		return []byte{}, nil
	}
	mem, err := unix.Mmap(fd, 0, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED)
	if err != nil {
		return nil, fmt.Errorf("mmap: %w", err)
	}
	return mem, nil
}

// unmapShm undoes mapShm.
func unmapShm(mem []byte) {
	if len(mem) > 0 {
		_ = unix.Munmap(mem)
	}
}

func closeFD(fd int) { _ = unix.Close(fd) }

// rightsFor returns the SCM_RIGHTS ancillary data that passes fd.
func rightsFor(fd int) []byte { return unix.UnixRights(fd) }

// requiredSeals must all be set on a memfd the daemon maps.
const requiredSeals = unix.F_SEAL_SHRINK

// mapClientShm checks that fd is a memfd of exactly size bytes that can no
// longer shrink, and maps it shared. F_GET_SEALS fails on anything but a
// memfd (or other shmem file), which rules out regular files, pipes and
// sockets.
func mapClientShm(fd int, size uint64) ([]byte, error) {
	seals, err := unix.FcntlInt(uintptr(fd), unix.F_GET_SEALS, 0)
	if err != nil {
		return nil, fmt.Errorf("not a sealable memfd: %w", err)
	}
	if seals&requiredSeals != requiredSeals {
		return nil, fmt.Errorf("memfd seals 0x%x lack F_SEAL_SHRINK", seals)
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, fmt.Errorf("fstat: %w", err)
	}
	if st.Size < 0 || uint64(st.Size) != size {
		return nil, fmt.Errorf("memfd has %d bytes, %d declared", st.Size, size)
	}
	return mapShm(fd, int(size))
}

package transport

import (
	"errors"
	"syscall"
)

// isTemporaryAccept reports whether an accept error goes away by itself:
// the process or system ran out of descriptors, or the kernel ran short of
// buffers.
func isTemporaryAccept(err error) bool {
	return errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE) ||
		errors.Is(err, syscall.ENOBUFS) || errors.Is(err, syscall.ENOMEM) ||
		errors.Is(err, syscall.ECONNABORTED)
}

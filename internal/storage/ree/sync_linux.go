package ree

import (
	"os"
	"syscall"
)

// datasync is fdatasync: the data and the size, without the timestamps,
// which is all a store that overwrites preallocated space needs.
func datasync(f *os.File) error {
	for {
		err := syscall.Fdatasync(int(f.Fd()))
		if err != syscall.EINTR {
			if err != nil {
				return &os.PathError{Op: "fdatasync", Path: f.Name(), Err: err}
			}
			return nil
		}
	}
}

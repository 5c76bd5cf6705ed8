// Package ree provides the REE services of secure storage: the narrow file
// interface through which the core reaches the normal-world file system,
// as OP-TEE's core reaches tee-supplicant. Everything secure storage keeps
// outside the daemon's memory (the REE file store and the emulated RPMB
// device) goes through Services, so the core never touches the disk
// directly, the services could move to another process, and tests can
// count, fail or crash any single operation (see Faulty).
//
// Names are flat (no directories) and chosen by the core; Services only
// checks that they are plain file names.
package ree

import (
	"errors"
	"fmt"
	"strings"
)

// Services is the file interface of the REE services.
type Services interface {
	// Open opens name for reading and writing, creating it (mode 0600)
	// when create is set and it does not exist.
	Open(name string, create bool) (File, error)
	// Remove deletes name; removing a missing name is not an error.
	Remove(name string) error
	// Rename gives file old the name new, replacing any file new.
	Rename(old, new string) error
	// List returns the names present, in no particular order.
	List() ([]string, error)
	// SyncDir makes creations and removals of names durable.
	SyncDir() error
}

// File is an open REE file.
type File interface {
	ReadAt(p []byte, off int64) (int, error)
	// WriteAt writes all of p at off or returns an error.
	WriteAt(p []byte, off int64) (int, error)
	// Sync makes the file's data (and its size) durable.
	Sync() error
	Size() (int64, error)
	Truncate(size int64) error
	Close() error
}

// ErrBadName is returned for a name that is not a plain file name.
var ErrBadName = errors.New("ree: bad file name")

// CheckName reports whether name is a plain, non-hidden file name.
func CheckName(name string) error {
	if name == "" || len(name) > 128 || strings.ContainsAny(name, "/\\\x00") || name[0] == '.' {
		return fmt.Errorf("%w %q", ErrBadName, name)
	}
	return nil
}

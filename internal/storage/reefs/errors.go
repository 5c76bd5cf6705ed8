package reefs

import "errors"

// Errors of the store. The layer above maps them onto GP results.
var (
	// ErrNotFound: no object with that id in the namespace.
	ErrNotFound = errors.New("reefs: object not found")
	// ErrExists: the target id is taken.
	ErrExists = errors.New("reefs: object id exists")
	// ErrCorrupt: an object's data or attributes failed authentication.
	ErrCorrupt = errors.New("reefs: object corrupt")
	// ErrNoSpace: the object would exceed the size limit, or the disk is full.
	ErrNoSpace = errors.New("reefs: no space")
	// ErrUntrusted: the store on disk is not the one the RPMB vouches for
	// (altered, truncated, swapped or an older copy). It is refused, never
	// reset.
	ErrUntrusted = errors.New("reefs: store cannot be trusted")
	// ErrBroken: an update failed in a way that leaves the disk state
	// unknown; reopen the store to recover.
	ErrBroken = errors.New("reefs: store must be reopened after a failed update")
)

// errNoFirstRecord: a new log holds no whole first record; its creation
// was cut short before anything was acknowledged.
var errNoFirstRecord = errors.New("reefs: new log holds no whole record")

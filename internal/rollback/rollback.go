// Package rollback keeps the highest version seen of every TA and subkey,
// so that an older, perhaps vulnerable, version is never accepted again
// (OP-TEE's ta_ver.db and subkey_ver.db). Store is what the TA loader
// needs. When the daemon has a state directory the core keeps the versions
// in the emulated RPMB partition (internal/core/versions.go), with File
// underneath so that versions recorded before are not lost. File alone is
// crash-safe but lives in the REE state directory, where anyone who can
// write that directory can roll it back; it serves a TEE without secure
// storage.
package rollback

import (
	"errors"
	"fmt"

	"github.com/veritee/veritee/internal/abi"
)

// Kind says what a version belongs to.
type Kind uint8

const (
	// TA versions are kept per TA UUID.
	TA Kind = 1
	// Subkey versions are kept per subkey UUID.
	Subkey Kind = 2
)

func (k Kind) String() string {
	switch k {
	case TA:
		return "ta"
	case Subkey:
		return "subkey"
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// ErrRollback is returned for a version below the highest seen.
var ErrRollback = errors.New("rollback: version below the highest seen")

// Store keeps the highest version per (kind, UUID). Implementations are
// safe for concurrent use.
type Store interface {
	// Highest returns the highest version recorded for id; ok is false
	// when none is.
	Highest(kind Kind, id abi.UUID) (v uint32, ok bool, err error)
	// Advance records v for id. It returns an error wrapping ErrRollback,
	// and records nothing, when v is below the highest recorded. The new
	// version is durable when Advance returns nil.
	Advance(kind Kind, id abi.UUID, v uint32) error
}

// key is one entry of a store.
type key struct {
	kind Kind
	id   abi.UUID
}

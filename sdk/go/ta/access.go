package ta

import "github.com/veritee/veritee/internal/abi"

// Access flags of CheckMemoryAccessRights (TEE_MEMORY_ACCESS_*,
// GPD_SPE_010 §4.11.1).
const (
	MemoryAccessRead     = abi.MemoryAccessRead
	MemoryAccessWrite    = abi.MemoryAccessWrite
	MemoryAccessAnyOwner = abi.MemoryAccessAnyOwner
)

// CheckMemoryAccessRights is TEE_CheckMemoryAccessRights (GPD_SPE_010
// §4.11.1): it asks the core whether the TA may access b as flags says.
// Memory references from a client are shared with it, so without
// MemoryAccessAnyOwner the core refuses them, as GP requires. Results: nil
// or ErrAccessDenied.
func CheckMemoryAccessRights(flags uint32, b []byte) error {
	return sys.checkAccess(flags, b).err()
}

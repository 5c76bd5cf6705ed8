package hostapi

import (
	"context"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
)

func init() { register(abi.SysCheckAccessRights, sysCheckAccessRights) }

// knownAccessFlags are the TEE_MEMORY_ACCESS_* flags GP defines.
const knownAccessFlags = abi.MemoryAccessRead | abi.MemoryAccessWrite | abi.MemoryAccessAnyOwner

// sysCheckAccessRights is TEE_CheckMemoryAccessRights (GPD_SPE_010
// §4.11.1) on [buf, buf+len). The whole range must lie in the TA's linear
// memory, where reading and writing always hold. Without
// TEE_MEMORY_ACCESS_ANY_OWNER the range must not overlap a memref
// parameter of the current call, since that memory is shared with the
// client. Results: SUCCESS; ACCESS_DENIED otherwise, also for unknown
// flags.
func sysCheckAccessRights(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	flags, ptr, n := arg32(args, 0), arg32(args, 1), arg32(args, 2)
	if flags&^knownAccessFlags != 0 {
		return abi.ErrAccessDenied
	}
	if !inMemory(mem, ptr, n) {
		return abi.ErrAccessDenied
	}
	if flags&abi.MemoryAccessAnyOwner != 0 || n == 0 {
		return abi.Success
	}
	lo, hi := uint64(ptr), uint64(ptr)+uint64(n)
	for i := 0; i < s.Call.NShared && i < len(s.Call.Shared); i++ {
		r := s.Call.Shared[i]
		if r.Len == 0 {
			continue
		}
		if rlo, rhi := uint64(r.Ptr), uint64(r.Ptr)+uint64(r.Len); lo < rhi && rlo < hi {
			return abi.ErrAccessDenied
		}
	}
	return abi.Success
}

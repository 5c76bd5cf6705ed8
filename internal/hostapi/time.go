package hostapi

import (
	"context"
	"encoding/binary"
	"time"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
)

func init() { register(abi.SysGetTime, sysGetTime) }

// sysGetTime writes a TEE_Time { seconds, millis } of category cat to
// *time (GPD_SPE_010 §7.2):
//   - TimeCatSystem: the core's monotonic clock (TEE_GetSystemTime);
//   - TimeCatREE: the host's wall clock since the Unix epoch
//     (TEE_GetREETime);
//   - TimeCatTAPersistent: the TA's persistent time from State.TATime
//     (TEE_GetTAPersistentTime, see taPersistentTime).
//
// Results: SUCCESS; for TimeCatTAPersistent also TIME_NOT_SET,
// TIME_NEEDS_RESET, OVERFLOW; BAD_PARAMETERS for an unknown category or a
// pointer outside memory.
func sysGetTime(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	cat, ptr := arg32(args, 0), arg32(args, 1)
	dst, ok := view(mem, ptr, abi.TimeSize)
	if !ok {
		return abi.ErrBadParameters
	}
	var d time.Duration
	switch cat {
	case abi.TimeCatSystem:
		d = s.Clock()
	case abi.TimeCatREE:
		d = time.Duration(time.Now().UnixNano())
	case abi.TimeCatTAPersistent:
		return taPersistentTime(s, dst)
	default:
		return abi.ErrBadParameters
	}
	if d < 0 {
		d = 0
	}
	binary.LittleEndian.PutUint32(dst[0:4], uint32(d/time.Second))
	binary.LittleEndian.PutUint32(dst[4:8], uint32(d%time.Second/time.Millisecond))
	return abi.Success
}

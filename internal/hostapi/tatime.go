package hostapi

import (
	"context"
	"encoding/binary"
	"errors"
	"math"
	"time"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
)

func init() { register(abi.SysSetTATime, sysSetTATime) }

// TATimeStore keeps each TA's persistent time (GPD_SPE_010 §7.2.4) as an
// offset from the REE wall clock: the TA's time is time.Now() + offset.
type TATimeStore interface {
	// Get returns the offset of TA ta; ok is false when it was never set,
	// err non-nil when the record cannot be read or is damaged.
	Get(ta abi.UUID) (offset time.Duration, ok bool, err error)
	// Set stores the offset of TA ta. An error wrapping ErrNoMemory is
	// reported to the TA as OUT_OF_MEMORY, any other as STORAGE_NO_SPACE.
	Set(ta abi.UUID, offset time.Duration) error
}

// ErrNoMemory is the error a TATimeStore wraps when it ran out of memory.
var ErrNoMemory = errors.New("out of memory")

// taPersistentTime writes the TA's persistent time to dst: REE wall clock
// plus the stored offset. Results (TEE_GetTAPersistentTime): SUCCESS,
// TIME_NOT_SET (never set, or no store), TIME_NEEDS_RESET (the record is
// unreadable, or the time would be before 1970), OVERFLOW (seconds beyond
// 32 bits; seconds modulo 2^32 are written).
func taPersistentTime(s *State, dst []byte) abi.Result {
	if s.TATime == nil {
		return abi.ErrTimeNotSet
	}
	off, ok, err := s.TATime.Get(s.UUID)
	switch {
	case err != nil:
		s.Logger.Warn("TA persistent time unreadable", "err", err)
		return abi.ErrTimeNeedsReset
	case !ok:
		return abi.ErrTimeNotSet
	}
	d := time.Duration(time.Now().UnixNano()) + off
	if d < 0 {
		return abi.ErrTimeNeedsReset
	}
	sec := d / time.Second
	binary.LittleEndian.PutUint32(dst[0:4], uint32(sec))
	binary.LittleEndian.PutUint32(dst[4:8], uint32(d%time.Second/time.Millisecond))
	if sec > math.MaxUint32 {
		return abi.ErrOverflow
	}
	return abi.Success
}

// sysSetTATime sets the TA's persistent time to the TEE_Time at *time
// (TEE_SetTAPersistentTime, GPD_SPE_010 §7.2.4), stored as its offset from
// the REE wall clock.
//
// Results: SUCCESS; BAD_PARAMETERS for a pointer outside memory or millis
// ≥ 1000; NOT_SUPPORTED without a store; STORAGE_NO_SPACE or OUT_OF_MEMORY
// when the store fails.
func sysSetTATime(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	src, ok := view(mem, arg32(args, 0), abi.TimeSize)
	if !ok {
		return abi.ErrBadParameters
	}
	sec := binary.LittleEndian.Uint32(src[0:4])
	ms := binary.LittleEndian.Uint32(src[4:8])
	if ms >= 1000 {
		return abi.ErrBadParameters
	}
	if s.TATime == nil {
		return abi.ErrNotSupported
	}
	t := time.Duration(sec)*time.Second + time.Duration(ms)*time.Millisecond
	if err := s.TATime.Set(s.UUID, t-time.Duration(time.Now().UnixNano())); err != nil {
		s.Logger.Warn("TA persistent time not stored", "err", err)
		if errors.Is(err, ErrNoMemory) {
			return abi.ErrOutOfMemory
		}
		return abi.ErrStorageNoSpace
	}
	return abi.Success
}

package ta

import "github.com/veritee/veritee/internal/abi"

// Time is a TEE_Time (GPD_SPE_010 §7.2.1): seconds and milliseconds.
type Time struct {
	Seconds uint32
	Millis  uint32
}

// TimeoutInfinite makes Wait wait until cancelled (TEE_TIMEOUT_INFINITE).
const TimeoutInfinite uint32 = 0xFFFFFFFF

// GetSystemTime is TEE_GetSystemTime (GPD_SPE_010 §7.2.2): the system
// time, monotonic within the instance; its origin is arbitrary.
func GetSystemTime() Time { return mustTime(abi.TimeCatSystem) }

// GetREETime is TEE_GetREETime (GPD_SPE_010 §7.2.5): the REE's wall-clock
// time in seconds since 1970-01-01 UTC.
func GetREETime() Time { return mustTime(abi.TimeCatREE) }

// GetTAPersistentTime is TEE_GetTAPersistentTime (GPD_SPE_010 §7.2.4).
// Results: nil, ErrTimeNotSet, ErrTimeNeedsReset, ErrOverflow (the time is
// then returned modulo 2^32 seconds).
func GetTAPersistentTime() (Time, error) {
	t, r := sys.time(abi.TimeCatTAPersistent)
	switch r {
	case Success, ErrOverflow:
		return t, r.err()
	case ErrTimeNotSet, ErrTimeNeedsReset:
		return Time{}, r
	}
	Panic(r)
	return Time{}, r
}

// SetTAPersistentTime is TEE_SetTAPersistentTime (GPD_SPE_010 §7.2.4): it
// sets the TA's persistent time. Results: nil, ErrOutOfMemory,
// ErrStorageNoSpace. It panics when t.Millis ≥ 1000, as GP says.
func SetTAPersistentTime(t Time) error {
	if t.Millis >= 1000 {
		Panic(ErrBadParameters)
	}
	switch r := sys.setTATime(t); r {
	case Success, ErrOutOfMemory, ErrStorageNoSpace:
		return r.err()
	default:
		Panic(r)
		return r
	}
}

// Wait is TEE_Wait (GPD_SPE_010 §7.2.3): it sleeps ms milliseconds
// (TimeoutInfinite: until cancelled). Results: nil, or ErrCancel when the
// operation was cancelled while cancellation is unmasked.
func Wait(ms uint32) error {
	switch r := sys.wait(ms); r {
	case Success, ErrCancel:
		return r.err()
	default:
		Panic(r)
		return r
	}
}

func mustTime(cat uint32) Time {
	t, r := sys.time(cat)
	if r != Success {
		Panic(r) // GP: these functions cannot fail
	}
	return t
}

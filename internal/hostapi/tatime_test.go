package hostapi

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/veritee/veritee/internal/abi"
)

// memTATime is a TATimeStore in a map; err, when set, fails every call.
type memTATime struct {
	m   map[abi.UUID]time.Duration
	err error
}

func (s *memTATime) Get(ta abi.UUID) (time.Duration, bool, error) {
	off, ok := s.m[ta]
	return off, ok, s.err
}

func (s *memTATime) Set(ta abi.UUID, off time.Duration) error {
	if s.err != nil {
		return s.err
	}
	s.m[ta] = off
	return nil
}

func TestTATime(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	mem := m.Memory()
	s, _ := newState()
	setTime := func(sec, ms uint32) abi.Result {
		mem.WriteUint32Le(64, sec)
		mem.WriteUint32Le(68, ms)
		return call(s, m, abi.SysSetTATime, 64)
	}
	getTime := func() (uint32, uint32, abi.Result) {
		r := call(s, m, abi.SysGetTime, uint64(abi.TimeCatTAPersistent), 128)
		return u32At(t, m, 128), u32At(t, m, 132), r
	}

	// No store.
	if r := setTime(10, 0); r != abi.ErrNotSupported {
		t.Errorf("set without a store = %v", r)
	}
	if _, _, r := getTime(); r != abi.ErrTimeNotSet {
		t.Errorf("get without a store = %v", r)
	}

	st := &memTATime{m: map[abi.UUID]time.Duration{}}
	s.TATime = st
	if _, _, r := getTime(); r != abi.ErrTimeNotSet {
		t.Errorf("get before set = %v", r)
	}
	for _, tt := range []struct {
		name    string
		ptr, ms uint32
		want    abi.Result
	}{
		{"millis 1000", 64, 1000, abi.ErrBadParameters},
		{"pointer past memory", memSize - 4, 0, abi.ErrBadParameters},
		{"pointer far out", 0xFFFFFFF0, 0, abi.ErrBadParameters},
	} {
		mem.WriteUint32Le(64, 5)
		mem.WriteUint32Le(68, tt.ms)
		if r := call(s, m, abi.SysSetTATime, uint64(tt.ptr)); r != tt.want {
			t.Errorf("%s: set = %v, want %v", tt.name, r, tt.want)
		}
	}
	if len(st.m) != 0 {
		t.Fatalf("a refused set stored %v", st.m)
	}
	if r := call(s, m, abi.SysGetTime, uint64(abi.TimeCatTAPersistent), memSize-4); r != abi.ErrBadParameters {
		t.Errorf("get to a bad pointer = %v", r)
	}

	if r := setTime(1000, 250); r != abi.Success {
		t.Fatalf("set = %v", r)
	}
	if sec, ms, r := getTime(); r != abi.Success || sec < 1000 || sec > 1005 || ms >= 1000 {
		t.Errorf("get = %d.%03d %v, want about 1000.250", sec, ms, r)
	}
	if _, ok := st.m[testUUID]; !ok {
		t.Errorf("stored under %v, want the TA's UUID", st.m)
	}

	// Past 2^32 s: the seconds modulo 2^32, OVERFLOW.
	if r := setTime(0xFFFFFFFF, 0); r != abi.Success {
		t.Fatalf("set = %v", r)
	}
	st.m[testUUID] += 2 * time.Second
	if sec, ms, r := getTime(); r != abi.ErrOverflow || sec < 1 || sec > 6 || ms >= 1000 {
		t.Errorf("get past 2^32 s = %d.%03d %v, want OVERFLOW about 1", sec, ms, r)
	}

	// Before 1970, or an unreadable record: NEEDS_RESET.
	st.m[testUUID] = -time.Duration(time.Now().UnixNano()) - time.Hour
	if _, _, r := getTime(); r != abi.ErrTimeNeedsReset {
		t.Errorf("get before 1970 = %v", r)
	}
	st.err = errors.New("damaged")
	if _, _, r := getTime(); r != abi.ErrTimeNeedsReset {
		t.Errorf("get of a damaged record = %v", r)
	}

	// Store failures.
	if r := setTime(1, 0); r != abi.ErrStorageNoSpace {
		t.Errorf("set, store failing = %v", r)
	}
	st.err = fmt.Errorf("grow: %w", ErrNoMemory)
	if r := setTime(1, 0); r != abi.ErrOutOfMemory {
		t.Errorf("set, store out of memory = %v", r)
	}
}

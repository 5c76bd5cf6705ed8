package hostapi

import (
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// TestAccessRightsFlags checks GP's flag rules (GPD_SPE_010 §4.11.1) over
// the whole of a TA's memory: every combination of the three defined
// flags is granted on memory the TA owns, and refused on a memref shared
// with the client unless ANY_OWNER is among them; every undefined bit is
// refused alone and alongside the defined ones, on any range.
func TestAccessRightsFlags(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	s, _ := newState()
	s.Call.Shared[0] = Range{Ptr: 1000, Len: 100}
	s.Call.NShared = 1
	check := func(flags, ptr, n uint32) abi.Result {
		return call(s, m, abi.SysCheckAccessRights, uint64(flags), uint64(ptr), uint64(n))
	}
	for flags := uint32(0); flags <= knownAccessFlags; flags++ {
		if got := check(flags, 0, 1000); got != abi.Success {
			t.Errorf("flags %#x on owned memory: %v", flags, got)
		}
		if got := check(flags, 1100, memSize-1100); got != abi.Success {
			t.Errorf("flags %#x up to the end of memory: %v", flags, got)
		}
		want := abi.ErrAccessDenied
		if flags&abi.MemoryAccessAnyOwner != 0 {
			want = abi.Success
		}
		if got := check(flags, 1050, 1); got != want {
			t.Errorf("flags %#x on shared memory: %v, want %v", flags, got, want)
		}
		if got := check(flags, 0, memSize); got != want {
			t.Errorf("flags %#x on all memory (shared inside): %v, want %v", flags, got, want)
		}
	}
	for bit := 3; bit < 32; bit++ {
		for _, flags := range []uint32{1 << bit, 1<<bit | knownAccessFlags} {
			for _, r := range [][2]uint32{{0, 100}, {0, 0}, {1000, 10}} {
				if got := check(flags, r[0], r[1]); got != abi.ErrAccessDenied {
					t.Errorf("undefined flags %#x on [%d,+%d): %v", flags, r[0], r[1], got)
				}
			}
		}
	}
}

// TestAccessRightsRanges checks ranges at and past the end of memory,
// and ranges whose end wraps around 2^32.
func TestAccessRightsRanges(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	s, _ := newState()
	all := knownAccessFlags
	for _, tt := range []struct {
		ptr, n uint32
		want   abi.Result
	}{
		{0, memSize, abi.Success},
		{memSize - 1, 1, abi.Success},
		{memSize, 0, abi.Success},
		{memSize - 1, 2, abi.ErrAccessDenied},
		{memSize, 1, abi.ErrAccessDenied},
		{memSize + 1, 0, abi.ErrAccessDenied},
		{0, memSize + 1, abi.ErrAccessDenied},
		{0xFFFFFFFF, 1, abi.ErrAccessDenied},
		{0xFFFFFFFF, 2, abi.ErrAccessDenied},     // wraps to 1
		{0xFFFFFF00, 0x200, abi.ErrAccessDenied}, // wraps into memory
		{1, 0xFFFFFFFF, abi.ErrAccessDenied},     // wraps to 0
		{memSize / 2, 0xFFFFFFFF, abi.ErrAccessDenied},
		{0, 0xFFFFFFFF, abi.ErrAccessDenied},
	} {
		if got := call(s, m, abi.SysCheckAccessRights, uint64(all), uint64(tt.ptr), uint64(tt.n)); got != tt.want {
			t.Errorf("check_access_rights(%#x, %#x) = %v, want %v", tt.ptr, tt.n, got, tt.want)
		}
	}
}

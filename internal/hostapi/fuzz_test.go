package hostapi

import (
	"context"
	"encoding/binary"
	"errors"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
)

// FuzzDispatch drives random system-call numbers and argument values into
// the dispatch over random memory contents. Nothing may panic except
// TEE_Panic and a wait in a killed instance, which panic on purpose.
func FuzzDispatch(f *testing.F) {
	for _, sc := range abi.Syscalls {
		f.Add(sc.Nr, []byte{1, 2, 3, 4, 0, 0, 0, 0, 0x40, 0, 0, 0}, []byte("gpd.ta.appID\x00\x40\x00\x00\x00"), true, false)
	}
	m := newModule(f)
	killed := make(chan struct{})
	close(killed)
	f.Fuzz(func(t *testing.T, nr uint32, argBytes []byte, memBytes []byte, masked, cancelled bool) {
		nr %= uint32(len(handlers) + 2)
		mem := m.Memory()
		if len(memBytes) > memSize {
			memBytes = memBytes[:memSize]
		}
		mem.Write(0, memBytes)
		var args []uint64
		for len(argBytes) >= 4 && len(args) < 8 {
			v := uint64(binary.LittleEndian.Uint32(argBytes))
			if v&0x3 == 0x3 { // small values hit the memory more often
				v &= 0xFFFF
			}
			args = append(args, v)
			argBytes = argBytes[4:]
		}
		s, _ := newState()
		s.Killed = killed
		*s.Call.Masked = masked
		s.Call.Cancel = teeconn.NewCancel()
		if cancelled || nr == abi.SysWait {
			s.Call.Cancel.Request()
		}
		s.Call.Shared[0] = Range{Ptr: 64, Len: 64}
		// A core behind the TA-to-TA calls, so their parameter decoding
		// and write-back are fuzzed too, not stopped at "no core".
		s.TA = &fakeTA{}
		s.Call.NShared = 1
		defer func() {
			if r := recover(); r != nil {
				err, _ := r.(error)
				var pe *PanicError
				if !errors.As(err, &pe) && !errors.Is(err, ErrKilled) {
					t.Fatalf("syscall %d panicked: %v", nr, r)
				}
			}
		}()
		stack := make([]uint64, max(len(args), 1))
		copy(stack, args)
		Dispatch(WithState(context.Background(), s), m, nr, stack)
	})
}

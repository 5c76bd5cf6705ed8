package hostapi

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
)

// memModule is a wasm module with one exported page of memory and nothing
// else, the smallest thing a handler can run against.
var memModule = []byte{
	0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
	0x05, 0x04, 0x01, 0x01, 0x01, 0x01, // memory: min 1, max 1
	0x07, 0x0a, 0x01, 0x06, 'm', 'e', 'm', 'o', 'r', 'y', 0x02, 0x00, // export "memory"
}

const memSize = 65536

// newModule instantiates memModule in a fresh interpreter runtime.
func newModule(t testing.TB) api.Module {
	t.Helper()
	ctx := context.Background()
	r := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfigInterpreter())
	t.Cleanup(func() { r.Close(ctx) })
	m, err := r.Instantiate(ctx, memModule)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) { l.mu.Lock(); defer l.mu.Unlock(); return l.b.Write(p) }
func (l *logBuf) String() string              { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

var testUUID = abi.MustParseUUID("12345678-1234-5678-9abc-def012345678")

// newState returns a State with deterministic clock and randomness and a
// logger writing to the returned buffer.
func newState() (*State, *logBuf) {
	lb := &logBuf{}
	masked := true
	s := &State{
		UUID: testUUID,
		TAProps: WithTADefaults([]abi.Property{
			{Name: abi.PropAppID, Type: abi.PropUUID, Value: abi.UUIDValue(testUUID)},
			{Name: abi.PropDataSize, Type: abi.PropU32, Value: abi.U32Value(1234)},
		}),
		TEEProps: []abi.Property{{Name: "gpd.tee.apiversion", Type: abi.PropString, Value: []byte("1.3.1")}},
		Logger:   slog.New(slog.NewTextHandler(lb, &slog.HandlerOptions{Level: slog.LevelDebug - 4})),
		Rand:     bytes.NewReader(bytes.Repeat([]byte{0x5A}, 1<<16)),
		Clock:    func() time.Duration { return 1500 * time.Millisecond },
		Killed:   make(chan struct{}),
	}
	s.Call.Masked = &masked
	s.Call.Client = abi.Identity{Login: abi.LoginUser, UUID: testUUID}
	return s, lb
}

// call runs system call nr with args through Dispatch.
func call(s *State, m api.Module, nr uint32, args ...uint64) abi.Result {
	stack := make([]uint64, max(len(args), 1))
	copy(stack, args)
	Dispatch(WithState(context.Background(), s), m, nr, stack)
	return abi.Result(stack[0])
}

func u32At(t *testing.T, m api.Module, p uint32) uint32 {
	t.Helper()
	v, ok := m.Memory().ReadUint32Le(p)
	if !ok {
		t.Fatalf("read at %d", p)
	}
	return v
}

func TestLog(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	m.Memory().WriteString(100, "hello from the TA\n")
	tests := []struct {
		level, ptr, n uint32
		want          abi.Result
		logged        string
	}{
		{abi.TraceError, 100, 17, abi.Success, "level=ERROR msg=\"hello from the TA\""},
		{abi.TraceInfo, 100, 18, abi.Success, "level=INFO"},
		{abi.TraceDebug, 100, 5, abi.Success, "msg=hello"},
		{abi.TraceFlow, 100, 5, abi.Success, "level=DEBUG-4"},
		{0, 100, 5, abi.ErrBadParameters, ""},
		{9, 100, 5, abi.ErrBadParameters, ""},
		{abi.TraceError, memSize - 2, 5, abi.ErrBadParameters, ""},
		{abi.TraceError, 0xFFFFFFFF, 2, abi.ErrBadParameters, ""},
	}
	for _, tt := range tests {
		s, lb := newState()
		if got := call(s, m, abi.SysLog, uint64(tt.level), uint64(tt.ptr), uint64(tt.n)); got != tt.want {
			t.Errorf("log(%d, %d, %d) = %v, want %v", tt.level, tt.ptr, tt.n, got, tt.want)
		}
		if tt.logged != "" && !strings.Contains(lb.String(), tt.logged) {
			t.Errorf("log output %q lacks %q", lb.String(), tt.logged)
		}
		if tt.logged != "" && !strings.Contains(lb.String(), "ta="+testUUID.String()) {
			t.Errorf("log output %q lacks the TA UUID", lb.String())
		}
	}
}

func TestPanic(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	s, _ := newState()
	defer func() {
		var pe *PanicError
		if err, ok := recover().(error); !ok || !errors.As(err, &pe) || pe.Code != 0xDEAD {
			t.Fatalf("recovered %v", err)
		}
		if !s.Panicked || s.PanicCode != 0xDEAD {
			t.Fatalf("state %v %x", s.Panicked, s.PanicCode)
		}
	}()
	call(s, m, abi.SysPanic, 0xDEAD)
	t.Fatal("panic returned")
}

func TestDispatch(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	s, _ := newState()
	if got := call(s, m, 0); got != abi.ErrNotSupported {
		t.Errorf("syscall 0: %v", got)
	}
	if got := call(s, m, 1<<20); got != abi.ErrNotSupported {
		t.Errorf("syscall 1<<20: %v", got)
	}
	stack := []uint64{0}
	Dispatch(context.Background(), m, abi.SysGetCancellationFlag, stack)
	if abi.Result(stack[0]) != abi.ErrBadState {
		t.Errorf("no state: %v", abi.Result(stack[0]))
	}
	for _, sc := range abi.Syscalls {
		if _, ok := Lookup(sc.Nr); !ok {
			t.Errorf("no handler for %s", sc.Name)
		}
	}
	r := wazero.NewRuntimeWithConfig(context.Background(), wazero.NewRuntimeConfigInterpreter())
	defer r.Close(context.Background())
	if err := Instantiate(context.Background(), r); err != nil {
		t.Fatal(err)
	}
}

func TestRandom(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	s, _ := newState()
	if got := call(s, m, abi.SysCrypRandomNumberGenerate, 10, 32); got != abi.Success {
		t.Fatal(got)
	}
	if b, _ := m.Memory().Read(10, 32); !bytes.Equal(b, bytes.Repeat([]byte{0x5A}, 32)) {
		t.Errorf("random bytes %x", b)
	}
	if got := call(s, m, abi.SysCrypRandomNumberGenerate, memSize-8, 9); got != abi.ErrBadParameters {
		t.Errorf("out of memory: %v", got)
	}
	s.Rand = bytes.NewReader(nil)
	if got := call(s, m, abi.SysCrypRandomNumberGenerate, 10, 1); got != abi.ErrGeneric {
		t.Errorf("failing source: %v", got)
	}
}

func TestGetTime(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	s, _ := newState()
	tests := []struct {
		cat, ptr uint32
		want     abi.Result
	}{
		{abi.TimeCatSystem, 64, abi.Success},
		{abi.TimeCatREE, 64, abi.Success},
		{abi.TimeCatTAPersistent, 64, abi.ErrTimeNotSet},
		{7, 64, abi.ErrBadParameters},
		{abi.TimeCatSystem, memSize - 4, abi.ErrBadParameters},
	}
	for _, tt := range tests {
		if got := call(s, m, abi.SysGetTime, uint64(tt.cat), uint64(tt.ptr)); got != tt.want {
			t.Errorf("get_time(%d, %d) = %v, want %v", tt.cat, tt.ptr, got, tt.want)
		}
	}
	call(s, m, abi.SysGetTime, uint64(abi.TimeCatSystem), 64)
	if sec, ms := u32At(t, m, 64), u32At(t, m, 68); sec != 1 || ms != 500 {
		t.Errorf("system time %d.%03d, want 1.500", sec, ms)
	}
	call(s, m, abi.SysGetTime, uint64(abi.TimeCatREE), 64)
	if sec := int64(u32At(t, m, 64)); sec < time.Now().Unix()-5 || sec > time.Now().Unix()+5 {
		t.Errorf("REE time %d", sec)
	}
}

func TestAccessRights(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	s, _ := newState()
	s.Call.Shared[0] = Range{Ptr: 1000, Len: 100}
	s.Call.Shared[1] = Range{Ptr: 5000, Len: 0}
	s.Call.NShared = 2
	rw := abi.MemoryAccessRead | abi.MemoryAccessWrite
	tests := []struct {
		flags, ptr, n uint32
		want          abi.Result
	}{
		{rw, 0, 100, abi.Success},
		{rw | abi.MemoryAccessAnyOwner, 0, memSize, abi.Success},
		{rw, 0, memSize, abi.ErrAccessDenied},
		{rw, 1, memSize, abi.ErrAccessDenied},
		{rw, 0xFFFFFFFF, 2, abi.ErrAccessDenied},
		{rw, memSize, 0, abi.Success},
		{rw, 1000, 1, abi.ErrAccessDenied},
		{rw, 900, 101, abi.ErrAccessDenied},
		{rw, 900, 100, abi.Success},
		{rw, 1099, 10, abi.ErrAccessDenied},
		{rw, 1100, 10, abi.Success},
		{rw, 4990, 20, abi.Success},
		{rw | abi.MemoryAccessAnyOwner, 1000, 100, abi.Success},
		{abi.MemoryAccessRead, 1000, 0, abi.Success},
		{0x8, 0, 1, abi.ErrAccessDenied},
	}
	for _, tt := range tests {
		if got := call(s, m, abi.SysCheckAccessRights, uint64(tt.flags), uint64(tt.ptr), uint64(tt.n)); got != tt.want {
			t.Errorf("check_access_rights(0x%x, %d, %d) = %v, want %v", tt.flags, tt.ptr, tt.n, got, tt.want)
		}
	}
}

func TestCancellationMask(t *testing.T) {
	t.Parallel()
	m := newModule(t)
	s, _ := newState()
	s.Call.Cancel = teeconn.NewCancel()
	flag := func() uint32 {
		if got := call(s, m, abi.SysGetCancellationFlag, 8); got != abi.Success {
			t.Fatal(got)
		}
		return u32At(t, m, 8)
	}
	if flag() != 0 {
		t.Fatal("flag set before any request")
	}
	s.Call.Cancel.Request()
	if flag() != 0 {
		t.Fatal("flag visible while masked (sessions start masked)")
	}
	if call(s, m, abi.SysUnmaskCancellation, 12) != abi.Success || u32At(t, m, 12) != 1 {
		t.Fatal("unmask: old mask should be 1")
	}
	if flag() != 1 {
		t.Fatal("flag not visible once unmasked")
	}
	if call(s, m, abi.SysMaskCancellation, 12) != abi.Success || u32At(t, m, 12) != 0 {
		t.Fatal("mask: old mask should be 0")
	}
	if flag() != 0 {
		t.Fatal("flag visible after masking again")
	}
	if call(s, m, abi.SysUnmaskCancellation, memSize) != abi.ErrBadParameters || !*s.Call.Masked {
		t.Fatal("a bad pointer must not change the mask")
	}
	if call(s, m, abi.SysGetCancellationFlag, memSize-3) != abi.ErrBadParameters {
		t.Fatal("bad pointer accepted")
	}
	// A cancelled caller context counts as a cancellation request.
	s2, _ := newState()
	*s2.Call.Masked = false
	ctx, cancel := context.WithCancel(context.Background())
	s2.Call.Ctx = ctx
	cancel()
	if call(s2, m, abi.SysGetCancellationFlag, 8); u32At(t, m, 8) != 1 {
		t.Fatal("context cancellation not seen")
	}
}

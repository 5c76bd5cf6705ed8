package testta

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// cHeader returns the "#define NAME value" lines of the C test TA's
// protocol header.
func cHeader(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("c", "include", "vt_test_ta.h"))
	if err != nil {
		t.Fatal(err)
	}
	// Join continued lines first: VT_TEST_TA_UUID spans three.
	src := strings.ReplaceAll(string(b), "\\\n", " ")
	def := regexp.MustCompile(`(?m)^#define\s+(VT_TEST_TA_\w+(?:\(\w+\))?)\s+(.+?)\s*$`)
	m := map[string]string{}
	for _, s := range def.FindAllStringSubmatch(src, -1) {
		m[s[1]] = s[2]
	}
	return m
}

// TestCCommandIDs checks that vt_test_ta.h numbers the commands and magic
// values as proto.go does.
func TestCCommandIDs(t *testing.T) {
	t.Parallel()
	h := cHeader(t)
	for c, want := range map[string]int{
		"CMD_NULL": CmdNull, "CMD_PARAMS": CmdParams, "CMD_SHORT_BUFFER": CmdShortBuffer,
		"CMD_PANIC": CmdPanic, "CMD_TRAP": CmdTrap, "CMD_WAIT": CmdWait,
		"CMD_LOOP_UNTIL_CANCEL": CmdLoopUntilCancel, "CMD_SPIN": CmdSpin,
		"CMD_MALLOC_HOG": CmdMallocHog, "CMD_RANDOM": CmdRandom, "CMD_TIME": CmdTime,
		"CMD_CHECK_ACCESS": CmdCheckAccess, "CMD_MEM_FUNCS": CmdMemFuncs, "CMD_LOG": CmdLog,
		"CMD_CLIENT_IDENTITY": CmdClientIdentity, "CMD_COUNTER": CmdCounter, "CMD_COPY": CmdCopy,
		"CMD_TA_CALL": CmdTACall, "CMD_TA_NULL_LOOP": CmdTANullLoop, "CMD_TA_TIME": CmdTATime, "PANIC_CODE": PanicCode, "OPEN_REFUSE": OpenRefuse,
	} {
		name := "VT_TEST_TA_" + c
		got, err := strconv.ParseInt(h[name], 0, 64)
		if err != nil || got != int64(want) {
			t.Errorf("%s = %q, want %d", name, h[name], want)
		}
	}
	n := 0
	for name := range h {
		if strings.HasPrefix(name, "VT_TEST_TA_CMD_") {
			n++
		}
	}
	if n != CmdTATime+1 {
		t.Errorf("vt_test_ta.h has %d commands, proto.go %d", n, CmdTATime+1)
	}
}

// TestCVariants checks the C variants' UUIDs, flags and data size.
func TestCVariants(t *testing.T) {
	t.Parallel()
	h := cHeader(t)
	// VT_TEST_TA_UUID(last) spells all fields but the last byte.
	fields := regexp.MustCompile(`0x[0-9a-fA-F]+`).FindAllString(h["VT_TEST_TA_UUID(last)"], -1)
	if len(fields) != 10 {
		t.Fatalf("VT_TEST_TA_UUID has %d fields: %q", len(fields), h["VT_TEST_TA_UUID(last)"])
	}
	flagBits := map[string]uint32{
		"TA_FLAG_SINGLE_INSTANCE":     abi.TAFlagSingleInstance,
		"TA_FLAG_MULTI_SESSION":       abi.TAFlagMultiSession,
		"TA_FLAG_INSTANCE_KEEP_ALIVE": abi.TAFlagInstanceKeepAlive,
	}
	for v := 0; v < NumVariants; v++ {
		last := regexp.MustCompile(`VT_TEST_TA_UUID\((0x[0-9a-fA-F]+)\)`).FindStringSubmatch(h["VT_TEST_TA_UUID_"+strconv.Itoa(v)])
		if last == nil {
			t.Errorf("variant %d: no UUID", v)
			continue
		}
		var b [16]byte
		put := func(off, size int, s string) {
			x, _ := strconv.ParseUint(s, 0, 64)
			for i := 0; i < size; i++ {
				b[off+i] = byte(x >> (8 * (size - 1 - i)))
			}
		}
		put(0, 4, fields[0])
		put(4, 2, fields[1])
		put(6, 2, fields[2])
		for i := 0; i < 7; i++ {
			put(8+i, 1, fields[3+i])
		}
		put(15, 1, last[1])
		if got := abi.UUID(b); got != CUUIDs[v] {
			t.Errorf("variant %d: C UUID %v, proto.go %v", v, got, CUUIDs[v])
		}

		var flags uint32
		for _, name := range regexp.MustCompile(`TA_FLAG_\w+`).FindAllString(h["VT_TEST_TA_FLAGS_"+strconv.Itoa(v)], -1) {
			bit, ok := flagBits[name]
			if !ok {
				t.Errorf("variant %d: unexpected flag %s", v, name)
			}
			flags |= bit
		}
		if flags != Flags(v) {
			t.Errorf("variant %d: C flags %#x, proto.go %#x", v, flags, Flags(v))
		}
	}
	if h["VT_TEST_TA_DATA_SIZE"] != "(4 * 1024 * 1024)" || CDataSize != 4*1024*1024 {
		t.Errorf("VT_TEST_TA_DATA_SIZE = %q, CDataSize = %d", h["VT_TEST_TA_DATA_SIZE"], CDataSize)
	}
}

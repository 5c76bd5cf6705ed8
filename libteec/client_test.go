package libteec_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/teec"
)

var (
	cShared = testta.CUUIDs[testta.VariantShared].String()
	cMulti  = testta.CUUIDs[testta.VariantMulti].String()
)

// clientTests are the C program's tests and their TAs. They use the C
// test TA only: the Go TA takes the same frames from the daemon, and its
// first instance alone costs more than all of these.
var clientTests = []struct {
	name string
	args []string
}{
	{"params", []string{cShared}},
	{"shortbuf", []string{cShared}},
	{"shm", []string{cShared}},
	{"errors", []string{cShared, cMulti}},
	{"threads", []string{cShared}},
	{"cancel", []string{cMulti}},
	{"default", []string{cShared}},
}

// TestClient runs every function and parameter type of the C library
// against the C test TA, with
// the library built plainly and with AddressSanitizer and
// UndefinedBehaviorSanitizer, which fail the program on any finding,
// leaks included.
func TestClient(t *testing.T) {
	t.Parallel()
	tee := startTEE(t, "")
	for _, b := range []struct {
		name, flags string
		build       *build
	}{
		{"plain", "", plain},
		{"asan", sanitize, asan},
	} {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			_, prog := b.build.get(t, b.name, b.flags)
			for _, tc := range clientTests {
				t.Run(tc.name+"/"+strings.Join(tc.args, ","), func(t *testing.T) {
					t.Parallel()
					tee.runProg(t, prog, tc.name, tc.args...)
				})
			}
		})
	}
}

// TestLayout checks the API structs against GP's field order and OP-TEE's
// layout on LP64, and the parameter type macros.
func TestLayout(t *testing.T) {
	t.Parallel()
	if strconv.IntSize != 64 {
		t.Skip("the expected layout is LP64's")
	}
	_, prog := plain.get(t, "plain", "")
	tee := &testTEE{}
	out := tee.runProg(t, prog, "layout")
	want := `sizeof TEEC_UUID 16
TEEC_UUID.timeLow 0
TEEC_UUID.timeMid 4
TEEC_UUID.timeHiAndVersion 6
TEEC_UUID.clockSeqAndNode 8
sizeof TEEC_Value 8
TEEC_Value.a 0
TEEC_Value.b 4
sizeof TEEC_TempMemoryReference 16
TEEC_TempMemoryReference.buffer 0
TEEC_TempMemoryReference.size 8
sizeof TEEC_RegisteredMemoryReference 24
TEEC_RegisteredMemoryReference.parent 0
TEEC_RegisteredMemoryReference.size 8
TEEC_RegisteredMemoryReference.offset 16
sizeof TEEC_Parameter 24
TEEC_Parameter.tmpref 0
TEEC_Parameter.memref 0
TEEC_Parameter.value 0
TEEC_Operation.started 0
TEEC_Operation.paramTypes 4
TEEC_Operation.params 8
TEEC_Operation.session 104
TEEC_SharedMemory.buffer 0
TEEC_SharedMemory.size 8
TEEC_SharedMemory.flags 16
TEEC_Session.ctx 0
TEEC_Session.session_id 8
TEEC_Context.fd 0
TEEC_Context.reg_mem 4
TEEC_Context.memref_null 5
TEEC_PARAM_TYPES 0xfc61
TEEC_PARAM_TYPE_GET 7
`
	if out != want {
		t.Errorf("layout:\n%s\nwant:\n%s", out, want)
	}
}

// TestLogins opens a session with every login method from the C program
// and checks the identity the TA sees: the kernel's credentials of the C
// process, derived as OP-TEE derives them.
func TestLogins(t *testing.T) {
	t.Parallel()
	tee := startTEE(t, "")
	_, prog := plain.get(t, "plain", "")
	uid, gid := uint32(os.Geteuid()), uint32(os.Getegid())
	v5 := func(format string, args ...any) abi.UUID {
		return abi.NewUUIDv5(abi.ClientNamespace, fmt.Sprintf(format, args...))
	}
	want := map[uint32]abi.UUID{
		abi.LoginPublic:           {},
		abi.LoginUser:             v5("uid=%x", uid),
		abi.LoginGroup:            v5("gid=%x", gid),
		abi.LoginApplication:      v5("app=%s", prog),
		abi.LoginUserApplication:  v5("uid=%x:app=%s", uid, prog),
		abi.LoginGroupApplication: v5("gid=%x:app=%s", gid, prog),
	}
	out := tee.runProg(t, prog, "login", cMulti)
	seen := 0
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var login uint32
		var hex string
		if _, err := fmt.Sscanf(line, "%d %s", &login, &hex); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		w, ok := want[login]
		if !ok {
			t.Errorf("unexpected login %#x", login)
			continue
		}
		seen++
		if got := fmt.Sprintf("%x", w[:]); hex != got {
			t.Errorf("login %#x: the TA sees %s, want %s", login, hex, got)
		}
	}
	if seen != len(want) {
		t.Errorf("saw %d logins, want %d:\n%s", seen, len(want), out)
	}
}

// TestClientKilled kills a C client in the middle of a 120-second TEE_Wait
// in the single-instance TA, and checks that the TEE is still healthy: a
// Go client's call into the same instance returns at once, because the
// daemon ended the dead client's call when its socket closed.
func TestClientKilled(t *testing.T) {
	t.Parallel()
	tee := startTEE(t, "")
	_, prog := plain.get(t, "plain", "")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := tee.command(ctx, prog, "hang", cShared)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "ready\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("client said %q, %v", line, err)
	}
	time.Sleep(100 * time.Millisecond) // let the invoke reach the TA
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	c, err := teec.InitializeContext("unix:" + tee.sock)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Finalize()
	cctx, ccancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer ccancel()
	s, err := c.OpenSession(cctx, testta.CUUIDs[testta.VariantShared], teec.LoginPublic, nil, nil)
	if err != nil {
		t.Fatalf("open after the kill: %v", err)
	}
	defer s.Close()
	start := time.Now()
	if err := s.InvokeCommand(cctx, testta.CmdNull, nil); err != nil {
		t.Fatalf("invoke after the kill: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("invoke after the kill waited %v for the dead client's call", d)
	}
	// And a C client works too.
	tee.runProg(t, prog, "params", cShared)
}

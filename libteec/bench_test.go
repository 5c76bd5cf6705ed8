package libteec_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/teec"
)

// BenchmarkCNullInvoke times a null invoke of the C test TA over the
// socket, against the same TEE in the same run, from:
//
//   - C: a C client process (the test program's bench loop, which reports
//     its own ns/op);
//   - Go-process: a Go client process (this test binary re-executed,
//     package teec), the like-for-like comparison: both cross processes;
//   - Go-inprocess: the Go client inside the daemon's process, which
//     BenchmarkNullInvoke at the root measures too; it saves the
//     scheduler a process switch per call, which matters on a loaded
//     machine.
//
// C-vs-Go interleaves the three, so that they see the same machine load,
// and reports the ratios.
//
//	go test -run '^$' -bench CNullInvoke ./libteec
func BenchmarkCNullInvoke(b *testing.B) {
	tee := startTEE(b, "")
	_, prog := plain.get(b, "plain", "")
	uuid := testta.CUUIDs[testta.VariantShared].String()

	cNs := func(n int) float64 {
		return benchProcess(b, tee.command(context.Background(), prog, "bench", uuid, strconv.Itoa(n)))
	}
	goNs := func(n int) float64 {
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), "VERITEE_SOCKET="+tee.sock, envGoBench+"="+strconv.Itoa(n))
		return benchProcess(b, cmd)
	}
	inNs := func(n int) float64 {
		ns, err := goNullInvokes("unix:"+tee.sock, n)
		if err != nil {
			b.Fatal(err)
		}
		return ns
	}
	b.Run("C", func(b *testing.B) { b.ReportMetric(cNs(b.N), "ns/op") })
	b.Run("Go-process", func(b *testing.B) { b.ReportMetric(goNs(b.N), "ns/op") })
	b.Run("Go-inprocess", func(b *testing.B) { b.ReportMetric(inNs(b.N), "ns/op") })
	b.Run("C-vs-Go", func(b *testing.B) {
		var c, g, in float64
		const rounds = 3
		n := max(b.N, 5000)
		for range rounds {
			c += cNs(n)
			g += goNs(n)
			in += inNs(n)
		}
		b.ReportMetric(c/rounds, "c-ns/op")
		b.ReportMetric(g/rounds, "go-process-ns/op")
		b.ReportMetric(in/rounds, "go-inprocess-ns/op")
		b.ReportMetric(c/g, "c/go-process")
		b.ReportMetric(c/in, "c/go-inprocess")
		b.ReportMetric(0, "ns/op")
	})
}

// envGoBench makes the test binary a Go benchmark client: it runs that
// many null invokes against $VERITEE_SOCKET and prints "ns/op N".
const envGoBench = "LIBTEEC_GO_BENCH_N"

func goBenchClient(arg string) int {
	n, err := strconv.Atoi(arg)
	if err == nil {
		var ns float64
		if ns, err = goNullInvokes("", n); err == nil {
			fmt.Printf("ns/op %.1f\n", ns)
			return 0
		}
	}
	fmt.Fprintln(os.Stderr, err)
	return 1
}

// goNullInvokes opens a session with the C test TA on the TEE that name
// selects and returns the mean time of n null invokes after a warm-up.
func goNullInvokes(name string, n int) (float64, error) {
	c, err := teec.InitializeContext(name)
	if err != nil {
		return 0, err
	}
	defer c.Finalize()
	ctx := context.Background()
	s, err := c.OpenSession(ctx, testta.CUUIDs[testta.VariantShared], teec.LoginPublic, nil, nil)
	if err != nil {
		return 0, err
	}
	defer s.Close()
	for range 100 {
		if err := s.InvokeCommand(ctx, testta.CmdNull, nil); err != nil {
			return 0, err
		}
	}
	start := time.Now()
	for range n {
		if err := s.InvokeCommand(ctx, testta.CmdNull, nil); err != nil {
			return 0, err
		}
	}
	return float64(time.Since(start).Nanoseconds()) / float64(n), nil
}

// benchProcess runs a client process and returns the ns/op it printed.
func benchProcess(b *testing.B, cmd *exec.Cmd) float64 {
	b.Helper()
	out, err := cmd.Output()
	if err != nil {
		b.Fatalf("%s: %v\n%s", cmd.Path, err, out)
	}
	var ns float64
	if _, err := fmt.Sscanf(strings.SplitN(string(out), "\n", 2)[0], "ns/op %g", &ns); err != nil {
		b.Fatalf("%s said %q: %v", cmd.Path, out, err)
	}
	return ns
}

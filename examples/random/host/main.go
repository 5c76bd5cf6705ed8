// Command host is the Go client of the random example: it asks the random
// TA (../ta) for random bytes and prints them in hex.
//
//	go run ./examples/random/host [-tee unix:/path/to/socket] [-n 16]
package main

import (
	"context"
	"encoding/hex"
	"flag"
	"fmt"
	"os"

	"github.com/veritee/veritee/teec"
)

// The TA's UUID and command, as ../ta/include/random_ta.h defines them.
var taUUID = teec.MustParseUUID("783bdfac-56f3-4765-ad6e-e754d53a3ea7")

const cmdGenerate = 0

func main() {
	tee := flag.String("tee", "", `TEE to use: "" for the daemon's default socket, or unix:/path/to/socket`)
	n := flag.Int("n", 16, "number of random bytes, 1 to 4096")
	flag.Parse()
	if *n < 1 || *n > 4096 {
		fmt.Fprintln(os.Stderr, "random: -n must be 1 to 4096")
		os.Exit(2)
	}
	b, err := random(*tee, *n)
	if err != nil {
		fmt.Fprintln(os.Stderr, "random:", err)
		os.Exit(1)
	}
	fmt.Println(hex.EncodeToString(b))
}

func random(tee string, n int) ([]byte, error) {
	ctx := context.Background()
	tc, err := teec.InitializeContext(tee)
	if err != nil {
		return nil, err
	}
	defer tc.Finalize()
	sess, err := tc.OpenSession(ctx, taUUID, teec.LoginPublic, nil, nil)
	if err != nil {
		return nil, err
	}
	defer sess.Close()

	buf := &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, n), Size: uint64(n)}
	if err := sess.InvokeCommand(ctx, cmdGenerate, &teec.Operation{Params: [4]teec.Parameter{buf}}); err != nil {
		return nil, err
	}
	if buf.Size != uint64(n) {
		return nil, fmt.Errorf("the TA returned %d bytes, want %d", buf.Size, n)
	}
	return buf.Buffer, nil
}

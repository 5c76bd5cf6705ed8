// Command host is the client application of the hello_world example: it
// asks the hello_world TA (written in Go, in ../ta) to increment a value,
// through the GP TEE Client API and the daemon's socket.
//
//	veritee serve -dev -ta-dir build/ta &
//	go run ./examples/hello_world_go/host
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/veritee/veritee/teec"
)

// The TA's UUID and command ids, as ../ta/main.go defines them.
var taUUID = teec.MustParseUUID("8aaaf200-2450-11e4-abe2-0002a5d5c51c")

const cmdIncValue = 0

func main() {
	tee := flag.String("tee", "", `TEE to use: "" for the daemon's default socket, or unix:/path/to/socket`)
	value := flag.Uint("value", 42, "value to increment")
	flag.Parse()
	if err := run(*tee, uint32(*value)); err != nil {
		fmt.Fprintln(os.Stderr, "hello_world:", err)
		os.Exit(1)
	}
}

func run(tee string, value uint32) error {
	ctx := context.Background()
	tc, err := teec.InitializeContext(tee)
	if err != nil {
		return err
	}
	defer tc.Finalize()
	sess, err := tc.OpenSession(ctx, taUUID, teec.LoginPublic, nil, nil)
	if err != nil {
		return err
	}
	defer sess.Close()

	v := &teec.Value{Type: teec.ValueInout, A: value}
	fmt.Printf("Invoking TA to increment %d\n", v.A)
	if err := sess.InvokeCommand(ctx, cmdIncValue, &teec.Operation{Params: [4]teec.Parameter{v}}); err != nil {
		return err
	}
	fmt.Printf("TA incremented value to %d\n", v.A)
	return nil
}

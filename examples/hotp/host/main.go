// Command host is the Go client of the hotp example: it registers a shared
// secret with the hotp TA (../ta) and prints the HOTP values (RFC 4226) of
// the first counters, one "counter: value" line each.
//
//	go run ./examples/hotp/host [-tee unix:/path/to/socket] [-n 10] [-secret S]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/veritee/veritee/teec"
)

// The TA's UUID and commands, as ../ta/include/hotp_ta.h defines them.
var taUUID = teec.MustParseUUID("00525f45-9a26-4e25-b007-ebc58e512f7f")

const (
	cmdRegisterSharedKey = 0
	cmdGetHOTP           = 1
)

func main() {
	tee := flag.String("tee", "", `TEE to use: "" for the daemon's default socket, or unix:/path/to/socket`)
	n := flag.Int("n", 10, "number of values, from counter 0")
	secret := flag.String("secret", "12345678901234567890", "the shared secret (default: RFC 4226's test secret)")
	flag.Parse()
	if err := run(*tee, []byte(*secret), *n); err != nil {
		fmt.Fprintln(os.Stderr, "hotp:", err)
		os.Exit(1)
	}
}

func run(tee string, secret []byte, n int) error {
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

	key := &teec.TempMemoryReference{Type: teec.MemrefTempInput, Buffer: secret, Size: uint64(len(secret))}
	if err := sess.InvokeCommand(ctx, cmdRegisterSharedKey, &teec.Operation{Params: [4]teec.Parameter{key}}); err != nil {
		return fmt.Errorf("registering the secret: %w", err)
	}
	for i := 0; i < n; i++ {
		v := &teec.Value{Type: teec.ValueOutput}
		if err := sess.InvokeCommand(ctx, cmdGetHOTP, &teec.Operation{Params: [4]teec.Parameter{v}}); err != nil {
			return fmt.Errorf("getting HOTP %d: %w", i, err)
		}
		fmt.Printf("%d: %06d\n", i, v.A)
	}
	return nil
}

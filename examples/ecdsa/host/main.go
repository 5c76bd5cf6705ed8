// Command host is the Go client of the ecdsa example: it asks the ecdsa TA
// (../ta) to generate a P-256 key pair, prints the public key, has the TA
// sign a message, and has it verify the signature, then the same
// signature over a tampered message.
//
//	host [-tee unix:/path/to/socket] [message]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/veritee/veritee/teec"
)

// The TA's UUID and commands, as ../ta/include/ecdsa_ta.h defines them.
var taUUID = teec.MustParseUUID("61c737aa-2b8f-47a2-8023-9de3429970bd")

const (
	cmdGenKey    = 0
	cmdGetPubkey = 1
	cmdSign      = 2
	cmdVerify    = 3

	coordSize = 32
	sigSize   = 64
)

func main() {
	tee := flag.String("tee", "", `TEE to use: "" for the daemon's default socket, or unix:/path/to/socket`)
	flag.Parse()
	msg := "Signed in the secure world"
	if flag.NArg() > 0 {
		msg = flag.Arg(0)
	}
	if msg == "" {
		fmt.Fprintln(os.Stderr, "ecdsa: the message must not be empty (its last bit is flipped to tamper with it)")
		os.Exit(2)
	}
	if err := run(*tee, []byte(msg)); err != nil {
		fmt.Fprintln(os.Stderr, "ecdsa:", err)
		os.Exit(1)
	}
}

func run(tee string, msg []byte) error {
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

	fmt.Println("Generating a P-256 key pair in the TA")
	if err := sess.InvokeCommand(ctx, cmdGenKey, nil); err != nil {
		return err
	}
	x := &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, coordSize), Size: coordSize}
	y := &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, coordSize), Size: coordSize}
	if err := sess.InvokeCommand(ctx, cmdGetPubkey, &teec.Operation{Params: [4]teec.Parameter{x, y}}); err != nil {
		return err
	}
	// The uncompressed point encoding (SEC 1 §2.3.3): 04 || x || y.
	fmt.Printf("Public key: 04%x%x\n", x.Buffer[:x.Size], y.Buffer[:y.Size])

	fmt.Printf("Signing %q\n", msg)
	sig := &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, sigSize), Size: sigSize}
	if err := sess.InvokeCommand(ctx, cmdSign, &teec.Operation{Params: [4]teec.Parameter{input(msg), sig}}); err != nil {
		return err
	}
	fmt.Printf("Signature: %x\n", sig.Buffer[:sig.Size])

	verify := func(m []byte) error {
		return sess.InvokeCommand(ctx, cmdVerify, &teec.Operation{Params: [4]teec.Parameter{input(m), input(sig.Buffer[:sig.Size])}})
	}
	if err := verify(msg); err != nil {
		return fmt.Errorf("verifying the signature: %w", err)
	}
	fmt.Println("Verified by the TA: ok")
	// Flip one bit of the message: the signature must no longer match.
	tampered := append([]byte(nil), msg...)
	tampered[len(tampered)-1] ^= 1
	err = verify(tampered)
	if !errors.Is(err, teec.ErrSignatureInvalid) {
		return fmt.Errorf("verifying a tampered message: got %v, want TEEC_ERROR_SIGNATURE_INVALID", err)
	}
	r, _ := teec.ResultOf(err)
	fmt.Printf("Verified by the TA, tampered message %q: %v\n", tampered, r)
	return nil
}

func input(b []byte) *teec.TempMemoryReference {
	return &teec.TempMemoryReference{Type: teec.MemrefTempInput, Buffer: b, Size: uint64(len(b))}
}

// Command host is the Go client of the acipher example: it asks the
// acipher TA (../ta) to generate an RSA key pair, prints the public key,
// has the TA encrypt a text with it, prints the ciphertext, and has the TA
// decrypt it again.
//
//	host [-tee unix:/path/to/socket] [-bits 2048] [-pkcs1] [text]
package main

import (
	"context"
	"encoding/hex"
	"flag"
	"fmt"
	"os"

	"github.com/veritee/veritee/teec"
)

// The TA's UUID, commands and paddings, as ../ta/include/acipher_ta.h
// defines them.
var taUUID = teec.MustParseUUID("970809d0-5eb7-43ef-82be-6865f3a7e8ec")

const (
	cmdGenKey    = 0
	cmdGetPubkey = 1
	cmdEncrypt   = 2
	cmdDecrypt   = 3

	padOAEPSHA256 = 0
	padPKCS1v15   = 1
)

func main() {
	tee := flag.String("tee", "", `TEE to use: "" for the daemon's default socket, or unix:/path/to/socket`)
	bits := flag.Uint("bits", 2048, "RSA key size in bits")
	pkcs1 := flag.Bool("pkcs1", false, "use RSAES-PKCS1-v1_5 instead of RSAES-PKCS1-OAEP with SHA-256")
	flag.Parse()
	text := "Hello from the normal world"
	if flag.NArg() > 0 {
		text = flag.Arg(0)
	}
	if err := run(*tee, uint32(*bits), *pkcs1, text); err != nil {
		fmt.Fprintln(os.Stderr, "acipher:", err)
		os.Exit(1)
	}
}

func run(tee string, bits uint32, pkcs1 bool, text string) error {
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

	fmt.Printf("Generating a %d-bit RSA key pair in the TA\n", bits)
	if err := sess.InvokeCommand(ctx, cmdGenKey, &teec.Operation{Params: [4]teec.Parameter{
		&teec.Value{Type: teec.ValueInput, A: bits},
	}}); err != nil {
		return err
	}
	n := &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, 512), Size: 512}
	e := &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, 8), Size: 8}
	if err := sess.InvokeCommand(ctx, cmdGetPubkey, &teec.Operation{Params: [4]teec.Parameter{n, e}}); err != nil {
		return err
	}
	fmt.Printf("Modulus: %x\n", n.Buffer[:n.Size])
	fmt.Printf("Public exponent: %x\n", e.Buffer[:e.Size])

	pad, name := uint32(padOAEPSHA256), "RSAES-PKCS1-OAEP (SHA-256)"
	if pkcs1 {
		pad, name = padPKCS1v15, "RSAES-PKCS1-v1_5"
	}
	fmt.Printf("Encrypting %q with %s\n", text, name)
	ct, err := crypt(ctx, sess, cmdEncrypt, pad, []byte(text))
	if err != nil {
		return err
	}
	fmt.Printf("Ciphertext: %s\n", hex.EncodeToString(ct))
	pt, err := crypt(ctx, sess, cmdDecrypt, pad, ct)
	if err != nil {
		return err
	}
	fmt.Printf("Decrypted by the TA: %s\n", pt)
	return nil
}

// crypt runs CMD_ENCRYPT or CMD_DECRYPT. Neither output is longer than the
// largest modulus, 4096 bits.
func crypt(ctx context.Context, sess *teec.Session, cmd, pad uint32, in []byte) ([]byte, error) {
	out := &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, 512), Size: 512}
	err := sess.InvokeCommand(ctx, cmd, &teec.Operation{Params: [4]teec.Parameter{
		&teec.Value{Type: teec.ValueInput, A: pad},
		&teec.TempMemoryReference{Type: teec.MemrefTempInput, Buffer: in, Size: uint64(len(in))},
		out,
	}})
	if err != nil {
		return nil, err
	}
	return out.Buffer[:out.Size], nil
}

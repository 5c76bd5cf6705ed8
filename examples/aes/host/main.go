// Command host is the Go client of the aes example. "host MODE KEY IV DATA"
// (MODE ecb, cbc or ctr; the rest in hex, IV "" for ecb) has the aes TA
// (../ta) encrypt DATA, then decrypt the result in a second session, and
// prints both:
//
//	MODE ciphertext: <hex>
//	MODE decrypted: <hex>
//
// Without arguments it does so for each mode with the inputs of NIST SP
// 800-38A's AES-128 examples (F.1.1, F.2.1, F.5.1).
//
//	go run ./examples/aes/host [-tee unix:/path/to/socket] [MODE KEY IV DATA]
package main

import (
	"context"
	"encoding/hex"
	"flag"
	"fmt"
	"os"

	"github.com/veritee/veritee/teec"
)

// The TA's UUID, commands and arguments, as ../ta/include/aes_ta.h
// defines them.
var taUUID = teec.MustParseUUID("5d8338f8-5e0d-4835-ba61-da84aa186095")

const (
	cmdPrepare = 0
	cmdSetKey  = 1
	cmdSetIV   = 2
	cmdCipher  = 3

	modeEncrypt = 0
	modeDecrypt = 1
)

// modes are the chaining modes by name, with their TA_AES_ALG_* numbers.
var modes = []string{"ecb", "cbc", "ctr"}

// SP 800-38A's key, plaintext, and IV for each mode.
const (
	sp80038aKey   = "2b7e151628aed2a6abf7158809cf4f3c"
	sp80038aPlain = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51" +
		"30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710"
)

var sp80038aIV = []string{"", "000102030405060708090a0b0c0d0e0f", "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"}

func main() {
	tee := flag.String("tee", "", `TEE to use: "" for the daemon's default socket, or unix:/path/to/socket`)
	flag.Parse()
	if err := run(*tee, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "aes:", err)
		os.Exit(1)
	}
}

func run(tee string, args []string) error {
	tc, err := teec.InitializeContext(tee)
	if err != nil {
		return err
	}
	defer tc.Finalize()
	switch len(args) {
	case 0:
		for alg := range modes {
			if err := roundTrip(tc, uint32(alg), sp80038aKey, sp80038aIV[alg], sp80038aPlain); err != nil {
				return err
			}
		}
		return nil
	case 4:
		for alg, name := range modes {
			if name == args[0] {
				return roundTrip(tc, uint32(alg), args[1], args[2], args[3])
			}
		}
		return fmt.Errorf("unknown mode %s", args[0])
	default:
		return fmt.Errorf("usage: host [ecb|cbc|ctr KEY IV DATA]")
	}
}

// roundTrip encrypts data, decrypts the result, and prints both.
func roundTrip(tc *teec.Context, alg uint32, keyHex, ivHex, dataHex string) error {
	var in [3][]byte
	for i, s := range []string{keyHex, ivHex, dataHex} {
		b, err := hex.DecodeString(s)
		if err != nil {
			return err
		}
		in[i] = b
	}
	key, iv, plain := in[0], in[1], in[2]
	ciphered, err := cipher(tc, alg, modeEncrypt, key, iv, plain)
	if err != nil {
		return fmt.Errorf("encrypting: %w", err)
	}
	fmt.Printf("%s ciphertext: %x\n", modes[alg], ciphered)
	decrypted, err := cipher(tc, alg, modeDecrypt, key, iv, ciphered)
	if err != nil {
		return fmt.Errorf("decrypting: %w", err)
	}
	fmt.Printf("%s decrypted: %x\n", modes[alg], decrypted)
	return nil
}

// cipher runs one cipher in a session of its own: prepare, set the key,
// set the IV, then cipher the data in one update.
func cipher(tc *teec.Context, alg, mode uint32, key, iv, data []byte) ([]byte, error) {
	ctx := context.Background()
	sess, err := tc.OpenSession(ctx, taUUID, teec.LoginPublic, nil, nil)
	if err != nil {
		return nil, err
	}
	defer sess.Close()
	invoke := func(cmd uint32, params ...teec.Parameter) error {
		op := &teec.Operation{}
		copy(op.Params[:], params)
		return sess.InvokeCommand(ctx, cmd, op)
	}
	in := func(b []byte) *teec.TempMemoryReference {
		return &teec.TempMemoryReference{Type: teec.MemrefTempInput, Buffer: b, Size: uint64(len(b))}
	}

	if err := invoke(cmdPrepare, &teec.Value{Type: teec.ValueInput, A: alg, B: mode},
		&teec.Value{Type: teec.ValueInput, A: uint32(len(key))}); err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	if err := invoke(cmdSetKey, in(key)); err != nil {
		return nil, fmt.Errorf("set key: %w", err)
	}
	if err := invoke(cmdSetIV, in(iv)); err != nil {
		return nil, fmt.Errorf("set IV: %w", err)
	}
	out := &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, len(data)), Size: uint64(len(data))}
	if err := invoke(cmdCipher, in(data), out); err != nil {
		return nil, fmt.Errorf("cipher: %w", err)
	}
	return out.Buffer[:out.Size], nil
}

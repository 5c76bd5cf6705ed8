// Command host is the Go client of the sha example: it prints the digest
// of a message, computed by the sha TA (../ta), in hex.
//
//	go run ./examples/sha/host [-tee unix:/path/to/socket] sha256 abc
package main

import (
	"context"
	"encoding/hex"
	"flag"
	"fmt"
	"os"

	"github.com/veritee/veritee/teec"
)

// The TA's UUID, command and algorithm numbers, as
// ../ta/include/sha_ta.h defines them.
var taUUID = teec.MustParseUUID("1d553a87-1a1d-4bad-a609-a47da3c3d304")

const (
	cmdDigest     = 0
	maxDigestSize = 64
)

var algs = map[string]uint32{"sha1": 0, "sha224": 1, "sha256": 2, "sha384": 3, "sha512": 4}

func main() {
	tee := flag.String("tee", "", `TEE to use: "" for the daemon's default socket, or unix:/path/to/socket`)
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: host [-tee unix:/path] sha1|sha224|sha256|sha384|sha512 MESSAGE")
	}
	flag.Parse()
	if flag.NArg() != 2 {
		flag.Usage()
		os.Exit(2)
	}
	alg, ok := algs[flag.Arg(0)]
	if !ok {
		fmt.Fprintf(os.Stderr, "sha: unknown algorithm %s\n", flag.Arg(0))
		os.Exit(2)
	}
	d, err := digest(*tee, alg, []byte(flag.Arg(1)))
	if err != nil {
		fmt.Fprintln(os.Stderr, "sha:", err)
		os.Exit(1)
	}
	fmt.Println(hex.EncodeToString(d))
}

func digest(tee string, alg uint32, msg []byte) ([]byte, error) {
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

	out := &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, maxDigestSize), Size: maxDigestSize}
	op := &teec.Operation{Params: [4]teec.Parameter{
		&teec.Value{Type: teec.ValueInput, A: alg},
		&teec.TempMemoryReference{Type: teec.MemrefTempInput, Buffer: msg, Size: uint64(len(msg))},
		out,
	}}
	if err := sess.InvokeCommand(ctx, cmdDigest, op); err != nil {
		return nil, err
	}
	return out.Buffer[:out.Size], nil
}

// Command host is the Go client of the ecdh example. Given a peer's public
// key (hex), it has the ecdh TA (../ta) generate a key pair, prints the
// TA's public key and derives the secret the TA shares with the peer.
// Without one, it opens two sessions, two TA instances with a key pair
// each, lets them exchange public keys and shows they derive the same
// secret.
//
//	host [-tee unix:/path/to/socket] [-curve p256|x25519] [peer-public-key]
//
// A P-256 public key is the uncompressed point 04 || x || y, an X25519 key
// the 32-byte u-coordinate.
package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"flag"
	"fmt"
	"os"

	"github.com/veritee/veritee/teec"
)

// The TA's UUID, commands and curves, as ../ta/include/ecdh_ta.h defines
// them.
var taUUID = teec.MustParseUUID("569f5292-3221-4ef4-8532-18eda2d41778")

const (
	cmdGenKey    = 0
	cmdGetPubkey = 1
	cmdDerive    = 2

	maxPubkeySize = 65
	secretSize    = 32
)

var curves = map[string]struct {
	id   uint32
	name string
}{
	"p256":   {0, "P-256"},
	"x25519": {1, "X25519"},
}

func main() {
	tee := flag.String("tee", "", `TEE to use: "" for the daemon's default socket, or unix:/path/to/socket`)
	curve := flag.String("curve", "p256", "curve: p256 or x25519")
	flag.Parse()
	c, ok := curves[*curve]
	if !ok || flag.NArg() > 1 {
		flag.Usage()
		os.Exit(2)
	}
	var peer []byte
	if flag.NArg() == 1 {
		var err error
		if peer, err = hex.DecodeString(flag.Arg(0)); err != nil {
			fmt.Fprintln(os.Stderr, "ecdh: peer public key:", err)
			os.Exit(2)
		}
	}
	if err := run(*tee, c.id, c.name, peer); err != nil {
		fmt.Fprintln(os.Stderr, "ecdh:", err)
		os.Exit(1)
	}
}

func run(tee string, curve uint32, name string, peer []byte) error {
	ctx := context.Background()
	tc, err := teec.InitializeContext(tee)
	if err != nil {
		return err
	}
	defer tc.Finalize()
	fmt.Printf("Curve: %s\n", name)

	if peer != nil {
		p, err := newParty(ctx, tc, curve)
		if err != nil {
			return err
		}
		defer p.Close()
		fmt.Printf("TA public key: %x\n", p.pub)
		secret, err := p.derive(ctx, peer)
		if err != nil {
			return err
		}
		fmt.Printf("Shared secret: %x\n", secret)
		return nil
	}

	a, err := newParty(ctx, tc, curve)
	if err != nil {
		return err
	}
	defer a.Close()
	b, err := newParty(ctx, tc, curve)
	if err != nil {
		return err
	}
	defer b.Close()
	fmt.Printf("Session A public key: %x\n", a.pub)
	fmt.Printf("Session B public key: %x\n", b.pub)
	sa, err := a.derive(ctx, b.pub)
	if err != nil {
		return err
	}
	sb, err := b.derive(ctx, a.pub)
	if err != nil {
		return err
	}
	fmt.Printf("Shared secret (A): %x\n", sa)
	fmt.Printf("Shared secret (B): %x\n", sb)
	if !bytes.Equal(sa, sb) {
		return fmt.Errorf("the sessions derived different secrets")
	}
	fmt.Println("Both sessions derived the same secret")
	return nil
}

// party is a session of the TA with a fresh key pair.
type party struct {
	*teec.Session
	pub []byte
}

func newParty(ctx context.Context, tc *teec.Context, curve uint32) (*party, error) {
	sess, err := tc.OpenSession(ctx, taUUID, teec.LoginPublic, nil, nil)
	if err != nil {
		return nil, err
	}
	if err := sess.InvokeCommand(ctx, cmdGenKey, &teec.Operation{Params: [4]teec.Parameter{
		&teec.Value{Type: teec.ValueInput, A: curve},
	}}); err != nil {
		sess.Close()
		return nil, err
	}
	pub := &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, maxPubkeySize), Size: maxPubkeySize}
	if err := sess.InvokeCommand(ctx, cmdGetPubkey, &teec.Operation{Params: [4]teec.Parameter{pub}}); err != nil {
		sess.Close()
		return nil, err
	}
	return &party{sess, pub.Buffer[:pub.Size]}, nil
}

func (p *party) derive(ctx context.Context, peer []byte) ([]byte, error) {
	secret := &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, secretSize), Size: secretSize}
	err := p.InvokeCommand(ctx, cmdDerive, &teec.Operation{Params: [4]teec.Parameter{
		&teec.TempMemoryReference{Type: teec.MemrefTempInput, Buffer: peer, Size: uint64(len(peer))},
		secret,
	}})
	if err != nil {
		return nil, err
	}
	return secret.Buffer[:secret.Size], nil
}

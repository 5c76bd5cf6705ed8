package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/taimage"
	"github.com/veritee/veritee/internal/tasign"
)

func runSubkey(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "subkey", "-parent parent.pem [-parent-chain p.chain -name n | -uuid u] [-identity] -pub sub.pub.pem -o sub.chain\n       veritee subkey -print-uuid -chain sub.chain [-name n]")
	parent := fs.String("parent", "", "the parent's private key: a trusted root key, or the parent subkey's key")
	parentChain := fs.String("parent-chain", "", "the parent subkey's chain file, when the parent is a subkey")
	parentAlgo := fs.String("parent-algo", "", "the algorithm the parent signs with (default: the key's default)")
	pubPath := fs.String("pub", "", "the new subkey's public key")
	algo := fs.String("algo", "", "the algorithm the new subkey will sign with (default: the key's default)")
	uuidStr := fs.String("uuid", "", "the subkey's UUID (namespace), when a root key signs it")
	name := fs.String("name", "", "the subkey's name in the parent subkey's namespace (its UUID derives from it)")
	identity := fs.Bool("identity", false, "an identity subkey: it signs exactly the TA whose UUID is its own")
	maxDepth := fs.Uint("max-depth", 0, "how many subkey levels may follow this one (below the parent's)")
	version := fs.Uint("version", 1, "the subkey's version; once seen, lower versions of the same subkey UUID are refused")
	notAfter := fs.String("not-after", "", "expiry, RFC 3339 (default: none)")
	out := fs.String("o", "", "the chain file to write")
	printUUID := fs.Bool("print-uuid", false, "print the TA UUID that -name gives under the last subkey of -chain")
	chain := fs.String("chain", "", "-print-uuid: the chain file")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	if *printUUID {
		c, err := os.ReadFile(*chain)
		if err != nil {
			return err
		}
		u, err := tasign.SubkeyUUIDFor(c, *name)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, u)
		return nil
	}
	if *parent == "" || *pubPath == "" || *out == "" {
		fs.Usage()
		return fmt.Errorf("%w: want -parent, -pub and -o", errUsage)
	}
	if *version > 0xFFFFFFFF || *maxDepth > 0xFFFFFFFF {
		return fmt.Errorf("%w: -version and -max-depth are 32-bit", errUsage)
	}
	pk, err := tasign.LoadPrivateKey(*parent)
	if err != nil {
		return err
	}
	defer tasign.DestroyKey(pk)
	pub, err := tasign.LoadPublicKey(*pubPath)
	if err != nil {
		return err
	}
	p := tasign.SubkeyParams{Public: pub, Kind: taimage.SubkeyNamespace, Name: *name,
		Version: uint32(*version), MaxDepth: uint32(*maxDepth)}
	if *identity {
		p.Kind = taimage.SubkeyIdentity
	}
	if *uuidStr != "" {
		if p.UUID, err = abi.ParseUUID(*uuidStr); err != nil {
			return fmt.Errorf("%w: -uuid: %v", errUsage, err)
		}
	}
	if *notAfter != "" {
		if p.NotAfter, err = time.Parse(time.RFC3339, *notAfter); err != nil {
			return fmt.Errorf("%w: -not-after: %v", errUsage, err)
		}
	}
	if *algo != "" {
		if p.Algorithm, err = tasign.ParseAlgorithm(*algo); err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
	}
	var palg tasign.Algorithm
	if *parentAlgo != "" {
		if palg, err = tasign.ParseAlgorithm(*parentAlgo); err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
	}
	var pc []byte
	if *parentChain != "" {
		if pc, err = os.ReadFile(*parentChain); err != nil {
			return err
		}
	} else if *uuidStr == "" {
		return fmt.Errorf("%w: a subkey signed by a root key needs -uuid", errUsage)
	}
	c, err := tasign.NewSubkey(pk, palg, pc, p)
	if err != nil {
		return err
	}
	if err := writeAtomic(*out, c, 0o644); err != nil {
		return err
	}
	sks, _ := taimage.ParseChain(c)
	fmt.Fprintf(e.stdout, "subkey %v written to %s\n", sks[len(sks)-1].UUID, *out)
	return nil
}

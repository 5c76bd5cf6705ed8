package main

import (
	"context"
	"fmt"
	"os"

	"github.com/veritee/veritee"
	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/tasign"
	"github.com/veritee/veritee/internal/tastore"
)

func runInstall(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "install", "[trust flags] [-state-dir dir] image.ta")
	var tf trustFlags
	tf.register(fs)
	state := fs.String("state-dir", "", "the daemon's state directory (default as 'veritee serve')")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("%w: want exactly one image", errUsage)
	}
	if *state == "" {
		*state = veritee.DefaultStateDir()
	}
	img, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}
	v, err := tf.verifier(*state)
	if err != nil {
		return err
	}
	// The daemon verifies again on every load; this refuses early what it
	// would refuse then.
	r, err := v.Check(img)
	if err != nil {
		return fmt.Errorf("%s refused: %w", fs.Arg(0), err)
	}
	p, err := tastore.Install(*state, r.UUID, img)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "installed %v version %s as %s\n", r.UUID, version(r.TAVersion), p)
	return nil
}

func runList(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "list", "[trust flags] [-state-dir dir]")
	var tf trustFlags
	tf.register(fs)
	state := fs.String("state-dir", "", "the daemon's state directory (default as 'veritee serve')")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	if *state == "" {
		*state = veritee.DefaultStateDir()
	}
	v, err := tf.verifier(*state)
	if err != nil {
		return err
	}
	ids, err := tastore.List(*state)
	if err != nil {
		return err
	}
	for _, id := range ids {
		fmt.Fprintf(e.stdout, "%v  %s\n", id, listEntry(v, *state, id))
	}
	return nil
}

func listEntry(v *tasign.Verifier, state string, id abi.UUID) string {
	img, err := os.ReadFile(tastore.Path(state, id))
	if err != nil {
		return "unreadable: " + err.Error()
	}
	r, err := v.Check(img)
	if err != nil {
		return "REFUSED: " + err.Error()
	}
	enc := ""
	if r.Encrypted {
		enc = ", encrypted"
	}
	return fmt.Sprintf("version %s, signer %v%s", version(r.TAVersion), r.Signer, enc)
}

func runUninstall(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "uninstall", "[-state-dir dir] uuid")
	state := fs.String("state-dir", "", "the daemon's state directory (default as 'veritee serve')")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("%w: want exactly one TA UUID", errUsage)
	}
	id, err := abi.ParseUUID(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if *state == "" {
		*state = veritee.DefaultStateDir()
	}
	if err := tastore.Uninstall(*state, id); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "uninstalled %v\n", id)
	return nil
}

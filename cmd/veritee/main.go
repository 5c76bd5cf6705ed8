// Command veritee is the Veritee TEE: the daemon (serve), an end-to-end
// demonstration (demo), the tools that turn a compiled TA into a signed
// image the daemon loads (pack, build, sign, subkey, encrypt, keygen), and
// the TA store (inspect, install, list, uninstall).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// command is one subcommand. run gets the arguments after the subcommand's
// name and its own output streams, so tests can drive it.
type command struct {
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what a subcommand may touch of the outside world.
type env struct {
	stdout, stderr io.Writer
}

var commands = map[string]command{
	"serve":     {"run the TEE daemon on a Unix socket", runServe},
	"demo":      {"show the hello_world TAs (C and Go) answering a client, end to end", runDemo},
	"pack":      {"turn a compiled TA (.wasm) into a TA image <uuid>.ta", runPack},
	"build":     {"build a TA directory (C, OP-TEE layout) or Go TA package into <uuid>.ta", runBuild},
	"keygen":    {"make a TA signing key pair, or a class key for encrypted TAs", runKeygen},
	"sign":      {"sign a TA image with a key or subkey, or offline: print the digest, stitch the signature", runSign},
	"subkey":    {"delegate a UUID namespace (or one UUID) to a subkey, signed by its parent", runSubkey},
	"encrypt":   {"encrypt a signed TA image for a device (HUK) or a class of devices", runEncrypt},
	"inspect":   {"show a TA image's header, properties, key chain and verification verdict", runInspect},
	"install":   {"verify a TA image and install it into the daemon's TA store", runInstall},
	"list":      {"list the TAs installed in the daemon's TA store", runList},
	"uninstall": {"remove a TA from the daemon's TA store", runUninstall},
}

// errUsage marks errors that come from bad command lines (exit status 2).
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, &env{stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:]))
}

func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "veritee: unknown command %q\n\n", args[0])
		usage(e.stderr)
		return 2
	}
	if err := cmd.run(ctx, e, args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(e.stderr, "veritee %s: %v\n", args[0], err)
		if errors.Is(err, errUsage) {
			return 2
		}
		return 1
	}
	return 0
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: veritee <command> [flags]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'veritee <command> -h' for a command's flags.")
}

// newFlags returns a FlagSet that reports errors instead of exiting.
func newFlags(e *env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet("veritee "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: veritee %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return nil
}

// newLogger makes the daemon's structured logger.
func newLogger(w io.Writer, level, format string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("%w: log level %q: want debug, info, warn or error", errUsage, level)
	}
	o := &slog.HandlerOptions{Level: l}
	switch strings.ToLower(format) {
	case "text":
		return slog.New(slog.NewTextHandler(w, o)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, o)), nil
	}
	return nil, fmt.Errorf("%w: log format %q: want text or json", errUsage, format)
}

package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/veritee/veritee"
	"github.com/veritee/veritee/teec"
)

// helloWorld is the command set of OP-TEE's hello_world TA, which both
// example TAs implement.
const (
	cmdIncValue = 0
	cmdDecValue = 1
)

var demoTAs = []struct {
	lang string
	uuid teec.UUID
}{
	{"C", teec.MustParseUUID("8aaaf200-2450-11e4-abe2-0002a5d5c51b")},
	{"Go", teec.MustParseUUID("8aaaf200-2450-11e4-abe2-0002a5d5c51c")},
}

// runDemo starts a daemon on a private socket, then plays a client
// application against the hello_world TAs written in C and in Go, all
// through the GP TEE Client API over the real socket.
func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo", "[flags]")
	taDir := fs.String("ta-dir", filepath.Join("build", "ta"), "directory holding the hello_world TA images (make demo builds them)")
	value := fs.Uint("value", 42, "the value to send to the TAs")
	verbose := fs.Bool("v", false, "show the daemon's log, including the TAs' traces")
	devKey := fs.String("dev-key", "", "the development key the TAs were signed with (default $VERITEE_DEV_KEY, else $XDG_CONFIG_HOME/veritee/dev-key.pem)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	for _, ta := range demoTAs {
		if _, err := os.Stat(filepath.Join(*taDir, ta.uuid.String()+".ta")); err != nil {
			return fmt.Errorf("no %s hello_world TA in %s: run 'make demo', which builds it first", ta.lang, *taDir)
		}
	}
	state, err := os.MkdirTemp("", "veritee-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(state)
	level := "warn"
	if *verbose {
		level = "debug"
	}
	log, err := newLogger(e.stderr, level, "text")
	if err != nil {
		return err
	}

	sock := filepath.Join(state, "tee.sock")
	ln, err := veritee.ListenSocket(sock)
	if err != nil {
		return err
	}
	// The demo runs the TAs 'make demo' built, which the development key
	// signed: it is a development TEE.
	tf := trustFlags{dev: true, devKey: *devKey}
	opts := veritee.Options{TADirs: []string{*taDir}, StateDir: state, Logger: log}
	if err := tf.apply(&opts); err != nil {
		ln.Close()
		return err
	}
	tee, err := veritee.Start(ctx, opts)
	if err != nil {
		ln.Close()
		return err
	}
	sctx, stopServing := context.WithCancel(ctx)
	served := make(chan error, 1)
	go func() { served <- tee.Serve(sctx, ln) }()
	defer func() {
		stopServing()
		<-served
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		tee.Close(cctx)
	}()
	fmt.Fprintf(e.stdout, "Veritee daemon serving %s (TAs from %s)\n\n", sock, *taDir)

	tc, err := teec.InitializeContext("unix:" + sock)
	if err != nil {
		return err
	}
	defer tc.Finalize()
	for _, ta := range demoTAs {
		if err := helloWorld(ctx, e, tc, ta.lang, ta.uuid, uint32(*value)); err != nil {
			return err
		}
	}
	fmt.Fprintln(e.stdout, "Both TAs answered through the GP TEE Client API over the daemon's socket.")
	return nil
}

func helloWorld(ctx context.Context, e *env, tc *teec.Context, lang string, uuid teec.UUID, v uint32) error {
	fmt.Fprintf(e.stdout, "hello_world TA in %s (%s)\n", lang, uuid)
	start := time.Now()
	sess, err := tc.OpenSession(ctx, uuid, teec.LoginUser, nil, nil)
	if err != nil {
		return fmt.Errorf("opening a session with the %s TA: %w", lang, err)
	}
	defer sess.Close()
	fmt.Fprintf(e.stdout, "  session opened in %v (login USER)\n", time.Since(start).Round(time.Microsecond))

	val := &teec.Value{Type: teec.ValueInout, A: v}
	op := &teec.Operation{Params: [4]teec.Parameter{val}}
	fmt.Fprintf(e.stdout, "  invoking TA to increment %d\n", val.A)
	start = time.Now()
	if err := sess.InvokeCommand(ctx, cmdIncValue, op); err != nil {
		return fmt.Errorf("INC_VALUE: %w", err)
	}
	fmt.Fprintf(e.stdout, "  TA incremented value to %d (%v)\n", val.A, time.Since(start).Round(time.Microsecond))
	if val.A != v+1 {
		return errors.New("the TA answered a wrong value")
	}
	if err := sess.InvokeCommand(ctx, cmdDecValue, op); err != nil {
		return fmt.Errorf("DEC_VALUE: %w", err)
	}
	fmt.Fprintf(e.stdout, "  TA decremented value back to %d\n", val.A)
	if err := sess.InvokeCommand(ctx, 99, op); err != nil {
		r, origin := teec.ResultOf(err)
		fmt.Fprintf(e.stdout, "  an unknown command is refused: %v (origin %v)\n\n", r, origin)
	} else {
		return errors.New("the TA accepted an unknown command")
	}
	return nil
}

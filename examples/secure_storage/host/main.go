// Command host is the Go client of the secure_storage example: it writes a
// secret into the secure_storage TA's private storage (../ta), reads it
// back, deletes it, and shows that reading it again finds nothing.
//
//	host [-tee unix:/path/to/socket]                # the whole demonstration
//	host [-tee ...] write ID DATA | read ID | delete ID
//
// The single steps let a caller show that an object outlives the session,
// and the TA instance, that wrote it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/veritee/veritee/teec"
)

// The TA's UUID and command ids, as ../ta/include/secure_storage_ta.h
// defines them.
var taUUID = teec.MustParseUUID("785cefd9-0512-4ffd-a43f-c33708e83aaf")

const (
	cmdWriteRaw = 0
	cmdReadRaw  = 1
	cmdDelete   = 2
)

func main() {
	tee := flag.String("tee", "", `TEE to use: "" for the daemon's default socket, or unix:/path/to/socket`)
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: host [-tee name] [write ID DATA | read ID | delete ID]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if err := run(*tee, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "secure_storage:", err)
		os.Exit(1)
	}
}

func run(tee string, args []string) error {
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
	s := store{ctx, sess}

	switch {
	case len(args) == 0:
		return s.demo()
	case len(args) == 3 && args[0] == "write":
		return s.write(args[1], []byte(args[2]))
	case len(args) == 2 && args[0] == "read":
		data, err := s.read(args[1])
		if err != nil {
			return err
		}
		fmt.Printf("%s\n", data)
		return nil
	case len(args) == 2 && args[0] == "delete":
		return s.delete(args[1])
	}
	flag.Usage()
	os.Exit(2)
	return nil
}

// demo is the example's story: write, read back, delete, read again.
func (s store) demo() error {
	const id = "secret#1"
	secret := []byte("This is a secret only the TA can read back.")

	fmt.Printf("Writing object %q (%d bytes)\n", id, len(secret))
	if err := s.write(id, secret); err != nil {
		return err
	}
	got, err := s.read(id)
	if err != nil {
		return err
	}
	fmt.Printf("Read object %q: %s\n", id, got)
	fmt.Printf("Deleting object %q\n", id)
	if err := s.delete(id); err != nil {
		return err
	}
	_, err = s.read(id)
	if !errors.Is(err, teec.ErrItemNotFound) {
		return fmt.Errorf("reading a deleted object: got %v, want TEEC_ERROR_ITEM_NOT_FOUND", err)
	}
	r, _ := teec.ResultOf(err)
	fmt.Printf("Reading object %q after delete: %v\n", id, r)
	return nil
}

// store calls the TA's commands in one session.
type store struct {
	ctx  context.Context
	sess *teec.Session
}

func (s store) write(id string, data []byte) error {
	return s.sess.InvokeCommand(s.ctx, cmdWriteRaw, &teec.Operation{Params: [4]teec.Parameter{
		&teec.TempMemoryReference{Type: teec.MemrefTempInput, Buffer: []byte(id), Size: uint64(len(id))},
		&teec.TempMemoryReference{Type: teec.MemrefTempInput, Buffer: data, Size: uint64(len(data))},
	}})
}

// read asks for the object's size with a NULL buffer first, then reads it
// whole: the TA answers SHORT_BUFFER with the size it needs.
func (s store) read(id string) ([]byte, error) {
	idRef := &teec.TempMemoryReference{Type: teec.MemrefTempInput, Buffer: []byte(id), Size: uint64(len(id))}
	out := &teec.TempMemoryReference{Type: teec.MemrefTempOutput}
	op := &teec.Operation{Params: [4]teec.Parameter{idRef, out}}
	err := s.sess.InvokeCommand(s.ctx, cmdReadRaw, op)
	if !errors.Is(err, teec.ErrShortBuffer) {
		if err == nil {
			return nil, nil // an empty object
		}
		return nil, err
	}
	if out.Size == 0 {
		return []byte{}, nil
	}
	out.Buffer = make([]byte, out.Size)
	if err := s.sess.InvokeCommand(s.ctx, cmdReadRaw, op); err != nil {
		return nil, err
	}
	return out.Buffer[:out.Size], nil
}

func (s store) delete(id string) error {
	return s.sess.InvokeCommand(s.ctx, cmdDelete, &teec.Operation{Params: [4]teec.Parameter{
		&teec.TempMemoryReference{Type: teec.MemrefTempInput, Buffer: []byte(id), Size: uint64(len(id))},
	}})
}

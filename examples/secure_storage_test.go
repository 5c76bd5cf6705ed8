package examples_test

import (
	"context"
	"errors"
	"testing"

	"github.com/veritee/veritee/teec"
)

// TestSecureStorage runs both secure_storage clients: the whole story in
// one session, then an object written by one process (one session, one TA
// instance) and read back by another, in the other language, deleted, and
// found no more.
func TestSecureStorage(t *testing.T) {
	t.Parallel()
	const demo = `Writing object "secret#1" (43 bytes)
Read object "secret#1": This is a secret only the TA can read back.
Deleting object "secret#1"
Reading object "secret#1" after delete: TEEC_ERROR_ITEM_NOT_FOUND
`
	// The two demonstrations use the same object id: one after the other.
	if got := runGo(t, "secure_storage"); got != demo {
		t.Errorf("Go client: got %q, want %q", got, demo)
	}
	if got := runC(t, "secure_storage"); got != demo {
		t.Errorf("C client: got %q, want %q", got, demo)
	}

	runC(t, "secure_storage", "write", "persists", "written by C")
	if got := runGo(t, "secure_storage", "read", "persists"); got != "written by C\n" {
		t.Errorf("Go client read %q of what the C client wrote", got)
	}
	runGo(t, "secure_storage", "write", "persists", "rewritten by Go")
	if got := runC(t, "secure_storage", "read", "persists"); got != "rewritten by Go\n" {
		t.Errorf("C client read %q of what the Go client wrote", got)
	}
	runC(t, "secure_storage", "delete", "persists")
	if err := readObject(t, "persists"); !errors.Is(err, teec.ErrItemNotFound) {
		t.Errorf("reading a deleted object: got %v, want TEEC_ERROR_ITEM_NOT_FOUND", err)
	}
}

// readObject reads an object through the TA in a session of its own and
// returns the error.
func readObject(t *testing.T, id string) error {
	t.Helper()
	sess := openSession(t, "785cefd9-0512-4ffd-a43f-c33708e83aaf")
	return sess.InvokeCommand(context.Background(), 1, &teec.Operation{Params: [4]teec.Parameter{
		&teec.TempMemoryReference{Type: teec.MemrefTempInput, Buffer: []byte(id), Size: uint64(len(id))},
		&teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, 64), Size: 64},
	}})
}

// openSession opens a session to the TA of uuid on the test TEE, for the
// checks a client program cannot make; it is closed when the test ends.
func openSession(t *testing.T, uuid string) *teec.Session {
	t.Helper()
	tc, err := teec.InitializeContext("unix:" + env.sock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tc.Finalize() })
	sess, err := tc.OpenSession(context.Background(), teec.MustParseUUID(uuid), teec.LoginPublic, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close() })
	return sess
}

package teec

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
)

func TestInitializeContext(t *testing.T) {
	t.Parallel()
	okName := register(t, newFakeTEE())
	failName := register(t, nil)
	unregFail, err := teeconn.Register(failName+"-err", func() (teeconn.Conn, error) {
		return nil, fmt.Errorf("no TEE: %w", ErrBusy)
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(unregFail)
	unregPerm, err := teeconn.Register(failName+"-perm", func() (teeconn.Conn, error) {
		return nil, fs.ErrPermission
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(unregPerm)

	tests := []struct {
		name   string
		tee    string
		r      Result
		origin ReturnOrigin
	}{
		{"registered", okName, Success, 0},
		{"unknown bare name", "no-such-tee", ErrItemNotFound, OriginAPI},
		{"empty unix path", "unix:", ErrItemNotFound, OriginAPI},
		{"dialer returns nil", failName, ErrGeneric, OriginAPI},
		{"dialer error with code", failName + "-err", ErrBusy, OriginTEE},
		{"dialer permission", failName + "-perm", ErrAccessDenied, OriginTEE},
		{"socket path absent", t.TempDir() + "/none/tee.sock", ErrItemNotFound, OriginComms},
		{"unix: path absent", "unix:" + t.TempDir() + "/tee.sock", ErrItemNotFound, OriginComms},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := InitializeContext(tc.tee)
			wantErr(t, err, tc.r, tc.origin)
			if err == nil {
				if err := c.Finalize(); err != nil {
					t.Fatal(err)
				}
			} else if c != nil {
				t.Errorf("got a Context with error %v", err)
			}
		})
	}
}

func TestSocketPath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, want string
		ok         bool
	}{
		{"", defaultSocketPath(), true},
		{"unix:/run/x.sock", "/run/x.sock", true},
		{"/run/y.sock", "/run/y.sock", true},
		{"./tee.sock", "./tee.sock", true},
		{"unix:", "", false},
		{"bare", "", false},
	}
	for _, tc := range tests {
		got, ok := socketPath(tc.name)
		if got != tc.want || ok != tc.ok {
			t.Errorf("socketPath(%q) = %q, %v; want %q, %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

func TestFinalizeClean(t *testing.T) {
	t.Parallel()
	f := newFakeTEE()
	c, err := InitializeContext(register(t, f))
	if err != nil {
		t.Fatal(err)
	}
	s := openTestSession(t, c)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	m, err := c.AllocateSharedMemory(8, MemInput)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Release(); err != nil {
		t.Fatal(err)
	}
	if err := c.Finalize(); err != nil {
		t.Fatalf("Finalize = %v", err)
	}
	if !f.closed {
		t.Error("connection not closed")
	}
	wantErr(t, c.Finalize(), ErrBadState, OriginAPI)
}

// TestFinalizeLeftOpen checks the safe behaviour GP leaves open: what is
// still open is closed, and reported as ErrBadState.
func TestFinalizeLeftOpen(t *testing.T) {
	t.Parallel()
	for _, withShm := range []bool{false, true} {
		t.Run(fmt.Sprint("allocator=", withShm), func(t *testing.T) {
			t.Parallel()
			var (
				conn teeconn.Conn
				fake *fakeTEE
				sf   *fakeShmTEE
			)
			if withShm {
				sf = newFakeShmTEE()
				conn, fake = sf, sf.fakeTEE
			} else {
				fake = newFakeTEE()
				conn = fake
			}
			c, err := InitializeContext(register(t, conn))
			if err != nil {
				t.Fatal(err)
			}
			s1 := openTestSession(t, c)
			s2 := openTestSession(t, c)
			m1, err := c.AllocateSharedMemory(16, MemInput|MemOutput)
			if err != nil {
				t.Fatal(err)
			}
			m2, err := c.RegisterSharedMemory(make([]byte, 4), MemOutput)
			if err != nil {
				t.Fatal(err)
			}
			err = c.Finalize()
			wantErr(t, err, ErrBadState, OriginAPI)
			if len(fake.sessions) != 0 || len(fake.closes) != 2 || !fake.closed {
				t.Errorf("sessions %v closes %v closed %v", fake.sessions, fake.closes, fake.closed)
			}
			if withShm && sf.live() != 0 {
				t.Errorf("%d shared memory blocks not released", sf.live())
			}
			if m1.Buffer() != nil || m2.Buffer() != nil {
				t.Error("Buffer() not nil after Finalize")
			}
			// Everything fails with BAD_STATE afterwards.
			ctx := context.Background()
			wantErr(t, s1.Close(), ErrBadState, OriginAPI)
			wantErr(t, s2.InvokeCommand(ctx, 0, nil), ErrBadState, OriginAPI)
			wantErr(t, m1.Release(), ErrBadState, OriginAPI)
			_, err = c.OpenSession(ctx, testUUID, LoginPublic, nil, nil)
			wantErr(t, err, ErrBadState, OriginAPI)
			_, err = c.AllocateSharedMemory(1, MemInput)
			wantErr(t, err, ErrBadState, OriginAPI)
			_, err = c.RegisterSharedMemory(make([]byte, 1), MemInput)
			wantErr(t, err, ErrBadState, OriginAPI)
		})
	}
}

// closeFailTEE fails to close its connection.
type closeFailTEE struct{ *fakeTEE }

func (closeFailTEE) Close() error { return errors.New("close failed") }

func TestFinalizeReportsFailures(t *testing.T) {
	t.Parallel()
	f := newFakeTEE()
	f.closeRet = abi.Ret{Code: abi.ErrCommunication, Origin: abi.OriginComms}
	c, err := InitializeContext(register(t, closeFailTEE{f}))
	if err != nil {
		t.Fatal(err)
	}
	openTestSession(t, c)
	wantErr(t, c.Finalize(), ErrCommunication, OriginComms)
}

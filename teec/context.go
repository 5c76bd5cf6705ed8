package teec

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/veritee/veritee/internal/teeconn"
)

// Context is a TEEC_Context (GPD_SPE_007 §4.3.2): a connection between this
// client and one TEE. It is safe for concurrent use by many goroutines.
type Context struct {
	conn  teeconn.Conn
	alloc teeconn.SharedMemoryAllocator // nil when the TEE reads Go memory

	mu       sync.Mutex
	closed   bool
	sessions map[*Session]struct{}
	shms     map[*SharedMemory]struct{}
}

// dialTimeout bounds how long InitializeContext waits for the daemon to
// accept the connection and answer its greeting.
const dialTimeout = 10 * time.Second

// InitializeContext is TEEC_InitializeContext (GPD_SPE_007 §4.5.2): it
// connects to the TEE that name selects:
//
//   - a name registered in this process with teeconn.Register: that
//     in-process TEE (embedded mode), which identifies this process itself;
//   - "": the Veritee daemon's default socket ($VERITEE_SOCKET, else
//     $XDG_RUNTIME_DIR/veritee/tee.sock, or /run/veritee/tee.sock as root);
//   - "unix:PATH", or a path containing a '/': the daemon socket at PATH.
//
// Registered names are looked up first, so a program may register its
// embedded TEE under "" to make it the default.
//
// Results: nil; ErrItemNotFound (origin API) for a name that is neither
// registered nor a path; ErrItemNotFound (origin COMMS) when no daemon
// listens there; ErrAccessDenied (origin COMMS) when the socket may not be
// opened; ErrCommunication (origin COMMS) for other transport failures,
// including a daemon that does not answer within 10 seconds; the
// code an in-process TEE's dialer returns (origin TEE, ErrGeneric when it
// gives none).
func InitializeContext(name string) (*Context, error) {
	const op = "InitializeContext"
	var (
		conn teeconn.Conn
		err  error
	)
	if d, ok := teeconn.Lookup(name); ok {
		conn, err = d()
		if err != nil {
			return nil, causeError(op, err, ErrGeneric, OriginTEE)
		}
		if conn == nil {
			return nil, apiError(op, ErrGeneric, "in-process TEE %q returned no connection", name)
		}
	} else {
		path, ok := socketPath(name)
		if !ok {
			return nil, apiError(op, ErrItemNotFound, "no TEE named %q", name)
		}
		ctx, cancel := context.WithTimeout(context.Background(), dialTimeout)
		conn, err = dial(ctx, path)
		cancel()
		if err != nil {
			return nil, dialError(op, path, err)
		}
	}
	return newContext(conn), nil
}

// newContext wraps conn, noting whether it hands out shared memory.
func newContext(conn teeconn.Conn) *Context {
	c := &Context{
		conn:     conn,
		sessions: make(map[*Session]struct{}),
		shms:     make(map[*SharedMemory]struct{}),
	}
	if a, ok := conn.(teeconn.SharedMemoryAllocator); ok {
		c.alloc = a
	}
	return c
}

// socketPath resolves a TEE name that is not registered in-process into a
// socket path.
func socketPath(name string) (string, bool) {
	switch {
	case name == "":
		return defaultSocketPath(), true
	case strings.HasPrefix(name, "unix:"):
		p := strings.TrimPrefix(name, "unix:")
		return p, p != ""
	case strings.ContainsRune(name, '/'):
		return name, true
	}
	return "", false
}

// Finalize is TEEC_FinalizeContext (GPD_SPE_007 §4.5.3). GP leaves
// finalizing a Context with open sessions or unreleased shared memory
// undefined; Finalize takes the safe course: it closes every session still
// open, releases every shared memory block (a block that a running operation
// still uses is released when that operation ends), closes the connection,
// and reports what it had to clean up. Calls on the Context, its sessions
// and its memory fail with ErrBadState (origin API) afterwards.
//
// Results: nil when nothing was left open; ErrBadState (origin API) when
// sessions or shared memory were left open (they are closed all the same)
// or the Context was already finalized; otherwise the first failure of
// closing a session or the connection.
func (c *Context) Finalize() error {
	const op = "FinalizeContext"
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return apiError(op, ErrBadState, "context already finalized")
	}
	c.closed = true
	sessions := make([]*Session, 0, len(c.sessions))
	for s := range c.sessions {
		sessions = append(sessions, s)
	}
	shms := make([]*SharedMemory, 0, len(c.shms))
	for s := range c.shms {
		shms = append(shms, s)
	}
	c.sessions, c.shms = nil, nil
	c.mu.Unlock()

	var errs []error
	for _, s := range sessions {
		if err := s.closeForFinalize(); err != nil {
			errs = append(errs, err)
		}
	}
	for _, s := range shms {
		if err := s.releaseForFinalize(); err != nil {
			errs = append(errs, err)
		}
	}
	if err := c.conn.Close(); err != nil {
		errs = append(errs, causeError(op, err, ErrCommunication, OriginComms))
	}
	if len(errs) > 0 {
		var e *Error
		if errors.As(errs[0], &e) {
			return &Error{Op: op, Result: e.Result, Origin: e.Origin, Err: errors.Join(errs...)}
		}
		return &Error{Op: op, Result: ErrGeneric, Origin: OriginAPI, Err: errors.Join(errs...)}
	}
	if len(sessions) > 0 || len(shms) > 0 {
		return apiError(op, ErrBadState,
			"closed %d session(s) and released %d shared memory block(s) left open", len(sessions), len(shms))
	}
	return nil
}

// AllocateSharedMemory is TEEC_AllocateSharedMemory (GPD_SPE_007 §4.5.5): it
// returns size bytes of zeroed memory shared with the TEE, usable in
// RegisteredMemoryReferences in the directions flags allow. Over the daemon
// socket it is memory both processes map, so the TA's input and output
// travel without extra copies; in-process it is a Go slice. size may be 0.
//
// Results: nil; ErrBadParameters (origin API) for a negative size or flags
// other than MemInput and MemOutput; ErrOutOfMemory (origin API) for a size
// over 4 GiB - 1; ErrBadState (origin API) after Finalize; the allocator's
// failure (origin COMMS, ErrOutOfMemory when it gives no code).
func (c *Context) AllocateSharedMemory(size int, flags MemFlags) (*SharedMemory, error) {
	const op = "AllocateSharedMemory"
	if err := checkShm(op, size, flags); err != nil {
		return nil, err
	}
	s := &SharedMemory{ctx: c, flags: flags, size: size}
	if c.alloc != nil {
		id, mem, err := c.allocate(op, size)
		if err != nil {
			return nil, err
		}
		s.id, s.user, s.shared = id, mem, mem
	} else {
		mem := make([]byte, size)
		s.user, s.shared = mem, mem
	}
	if err := c.track(op, s); err != nil {
		return nil, err
	}
	return s, nil
}

// RegisterSharedMemory is TEEC_RegisterSharedMemory (GPD_SPE_007 §4.5.4): it
// makes buf usable in RegisteredMemoryReferences in the directions flags
// allow. In-process the TEE works on buf itself. Over the daemon socket,
// which cannot share Go memory, the Context allocates a shadow of buf in
// shared memory, as OP-TEE's libteec does for buffers it cannot share: input
// bytes are copied into the shadow before each operation, and exactly the
// bytes the TA reported are copied back into buf after it. buf may be empty.
//
// Results: as AllocateSharedMemory, with size len(buf).
func (c *Context) RegisterSharedMemory(buf []byte, flags MemFlags) (*SharedMemory, error) {
	const op = "RegisterSharedMemory"
	if err := checkShm(op, len(buf), flags); err != nil {
		return nil, err
	}
	n := len(buf)
	s := &SharedMemory{ctx: c, flags: flags, size: n, user: buf[:n:n]}
	if c.alloc != nil {
		id, mem, err := c.allocate(op, n)
		if err != nil {
			return nil, err
		}
		s.id, s.shared, s.shadow = id, mem, true
	} else {
		s.shared = s.user
	}
	if err := c.track(op, s); err != nil {
		return nil, err
	}
	return s, nil
}

// checkShm validates the arguments of a shared memory request.
func checkShm(op string, size int, flags MemFlags) error {
	if flags&^(MemInput|MemOutput) != 0 {
		return apiError(op, ErrBadParameters, "unknown shared memory flags 0x%x", uint32(flags))
	}
	if size < 0 {
		return apiError(op, ErrBadParameters, "negative size %d", size)
	}
	if uint64(size) > maxSharedMemory {
		return apiError(op, ErrOutOfMemory, "size %d exceeds the maximum %d", size, uint64(maxSharedMemory))
	}
	return nil
}

// allocate gets size bytes from the Conn's allocator and checks what it
// returned.
func (c *Context) allocate(op string, size int) (uint32, []byte, error) {
	if c.isClosed() {
		return 0, nil, apiError(op, ErrBadState, "context finalized")
	}
	id, mem, err := c.alloc.AllocateSharedMemory(size)
	if err != nil {
		return 0, nil, causeError(op, err, ErrOutOfMemory, OriginComms)
	}
	if id == 0 || len(mem) < size {
		if id != 0 {
			_ = c.alloc.ReleaseSharedMemory(id)
		}
		return 0, nil, &Error{Op: op, Result: ErrCommunication, Origin: OriginComms,
			Err: fmt.Errorf("allocator returned id %d and %d bytes for %d", id, len(mem), size)}
	}
	return id, mem[:size:size], nil
}

// track records s for Finalize, or frees it when the Context was finalized
// meanwhile.
func (c *Context) track(op string, s *SharedMemory) error {
	c.mu.Lock()
	if !c.closed {
		c.shms[s] = struct{}{}
		c.mu.Unlock()
		return nil
	}
	c.mu.Unlock()
	s.released = true
	_ = s.free(op)
	return apiError(op, ErrBadState, "context finalized")
}

// forgetShm drops s from the Context's records.
func (c *Context) forgetShm(s *SharedMemory) {
	c.mu.Lock()
	delete(c.shms, s)
	c.mu.Unlock()
}

// isClosed reports whether Finalize was called.
func (c *Context) isClosed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closed
}

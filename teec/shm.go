package teec

import (
	"sync"

	"github.com/veritee/veritee/internal/abi"
)

// MemFlags says which way data in a SharedMemory may flow (TEEC_MEM_*,
// GPD_SPE_007 §4.5.3).
type MemFlags uint32

// The shared memory flags.
const (
	// MemInput: the client may pass the memory to the TA as input.
	MemInput = MemFlags(abi.MemInput)
	// MemOutput: the TA may write the memory as output.
	MemOutput = MemFlags(abi.MemOutput)
)

// maxSharedMemory is the largest shared memory a Context hands out: the
// largest buffer a wasm32 TA can address.
const maxSharedMemory = abi.MaxMemrefSize

// SharedMemory is a TEEC_SharedMemory (GPD_SPE_007 §4.3.4): memory that a
// Context shares with the TEE for as long as it is not released, passed to
// TAs through a RegisteredMemoryReference.
//
// Its methods are safe for concurrent use; its bytes are not synchronised:
// the client must not touch them while an operation using them runs.
type SharedMemory struct {
	ctx   *Context
	flags MemFlags
	size  int
	id    uint32 // the allocator's id, 0 for plain Go memory

	// shadow is set for registered memory on a Conn that cannot read Go
	// memory: shared is then a copy of user in shared memory, refreshed
	// before and after each operation as OP-TEE's libteec does.
	shadow bool

	mu       sync.Mutex
	user     []byte // what Buffer returns
	shared   []byte // what the TEE sees
	released bool   // Release or Finalize was called
	freed    bool   // the memory went back to the allocator
	uses     int    // running operations that reference this memory
}

// Buffer returns the memory: for AllocateSharedMemory the memory itself, for
// RegisterSharedMemory the caller's slice. It returns nil once the memory is
// released; do not use a slice obtained earlier after that, since memory
// from the TEE's allocator is unmapped on release.
func (s *SharedMemory) Buffer() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.released {
		return nil
	}
	return s.user
}

// Size returns the size in bytes, fixed when the memory is allocated or
// registered.
func (s *SharedMemory) Size() int { return s.size }

// Flags returns the flags given when the memory was allocated or registered.
func (s *SharedMemory) Flags() MemFlags { return s.flags }

// Release is TEEC_ReleaseSharedMemory (GPD_SPE_007 §4.5.7): it gives the
// memory back and makes it unusable in further operations. A registered
// caller's slice stays the caller's.
//
// Results: nil; ErrBadState (origin API) when already released or while an
// operation using the memory is running; ErrCommunication or the code the
// allocator reported (origin COMMS) when the TEE could not be told.
func (s *SharedMemory) Release() error {
	const op = "ReleaseSharedMemory"
	s.mu.Lock()
	if s.released {
		s.mu.Unlock()
		return apiError(op, ErrBadState, "shared memory already released")
	}
	if s.uses > 0 {
		s.mu.Unlock()
		return apiError(op, ErrBadState, "shared memory is in use by %d running operations", s.uses)
	}
	s.released = true
	s.mu.Unlock()
	s.ctx.forgetShm(s)
	return s.free(op)
}

// releaseForFinalize marks s released; the memory is freed now, or by the
// last running operation that uses it.
func (s *SharedMemory) releaseForFinalize() error {
	s.mu.Lock()
	if s.released {
		s.mu.Unlock()
		return nil
	}
	s.released = true
	inUse := s.uses > 0
	s.mu.Unlock()
	if inUse {
		return nil
	}
	return s.free("FinalizeContext")
}

// free hands the memory back to the allocator once.
func (s *SharedMemory) free(op string) error {
	s.mu.Lock()
	if s.freed {
		s.mu.Unlock()
		return nil
	}
	s.freed = true
	s.user, s.shared = nil, nil
	s.mu.Unlock()
	if s.id == 0 || s.ctx.alloc == nil {
		return nil
	}
	if err := s.ctx.alloc.ReleaseSharedMemory(s.id); err != nil {
		return causeError(op, err, ErrCommunication, OriginComms)
	}
	return nil
}

// acquire marks s in use by an operation of Context c and returns the
// memory the TEE sees and the caller's memory; it fails when s belongs to
// another Context or is released.
func (s *SharedMemory) acquire(c *Context) (shared, user []byte, ok bool) {
	if s.ctx != c {
		return nil, nil, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.released {
		return nil, nil, false
	}
	s.uses++
	return s.shared, s.user, true
}

// unacquire ends one use, freeing the memory if it was released meanwhile
// by Finalize.
func (s *SharedMemory) unacquire() {
	s.mu.Lock()
	s.uses--
	last := s.uses == 0 && s.released
	s.mu.Unlock()
	if last {
		_ = s.free("FinalizeContext")
	}
}

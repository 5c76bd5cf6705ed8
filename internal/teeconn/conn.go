// Package teeconn is the boundary between a client and a TEE core. The core
// implements Conn; the Go client package teec uses it either in-process
// (embedded mode, through the registry in this package) or through the
// daemon's socket, where the transport turns frames into the same calls. Both
// paths therefore share every check the core makes.
package teeconn

import (
	"context"

	"github.com/veritee/veritee/internal/abi"
)

// Identity is what the operating system says about a client, never what the
// client claims: SO_PEERCRED over the socket, the process itself when
// embedded.
type Identity struct {
	UID, GID uint32
	Groups   []uint32 // supplementary groups (SO_PEERGROUPS)
	PID      int32
	Exe      string // the executable behind PID, "" when unknown
}

// Param is one operation parameter as the core receives it. Client-side
// temporary, whole and partial memory references have all been resolved to a
// window of bytes by then.
//
// For a memory reference, Mem is the window the TA may read and write
// (the core copies it into TA memory on entry and back on return) and Size
// is its size; Mem == nil is a NULL memory reference, for which Size may be
// non-zero (a size query). On return, Size holds the size the TA reported:
// the bytes written, or, with ErrShortBuffer, the size needed. Values are in
// A and B.
//
// Shm and Off matter only on the client side of the socket transport: when
// Shm is non-zero, Mem is a window at offset Off of the shared memory the
// transport registered under id Shm, and the transport sends (Shm, Off,
// Size) instead of the bytes. The daemon side resolves them back into Mem
// after checking the bounds, so the core only ever sees Mem.
type Param struct {
	Type abi.ParamType
	A, B uint32
	Mem  []byte
	Size uint64
	Shm  uint32
	Off  uint64
}

// Params are the four parameters of an operation.
type Params [abi.NumParams]Param

// Types packs the parameter types as TEE_PARAM_TYPES does.
func (p *Params) Types() uint32 {
	return abi.ParamTypes(uint32(p[0].Type), uint32(p[1].Type), uint32(p[2].Type), uint32(p[3].Type))
}

// OpenRequest asks to open a session.
type OpenRequest struct {
	UUID     abi.UUID
	Login    uint32
	ConnData uint32 // the group id for GROUP and GROUP_APPLICATION logins
	Params   Params
	Cancel   *Cancel // may be nil
}

// InvokeRequest asks to invoke a command in a session.
type InvokeRequest struct {
	Session uint32
	Cmd     uint32
	Params  Params
	Cancel  *Cancel // may be nil
}

// Conn is one client's connection to a TEE core. All methods are safe for
// concurrent use; calls on different sessions run in parallel, calls into one
// TA instance run one at a time.
//
// Cancelling ctx means the caller stops waiting: the core treats it as a
// cancellation request of the operation and, if the TA does not return
// within a grace period, kills the instance.
type Conn interface {
	// OpenSession opens a session and returns its id. Params are updated in
	// place with the TA's outputs.
	OpenSession(ctx context.Context, req *OpenRequest) (uint32, abi.Ret)
	// Invoke invokes a command. Params are updated in place.
	Invoke(ctx context.Context, req *InvokeRequest) abi.Ret
	// CloseSession closes a session. Closing an unknown session returns
	// ErrBadParameters (origin TEE).
	CloseSession(ctx context.Context, session uint32) abi.Ret
	// Close closes every session still open and releases the connection.
	Close() error
}

// SharedMemoryAllocator is implemented by a Conn whose TEE cannot read client
// memory directly (the socket transport): it hands out memory that both sides
// map. An in-process Conn does not implement it; the client then uses plain
// Go memory.
type SharedMemoryAllocator interface {
	// AllocateSharedMemory returns size bytes of shared memory and the id
	// under which Param.Shm names it. size may be 0.
	AllocateSharedMemory(size int) (id uint32, mem []byte, err error)
	// ReleaseSharedMemory unmaps the memory and tells the TEE to forget it.
	ReleaseSharedMemory(id uint32) error
}

package hostapi

import (
	"context"
	"io"
	"log/slog"
	"time"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
)

// State is what the system calls of one TA instance see. The runtime makes
// one per instance, puts it in the context it calls the instance with
// (WithState) and fills in Call before each entry point; since an instance
// runs one call at a time, handlers read and write it without locks.
type State struct {
	UUID     abi.UUID
	TAProps  []abi.Property // TEE_PROPSET_CURRENT_TA
	TEEProps []abi.Property // TEE_PROPSET_TEE_IMPLEMENTATION
	Logger   *slog.Logger   // never nil
	Rand     io.Reader      // never nil
	// Clock returns the monotonic time since some origin
	// (TEE_GetSystemTime); never nil.
	Clock func() time.Duration
	// Killed is closed when the instance is killed; TEE_Wait returns then.
	Killed <-chan struct{}
	// TA is how the instance reaches other TAs (TEE_OpenTASession and
	// friends): a connection whose client is this TA, logged in as
	// TEE_LOGIN_TRUSTED_APP. nil when the runtime is used without a core.
	TA teeconn.Conn
	// TATime keeps the TA's persistent time (TEE_GetTAPersistentTime,
	// TEE_SetTAPersistentTime); nil: never set, and cannot be set.
	TATime TATimeStore
	// Storage holds the persistent objects (GPD_SPE_010 §5.7–§5.9), in
	// the namespace of UUID; nil: the storage calls answer
	// TEE_ERROR_STORAGE_NOT_AVAILABLE.
	Storage Storage

	// handles holds the instance's cryptographic objects and operations,
	// persistent objects and enumerators.
	handles handles

	// Call is the entry-point call in progress.
	Call Call

	// PanicCode is the code of the TEE_Panic that ended the instance, valid
	// when Panicked.
	Panicked  bool
	PanicCode uint32
}

// Call is the state of one entry-point call.
type Call struct {
	// Client is the identity of the session's client
	// (gpd.client.identity).
	Client abi.Identity
	// Masked points at the session's cancellation mask: true when the TA
	// has masked cancellation (GPD_SPE_010 §4.10). A session starts masked.
	// nil means masked.
	Masked *bool
	// Cancel is the cancellation flag of the operation; may be nil.
	Cancel *teeconn.Cancel
	// Ctx is the caller's context; its cancellation counts as a
	// cancellation request. May be nil.
	Ctx context.Context
	// Shared are the TA-memory buffers holding the memref parameters of the
	// call: memory shared with the client, for check_access_rights.
	Shared  [abi.NumParams]Range
	NShared int
}

// Range is [Ptr, Ptr+Len) in TA memory.
type Range struct{ Ptr, Len uint32 }

// Cancelled reports whether the current operation has been cancelled,
// regardless of the mask.
func (c *Call) Cancelled() bool {
	if c.Cancel.Requested() {
		return true
	}
	return c.Ctx != nil && c.Ctx.Err() != nil
}

// masked reports whether cancellation is masked.
func (c *Call) masked() bool { return c.Masked == nil || *c.Masked }

// CancelPending reports whether the TA sees a cancellation: requested and
// not masked (TEE_GetCancellationFlag).
func (c *Call) CancelPending() bool { return !c.masked() && c.Cancelled() }

type stateKey struct{}

// WithState returns a context that carries s to the host functions.
func WithState(ctx context.Context, s *State) context.Context {
	return context.WithValue(ctx, stateKey{}, s)
}

// FromContext returns the State in ctx, or nil.
func FromContext(ctx context.Context) *State {
	s, _ := ctx.Value(stateKey{}).(*State)
	return s
}

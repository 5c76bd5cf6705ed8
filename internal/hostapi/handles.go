package hostapi

import (
	"fmt"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto"
)

// maxHandles bounds the objects and operations one instance may hold, so a
// TA that allocates in a loop gets OUT_OF_MEMORY instead of growing the
// daemon without limit (its own memory cap does not cover core memory).
const maxHandles = 4096

// handles is an instance's table of core-side objects: what a TA's
// TEE_ObjectHandle and TEE_OperationHandle values name. Numbers are never
// reused while the instance lives, so a stale handle is an unknown handle,
// never someone else's object.
type handles struct {
	next uint32
	m    map[uint32]any
}

// add stores v under a fresh handle, or returns false when the instance
// holds maxHandles already.
func (h *handles) add(v any) (uint32, bool) {
	if len(h.m) >= maxHandles || h.next == ^uint32(0) {
		return 0, false
	}
	if h.m == nil {
		h.m = make(map[uint32]any)
	}
	h.next++
	h.m[h.next] = v
	return h.next, true
}

func (h *handles) remove(id uint32) { delete(h.m, id) }

// drop frees everything, zeroing key material.
func (h *handles) drop() {
	for id, v := range h.m {
		switch v := v.(type) {
		case *gpcrypto.Object:
			v.Zero()
		case *gpcrypto.Operation:
			v.Free()
		case *persistent:
			v.close()
		}
		delete(h.m, id)
	}
}

// Release frees the instance's objects and operations, zeroing their keys,
// and closes its persistent objects.
// The runtime calls it once no call can run in the instance any more.
func (s *State) Release() { s.handles.drop() }

// object returns the object behind handle id; an unknown handle, or one
// naming an operation, panics the TA (GPD_SPE_010 §5: an invalid handle is
// a programmer error).
func (s *State) object(fn string, id uint32) *gpcrypto.Object {
	if o, ok := s.handles.m[id].(*gpcrypto.Object); ok && id != 0 {
		return o
	}
	s.panicTA(abi.ErrBadParameters, "%s: 0x%x is not an object handle", fn, id)
	return nil
}

// optObject is object, with 0 (TEE_HANDLE_NULL) giving nil.
func (s *State) optObject(fn string, id uint32) *gpcrypto.Object {
	if id == 0 {
		return nil
	}
	return s.object(fn, id)
}

// operation returns the operation behind handle id, panicking the TA on an
// unknown handle as object does.
func (s *State) operation(fn string, id uint32) *gpcrypto.Operation {
	if op, ok := s.handles.m[id].(*gpcrypto.Operation); ok && id != 0 {
		return op
	}
	s.panicTA(abi.ErrBadParameters, "%s: 0x%x is not an operation handle", fn, id)
	return nil
}

// panicTA ends the call as if the TA had called TEE_Panic(code): the
// runtime kills the instance and its sessions get TARGET_DEAD. It is how
// the core enforces the panics GP prescribes for API misuse; the reason
// goes to the log so the TA's developer learns what was wrong.
func (s *State) panicTA(code abi.Result, format string, args ...any) {
	s.Panicked, s.PanicCode = true, uint32(code)
	panic(&PanicError{Code: uint32(code), Reason: fmt.Sprintf(format, args...)})
}

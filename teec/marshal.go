package teec

import (
	"sync"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
)

// slot remembers how one parameter was sent, to write its outputs back.
type slot struct {
	dir    abi.ParamType // as the TA sees it; ParamNone for unused
	shm    *SharedMemory // the parent of a registered memref, acquired
	shadow bool          // shm is a shadow: copy between user and shared
	off    uint64        // the window of a registered memref
	size   uint64
	sent   []byte // Mem as sent
	user   []byte // the caller's whole registered buffer
	shared []byte // the TEE's whole registered buffer
}

// call is an operation converted for a Conn (GPD_SPE_007 §4.5.9, §4.5.10).
type call struct {
	op     *Operation
	params teeconn.Params
	slots  [abi.NumParams]slot
	inv    teeconn.InvokeRequest // InvokeCommand's request, recycled with the call
}

// prepare validates op's parameters and converts them into teeconn.Params.
// Every check happens before anything is sent: a violation is
// ErrBadParameters with origin API. Registered memory is marked in use
// until finish; with a shadow, input bytes are copied into it.
func (c *Context) prepare(name string, op *Operation) (*call, error) {
	cl := callPool.Get().(*call)
	cl.op = op
	if op == nil {
		return cl, nil
	}
	for i, p := range op.Params {
		if err := c.convert(name, cl, i, p); err != nil {
			cl.recycle()
			return nil, err
		}
	}
	for i := range cl.slots {
		s := &cl.slots[i]
		if s.shadow && s.dir.IsInput() {
			end := s.off + s.size
			copy(s.shared[s.off:end], s.user[s.off:end])
		}
	}
	return cl, nil
}

// convert checks parameter i and fills in its Param and slot.
func (c *Context) convert(name string, cl *call, i int, p Parameter) error {
	bad := func(format string, args ...any) error {
		return apiError(name, ErrBadParameters, "parameter %d: "+format, append([]any{i}, args...)...)
	}
	out := &cl.params[i]
	s := &cl.slots[i]
	switch v := p.(type) {
	case nil:
		return nil
	case *Value:
		if v == nil {
			return bad("nil *Value")
		}
		if v.Type == None {
			return nil
		}
		dir, ok := valueDir(v.Type)
		if !ok {
			return bad("type %v does not fit a *Value", v.Type)
		}
		*out = teeconn.Param{Type: dir, A: v.A, B: v.B}
		s.dir = dir
	case *TempMemoryReference:
		if v == nil {
			return bad("nil *TempMemoryReference")
		}
		if v.Type == None {
			return nil
		}
		dir, ok := tempDir(v.Type)
		if !ok {
			return bad("type %v does not fit a *TempMemoryReference", v.Type)
		}
		if v.Size > abi.MaxMemrefSize {
			return bad("size %d exceeds the maximum %d", v.Size, uint64(abi.MaxMemrefSize))
		}
		var mem []byte
		if v.Buffer != nil {
			if v.Size > uint64(len(v.Buffer)) {
				return bad("size %d exceeds the buffer's %d bytes", v.Size, len(v.Buffer))
			}
			mem = v.Buffer[:v.Size:v.Size]
		}
		*out = teeconn.Param{Type: dir, Mem: mem, Size: v.Size}
		s.dir, s.sent = dir, mem
	case *RegisteredMemoryReference:
		if v == nil {
			return bad("nil *RegisteredMemoryReference")
		}
		if v.Type == None {
			return nil
		}
		return c.convertRegistered(bad, out, s, v)
	default:
		return bad("unsupported parameter %T", p)
	}
	return nil
}

// convertRegistered checks a registered memory reference against its
// parent and resolves it into a window.
func (c *Context) convertRegistered(bad func(string, ...any) error, out *teeconn.Param, s *slot, v *RegisteredMemoryReference) error {
	sm := v.Parent
	if sm == nil {
		return bad("%v without a parent SharedMemory", v.Type)
	}
	var (
		dir       abi.ParamType
		off, size uint64
		ok        bool
	)
	total := uint64(sm.size)
	switch v.Type {
	case MemrefWhole:
		if dir, ok = wholeDir(sm.flags); !ok {
			return bad("%v of shared memory with flags 0x%x", v.Type, uint32(sm.flags))
		}
		off, size = 0, total
	case MemrefPartialInput, MemrefPartialOutput, MemrefPartialInout:
		var need MemFlags
		dir, need, _ = partialDir(v.Type)
		if sm.flags&need != need {
			return bad("%v of shared memory with flags 0x%x", v.Type, uint32(sm.flags))
		}
		if v.Offset > total || v.Size > total-v.Offset {
			return bad("window [%d, +%d) outside %d bytes of shared memory", v.Offset, v.Size, total)
		}
		off, size = v.Offset, v.Size
	default:
		return bad("type %v does not fit a *RegisteredMemoryReference", v.Type)
	}
	shared, user, ok := sm.acquire(c)
	if !ok {
		return bad("shared memory is released or belongs to another context")
	}
	end := off + size
	mem := shared[off:end:end]
	*out = teeconn.Param{Type: dir, Mem: mem, Size: size}
	if sm.id != 0 {
		out.Shm, out.Off = sm.id, off
	}
	*s = slot{dir: dir, shm: sm, shadow: sm.shadow, off: off, size: size,
		sent: mem, user: user, shared: shared}
	return nil
}

// finish writes the outputs back into op's parameters when the TA ran
// (GPD_SPE_007 §4.5.9: also with ErrShortBuffer, where sizes are the sizes
// needed), and ends the use of registered memory.
func (cl *call) finish(ran bool) {
	defer cl.release()
	if !ran || cl.op == nil {
		return
	}
	for i := range cl.slots {
		s := &cl.slots[i]
		if !s.dir.IsOutput() {
			continue
		}
		got := &cl.params[i]
		switch v := cl.op.Params[i].(type) {
		case *Value:
			v.A, v.B = got.A, got.B
		case *TempMemoryReference:
			copyBack(s.sent, got.Mem, got.Size)
			v.Size = got.Size
		case *RegisteredMemoryReference:
			if got.Size <= s.size {
				copyBack(s.sent, got.Mem, got.Size)
				if s.shadow {
					end := s.off + got.Size
					copy(s.user[s.off:end], s.shared[s.off:end])
				}
			}
			v.Size = got.Size
		}
	}
}

// copyBack copies the first n reported bytes of got into sent when a Conn
// returned its outputs in a slice of its own instead of in place.
func copyBack(sent, got []byte, n uint64) {
	if len(sent) == 0 || len(got) == 0 || &sent[0] == &got[0] {
		return
	}
	got = got[:min(uint64(len(got)), n)]
	copy(sent, got)
}

// callPool recycles calls: a call is some 700 bytes, and every operation
// needs one.
var callPool = sync.Pool{New: func() any { return new(call) }}

// recycle releases the call and puts it back in callPool; cl is not used
// afterwards.
func (cl *call) recycle() {
	cl.release()
	*cl = call{}
	callPool.Put(cl)
}

// release ends the use of every registered memory the call acquired.
func (cl *call) release() {
	for i := range cl.slots {
		if s := &cl.slots[i]; s.shm != nil {
			s.shm.unacquire()
			s.shm = nil
		}
	}
}

package taruntime

import (
	"context"
	"encoding/binary"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/hostapi"
	"github.com/veritee/veritee/internal/teeconn"
)

// checkParams validates the parameters before anything enters the TA:
// every type is one GP defines, every memref size fits a wasm32 size_t and
// a non-NULL memref's window holds its size. Results: SUCCESS or
// BAD_PARAMETERS.
func checkParams(p *teeconn.Params) abi.Result {
	if p == nil {
		return abi.Success
	}
	for k := range p {
		q := &p[k]
		if !q.Type.Valid() {
			return abi.ErrBadParameters
		}
		if q.Type.IsMemref() {
			if q.Size > abi.MaxMemrefSize {
				return abi.ErrBadParameters
			}
			if q.Mem != nil && uint64(len(q.Mem)) < q.Size {
				return abi.ErrBadParameters
			}
		}
	}
	return abi.Success
}

// copyIn writes the parameters into the scratch area and the memref bytes
// into buffers allocated with veritee_alloc (docs/ta-abi.md). A NULL memref
// reaches the TA as buffer 0 with the client's size. It returns false when
// the instance died (allocation failure).
func (i *Instance) copyIn(ctx context.Context, p *teeconn.Params, call *hostapi.Call) bool {
	i.nbufs = 0
	call.NShared = 0
	var ptrs [abi.NumParams]uint32
	if p != nil {
		// First allocate and fill the buffers: veritee_alloc runs TA code,
		// which may grow (and so move) the memory.
		for k := range p {
			q := &p[k]
			if !q.Type.IsMemref() || q.Mem == nil {
				continue
			}
			size := uint32(q.Size)
			ptr, ok := i.alloc(ctx, size)
			if !ok {
				return false
			}
			ptrs[k] = ptr
			i.bufs[i.nbufs] = ptr
			i.nbufs++
			call.Shared[call.NShared] = hostapi.Range{Ptr: ptr, Len: size}
			call.NShared++
		}
	}
	mem := i.mod.Memory()
	slots, ok := mem.Read(i.scratch, abi.ParamsSize)
	if !ok {
		i.die(errScratch)
		return false
	}
	clear(slots)
	if p == nil {
		return true
	}
	for k := range p {
		q := &p[k]
		slot := slots[k*abi.ParamSize : (k+1)*abi.ParamSize]
		switch {
		case q.Type.IsValue():
			if q.Type.IsInput() {
				binary.LittleEndian.PutUint32(slot[abi.ParamOffsetA:], q.A)
				binary.LittleEndian.PutUint32(slot[abi.ParamOffsetB:], q.B)
			}
		case q.Type.IsMemref():
			size := uint32(q.Size)
			binary.LittleEndian.PutUint32(slot[abi.ParamOffsetA:], ptrs[k])
			binary.LittleEndian.PutUint32(slot[abi.ParamOffsetB:], size)
			if q.Mem != nil {
				dst, _ := mem.Read(ptrs[k], size)
				copy(dst, q.Mem[:size])
			}
		}
	}
	return true
}

// copyOut reads the results back after the entry point returned res: the
// values of output types and the sizes of output memrefs, always; the
// memref bytes only on SUCCESS and when the new size is at most the
// original. It never reads a buffer field the TA may have rewritten: the
// bytes come from the buffers the core allocated.
func (i *Instance) copyOut(p *teeconn.Params, res abi.Result) {
	if p == nil {
		return
	}
	mem := i.mod.Memory()
	slots, ok := mem.Read(i.scratch, abi.ParamsSize)
	if !ok {
		return
	}
	b := 0
	for k := range p {
		q := &p[k]
		slot := slots[k*abi.ParamSize : (k+1)*abi.ParamSize]
		switch {
		case q.Type.IsValue():
			if q.Type.IsOutput() {
				q.A = binary.LittleEndian.Uint32(slot[abi.ParamOffsetA:])
				q.B = binary.LittleEndian.Uint32(slot[abi.ParamOffsetB:])
			}
		case q.Type.IsMemref():
			var ptr uint32
			if q.Mem != nil {
				ptr = i.bufs[b]
				b++
			}
			if !q.Type.IsOutput() {
				continue
			}
			orig := q.Size
			size := uint64(binary.LittleEndian.Uint32(slot[abi.ParamOffsetB:]))
			q.Size = size
			if res != abi.Success || size > orig || q.Mem == nil {
				continue
			}
			if src, ok := mem.Read(ptr, uint32(size)); ok {
				copy(q.Mem[:size], src)
			}
		}
	}
}

// freeBufs gives the memref buffers of the call back to the TA.
func (i *Instance) freeBufs(ctx context.Context) {
	for k := 0; k < i.nbufs; k++ {
		i.stack[0] = uint64(i.bufs[k])
		if i.call(ctx, i.fnFree, 1) != nil {
			break
		}
	}
	i.nbufs = 0
}

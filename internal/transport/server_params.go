package transport

import (
	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
	"github.com/veritee/veritee/internal/wire"
)

// resolved remembers what resolve did for each parameter: the shared memory
// region it references, and the size of the buffer the client offered.
type resolved struct {
	region [abi.NumParams]*shmRegion
	size   [abi.NumParams]uint64
}

func (r *resolved) release(t *shmTable) {
	for i, reg := range r.region {
		if reg != nil {
			t.put(reg)
			r.region[i] = nil
		}
	}
}

// resolve turns wire parameters into the core's: a registered memory
// reference becomes its window of the mapped region (bounds checked, and
// referenced so that RELEASE_SHM cannot unmap it under the operation), an
// inline INPUT or INOUT one the bytes in the frame, an inline OUTPUT one a
// new buffer. It returns TEE_ERROR_BAD_PARAMETERS (origin COMMS) for a bad
// window and TEE_ERROR_EXCESS_DATA (origin COMMS) when the output buffers
// could not travel back in one frame.
func (sc *serverConn) resolve(ps *teeconn.Params, w *wire.Params, res *resolved) abi.Ret {
	room := uint64(sc.maxFrame) - wire.HeaderSize - 64 - wire.ParamsSize
	for i := range w {
		wp := &w[i]
		p := &ps[i]
		p.Type = wp.Type
		res.size[i] = wp.Size
		switch {
		case !wp.Type.IsMemref():
			p.A, p.B = wp.A, wp.B
		case wp.Null:
			p.Size = wp.Size
		case wp.Shm != 0:
			mem, reg, ret := sc.shm.window(wp.Shm, wp.Off, wp.Size)
			if !ret.OK() {
				res.release(&sc.shm)
				return ret
			}
			res.region[i] = reg
			p.Mem, p.Size = mem, wp.Size
		default:
			if wp.Type.IsOutput() {
				if wp.Size > room {
					res.release(&sc.shm)
					return abi.Ret{Code: abi.ErrExcessData, Origin: abi.OriginComms}
				}
				room -= wp.Size
			}
			if wp.Type.IsInput() {
				p.Mem = wp.Data
			} else {
				p.Mem = make([]byte, wp.Size)
			}
			if p.Mem == nil {
				p.Mem = []byte{} // a zero-length buffer, not a NULL memref
			}
			p.Size = wp.Size
		}
	}
	return abi.Ret{}
}

// replyParams builds a reply's parameters from the core's: values, every
// memory reference's size, and for inline OUTPUT and INOUT memory
// references, when the operation succeeded and the reported size fits the
// client's buffer, that many bytes.
func replyParams(out *wire.Params, req *wire.Params, ps *teeconn.Params, res *resolved, ok bool) {
	for i := range out {
		wp := &req[i]
		p := &ps[i]
		o := &out[i]
		o.Type = wp.Type
		switch {
		case wp.Type == abi.ParamNone:
		case wp.Type.IsValue():
			o.A, o.B = p.A, p.B
		default:
			o.Null = wp.Null
			o.Size = p.Size
			inline := !wp.Null && wp.Shm == 0
			if ok && inline && wp.Type.IsOutput() && p.Size <= res.size[i] && p.Size <= uint64(len(p.Mem)) {
				o.Data = p.Mem[:p.Size]
			}
		}
	}
}

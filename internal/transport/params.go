package transport

import (
	"errors"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
	"github.com/veritee/veritee/internal/wire"
)

var errBadReply = errors.New("transport: the daemon's reply does not match the request")

var retBadParamsAPI = abi.Ret{Code: abi.ErrBadParameters, Origin: abi.OriginAPI}

// paramsToWire describes the client's parameters for a request: values as
// they are, registered memory as (shm, offset, size), NULL memory as a
// size, and other memory inline, with its bytes only for INPUT and INOUT.
func paramsToWire(w *wire.Params, ps *teeconn.Params) abi.Ret {
	for i := range ps {
		p := &ps[i]
		wp := &w[i]
		wp.Type = p.Type
		switch {
		case p.Type.IsValue():
			wp.A, wp.B = p.A, p.B
		case !p.Type.IsMemref():
			if !p.Type.Valid() {
				return retBadParamsAPI
			}
		case p.Shm != 0:
			wp.Shm, wp.Off, wp.Size = p.Shm, p.Off, p.Size
		case p.Mem == nil:
			wp.Null, wp.Size = true, p.Size
		default:
			if p.Size > uint64(len(p.Mem)) {
				return retBadParamsAPI
			}
			wp.Size = p.Size
			if p.Type.IsInput() {
				wp.Data = p.Mem[:p.Size]
			}
		}
	}
	return abi.Ret{}
}

// paramsFromWire applies a reply's parameters to the client's: output
// values, every memory reference's size, and the output bytes of inline
// memory references. It returns TEE_ERROR_COMMUNICATION when the reply does
// not match the request.
func paramsFromWire(ps *teeconn.Params, w *wire.Params) abi.Ret {
	for i := range ps {
		p := &ps[i]
		wp := &w[i]
		if wp.Type != p.Type {
			return retComms
		}
		switch {
		case p.Type.IsValue():
			if p.Type.IsOutput() {
				p.A, p.B = wp.A, wp.B
			}
		case p.Type.IsMemref():
			if len(wp.Data) > 0 {
				if p.Shm != 0 || len(wp.Data) > len(p.Mem) {
					return retComms
				}
				copy(p.Mem, wp.Data)
			}
			p.Size = wp.Size
		}
	}
	return abi.Ret{}
}

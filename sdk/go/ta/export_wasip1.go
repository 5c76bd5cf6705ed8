//go:build wasip1

package ta

import (
	"encoding/binary"
	"fmt"
	"unsafe"

	"github.com/veritee/veritee/internal/abi"
)

// The exports of docs/ta-abi.md. Addresses are wasm32 pointers into the
// TA's linear memory; the SDK only dereferences those that lie inside a
// block veritee_alloc gave out (the parameter scratch area and memref
// buffers), so a wrong address from the core cannot make the TA read or
// write outside them.

var mem = newArena(func(b []byte) uint32 { return uint32(uintptr(unsafe.Pointer(unsafe.SliceData(b)))) })

// veritee_alloc places size bytes (at least 1) in TA memory for the core;
// 0 when out of memory. The limit is the TA's gpd.ta.dataSize.
//
//go:wasmexport veritee_alloc
func veriteeAlloc(size uint32) uint32 {
	mem.limit = uint64(registration.props.DataSize)
	return mem.alloc(size)
}

// veritee_free releases what veritee_alloc returned; an unknown address is
// a core bug and panics the TA.
//
//go:wasmexport veritee_free
func veriteeFree(p uint32) {
	if !mem.free(p) {
		sys.log(TraceError, fmt.Sprintf("ta: veritee_free(0x%x) of a block never allocated", p))
		sys.panic(ErrBadParameters)
	}
}

// veritee_ta_props returns { u32 len; blob } with the registered
// properties. It makes no system call: the packer traps them all.
//
//go:wasmexport veritee_ta_props
func veriteeTAProps() uint32 {
	rec := registration.record
	if rec == nil {
		// Nothing registered: an empty blob fails in the packer with a
		// clear "malformed property blob" instead of a trap.
		rec = make([]byte, 4)
		registration.record = rec
	}
	return uint32(uintptr(unsafe.Pointer(unsafe.SliceData(rec))))
}

//go:wasmexport TA_CreateEntryPoint
func taCreateEntryPoint() uint32 { return uint32(dispatchCreate()) }

//go:wasmexport TA_DestroyEntryPoint
func taDestroyEntryPoint() { dispatchDestroy() }

//go:wasmexport TA_OpenSessionEntryPoint
func taOpenSessionEntryPoint(types, params, sessCtx uint32) uint32 {
	return uint32(guard(func() Result {
		raw, p, r := paramsIn(types, params)
		if r != Success {
			return r
		}
		slot, ok := mem.resolve(sessCtx, 4)
		if !ok {
			sys.log(TraceError, fmt.Sprintf("ta: session context slot 0x%x outside TA buffers", sessCtx))
			return ErrBadParameters
		}
		ctx, r := openSession(p)
		encodeParams(p, raw)
		if r == Success {
			binary.LittleEndian.PutUint32(slot, ctx)
		}
		return r
	}))
}

//go:wasmexport TA_CloseSessionEntryPoint
func taCloseSessionEntryPoint(sessCtx uint32) {
	guard(func() Result {
		closeSession(sessCtx)
		return Success
	})
}

//go:wasmexport TA_InvokeCommandEntryPoint
func taInvokeCommandEntryPoint(sessCtx, cmd, types, params uint32) uint32 {
	return uint32(guard(func() Result {
		raw, p, r := paramsIn(types, params)
		if r != Success {
			return r
		}
		r = invoke(sessCtx, cmd, p)
		encodeParams(p, raw)
		return r
	}))
}

// paramsIn resolves and decodes the TEE_Param params[4] at addr.
func paramsIn(types, addr uint32) ([]byte, *Params, Result) {
	raw, ok := mem.resolve(addr, abi.ParamsSize)
	if !ok {
		sys.log(TraceError, fmt.Sprintf("ta: parameters at 0x%x outside TA buffers", addr))
		return nil, nil, ErrBadParameters
	}
	p, err := decodeParams(types, raw, mem.resolve)
	if err != nil {
		sys.log(TraceError, err.Error())
		return nil, nil, ErrBadParameters
	}
	return raw, p, Success
}

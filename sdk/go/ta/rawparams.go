package ta

import (
	"encoding/binary"
	"fmt"

	"github.com/veritee/veritee/internal/abi"
)

// decodeParams reads TEE_Param params[4] as the core wrote them into TA
// memory (raw, abi.ParamsSize bytes; docs/ta-abi.md) and resolves each
// non-NULL memory reference to the TA memory it names. It fails for an
// undefined type or a buffer that lies outside what veritee_alloc gave out:
// the core is trusted to be right, but a mistake there must not become an
// out-of-bounds access here.
func decodeParams(types uint32, raw []byte, resolve func(addr, size uint32) ([]byte, bool)) (*Params, error) {
	if len(raw) < abi.ParamsSize {
		return nil, fmt.Errorf("ta: parameter block of %d bytes", len(raw))
	}
	if types>>16 != 0 {
		return nil, fmt.Errorf("ta: parameter types 0x%x", types)
	}
	p := &Params{types: ParamTypes(types)}
	for i := range NumParams {
		t := p.types.At(i)
		f := raw[i*abi.ParamSize:]
		a := binary.LittleEndian.Uint32(f[abi.ParamOffsetA:])
		b := binary.LittleEndian.Uint32(f[abi.ParamOffsetB:])
		switch {
		case t == ParamNone:
		case t.IsValue():
			p.p[i] = param{a: a, b: b}
		case t.IsMemref():
			p.p[i].size = b
			if a == 0 {
				break // NULL memref: nil buffer, the client's size
			}
			mem, ok := resolve(a, b)
			if !ok {
				return nil, fmt.Errorf("ta: memref %d at 0x%x size %d lies outside TA buffers", i, a, b)
			}
			p.p[i].mem = mem
		default:
			return nil, fmt.Errorf("ta: parameter %d has undefined type %d", i, t)
		}
	}
	return p, nil
}

// encodeParams writes back what the core reads after the call: value.a and
// value.b of every value parameter and memref.size of every memory
// reference. The buffer fields are left alone (the core ignores them).
func encodeParams(p *Params, raw []byte) {
	for i := range NumParams {
		t := p.types.At(i)
		f := raw[i*abi.ParamSize:]
		switch {
		case t.IsValue():
			binary.LittleEndian.PutUint32(f[abi.ParamOffsetA:], p.p[i].a)
			binary.LittleEndian.PutUint32(f[abi.ParamOffsetB:], p.p[i].b)
		case t.IsMemref():
			binary.LittleEndian.PutUint32(f[abi.ParamOffsetB:], p.p[i].size)
		}
	}
}

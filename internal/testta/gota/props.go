package main

import (
	"encoding/binary"
	"errors"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/sdk/go/ta"
)

// Properties and instance data (internal/testta/proto_props.go).
func init() {
	commands[testta.CmdPropsEnum] = cmdPropsEnum
	commands[testta.CmdPropsGet] = cmdPropsGet
	commands[testta.CmdPropsShort] = cmdPropsShort
	commands[testta.CmdPropsEnumEdge] = cmdPropsEnumEdge
	commands[testta.CmdPropsPanic] = cmdPropsPanic
	commands[testta.CmdInstanceSet] = cmdInstanceSet
	commands[testta.CmdInstanceGet] = cmdInstanceGet
}

// res is the TEE_Result of err.
func res(err error) uint32 {
	if err == nil {
		return 0
	}
	var r ta.Result
	if errors.As(err, &r) {
		return uint32(r)
	}
	return uint32(ta.ErrGeneric)
}

func u32b(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }

func boolb(v bool) []byte {
	if v {
		return u32b(1)
	}
	return u32b(0)
}

func uuidb(u ta.UUID) []byte {
	b := abi.UUID(u).TEEUUIDBytes()
	return b[:]
}

func identb(id ta.Identity) []byte {
	b := abi.Identity{Login: id.Login, UUID: abi.UUID(id.UUID)}.TEEBytes()
	return b[:]
}

// typedValue reads the property of h by trying the getters in
// CmdPropsEnum's order.
func typedValue(h ta.PropHandle, name string) (uint32, []byte, error) {
	b, err := ta.GetPropertyAsBool(h, name)
	if err == nil {
		return uint32(abi.PropBool), boolb(b), nil
	}
	if err != ta.ErrBadFormat {
		return 0, nil, err
	}
	if v, err := ta.GetPropertyAsU32(h, name); err == nil {
		return uint32(abi.PropU32), u32b(v), nil
	}
	if v, err := ta.GetPropertyAsU64(h, name); err == nil {
		return uint32(abi.PropU64), binary.LittleEndian.AppendUint64(nil, v), nil
	}
	if v, err := ta.GetPropertyAsUUID(h, name); err == nil {
		return uint32(abi.PropUUID), uuidb(v), nil
	}
	if v, err := ta.GetPropertyAsIdentity(h, name); err == nil {
		return uint32(abi.PropIdentity), identb(v), nil
	}
	if v, err := ta.GetPropertyAsBinaryBlock(h, name); err == nil {
		return uint32(abi.PropBinaryBlock), v, nil
	}
	s, err := ta.GetPropertyAsString(h, name)
	return uint32(abi.PropString), []byte(s), err
}

// output copies out into memref i, or reports its size with SHORT_BUFFER.
func output(p *ta.Params, i int, out []byte) error {
	if p.MemrefSize(i) < uint32(len(out)) {
		p.SetMemrefSize(i, uint32(len(out)))
		return ta.ErrShortBuffer
	}
	copy(p.Memref(i), out)
	p.SetMemrefSize(i, uint32(len(out)))
	return nil
}

func cmdPropsEnum(_ *testTA, p *ta.Params) error {
	if p.Type(0) != ta.ParamValueInput || p.Type(1) != ta.ParamMemrefOutput || p.Type(2) != ta.ParamValueOutput {
		return ta.ErrBadParameters
	}
	set, _ := p.Value(0)
	e := ta.AllocatePropertyEnumerator()
	defer e.Free()
	e.Start(ta.PropSet(set))
	var out []byte
	var count uint32
	var err error
	for {
		var name string
		if name, err = e.Name(); err != nil {
			break
		}
		typ, val, verr := typedValue(e, "")
		if err = verr; err != nil {
			break
		}
		out = binary.LittleEndian.AppendUint32(out, uint32(len(name)))
		out = append(out, name...)
		out = binary.LittleEndian.AppendUint32(out, typ)
		out = binary.LittleEndian.AppendUint32(out, uint32(len(val)))
		out = append(out, val...)
		count++
		if err = e.Next(); err != nil {
			break
		}
	}
	if err != ta.ErrItemNotFound {
		return err
	}
	p.SetValue(2, count, 0)
	return output(p, 1, out)
}

func cmdPropsGet(_ *testTA, p *ta.Params) error {
	if p.Type(0) != ta.ParamValueInput || p.Type(1) != ta.ParamMemrefInput || p.Type(2) != ta.ParamMemrefOutput {
		return ta.ErrBadParameters
	}
	s, _ := p.Value(0)
	h, name := ta.PropSet(s), string(p.Memref(1))
	var out []byte
	rec := func(err error, v []byte) {
		if err != nil {
			v = nil
		}
		out = binary.LittleEndian.AppendUint32(out, res(err))
		out = binary.LittleEndian.AppendUint32(out, uint32(len(v)))
		out = append(out, v...)
	}
	str, err := ta.GetPropertyAsString(h, name)
	rec(err, []byte(str))
	b, err := ta.GetPropertyAsBool(h, name)
	rec(err, boolb(b))
	u, err := ta.GetPropertyAsU32(h, name)
	rec(err, u32b(u))
	u64, err := ta.GetPropertyAsU64(h, name)
	rec(err, binary.LittleEndian.AppendUint64(nil, u64))
	blob, err := ta.GetPropertyAsBinaryBlock(h, name)
	rec(err, blob)
	uu, err := ta.GetPropertyAsUUID(h, name)
	rec(err, uuidb(uu))
	id, err := ta.GetPropertyAsIdentity(h, name)
	rec(err, identb(id))
	return output(p, 2, out)
}

// cmdPropsShort gives the C TA's buffer semantics to the Go getters, which
// return whole values: a string needs its length plus a NUL.
func cmdPropsShort(_ *testTA, p *ta.Params) error {
	if p.Type(0) != ta.ParamValueInput || p.Type(1) != ta.ParamMemrefInput || p.Type(2) != ta.ParamValueOutput || p.Type(3) != ta.ParamValueOutput {
		return ta.ErrBadParameters
	}
	s, capacity := p.Value(0)
	h, name := ta.PropSet(s), string(p.Memref(1))
	fit := func(err error, need uint32) (uint32, uint32) {
		if err != nil {
			return res(err), capacity
		}
		if need > capacity {
			return uint32(ta.ErrShortBuffer), need
		}
		return 0, need
	}
	str, err := ta.GetPropertyAsString(h, name)
	a, b := fit(err, uint32(len(str))+1)
	p.SetValue(2, a, b)
	blob, err := ta.GetPropertyAsBinaryBlock(h, name)
	a, b = fit(err, uint32(len(blob)))
	p.SetValue(3, a, b)
	return nil
}

func cmdPropsEnumEdge(_ *testTA, p *ta.Params) error {
	if p.Type(0) != ta.ParamValueInput || p.Type(1) != ta.ParamMemrefOutput {
		return ta.ErrBadParameters
	}
	set, capacity := p.Value(0)
	var r [10]uint32
	e := ta.AllocatePropertyEnumerator()
	_, err := e.Name()
	r[0] = res(err)
	r[1] = res(e.Next())
	e.Start(ta.PropSet(set))
	name, err := e.Name()
	r[2], r[3] = res(err), uint32(len(name))+1
	if err == nil && r[3] > capacity {
		r[2] = uint32(ta.ErrShortBuffer)
	}
	for e.Next() == nil {
		r[4]++
	}
	r[5] = res(e.Next())
	_, err = e.Name()
	r[6] = res(err)
	_, err = ta.GetPropertyAsString(e, "")
	r[7] = res(err)
	e.Reset()
	_, err = e.Name()
	r[8] = res(err)
	e.Start(ta.PropSet(set))
	_, err = e.Name()
	r[9] = res(err)
	e.Free()
	var out []byte
	for _, v := range r {
		out = binary.LittleEndian.AppendUint32(out, v)
	}
	return output(p, 1, out)
}

func cmdPropsPanic(_ *testTA, p *ta.Params) error {
	if p.Type(0) != ta.ParamValueInput {
		return ta.ErrBadParameters
	}
	switch how, _ := p.Value(0); how {
	case testta.PropsPanicBogusHandle:
		var e *ta.PropertyEnumerator
		_, _ = ta.GetPropertyAsU32(e, "gpd.ta.dataSize")
	case testta.PropsPanicStartBadSet:
		ta.AllocatePropertyEnumerator().Start(7)
	case testta.PropsPanicUseAfterFree:
		e := ta.AllocatePropertyEnumerator()
		e.Free()
		_ = e.Next()
	case testta.PropsPanicNullName:
		_, _ = ta.GetPropertyAsU32(nil, "gpd.ta.dataSize")
	default:
		return ta.ErrBadParameters
	}
	return ta.ErrGeneric
}

// instanceValue is what CmdInstanceSet keeps.
type instanceValue struct{ a, b uint32 }

func cmdInstanceSet(_ *testTA, p *ta.Params) error {
	if p.Type(0) != ta.ParamValueInput {
		return ta.ErrBadParameters
	}
	a, b := p.Value(0)
	ta.SetInstanceData(&instanceValue{a, b})
	return nil
}

func cmdInstanceGet(_ *testTA, p *ta.Params) error {
	if p.Type(0) != ta.ParamValueOutput {
		return ta.ErrBadParameters
	}
	v, ok := ta.GetInstanceData().(*instanceValue)
	if !ok {
		return ta.ErrItemNotFound
	}
	p.SetValue(0, v.a, v.b)
	return nil
}

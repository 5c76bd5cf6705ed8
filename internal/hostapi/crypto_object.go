package hostapi

import (
	"context"
	"encoding/binary"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto"
)

// The object system calls (GPD_SPE_010 §5.5, §5.6). Key material stays in
// the core: a TA sees attributes only through cryp_obj_get_attr, which the
// engine refuses (a panic) for secret attributes of objects without
// TEE_USAGE_EXTRACTABLE. Persistent objects (storage_*.go) answer the
// info, usage, attribute and close calls too; reset, populate and
// generate take transient objects only and panic the TA on a persistent
// one, as GP says.

func init() {
	register(abi.SysCrypObjGetInfo, sysObjGetInfo)
	register(abi.SysCrypObjRestrictUsage, sysObjRestrictUsage)
	register(abi.SysCrypObjGetAttr, sysObjGetAttr)
	register(abi.SysCrypObjAlloc, sysObjAlloc)
	register(abi.SysCrypObjClose, sysObjClose)
	register(abi.SysCrypObjReset, sysObjReset)
	register(abi.SysCrypObjPopulate, sysObjPopulate)
	register(abi.SysCrypObjCopy, sysObjCopy)
	register(abi.SysCrypObjGenerateKey, sysObjGenerateKey)
}

func sysObjGetInfo(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_GetObjectInfo1"
	id := arg32(args, 0)
	o := s.anyObject(fn, id)
	dst := s.in(mem, fn, arg32(args, 1), abi.ObjectInfoSize)
	var inf gpcrypto.ObjectInfo
	switch o := o.(type) {
	case *gpcrypto.Object:
		inf = o.Info()
	case *persistent:
		size, err := o.h.DataSize()
		if err != nil {
			return s.storageResult(id, err)
		}
		st := o.h.Info()
		inf = gpcrypto.ObjectInfo{ObjectType: st.Type, ObjectSize: st.ObjectSize, MaxObjectSize: st.MaxObjectSize,
			ObjectUsage: st.Usage, DataSize: size, DataPosition: o.h.Position(), HandleFlags: o.h.HandleFlags()}
	}
	putU32s(dst, inf.ObjectType, inf.ObjectSize, inf.MaxObjectSize, inf.ObjectUsage,
		inf.DataSize, inf.DataPosition, inf.HandleFlags)
	return abi.Success
}

// sysObjRestrictUsage restricts a transient object's usage, or stores a
// persistent object's restricted usage (GPD_SPE_010 §5.5.3: it persists).
func sysObjRestrictUsage(_ context.Context, s *State, _ api.Memory, args []uint64) abi.Result {
	id, mask := arg32(args, 0), arg32(args, 1)
	switch o := s.anyObject("TEE_RestrictObjectUsage1", id).(type) {
	case *gpcrypto.Object:
		o.RestrictUsage(mask)
	case *persistent:
		if err := o.h.SetUsage(o.h.Info().Usage & mask); err != nil {
			return s.storageResult(id, err)
		}
		if o.key != nil {
			o.key.RestrictUsage(mask)
		}
	}
	return abi.Success
}

// attrObject returns the object whose attributes the getters read: a
// transient object or a persistent key (rebuilt on first use). A pure
// data object has no attributes: nil.
func (s *State) attrObject(fn string, id uint32) (*gpcrypto.Object, abi.Result) {
	if p, ok := s.anyObject(fn, id).(*persistent); ok && p.h.Info().Type == abi.TypeData {
		return nil, abi.Success
	}
	return s.keyObject(fn, id)
}

// sysObjGetAttr serves both attribute getters: the attribute id's value
// flag says which.
func sysObjGetAttr(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	id := arg32(args, 1)
	if gpcrypto.IsValueAttr(id) {
		const fn = "TEE_GetObjectValueAttribute"
		o, res := s.attrObject(fn, arg32(args, 0))
		dst := s.output(mem, fn, arg32(args, 2), arg32(args, 3))
		if res != abi.Success {
			return res
		}
		if o == nil {
			return abi.ErrItemNotFound
		}
		a, b, err := o.ValueAttribute(id)
		if err != nil {
			return s.result(mem, err)
		}
		if len(dst.buf) < 8 {
			dst.setLen(mem, 8)
			return abi.ErrShortBuffer
		}
		binary.LittleEndian.PutUint32(dst.buf, a)
		binary.LittleEndian.PutUint32(dst.buf[4:], b)
		dst.setLen(mem, 8)
		return abi.Success
	}
	const fn = "TEE_GetObjectBufferAttribute"
	o, res := s.attrObject(fn, arg32(args, 0))
	dst := s.output(mem, fn, arg32(args, 2), arg32(args, 3))
	if res != abi.Success {
		return res
	}
	if o == nil {
		return abi.ErrItemNotFound
	}
	n, err := o.BufferAttribute(id, dst.buf)
	if err != nil {
		return s.result(mem, err, dst)
	}
	dst.setLen(mem, n)
	return abi.Success
}

func sysObjAlloc(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_AllocateTransientObject"
	objPtr := arg32(args, 2)
	s.in(mem, fn, objPtr, 4)
	o, err := gpcrypto.NewObject(arg32(args, 0), arg32(args, 1))
	if err != nil {
		return s.result(mem, err)
	}
	h, ok := s.handles.add(o)
	if !ok {
		return abi.ErrOutOfMemory
	}
	mem.WriteUint32Le(objPtr, h)
	return abi.Success
}

func sysObjClose(_ context.Context, s *State, _ api.Memory, args []uint64) abi.Result {
	if h := arg32(args, 0); h != 0 {
		s.anyObject("TEE_CloseObject", h)
		s.closeObject(h)
	}
	return abi.Success
}

func sysObjReset(_ context.Context, s *State, _ api.Memory, args []uint64) abi.Result {
	if o := s.optObject("TEE_ResetTransientObject", arg32(args, 0)); o != nil {
		o.Reset()
	}
	return abi.Success
}

func sysObjPopulate(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_PopulateTransientObject"
	o := s.object(fn, arg32(args, 0))
	return s.result(mem, o.Populate(s.attrs(mem, fn, arg32(args, 1), arg32(args, 2))))
}

func sysObjCopy(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_CopyObjectAttributes1"
	dst := s.object(fn, arg32(args, 0))
	src, res := s.keyObject(fn, arg32(args, 1))
	if res != abi.Success {
		return res
	}
	return s.result(mem, dst.CopyAttributesFrom(src))
}

func sysObjGenerateKey(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_GenerateKey"
	o := s.object(fn, arg32(args, 0))
	params := s.attrs(mem, fn, arg32(args, 2), arg32(args, 3))
	return s.result(mem, o.Generate(arg32(args, 1), params, s.Rand))
}

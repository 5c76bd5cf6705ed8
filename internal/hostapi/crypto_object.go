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
// TEE_USAGE_EXTRACTABLE.

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
	o := s.object(fn, arg32(args, 0))
	dst := s.in(mem, fn, arg32(args, 1), abi.ObjectInfoSize)
	inf := o.Info()
	for i, v := range []uint32{inf.ObjectType, inf.ObjectSize, inf.MaxObjectSize, inf.ObjectUsage,
		inf.DataSize, inf.DataPosition, inf.HandleFlags} {
		binary.LittleEndian.PutUint32(dst[4*i:], v)
	}
	return abi.Success
}

func sysObjRestrictUsage(_ context.Context, s *State, _ api.Memory, args []uint64) abi.Result {
	s.object("TEE_RestrictObjectUsage1", arg32(args, 0)).RestrictUsage(arg32(args, 1))
	return abi.Success
}

// sysObjGetAttr serves both attribute getters: the attribute id's value
// flag says which.
func sysObjGetAttr(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	id := arg32(args, 1)
	if gpcrypto.IsValueAttr(id) {
		const fn = "TEE_GetObjectValueAttribute"
		o := s.object(fn, arg32(args, 0))
		dst := s.output(mem, fn, arg32(args, 2), arg32(args, 3))
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
	o := s.object(fn, arg32(args, 0))
	dst := s.output(mem, fn, arg32(args, 2), arg32(args, 3))
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
	h := arg32(args, 0)
	if o := s.optObject("TEE_CloseObject", h); o != nil {
		o.Zero()
		s.handles.remove(h)
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
	dst, src := s.object(fn, arg32(args, 0)), s.object(fn, arg32(args, 1))
	return s.result(mem, dst.CopyAttributesFrom(src))
}

func sysObjGenerateKey(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_GenerateKey"
	o := s.object(fn, arg32(args, 0))
	params := s.attrs(mem, fn, arg32(args, 2), arg32(args, 3))
	return s.result(mem, o.Generate(arg32(args, 1), params, s.Rand))
}

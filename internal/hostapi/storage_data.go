package hostapi

import (
	"context"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
)

// The data stream system calls (GPD_SPE_010 §5.9). Buffers are checked
// against TA memory before the engine sees them; the engine reads into
// and writes from TA memory directly, within the call.

func init() {
	register(abi.SysStorageObjRead, sysStorageObjRead)
	register(abi.SysStorageObjWrite, sysStorageObjWrite)
	register(abi.SysStorageObjTrunc, sysStorageObjTrunc)
	register(abi.SysStorageObjSeek, sysStorageObjSeek)
}

func sysStorageObjRead(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_ReadObjectData"
	obj := arg32(args, 0)
	p := s.persistentObj(fn, obj)
	buf := s.in(mem, fn, arg32(args, 1), arg32(args, 2))
	countPtr := arg32(args, 3)
	s.in(mem, fn, countPtr, 4)
	n, err := p.h.Read(buf)
	if err != nil {
		return s.storageResult(obj, err)
	}
	mem.WriteUint32Le(countPtr, uint32(n))
	return abi.Success
}

func sysStorageObjWrite(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_WriteObjectData"
	obj := arg32(args, 0)
	p := s.persistentObj(fn, obj)
	buf := s.in(mem, fn, arg32(args, 1), arg32(args, 2))
	return s.storageResult(obj, p.h.Write(buf))
}

func sysStorageObjTrunc(_ context.Context, s *State, _ api.Memory, args []uint64) abi.Result {
	obj := arg32(args, 0)
	p := s.persistentObj("TEE_TruncateObjectData", obj)
	return s.storageResult(obj, p.h.Truncate(arg32(args, 1)))
}

func sysStorageObjSeek(_ context.Context, s *State, _ api.Memory, args []uint64) abi.Result {
	obj := arg32(args, 0)
	p := s.persistentObj("TEE_SeekObjectData", obj)
	return s.storageResult(obj, p.h.Seek(int32(arg32(args, 1)), arg32(args, 2)))
}

package hostapi

import (
	"context"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/storage"
)

// The persistent object enumerator system calls (GPD_SPE_010 §5.8).
// Enumerators share the handle table with objects and operations, each
// entry knowing its kind, so an enumerator handle passed as an object
// (or the reverse) panics the TA.

func init() {
	register(abi.SysStorageAllocEnum, sysStorageAllocEnum)
	register(abi.SysStorageFreeEnum, sysStorageFreeEnum)
	register(abi.SysStorageResetEnum, sysStorageResetEnum)
	register(abi.SysStorageStartEnum, sysStorageStartEnum)
	register(abi.SysStorageNextEnum, sysStorageNextEnum)
}

func sysStorageAllocEnum(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_AllocatePersistentObjectEnumerator"
	ptr := arg32(args, 0)
	s.in(mem, fn, ptr, 4)
	e := &enumerator{}
	if s.Storage != nil {
		e.e = s.Storage.NewEnumerator(s.UUID)
	}
	id, ok := s.handles.add(e)
	if !ok {
		return abi.ErrOutOfMemory
	}
	mem.WriteUint32Le(ptr, id)
	return abi.Success
}

func sysStorageFreeEnum(_ context.Context, s *State, _ api.Memory, args []uint64) abi.Result {
	id := arg32(args, 0)
	if id == 0 {
		return abi.Success
	}
	s.enumHandle("TEE_FreePersistentObjectEnumerator", id)
	s.handles.remove(id)
	return abi.Success
}

func sysStorageResetEnum(_ context.Context, s *State, _ api.Memory, args []uint64) abi.Result {
	if e := s.enumHandle("TEE_ResetPersistentObjectEnumerator", arg32(args, 0)); e.e != nil {
		e.e.Reset()
	}
	return abi.Success
}

func sysStorageStartEnum(_ context.Context, s *State, _ api.Memory, args []uint64) abi.Result {
	e := s.enumHandle("TEE_StartPersistentObjectEnumerator", arg32(args, 0))
	if e.e == nil {
		return abi.ErrStorageNotAvailable
	}
	return storage.ResultOf(e.e.Start(arg32(args, 1)))
}

func sysStorageNextEnum(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_GetNextPersistentObject"
	e := s.enumHandle(fn, arg32(args, 0))
	var info []byte
	if p := arg32(args, 1); p != 0 {
		info = s.in(mem, fn, p, abi.ObjectInfoSize)
	}
	dst := s.output(mem, fn, arg32(args, 2), arg32(args, 3))
	if e.e == nil {
		return abi.ErrItemNotFound
	}
	ent, err := e.e.GetNext(len(dst.buf))
	if err != nil {
		if n, ok := storage.NeededSize(err); ok {
			dst.setLen(mem, n)
		}
		return storage.ResultOf(err)
	}
	if info != nil {
		putU32s(info, ent.Info.Type, ent.Info.ObjectSize, ent.Info.MaxObjectSize, ent.Info.Usage,
			ent.DataSize, 0, ent.HandleFlags())
	}
	copy(dst.buf, ent.ID)
	dst.setLen(mem, len(ent.ID))
	return abi.Success
}

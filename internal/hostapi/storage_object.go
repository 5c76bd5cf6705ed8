package hostapi

import (
	"bytes"
	"context"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto"
	"github.com/veritee/veritee/internal/storage"
)

// The persistent object system calls (GPD_SPE_010 §5.7). Results the
// engine gives for misuse GP says panics (ACCESS_CONFLICT, BAD_STATE,
// BAD_PARAMETERS) are returned: the TA-side library panics on them, as
// libutee does on OP-TEE's.

func init() {
	register(abi.SysStorageObjOpen, sysStorageObjOpen)
	register(abi.SysStorageObjCreate, sysStorageObjCreate)
	register(abi.SysStorageObjDel, sysStorageObjDel)
	register(abi.SysStorageObjRename, sysStorageObjRename)
}

// objectID reads an object id from TA memory. It is copied: the engine
// keeps ids in its tables, and TA memory changes under it.
func (s *State) objectID(mem api.Memory, fn string, ptr, n uint32) []byte {
	if n > abi.ObjectIDMaxLen {
		// Not read (n may be huge): any id over the limit gets the
		// engine's BAD_PARAMETERS.
		return make([]byte, abi.ObjectIDMaxLen+1)
	}
	return bytes.Clone(s.in(mem, fn, ptr, n))
}

// addPersistent puts an engine handle in the table and writes its number
// to objPtr; OUT_OF_MEMORY (the engine handle closed) when the table is
// full.
func (s *State) addPersistent(mem api.Memory, h *storage.Handle, objPtr uint32) abi.Result {
	id, ok := s.handles.add(&persistent{h: h})
	if !ok {
		h.Close()
		return abi.ErrOutOfMemory
	}
	mem.WriteUint32Le(objPtr, id)
	return abi.Success
}

func sysStorageObjOpen(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_OpenPersistentObject"
	sid, flags, objPtr := arg32(args, 0), arg32(args, 3), arg32(args, 4)
	id := s.objectID(mem, fn, arg32(args, 1), arg32(args, 2))
	s.in(mem, fn, objPtr, 4)
	if s.Storage == nil {
		return abi.ErrStorageNotAvailable
	}
	h, err := s.Storage.Open(s.UUID, sid, id, flags)
	if err != nil {
		return storage.ResultOf(err)
	}
	return s.addPersistent(mem, h, objPtr)
}

// attrSource returns what a new persistent object copies from the object
// behind handle id (§5.7.2): its info and attribute blob, which the
// caller wipes. 0 makes a pure data object. An uninitialised transient
// object is BAD_PARAMETERS (GP: a panic), as in OP-TEE.
func (s *State) attrSource(fn string, id uint32) (storage.ObjectInfo, []byte, abi.Result) {
	if id == 0 {
		return storage.ObjectInfo{Type: abi.TypeData, Usage: abi.UsageDefault}, nil, abi.Success
	}
	switch v := s.anyObject(fn, id).(type) {
	case *gpcrypto.Object:
		if !v.Initialized() {
			return storage.ObjectInfo{}, nil, abi.ErrBadParameters
		}
		inf := v.Info()
		return storage.ObjectInfo{Type: inf.ObjectType, ObjectSize: inf.ObjectSize,
			MaxObjectSize: inf.MaxObjectSize, Usage: inf.ObjectUsage}, v.MarshalAttributes(), abi.Success
	case *persistent:
		return v.h.Info(), bytes.Clone(v.h.Attributes()), abi.Success
	}
	return storage.ObjectInfo{}, nil, abi.ErrBadParameters // not reached: anyObject panicked
}

func sysStorageObjCreate(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_CreatePersistentObject"
	sid, flags, objPtr := arg32(args, 0), arg32(args, 3), arg32(args, 7)
	id := s.objectID(mem, fn, arg32(args, 1), arg32(args, 2))
	data := s.in(mem, fn, arg32(args, 5), arg32(args, 6))
	if objPtr != 0 {
		s.in(mem, fn, objPtr, 4)
	}
	info, blob, res := s.attrSource(fn, arg32(args, 4))
	defer clear(blob)
	if res != abi.Success {
		return res
	}
	if s.Storage == nil {
		return abi.ErrStorageNotAvailable
	}
	h, err := s.Storage.Create(s.UUID, sid, id, flags, info, blob, data)
	if err != nil {
		return storage.ResultOf(err)
	}
	if objPtr == 0 {
		h.Close()
		return abi.Success
	}
	return s.addPersistent(mem, h, objPtr)
}

func sysStorageObjDel(_ context.Context, s *State, _ api.Memory, args []uint64) abi.Result {
	const fn = "TEE_CloseAndDeletePersistentObject1"
	id := arg32(args, 0)
	if id == 0 {
		return abi.Success
	}
	p := s.persistentObj(fn, id)
	err := p.h.CloseAndDelete()
	switch res := storage.ResultOf(err); res {
	case abi.ErrAccessConflict, abi.ErrBadState:
		// Refused before anything happened: the handle stays open.
		return res
	default:
		s.closeObject(id)
		return res
	}
}

func sysStorageObjRename(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_RenamePersistentObject"
	obj := arg32(args, 0)
	p := s.persistentObj(fn, obj)
	newID := s.objectID(mem, fn, arg32(args, 1), arg32(args, 2))
	return s.storageResult(obj, p.h.Rename(newID))
}

package hostapi

import (
	"context"
	"encoding/binary"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto"
)

// The generic operation system calls (GPD_SPE_010 §6.2).

func init() {
	register(abi.SysCrypStateAlloc, sysStateAlloc)
	register(abi.SysCrypStateFree, sysStateFree)
	register(abi.SysCrypStateCopy, sysStateCopy)
	register(abi.SysCrypStateInfo, sysStateInfo)
	register(abi.SysCrypStateInfoMultiple, sysStateInfoMultiple)
	register(abi.SysCrypStateReset, sysStateReset)
	register(abi.SysCrypStateSetKey, sysStateSetKey)
	register(abi.SysCrypIsAlgSupported, sysIsAlgSupported)
}

func sysStateAlloc(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_AllocateOperation"
	opPtr := arg32(args, 3)
	s.in(mem, fn, opPtr, 4)
	op, err := gpcrypto.NewOperation(arg32(args, 0), arg32(args, 1), arg32(args, 2))
	if err != nil {
		return s.result(mem, err)
	}
	h, ok := s.handles.add(op)
	if !ok {
		op.Free()
		return abi.ErrOutOfMemory
	}
	mem.WriteUint32Le(opPtr, h)
	return abi.Success
}

func sysStateFree(_ context.Context, s *State, _ api.Memory, args []uint64) abi.Result {
	h := arg32(args, 0)
	if h == 0 {
		return abi.Success
	}
	s.operation("TEE_FreeOperation", h).Free()
	s.handles.remove(h)
	return abi.Success
}

func sysStateCopy(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_CopyOperation"
	dst, src := s.operation(fn, arg32(args, 0)), s.operation(fn, arg32(args, 1))
	return s.result(mem, src.CopyTo(dst))
}

func putU32s(dst []byte, vs ...uint32) {
	for i, v := range vs {
		binary.LittleEndian.PutUint32(dst[4*i:], v)
	}
}

func sysStateInfo(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_GetOperationInfo"
	op := s.operation(fn, arg32(args, 0))
	dst := s.in(mem, fn, arg32(args, 1), abi.OperationInfoSize)
	inf := op.Info()
	putU32s(dst, inf.Algorithm, inf.OperationClass, inf.Mode, inf.DigestLength, inf.MaxKeySize,
		inf.KeySize, inf.RequiredKeyUsage, inf.HandleState)
	return abi.Success
}

func sysStateInfoMultiple(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_GetOperationInfoMultiple"
	op := s.operation(fn, arg32(args, 0))
	dst := s.output(mem, fn, arg32(args, 1), arg32(args, 2))
	inf := op.InfoMultiple()
	need := abi.OperationInfoMultipleHeaderSize + abi.OperationInfoKeySize*len(inf.Keys)
	if len(dst.buf) < need {
		dst.setLen(mem, need)
		return abi.ErrShortBuffer
	}
	putU32s(dst.buf, inf.Algorithm, inf.OperationClass, inf.Mode, inf.DigestLength, inf.MaxKeySize,
		inf.HandleState, inf.OperationState, uint32(len(inf.Keys)))
	for i, k := range inf.Keys {
		putU32s(dst.buf[abi.OperationInfoMultipleHeaderSize+abi.OperationInfoKeySize*i:], k.KeySize, k.RequiredKeyUsage)
	}
	dst.setLen(mem, need)
	return abi.Success
}

func sysStateReset(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	return s.result(mem, s.operation("TEE_ResetOperation", arg32(args, 0)).Reset())
}

func sysStateSetKey(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	switch arg32(args, 1) {
	case 1:
		const fn = "TEE_SetOperationKey"
		op := s.operation(fn, arg32(args, 0))
		k, res := s.optKeyObject(fn, arg32(args, 2))
		if res != abi.Success {
			return res
		}
		return s.result(mem, op.SetKey(k))
	case 2:
		const fn = "TEE_SetOperationKey2"
		op := s.operation(fn, arg32(args, 0))
		k1, res := s.optKeyObject(fn, arg32(args, 2))
		if res != abi.Success {
			return res
		}
		k2, res := s.optKeyObject(fn, arg32(args, 3))
		if res != abi.Success {
			return res
		}
		return s.result(mem, op.SetKey2(k1, k2))
	}
	s.panicTA(abi.ErrBadParameters, "cryp_state_set_key: %d keys", arg32(args, 1))
	return 0
}

func sysIsAlgSupported(_ context.Context, _ *State, _ api.Memory, args []uint64) abi.Result {
	if gpcrypto.IsAlgorithmSupported(arg32(args, 0), arg32(args, 1)) {
		return abi.Success
	}
	return abi.ErrNotSupported
}

package hostapi

import (
	"context"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
)

// The digest, cipher, MAC and authenticated-encryption system calls
// (GPD_SPE_010 §6.3–§6.6). Inputs alias TA memory unless they overlap an
// output (State.source); outputs are written in place.

func init() {
	register(abi.SysHashUpdate, sysHashUpdate)
	register(abi.SysHashFinal, sysHashFinal)
	register(abi.SysHashExtract, sysHashExtract)
	register(abi.SysCipherInit, sysCipherInit)
	register(abi.SysCipherUpdate, sysCipherUpdate)
	register(abi.SysCipherFinal, sysCipherFinal)
	register(abi.SysMACInit, sysMACInit)
	register(abi.SysMACUpdate, sysMACUpdate)
	register(abi.SysMACFinalCompute, sysMACFinalCompute)
	register(abi.SysMACFinalCompare, sysMACFinalCompare)
	register(abi.SysAuthencInit, sysAuthencInit)
	register(abi.SysAuthencUpdateAAD, sysAuthencUpdateAAD)
	register(abi.SysAuthencUpdatePayload, sysAuthencUpdatePayload)
	register(abi.SysAuthencEncFinal, sysAuthencEncFinal)
	register(abi.SysAuthencDecFinal, sysAuthencDecFinal)
}

func sysHashUpdate(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_DigestUpdate"
	op := s.operation(fn, arg32(args, 0))
	return s.result(mem, op.DigestUpdate(s.in(mem, fn, arg32(args, 1), arg32(args, 2))))
}

func sysHashFinal(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_DigestDoFinal"
	op := s.operation(fn, arg32(args, 0))
	dst := s.output(mem, fn, arg32(args, 3), arg32(args, 4))
	n, err := op.DigestDoFinal(s.source(mem, fn, arg32(args, 1), arg32(args, 2), dst), dst.buf)
	return s.finish(mem, err, dst, n)
}

func sysHashExtract(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_DigestExtract"
	op := s.operation(fn, arg32(args, 0))
	dst := s.output(mem, fn, arg32(args, 1), arg32(args, 2))
	n, err := op.DigestExtract(dst.buf)
	return s.finish(mem, err, dst, n)
}

// finish ends a call with one output: on success its length is n.
func (s *State) finish(mem api.Memory, err error, dst out, n int) abi.Result {
	if err != nil {
		return s.result(mem, err, dst)
	}
	dst.setLen(mem, n)
	return abi.Success
}

func sysCipherInit(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_CipherInit"
	op := s.operation(fn, arg32(args, 0))
	return s.result(mem, op.CipherInit(s.in(mem, fn, arg32(args, 1), arg32(args, 2))))
}

func sysCipherUpdate(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_CipherUpdate"
	op := s.operation(fn, arg32(args, 0))
	dst := s.output(mem, fn, arg32(args, 3), arg32(args, 4))
	n, err := op.CipherUpdate(s.source(mem, fn, arg32(args, 1), arg32(args, 2), dst), dst.buf)
	return s.finish(mem, err, dst, n)
}

func sysCipherFinal(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_CipherDoFinal"
	op := s.operation(fn, arg32(args, 0))
	dst := s.output(mem, fn, arg32(args, 3), arg32(args, 4))
	n, err := op.CipherDoFinal(s.source(mem, fn, arg32(args, 1), arg32(args, 2), dst), dst.buf)
	return s.finish(mem, err, dst, n)
}

func sysMACInit(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_MACInit"
	op := s.operation(fn, arg32(args, 0))
	return s.result(mem, op.MACInit(s.in(mem, fn, arg32(args, 1), arg32(args, 2))))
}

func sysMACUpdate(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_MACUpdate"
	op := s.operation(fn, arg32(args, 0))
	return s.result(mem, op.MACUpdate(s.in(mem, fn, arg32(args, 1), arg32(args, 2))))
}

func sysMACFinalCompute(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_MACComputeFinal"
	op := s.operation(fn, arg32(args, 0))
	dst := s.output(mem, fn, arg32(args, 3), arg32(args, 4))
	n, err := op.MACComputeFinal(s.source(mem, fn, arg32(args, 1), arg32(args, 2), dst), dst.buf)
	return s.finish(mem, err, dst, n)
}

func sysMACFinalCompare(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_MACCompareFinal"
	op := s.operation(fn, arg32(args, 0))
	msg := s.in(mem, fn, arg32(args, 1), arg32(args, 2))
	return s.result(mem, op.MACCompareFinal(msg, s.in(mem, fn, arg32(args, 3), arg32(args, 4))))
}

func sysAuthencInit(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_AEInit"
	op := s.operation(fn, arg32(args, 0))
	nonce := s.in(mem, fn, arg32(args, 1), arg32(args, 2))
	return s.result(mem, op.AEInit(nonce, arg32(args, 3), uint64(arg32(args, 4)), uint64(arg32(args, 5))))
}

func sysAuthencUpdateAAD(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_AEUpdateAAD"
	op := s.operation(fn, arg32(args, 0))
	return s.result(mem, op.AEUpdateAAD(s.in(mem, fn, arg32(args, 1), arg32(args, 2))))
}

func sysAuthencUpdatePayload(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_AEUpdate"
	op := s.operation(fn, arg32(args, 0))
	dst := s.output(mem, fn, arg32(args, 3), arg32(args, 4))
	n, err := op.AEUpdate(s.source(mem, fn, arg32(args, 1), arg32(args, 2), dst), dst.buf)
	return s.finish(mem, err, dst, n)
}

func sysAuthencEncFinal(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_AEEncryptFinal"
	op := s.operation(fn, arg32(args, 0))
	dst := s.output(mem, fn, arg32(args, 3), arg32(args, 4))
	tag := s.output(mem, fn, arg32(args, 5), arg32(args, 6))
	n, tagN, err := op.AEEncryptFinal(s.source(mem, fn, arg32(args, 1), arg32(args, 2), dst, tag), dst.buf, tag.buf)
	if err != nil {
		// SHORT_BUFFER reports both sizes needed, as OP-TEE does.
		if res := s.result(mem, err); res != abi.ErrShortBuffer {
			return res
		}
		dst.setLen(mem, n)
		tag.setLen(mem, tagN)
		return abi.ErrShortBuffer
	}
	dst.setLen(mem, n)
	tag.setLen(mem, tagN)
	return abi.Success
}

func sysAuthencDecFinal(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_AEDecryptFinal"
	op := s.operation(fn, arg32(args, 0))
	dst := s.output(mem, fn, arg32(args, 3), arg32(args, 4))
	tag := s.in(mem, fn, arg32(args, 5), arg32(args, 6))
	n, err := op.AEDecryptFinal(s.source(mem, fn, arg32(args, 1), arg32(args, 2), dst), dst.buf, tag)
	return s.finish(mem, err, dst, n)
}

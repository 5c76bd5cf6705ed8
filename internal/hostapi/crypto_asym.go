package hostapi

import (
	"context"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
)

// The asymmetric and key-derivation system calls (GPD_SPE_010 §6.8, §6.9).

func init() {
	register(abi.SysAsymmOperate, sysAsymmOperate)
	register(abi.SysAsymmVerify, sysAsymmVerify)
	register(abi.SysDeriveKey, sysDeriveKey)
}

// sysAsymmOperate is TEE_AsymmetricEncrypt, TEE_AsymmetricDecrypt or
// TEE_AsymmetricSignDigest, chosen by the operation's mode as OP-TEE's
// asymm_operate does; the engine panics the TA when the operation's class
// does not match.
func sysAsymmOperate(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "asymm_operate"
	op := s.operation(fn, arg32(args, 0))
	params := s.attrs(mem, fn, arg32(args, 1), arg32(args, 2))
	dst := s.output(mem, fn, arg32(args, 5), arg32(args, 6))
	src := s.source(mem, fn, arg32(args, 3), arg32(args, 4), dst)
	var n int
	var err error
	switch op.Info().Mode {
	case abi.ModeEncrypt:
		n, err = op.AsymmetricEncrypt(params, src, dst.buf)
	case abi.ModeDecrypt:
		n, err = op.AsymmetricDecrypt(params, src, dst.buf)
	case abi.ModeSign:
		n, err = op.AsymmetricSignDigest(params, src, dst.buf)
	default:
		s.panicTA(abi.ErrBadState, "%s: an operation in mode %d neither encrypts, decrypts nor signs", fn, op.Info().Mode)
	}
	return s.finish(mem, err, dst, n)
}

func sysAsymmVerify(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_AsymmetricVerifyDigest"
	op := s.operation(fn, arg32(args, 0))
	params := s.attrs(mem, fn, arg32(args, 1), arg32(args, 2))
	digest := s.in(mem, fn, arg32(args, 3), arg32(args, 4))
	return s.result(mem, op.AsymmetricVerifyDigest(params, digest, s.in(mem, fn, arg32(args, 5), arg32(args, 6))))
}

func sysDeriveKey(_ context.Context, s *State, mem api.Memory, args []uint64) abi.Result {
	const fn = "TEE_DeriveKey"
	op := s.operation(fn, arg32(args, 0))
	params := s.attrs(mem, fn, arg32(args, 1), arg32(args, 2))
	return s.result(mem, op.DeriveKey(params, s.object(fn, arg32(args, 3))))
}

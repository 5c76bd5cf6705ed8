package hostapi

import (
	"context"
	"encoding/binary"
	"math/big"

	"github.com/tetratelabs/wazero/api"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/bignum"
)

func init() {
	register(abi.SysBigIntOp, sysBigIntOp)
	register(abi.SysBigIntFromOctets, sysBigIntFromOctets)
	register(abi.SysBigIntToOctets, sysBigIntToOctets)
}

// bigIntAt checks the TEE_BigInt at ptr (layout abi.BigInt*) and returns
// its sign, limbs in use and allocated limbs, or false when the header or
// any allocated limb lies outside memory or the header is malformed.
func bigIntAt(mem api.Memory, ptr uint32) (neg bool, limbs []byte, used, alloc uint32, ok bool) {
	h, ok := mem.Read(ptr, abi.BigIntHeaderU32*4)
	if !ok || ptr+abi.BigIntHeaderU32*4 < ptr {
		return false, nil, 0, 0, false
	}
	neg, alloc, used, ok = bignum.Header(binary.LittleEndian.Uint32(h), binary.LittleEndian.Uint32(h[4:]))
	if !ok {
		return false, nil, 0, 0, false
	}
	limbs, ok = mem.Read(ptr+abi.BigIntHeaderU32*4, alloc*4)
	return neg, limbs, used, alloc, ok
}

// readBigIntInto decodes the TEE_BigInt at ptr into z, reusing z's storage.
func readBigIntInto(z *big.Int, mem api.Memory, ptr uint32) (*big.Int, uint32, bool) {
	neg, limbs, used, alloc, ok := bigIntAt(mem, ptr)
	if !ok {
		return nil, 0, false
	}
	return bignum.SetLE(z, neg, limbs[:used*4]), alloc, true
}

// readBigInt decodes the TEE_BigInt at ptr and returns it with its
// allocated limbs, or false (bigIntAt).
func readBigInt(mem api.Memory, ptr uint32) (*big.Int, uint32, bool) {
	return readBigIntInto(new(big.Int), mem, ptr)
}

// bigIntCap returns the allocated limbs of the TEE_BigInt at ptr after
// checking that all of it lies in memory, or false.
func bigIntCap(mem api.Memory, ptr uint32) (uint32, bool) {
	_, _, _, alloc, ok := bigIntAt(mem, ptr)
	return alloc, ok
}

// writeBigInt stores x into the TEE_BigInt at ptr, whose capacity the
// caller has checked.
func writeBigInt(mem api.Memory, ptr, alloc uint32, x *big.Int) {
	limbs, _ := mem.Read(ptr+abi.BigIntHeaderU32*4, alloc*4)
	n := bignum.PutLE(x, limbs)
	clear(limbs[n*4:])
	w0, w1 := bignum.HeaderWords(x.Sign() < 0, alloc, n)
	mem.WriteUint32Le(ptr, w0)
	mem.WriteUint32Le(ptr+4, w1)
}

// sysBigIntOp runs one bigint_op operation (GPD_SPE_010 §8.7-§8.11). Every
// TEE_BigInt is decoded before any result is written, so a destination
// may alias an operand. Results: those of bignum.Apply; BAD_PARAMETERS for
// a missing or malformed operand or destination, or memory outside the TA.
func sysBigIntOp(_ context.Context, _ *State, mem api.Memory, args []uint64) abi.Result {
	op := arg32(args, 0)
	o, ok := bignum.Lookup(op)
	if !ok {
		return abi.ErrNotSupported
	}
	sc := bignum.GetScratch()
	defer sc.Put()
	var a bignum.Args
	var dst [3]uint32
	for i := range 3 {
		dst[i] = arg32(args, 1+i)
		if o.Dst&(1<<i) == 0 || dst[i] == 0 {
			if o.NeedDst&(1<<i) != 0 {
				return abi.ErrBadParameters
			}
			continue
		}
		c, ok := bigIntCap(mem, dst[i])
		if !ok {
			return abi.ErrBadParameters
		}
		a.Cap[i], a.HasDst[i] = c, true
	}
	in := [3]**big.Int{&a.A, &a.B, &a.N}
	for i := range 3 {
		if o.In&(1<<i) == 0 {
			continue
		}
		x, _, ok := readBigIntInto(&sc.In[i], mem, arg32(args, 4+i))
		if !ok || arg32(args, 4+i) == 0 {
			return abi.ErrBadParameters
		}
		*in[i] = x
	}
	a.Arg, a.Arg2 = arg32(args, 7), arg32(args, 8)
	outPtr := arg32(args, 9)
	if o.Out && !inMemory(mem, outPtr, 4) {
		return abi.ErrBadParameters
	}
	res, out, r := sc.Apply(op, a)
	if r != abi.Success {
		return r
	}
	for i := range 3 {
		if res[i] != nil {
			writeBigInt(mem, dst[i], a.Cap[i], res[i])
		}
	}
	if o.Out {
		writeU32(mem, outPtr, out)
	}
	return abi.Success
}

// sysBigIntFromOctets is TEE_BigIntConvertFromOctetString (§8.6.1): dst =
// the big-endian magnitude at [buf, buf+len), negative when int32(sign) < 0.
// Results: SUCCESS; OVERFLOW when it does not fit dst; BAD_PARAMETERS for
// memory outside the TA or a malformed dst.
func sysBigIntFromOctets(_ context.Context, _ *State, mem api.Memory, args []uint64) abi.Result {
	dst := arg32(args, 0)
	alloc, ok := bigIntCap(mem, dst)
	if !ok {
		return abi.ErrBadParameters
	}
	b, ok := view(mem, arg32(args, 1), arg32(args, 2))
	if !ok {
		return abi.ErrBadParameters
	}
	x := new(big.Int).SetBytes(b)
	if int32(arg32(args, 3)) < 0 {
		x.Neg(x)
	}
	if bignum.Limbs(x) > alloc {
		return abi.ErrOverflow
	}
	writeBigInt(mem, dst, alloc, x)
	return abi.Success
}

// sysBigIntToOctets is TEE_BigIntConvertToOctetString (§8.6.2): the
// big-endian magnitude of src, without leading zeros (no bytes for zero),
// into [buf, buf+*len). Results: SUCCESS with *len set; SHORT_BUFFER with
// *len set to the length needed; BAD_PARAMETERS for memory outside the TA
// or a malformed src.
func sysBigIntToOctets(_ context.Context, _ *State, mem api.Memory, args []uint64) abi.Result {
	x, _, ok := readBigInt(mem, arg32(args, 0))
	if !ok {
		return abi.ErrBadParameters
	}
	lenPtr := arg32(args, 2)
	n, ok := readU32(mem, lenPtr)
	if !ok {
		return abi.ErrBadParameters
	}
	need := uint32((x.BitLen() + 7) / 8)
	if n < need {
		writeU32(mem, lenPtr, need)
		return abi.ErrShortBuffer
	}
	b, ok := view(mem, arg32(args, 1), need)
	if !ok {
		return abi.ErrBadParameters
	}
	x.FillBytes(b)
	writeU32(mem, lenPtr, need)
	return abi.Success
}

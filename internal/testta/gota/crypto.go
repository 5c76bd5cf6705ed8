package main

import (
	"encoding/binary"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/sdk/go/ta"
)

// The cryptography commands (internal/testta/proto_crypto.go), as
// internal/testta/c/crypto.c: each calls exactly one GP function of the SDK
// (CmdCrypBench aside) with the client's handles, buffers and attributes,
// and returns its result. An output memref's size is the out-length the
// function gets, so SHORT_BUFFER reaches the client with the size needed.

// crypCmd is one command: the exact parameter types it takes, and its body.
type crypCmd struct {
	types [ta.NumParams]ta.ParamType
	run   func(p *ta.Params) error
}

// Parameter types, short so that the table reads as the protocol does.
const (
	tNone = ta.ParamNone
	tVI   = ta.ParamValueInput
	tVO   = ta.ParamValueOutput
	tMI   = ta.ParamMemrefInput
	tMO   = ta.ParamMemrefOutput
	tMIO  = ta.ParamMemrefInout
)

func init() {
	for id, c := range crypCmds {
		commands[id] = func(_ *testTA, p *ta.Params) error {
			if err := p.Check(c.types[0], c.types[1], c.types[2], c.types[3]); err != nil {
				return err
			}
			return c.run(p)
		}
	}
}

var crypCmds = map[uint32]crypCmd{
	testta.CmdCrypAllocOperation:           {[4]ta.ParamType{tVI, tVI, tVO, tNone}, crypAllocOperation},
	testta.CmdCrypFreeOperation:            {[4]ta.ParamType{tVI, tNone, tNone, tNone}, func(p *ta.Params) error { opArg(p).Free(); return nil }},
	testta.CmdCrypGetOperationInfo:         {[4]ta.ParamType{tVI, tMO, tNone, tNone}, crypGetOperationInfo},
	testta.CmdCrypGetOperationInfoMultiple: {[4]ta.ParamType{tVI, tMO, tNone, tNone}, crypGetOperationInfoMultiple},
	testta.CmdCrypResetOperation:           {[4]ta.ParamType{tVI, tNone, tNone, tNone}, func(p *ta.Params) error { opArg(p).Reset(); return nil }},
	testta.CmdCrypSetOperationKey:          {[4]ta.ParamType{tVI, tNone, tNone, tNone}, crypSetOperationKey},
	testta.CmdCrypSetOperationKey2:         {[4]ta.ParamType{tVI, tVI, tNone, tNone}, crypSetOperationKey2},
	testta.CmdCrypCopyOperation:            {[4]ta.ParamType{tVI, tNone, tNone, tNone}, crypCopyOperation},
	testta.CmdCrypIsAlgorithmSupported:     {[4]ta.ParamType{tVI, tNone, tNone, tNone}, crypIsAlgorithmSupported},

	testta.CmdCrypDigestUpdate:    {[4]ta.ParamType{tVI, tMI, tNone, tNone}, crypDigestUpdate},
	testta.CmdCrypDigestDoFinal:   {[4]ta.ParamType{tVI, tMI, tMO, tNone}, crypDigestDoFinal},
	testta.CmdCrypDigestExtract:   {[4]ta.ParamType{tVI, tNone, tMO, tNone}, crypDigestExtract},
	testta.CmdCrypCipherInit:      {[4]ta.ParamType{tVI, tMI, tNone, tNone}, crypCipherInit},
	testta.CmdCrypCipherUpdate:    {[4]ta.ParamType{tVI, tMI, tMO, tNone}, crypInOut(ta.OperationHandle.CipherUpdate)},
	testta.CmdCrypCipherDoFinal:   {[4]ta.ParamType{tVI, tMI, tMO, tNone}, crypInOut(ta.OperationHandle.CipherDoFinal)},
	testta.CmdCrypMACInit:         {[4]ta.ParamType{tVI, tMI, tNone, tNone}, crypMACInit},
	testta.CmdCrypMACUpdate:       {[4]ta.ParamType{tVI, tMI, tNone, tNone}, crypMACUpdate},
	testta.CmdCrypMACComputeFinal: {[4]ta.ParamType{tVI, tMI, tMO, tNone}, crypInOut(ta.OperationHandle.MACComputeFinal)},
	testta.CmdCrypMACCompareFinal: {[4]ta.ParamType{tVI, tMI, tMI, tNone}, crypMACCompareFinal},
	testta.CmdCrypAEInit:          {[4]ta.ParamType{tVI, tMI, tVI, tNone}, crypAEInit},
	testta.CmdCrypAEUpdateAAD:     {[4]ta.ParamType{tVI, tMI, tNone, tNone}, crypAEUpdateAAD},
	testta.CmdCrypAEUpdate:        {[4]ta.ParamType{tVI, tMI, tMO, tNone}, crypInOut(ta.OperationHandle.AEUpdate)},
	testta.CmdCrypAEEncryptFinal:  {[4]ta.ParamType{tVI, tMI, tMO, tMO}, crypAEEncryptFinal},
	testta.CmdCrypAEDecryptFinal:  {[4]ta.ParamType{tVI, tMI, tMO, tMI}, crypAEDecryptFinal},

	testta.CmdCrypAsymmetricEncrypt:      {[4]ta.ParamType{tVI, tMI, tMI, tMO}, crypAsymmetric(ta.OperationHandle.AsymmetricEncrypt)},
	testta.CmdCrypAsymmetricDecrypt:      {[4]ta.ParamType{tVI, tMI, tMI, tMO}, crypAsymmetric(ta.OperationHandle.AsymmetricDecrypt)},
	testta.CmdCrypAsymmetricSignDigest:   {[4]ta.ParamType{tVI, tMI, tMI, tMO}, crypAsymmetric(ta.OperationHandle.AsymmetricSignDigest)},
	testta.CmdCrypAsymmetricVerifyDigest: {[4]ta.ParamType{tVI, tMI, tMI, tMI}, crypAsymmetricVerifyDigest},
	testta.CmdCrypDeriveKey:              {[4]ta.ParamType{tVI, tMI, tNone, tNone}, crypDeriveKey},

	testta.CmdCrypAllocTransientObject:     {[4]ta.ParamType{tVI, tVO, tNone, tNone}, crypAllocTransientObject},
	testta.CmdCrypFreeTransientObject:      {[4]ta.ParamType{tVI, tNone, tNone, tNone}, func(p *ta.Params) error { objArg(p).Free(); return nil }},
	testta.CmdCrypResetTransientObject:     {[4]ta.ParamType{tVI, tNone, tNone, tNone}, func(p *ta.Params) error { objArg(p).Reset(); return nil }},
	testta.CmdCrypPopulateTransientObject:  {[4]ta.ParamType{tVI, tMI, tNone, tNone}, crypPopulateTransientObject},
	testta.CmdCrypCopyObjectAttributes:     {[4]ta.ParamType{tVI, tNone, tNone, tNone}, crypCopyObjectAttributes},
	testta.CmdCrypGenerateKey:              {[4]ta.ParamType{tVI, tMI, tNone, tNone}, crypGenerateKey},
	testta.CmdCrypGetObjectInfo:            {[4]ta.ParamType{tVI, tMO, tNone, tNone}, crypGetObjectInfo},
	testta.CmdCrypRestrictObjectUsage:      {[4]ta.ParamType{tVI, tNone, tNone, tNone}, crypRestrictObjectUsage},
	testta.CmdCrypGetObjectBufferAttribute: {[4]ta.ParamType{tVI, tMO, tNone, tNone}, crypGetObjectBufferAttribute},
	testta.CmdCrypGetObjectValueAttribute:  {[4]ta.ParamType{tVI, tVO, tNone, tNone}, crypGetObjectValueAttribute},
	testta.CmdCrypCloseObject:              {[4]ta.ParamType{tVI, tNone, tNone, tNone}, func(p *ta.Params) error { objArg(p).Close(); return nil }},

	testta.CmdCrypBench: {[4]ta.ParamType{tVI, tVI, tMI, tMIO}, crypBench},
}

// maxScratch bounds the buffer that stands in for a NULL output memref
// (see output); a quarter of the Go test TA's heap.
const maxScratch = testta.GoDataSize / 4

// inBuf returns memref i: the client's buffer, or nil for a NULL memref of
// size 0. A NULL memref announcing bytes cannot be read.
func inBuf(p *ta.Params, i int) ([]byte, error) {
	m := p.Memref(i)
	if m == nil && p.MemrefSize(i) != 0 {
		return nil, ta.ErrBadParameters
	}
	return m, nil
}

// outBuf returns the buffer for output memref i, whose length is the
// out-length the GP function gets: the client's buffer, or for a NULL
// memref a scratch buffer of the size it announces, so that the function
// sees the same length a C TA passes (and answers SHORT_BUFFER, or
// succeeds, alike).
func outBuf(p *ta.Params, i int) ([]byte, error) {
	if m := p.Memref(i); m != nil {
		return m, nil
	}
	n := p.MemrefSize(i)
	if n > maxScratch {
		return nil, ta.ErrBadParameters
	}
	if n == 0 {
		return nil, nil
	}
	return make([]byte, n), nil
}

// sized reports n, the bytes written or (SHORT_BUFFER) needed, as the size
// of output memref i; other errors leave the size as it was.
func sized(p *ta.Params, i, n int, err error) error {
	if err == nil || err == ta.ErrShortBuffer {
		p.SetMemrefSize(i, uint32(n))
	}
	return err
}

// attrs decodes the attributes of memref i (EncodeAttrs) into
// TEE_Attributes with the SDK's constructors, as the C TA uses
// TEE_InitRefAttribute and TEE_InitValueAttribute. Buffers alias the memref.
func attrs(p *ta.Params, i int) ([]ta.Attribute, error) {
	b, err := inBuf(p, i)
	if err != nil {
		return nil, err
	}
	l, err := testta.DecodeAttrs(b)
	if err != nil {
		return nil, ta.ErrBadParameters
	}
	out := make([]ta.Attribute, len(l))
	for j, a := range l {
		if a.ID&abi.AttrFlagValue != 0 {
			out[j] = ta.ValueAttribute(a.ID, a.A, a.B)
		} else {
			out[j] = ta.RefAttribute(a.ID, a.Ref)
		}
	}
	return out, nil
}

func opArg(p *ta.Params) ta.OperationHandle {
	a, _ := p.Value(0)
	return ta.OperationHandle(a)
}

func objArg(p *ta.Params) ta.ObjectHandle {
	a, _ := p.Value(0)
	return ta.ObjectHandle(a)
}

func putU32s(b []byte, vs ...uint32) {
	for i, v := range vs {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
}

// fixedOutput writes vs as little-endian u32s to output memref i (see
// outBuf), or answers SHORT_BUFFER with their size.
func fixedOutput(p *ta.Params, i int, vs ...uint32) error {
	out, err := outBuf(p, i)
	if err != nil {
		return err
	}
	need := 4 * len(vs)
	if len(out) < need {
		p.SetMemrefSize(i, uint32(need))
		return ta.ErrShortBuffer
	}
	putU32s(out, vs...)
	p.SetMemrefSize(i, uint32(need))
	return nil
}

func crypAllocOperation(p *ta.Params) error {
	alg, mode := p.Value(0)
	maxKeySize, _ := p.Value(1)
	op, err := ta.AllocateOperation(alg, mode, maxKeySize)
	p.SetValue(2, uint32(op), 0)
	return err
}

func crypGetOperationInfo(p *ta.Params) error {
	i := opArg(p).Info()
	return fixedOutput(p, 1, i.Algorithm, i.OperationClass, i.Mode, i.DigestLength, i.MaxKeySize,
		i.KeySize, i.RequiredKeyUsage, i.HandleState)
}

func crypGetOperationInfoMultiple(p *ta.Params) error {
	out, err := outBuf(p, 1)
	if err != nil {
		return err
	}
	n, err := opArg(p).InfoMultipleBytes(out)
	return sized(p, 1, n, err)
}

func crypSetOperationKey(p *ta.Params) error {
	op, key := p.Value(0)
	return ta.OperationHandle(op).SetKey(ta.ObjectHandle(key))
}

func crypSetOperationKey2(p *ta.Params) error {
	k1, k2 := p.Value(1)
	return opArg(p).SetKey2(ta.ObjectHandle(k1), ta.ObjectHandle(k2))
}

func crypCopyOperation(p *ta.Params) error {
	dst, src := p.Value(0)
	ta.OperationHandle(dst).Copy(ta.OperationHandle(src))
	return nil
}

func crypIsAlgorithmSupported(p *ta.Params) error {
	alg, element := p.Value(0)
	return ta.IsAlgorithmSupported(alg, element)
}

func crypDigestUpdate(p *ta.Params) error {
	in, err := inBuf(p, 1)
	if err != nil {
		return err
	}
	opArg(p).DigestUpdate(in)
	return nil
}

func crypDigestDoFinal(p *ta.Params) error {
	return crypInOut(ta.OperationHandle.DigestDoFinal)(p)
}

func crypDigestExtract(p *ta.Params) error {
	out, err := outBuf(p, 2)
	if err != nil {
		return err
	}
	return sized(p, 2, opArg(p).DigestExtract(out), nil)
}

// crypInOut runs f(op, memref[1], memref[2]), the shape of the update and
// final functions with one input and one output.
func crypInOut(f func(ta.OperationHandle, []byte, []byte) (int, error)) func(*ta.Params) error {
	return func(p *ta.Params) error {
		in, err := inBuf(p, 1)
		if err != nil {
			return err
		}
		out, err := outBuf(p, 2)
		if err != nil {
			return err
		}
		n, err := f(opArg(p), in, out)
		return sized(p, 2, n, err)
	}
}

func crypCipherInit(p *ta.Params) error {
	iv, err := inBuf(p, 1)
	if err != nil {
		return err
	}
	opArg(p).CipherInit(iv)
	return nil
}

func crypMACInit(p *ta.Params) error {
	iv, err := inBuf(p, 1)
	if err != nil {
		return err
	}
	opArg(p).MACInit(iv)
	return nil
}

func crypMACUpdate(p *ta.Params) error {
	in, err := inBuf(p, 1)
	if err != nil {
		return err
	}
	opArg(p).MACUpdate(in)
	return nil
}

func crypMACCompareFinal(p *ta.Params) error {
	msg, err := inBuf(p, 1)
	if err != nil {
		return err
	}
	mac, err := inBuf(p, 2)
	if err != nil {
		return err
	}
	return opArg(p).MACCompareFinal(msg, mac)
}

func crypAEInit(p *ta.Params) error {
	op, tagLen := p.Value(0)
	nonce, err := inBuf(p, 1)
	if err != nil {
		return err
	}
	aadLen, payloadLen := p.Value(2)
	return ta.OperationHandle(op).AEInit(nonce, tagLen, aadLen, payloadLen)
}

func crypAEUpdateAAD(p *ta.Params) error {
	aad, err := inBuf(p, 1)
	if err != nil {
		return err
	}
	opArg(p).AEUpdateAAD(aad)
	return nil
}

func crypAEEncryptFinal(p *ta.Params) error {
	in, err := inBuf(p, 1)
	if err != nil {
		return err
	}
	out, err := outBuf(p, 2)
	if err != nil {
		return err
	}
	tag, err := outBuf(p, 3)
	if err != nil {
		return err
	}
	n, tagN, err := opArg(p).AEEncryptFinal(in, out, tag)
	sized(p, 3, tagN, err)
	return sized(p, 2, n, err)
}

func crypAEDecryptFinal(p *ta.Params) error {
	in, err := inBuf(p, 1)
	if err != nil {
		return err
	}
	out, err := outBuf(p, 2)
	if err != nil {
		return err
	}
	tag, err := inBuf(p, 3)
	if err != nil {
		return err
	}
	n, err := opArg(p).AEDecryptFinal(in, out, tag)
	return sized(p, 2, n, err)
}

// crypAsymmetric runs f(op, memref[2], memref[3], attrs of memref[1]).
func crypAsymmetric(f func(ta.OperationHandle, []byte, []byte, ...ta.Attribute) (int, error)) func(*ta.Params) error {
	return func(p *ta.Params) error {
		params, err := attrs(p, 1)
		if err != nil {
			return err
		}
		in, err := inBuf(p, 2)
		if err != nil {
			return err
		}
		out, err := outBuf(p, 3)
		if err != nil {
			return err
		}
		n, err := f(opArg(p), in, out, params...)
		return sized(p, 3, n, err)
	}
}

func crypAsymmetricVerifyDigest(p *ta.Params) error {
	params, err := attrs(p, 1)
	if err != nil {
		return err
	}
	digest, err := inBuf(p, 2)
	if err != nil {
		return err
	}
	sig, err := inBuf(p, 3)
	if err != nil {
		return err
	}
	return opArg(p).AsymmetricVerifyDigest(digest, sig, params...)
}

func crypDeriveKey(p *ta.Params) error {
	op, derived := p.Value(0)
	params, err := attrs(p, 1)
	if err != nil {
		return err
	}
	ta.OperationHandle(op).DeriveKey(ta.ObjectHandle(derived), params...)
	return nil
}

func crypAllocTransientObject(p *ta.Params) error {
	typ, maxSize := p.Value(0)
	obj, err := ta.AllocateTransientObject(typ, maxSize)
	p.SetValue(1, uint32(obj), 0)
	return err
}

func crypPopulateTransientObject(p *ta.Params) error {
	a, err := attrs(p, 1)
	if err != nil {
		return err
	}
	return objArg(p).Populate(a...)
}

func crypCopyObjectAttributes(p *ta.Params) error {
	dst, src := p.Value(0)
	return ta.ObjectHandle(dst).CopyAttributesFrom(ta.ObjectHandle(src))
}

func crypGenerateKey(p *ta.Params) error {
	obj, size := p.Value(0)
	params, err := attrs(p, 1)
	if err != nil {
		return err
	}
	return ta.ObjectHandle(obj).GenerateKey(size, params...)
}

func crypGetObjectInfo(p *ta.Params) error {
	i, err := objArg(p).Info()
	if err != nil {
		return err
	}
	return fixedOutput(p, 1, i.ObjectType, i.ObjectSize, i.MaxObjectSize, i.ObjectUsage,
		i.DataSize, i.DataPosition, i.HandleFlags)
}

func crypRestrictObjectUsage(p *ta.Params) error {
	obj, usage := p.Value(0)
	return ta.ObjectHandle(obj).RestrictUsage(usage)
}

func crypGetObjectBufferAttribute(p *ta.Params) error {
	obj, id := p.Value(0)
	out, err := outBuf(p, 1)
	if err != nil {
		return err
	}
	n, err := ta.ObjectHandle(obj).BufferAttribute(id, out)
	return sized(p, 1, n, err)
}

func crypGetObjectValueAttribute(p *ta.Params) error {
	obj, id := p.Value(0)
	a, b, err := ta.ObjectHandle(obj).ValueAttribute(id)
	p.SetValue(1, a, b)
	return err
}

// crypBench is CmdCrypBench: iterations of one whole operation on op, so
// that a benchmark measures the TA API rather than the invoke path. It
// stops at the first error; the result and memref[3]'s size are the last
// iteration's.
func crypBench(p *ta.Params) error {
	opv, iters := p.Value(0)
	kind, objv := p.Value(1)
	op, obj := ta.OperationHandle(opv), ta.ObjectHandle(objv)
	in, err := inBuf(p, 2)
	if err != nil {
		return err
	}
	out, err := outBuf(p, 3)
	if err != nil {
		return err
	}
	step, err := benchStep(kind, op, obj, in, out)
	if err != nil {
		return err
	}
	n := -1 // no output yet: memref[3] keeps its size
	for range iters {
		if n, err = step(); err != nil && err != ta.ErrShortBuffer {
			return err
		}
		if err != nil {
			break
		}
	}
	if n >= 0 {
		p.SetMemrefSize(3, uint32(n))
	}
	return err
}

// benchStep returns one iteration of operation kind (testta.CrypBench*):
// the bytes it writes to out (-1: tNone), and its result.
func benchStep(kind uint32, op ta.OperationHandle, obj ta.ObjectHandle, in, out []byte) (func() (int, error), error) {
	switch kind {
	case testta.CrypBenchDigest:
		return func() (int, error) { return op.DigestDoFinal(in, out) }, nil
	case testta.CrypBenchCipher:
		iv := benchIV(op)
		return func() (int, error) {
			op.CipherInit(iv)
			return op.CipherDoFinal(in, out)
		}, nil
	case testta.CrypBenchMAC:
		return func() (int, error) {
			op.MACInit(nil)
			return op.MACComputeFinal(in, out)
		}, nil
	case testta.CrypBenchAEEnc:
		var nonce [12]byte
		t := min(16, len(out)) // the tag goes at the end of out
		return func() (int, error) {
			if err := op.AEInit(nonce[:], 128, 0, uint32(len(in))); err != nil {
				return -1, err
			}
			n, tagN, err := op.AEEncryptFinal(in, out[:len(out)-t], out[len(out)-t:])
			if err == nil && n < len(out)-t {
				copy(out[n:], out[len(out)-t:][:tagN])
			}
			return n + tagN, err
		}, nil
	case testta.CrypBenchSign:
		return func() (int, error) { return op.AsymmetricSignDigest(in, out) }, nil
	case testta.CrypBenchVerify:
		return func() (int, error) { return -1, op.AsymmetricVerifyDigest(in, out) }, nil
	case testta.CrypBenchDerive:
		return benchDerive(op, obj, in)
	}
	return nil, ta.ErrBadParameters
}

func benchDerive(op ta.OperationHandle, obj ta.ObjectHandle, in []byte) (func() (int, error), error) {
	l, err := testta.DecodeAttrs(in)
	if err != nil {
		return nil, ta.ErrBadParameters
	}
	params := make([]ta.Attribute, len(l))
	for i, a := range l {
		params[i] = ta.Attribute{ID: a.ID, Ref: a.Ref, A: a.A, B: a.B}
	}
	return func() (int, error) {
		obj.Reset()
		op.DeriveKey(obj, params...)
		return -1, nil
	}, nil
}

// benchIV is the all-zero IV of op's algorithm: tNone for ECB, one block
// otherwise (8 bytes for DES and 3DES, 16 for AES and SM4).
func benchIV(op ta.OperationHandle) []byte {
	switch alg := op.Info().Algorithm; alg {
	case ta.AlgAESECBNoPad, ta.AlgDESECBNoPad, ta.AlgDES3ECBNoPad, ta.AlgSM4ECBNoPad, ta.AlgSM4ECBPKCS5:
		return nil
	case ta.AlgDESCBCNoPad, ta.AlgDES3CBCNoPad:
		return make([]byte, 8)
	}
	return make([]byte, 16)
}

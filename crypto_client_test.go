package veritee_test

import (
	"context"
	"encoding/binary"
	"errors"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto"
	"github.com/veritee/veritee/internal/gpcrypto/conform"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/teec"
)

// cryptTA is the GP crypto API of a test TA driven from the client, one GP
// function per command (testta.CmdCryp*): conform's suites run through it,
// so every known answer is checked through the TA SDK, the system calls and
// the engine together.
//
// GP makes the TA panic where the engine alone returns an error (a nonce
// length AEInit does not take, a peer point TEE_DeriveKey refuses): the
// instance dies. cryptTA then counts the call as rejected, as GP's TA would
// have been stopped there, and opens a new session; handles from the dead
// instance are refused without a call.
type cryptTA struct {
	t      testing.TB
	c      *teec.Context
	uuid   abi.UUID
	s      *teec.Session
	gen    int // incremented per session
	deaths int
	stride int // conform.Sampler: run every stride-th Wycheproof case
}

// Stride implements conform.Sampler.
func (c *cryptTA) Stride() int { return c.stride }

func newCryptTA(t testing.TB, c *teec.Context, uuid abi.UUID) *cryptTA {
	ct := &cryptTA{t: t, c: c, uuid: uuid, s: open(t, c, uuid)}
	t.Cleanup(func() {
		if ct.deaths > 0 {
			t.Logf("%d calls panicked the TA (counted as rejections)", ct.deaths)
		}
	})
	return ct
}

type taObj struct {
	c   *cryptTA
	h   uint32
	gen int
}

type taOp struct {
	c   *cryptTA
	h   uint32
	gen int
}

// errPanicked is a call that panicked the TA.
var errPanicked = &gpcrypto.Error{Code: abi.ErrTargetDead, Msg: "the TA panicked"}

// Parameter shorthands.
func vin(a, b uint32) teec.Parameter { return &teec.Value{Type: teec.ValueInput, A: a, B: b} }
func vout() *teec.Value              { return &teec.Value{Type: teec.ValueOutput} }
func min_(b []byte) teec.Parameter {
	return &teec.TempMemoryReference{Type: teec.MemrefTempInput, Buffer: b, Size: uint64(len(b))}
}
func mout(b []byte) *teec.TempMemoryReference {
	return &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: b, Size: uint64(len(b))}
}

// invoke runs one command on handles of session generation gen. Results
// come back as *gpcrypto.Error so that conform judges them as it judges
// the engine's.
func (c *cryptTA) invoke(gen int, cmd uint32, ps ...teec.Parameter) error {
	if gen != c.gen {
		return errPanicked
	}
	op := &teec.Operation{}
	copy(op.Params[:], ps)
	err := c.s.InvokeCommand(context.Background(), cmd, op)
	if err == nil {
		return nil
	}
	if errors.Is(err, teec.ErrTargetDead) {
		c.deaths++
		c.s.Close()
		c.s = open(c.t, c.c, c.uuid)
		c.gen++
		return errPanicked
	}
	r, _ := teec.ResultOf(err)
	return &gpcrypto.Error{Code: abi.Result(r), Msg: err.Error()}
}

// sized reports an output's length: the bytes written, or the size needed
// with SHORT_BUFFER.
func sized(err error, m *teec.TempMemoryReference) (int, error) {
	if err != nil && gpcrypto.ResultOf(err) == abi.ErrShortBuffer {
		err = &gpcrypto.Error{Code: abi.ErrShortBuffer, Needed: int(m.Size)}
	}
	return int(m.Size), err
}

func attrs(as []gpcrypto.Attribute) []byte {
	out := make([]testta.Attr, len(as))
	for i, a := range as {
		out[i] = testta.Attr{ID: a.ID, Ref: a.Ref, A: a.A, B: a.B}
	}
	return testta.EncodeAttrs(out)
}

func (c *cryptTA) NewObject(typ, max uint32) (conform.Object, error) {
	h := vout()
	if err := c.invoke(c.gen, testta.CmdCrypAllocTransientObject, vin(typ, max), h); err != nil {
		return nil, err
	}
	return taObj{c, h.A, c.gen}, nil
}

func (c *cryptTA) NewOperation(alg, mode, max uint32) (conform.Operation, error) {
	h := vout()
	if err := c.invoke(c.gen, testta.CmdCrypAllocOperation, vin(alg, mode), vin(max, 0), h); err != nil {
		return nil, err
	}
	return taOp{c, h.A, c.gen}, nil
}

func (o taObj) Populate(as []gpcrypto.Attribute) error {
	return o.c.invoke(o.gen, testta.CmdCrypPopulateTransientObject, vin(o.h, 0), min_(attrs(as)))
}

func (o taObj) BufferAttribute(id uint32, dst []byte) (int, error) {
	m := mout(dst)
	return sized(o.c.invoke(o.gen, testta.CmdCrypGetObjectBufferAttribute, vin(o.h, id), m), m)
}

func (o taObj) Generate(size uint32, ps []gpcrypto.Attribute) error {
	return o.c.invoke(o.gen, testta.CmdCrypGenerateKey, vin(o.h, size), min_(attrs(ps)))
}

func (o taObj) Info() (gpcrypto.ObjectInfo, error) {
	b := make([]byte, abi.ObjectInfoSize)
	err := o.c.invoke(o.gen, testta.CmdCrypGetObjectInfo, vin(o.h, 0), mout(b))
	u := u32s(b)
	return gpcrypto.ObjectInfo{ObjectType: u[0], ObjectSize: u[1], MaxObjectSize: u[2], ObjectUsage: u[3],
		DataSize: u[4], DataPosition: u[5], HandleFlags: u[6]}, err
}

func u32s(b []byte) []uint32 {
	out := make([]uint32, len(b)/4)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return out
}

// handle is the TA handle of an object of op's generation, 0 for nil.
func (op taOp) handle(o conform.Object) (uint32, bool) {
	if o == nil {
		return 0, true
	}
	x := o.(taObj)
	return x.h, x.gen == op.gen
}

func (op taOp) SetKey2(a, b conform.Object) error {
	ha, ok1 := op.handle(a)
	hb, ok2 := op.handle(b)
	if !ok1 || !ok2 {
		return errPanicked
	}
	return op.c.invoke(op.gen, testta.CmdCrypSetOperationKey2, vin(op.h, 0), vin(ha, hb))
}

func (op taOp) Info() (gpcrypto.OperationInfo, error) {
	b := make([]byte, abi.OperationInfoSize)
	err := op.c.invoke(op.gen, testta.CmdCrypGetOperationInfo, vin(op.h, 0), mout(b))
	u := u32s(b)
	return gpcrypto.OperationInfo{Algorithm: u[0], OperationClass: u[1], Mode: u[2], DigestLength: u[3],
		MaxKeySize: u[4], KeySize: u[5], RequiredKeyUsage: u[6], HandleState: u[7]}, err
}

func (op taOp) Reset() error { return op.c.invoke(op.gen, testta.CmdCrypResetOperation, vin(op.h, 0)) }

func (op taOp) CopyFrom(src conform.Operation) error {
	if src.(taOp).gen != op.gen {
		return errPanicked
	}
	return op.c.invoke(op.gen, testta.CmdCrypCopyOperation, vin(op.h, src.(taOp).h))
}

func (op taOp) DigestUpdate(in []byte) error {
	return op.c.invoke(op.gen, testta.CmdCrypDigestUpdate, vin(op.h, 0), min_(in))
}

func (op taOp) DigestDoFinal(in, out []byte) (int, error) {
	m := mout(out)
	return sized(op.c.invoke(op.gen, testta.CmdCrypDigestDoFinal, vin(op.h, 0), min_(in), m), m)
}

func (op taOp) DigestExtract(out []byte) (int, error) {
	m := mout(out)
	return sized(op.c.invoke(op.gen, testta.CmdCrypDigestExtract, vin(op.h, 0), nil, m), m)
}

func (op taOp) CipherUpdate(in, out []byte) (int, error) {
	m := mout(out)
	return sized(op.c.invoke(op.gen, testta.CmdCrypCipherUpdate, vin(op.h, 0), min_(in), m), m)
}

func (op taOp) MACUpdate(in []byte) error {
	return op.c.invoke(op.gen, testta.CmdCrypMACUpdate, vin(op.h, 0), min_(in))
}

func (op taOp) AEUpdate(in, out []byte) (int, error) {
	m := mout(out)
	return sized(op.c.invoke(op.gen, testta.CmdCrypAEUpdate, vin(op.h, 0), min_(in), m), m)
}

func (op taOp) AsymmetricEncrypt(ps []gpcrypto.Attribute, in, out []byte) (int, error) {
	m := mout(out)
	return sized(op.c.invoke(op.gen, testta.CmdCrypAsymmetricEncrypt, vin(op.h, 0), min_(attrs(ps)), min_(in), m), m)
}

func (op taOp) AsymmetricSignDigest(ps []gpcrypto.Attribute, digest, sig []byte) (int, error) {
	m := mout(sig)
	return sized(op.c.invoke(op.gen, testta.CmdCrypAsymmetricSignDigest, vin(op.h, 0), min_(attrs(ps)), min_(digest), m), m)
}

func (o taObj) Close() { o.c.invoke(o.gen, testta.CmdCrypFreeTransientObject, vin(o.h, 0)) }

func (op taOp) SetKey(k conform.Object) error {
	h, ok := op.handle(k)
	if !ok {
		return errPanicked
	}
	return op.c.invoke(op.gen, testta.CmdCrypSetOperationKey, vin(op.h, h))
}

func (op taOp) CipherInit(iv []byte) error {
	return op.c.invoke(op.gen, testta.CmdCrypCipherInit, vin(op.h, 0), min_(iv))
}

func (op taOp) CipherDoFinal(in, out []byte) (int, error) {
	m := mout(out)
	return sized(op.c.invoke(op.gen, testta.CmdCrypCipherDoFinal, vin(op.h, 0), min_(in), m), m)
}

func (op taOp) MACInit(iv []byte) error {
	return op.c.invoke(op.gen, testta.CmdCrypMACInit, vin(op.h, 0), min_(iv))
}

func (op taOp) MACComputeFinal(in, out []byte) (int, error) {
	m := mout(out)
	return sized(op.c.invoke(op.gen, testta.CmdCrypMACComputeFinal, vin(op.h, 0), min_(in), m), m)
}

func (op taOp) MACCompareFinal(in, mac []byte) error {
	return op.c.invoke(op.gen, testta.CmdCrypMACCompareFinal, vin(op.h, 0), min_(in), min_(mac))
}

func (op taOp) AEInit(nonce []byte, tagBits uint32, aadLen, payloadLen uint64) error {
	return op.c.invoke(op.gen, testta.CmdCrypAEInit, vin(op.h, tagBits), min_(nonce), vin(uint32(aadLen), uint32(payloadLen)))
}

func (op taOp) AEUpdateAAD(aad []byte) error {
	return op.c.invoke(op.gen, testta.CmdCrypAEUpdateAAD, vin(op.h, 0), min_(aad))
}

func (op taOp) AEEncryptFinal(in, out, tag []byte) (int, int, error) {
	m, tm := mout(out), mout(tag)
	err := op.c.invoke(op.gen, testta.CmdCrypAEEncryptFinal, vin(op.h, 0), min_(in), m, tm)
	n, err := sized(err, m)
	return n, int(tm.Size), err
}

func (op taOp) AEDecryptFinal(in, out, tag []byte) (int, error) {
	m := mout(out)
	return sized(op.c.invoke(op.gen, testta.CmdCrypAEDecryptFinal, vin(op.h, 0), min_(in), m, min_(tag)), m)
}

func (op taOp) AsymmetricDecrypt(ps []gpcrypto.Attribute, in, out []byte) (int, error) {
	m := mout(out)
	return sized(op.c.invoke(op.gen, testta.CmdCrypAsymmetricDecrypt, vin(op.h, 0), min_(attrs(ps)), min_(in), m), m)
}

func (op taOp) AsymmetricVerifyDigest(ps []gpcrypto.Attribute, digest, sig []byte) error {
	return op.c.invoke(op.gen, testta.CmdCrypAsymmetricVerifyDigest, vin(op.h, 0), min_(attrs(ps)), min_(digest), min_(sig))
}

func (op taOp) DeriveKey(ps []gpcrypto.Attribute, d conform.Object) error {
	if d.(taObj).gen != op.gen {
		return errPanicked
	}
	return op.c.invoke(op.gen, testta.CmdCrypDeriveKey, vin(op.h, d.(taObj).h), min_(attrs(ps)))
}

func (op taOp) Close() { op.c.invoke(op.gen, testta.CmdCrypFreeOperation, vin(op.h, 0)) }

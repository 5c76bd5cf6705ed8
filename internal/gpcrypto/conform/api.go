// Package conform runs conformance suites against any implementation of
// the GP TEE Internal Core crypto API: the engine called directly
// (Direct), or a real Trusted Application driven through the Client API,
// which is how the root tests run them through both the C and the Go TA
// SDK. The suites are written once, against API, so what is checked in the
// engine is exactly what is checked through a TA:
//
//   - Wycheproof: every Wycheproof file Veritee's algorithms have;
//   - KnownAnswers: the published NIST, RFC and GB/T vectors;
//   - Behaviour: for every supported algorithm the round trip (checked
//     against the engine and Go), SHORT_BUFFER, wrong key types, sizes and
//     modes, the misuse GP makes panic, copies mid-stream, tampered tags
//     and signatures, and truthful NOT_SUPPORTED answers.
//
// A call GP makes panic ends a TA instance and every handle in it, so the
// suites check each panic in a scenario of its own, with objects made
// afresh from bytes the suite holds.
//
// Policy for Wycheproof's "acceptable" cases: either answer passes, both
// are recorded and logged (wycheproof.Checker); flags with a fixed answer
// are pinned there. An input the GP API itself refuses (a key size or tag
// length GP does not define: NOT_SUPPORTED from AllocateTransientObject or
// AEInit) counts as a rejection; a "valid" case outside GP's parameter
// space is skipped and counted, never silently passed.
package conform

import (
	"crypto"
	"crypto/rand"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto"
)

// API is the part of the GP crypto API the suites use. Errors carry their
// GP result as a *gpcrypto.Error (gpcrypto.ResultOf works on them).
type API interface {
	NewObject(objType, maxSize uint32) (Object, error)
	NewOperation(alg, mode, maxKeySize uint32) (Operation, error)
}

// Object is a transient object.
type Object interface {
	Populate(attrs []gpcrypto.Attribute) error
	Generate(keySize uint32, params []gpcrypto.Attribute) error
	BufferAttribute(id uint32, dst []byte) (int, error)
	Info() (gpcrypto.ObjectInfo, error)
	Close()
}

// Operation is a cryptographic operation. A call that GP makes panic
// returns an error for which IsPanic holds (a TA backend has then lost the
// instance and every handle in it).
type Operation interface {
	SetKey(key Object) error
	SetKey2(a, b Object) error
	Info() (gpcrypto.OperationInfo, error)
	Reset() error
	// CopyFrom is TEE_CopyOperation(op, src).
	CopyFrom(src Operation) error
	DigestUpdate(in []byte) error
	DigestDoFinal(in, out []byte) (int, error)
	DigestExtract(out []byte) (int, error)
	CipherInit(iv []byte) error
	CipherUpdate(in, out []byte) (int, error)
	CipherDoFinal(in, out []byte) (int, error)
	MACInit(iv []byte) error
	MACUpdate(in []byte) error
	MACComputeFinal(in, out []byte) (int, error)
	MACCompareFinal(in, mac []byte) error
	AEInit(nonce []byte, tagBits uint32, aadLen, payloadLen uint64) error
	AEUpdateAAD(aad []byte) error
	AEUpdate(in, out []byte) (int, error)
	AEEncryptFinal(in, out, tag []byte) (n, tagN int, err error)
	AEDecryptFinal(in, out, tag []byte) (int, error)
	AsymmetricEncrypt(params []gpcrypto.Attribute, in, out []byte) (int, error)
	AsymmetricDecrypt(params []gpcrypto.Attribute, in, out []byte) (int, error)
	AsymmetricSignDigest(params []gpcrypto.Attribute, digest, sig []byte) (int, error)
	AsymmetricVerifyDigest(params []gpcrypto.Attribute, digest, sig []byte) error
	DeriveKey(params []gpcrypto.Attribute, derived Object) error
	Close()
}

// AlgorithmSupporter is an API that can also ask
// TEE_IsAlgorithmSupported (GPD_SPE_010 §6.2.9): nil for supported,
// NOT_SUPPORTED otherwise. The suites use it when the backend has it.
type AlgorithmSupporter interface {
	IsAlgorithmSupported(alg, element uint32) error
}

// IsPanic reports whether err is a call that panicked the TA: a
// *gpcrypto.Panic from the engine, TARGET_DEAD from a TA.
func IsPanic(err error) bool {
	return gpcrypto.IsPanic(err) || gpcrypto.ResultOf(err) == abi.ErrTargetDead
}

// Direct is the engine itself.
func Direct() API { return direct{} }

type direct struct{}

func (direct) IsAlgorithmSupported(alg, element uint32) error {
	if gpcrypto.IsAlgorithmSupported(alg, element) {
		return nil
	}
	return gpcrypto.ErrNotSupported
}

type dObj struct{ *gpcrypto.Object }

func (o dObj) Close()                             { o.Zero() }
func (o dObj) Info() (gpcrypto.ObjectInfo, error) { return o.Object.Info(), nil }
func (o dObj) Generate(size uint32, p []gpcrypto.Attribute) error {
	return o.Object.Generate(size, p, rand.Reader)
}

type dOp struct{ *gpcrypto.Operation }

func (op dOp) Info() (gpcrypto.OperationInfo, error) { return op.Operation.Info(), nil }
func (op dOp) CopyFrom(src Operation) error          { return src.(dOp).CopyTo(op.Operation) }
func (op dOp) SetKey(k Object) error {
	if k == nil {
		return op.Operation.SetKey(nil)
	}
	return op.Operation.SetKey(k.(dObj).Object)
}
func (op dOp) SetKey2(a, b Object) error {
	var x, y *gpcrypto.Object
	if a != nil {
		x = a.(dObj).Object
	}
	if b != nil {
		y = b.(dObj).Object
	}
	return op.Operation.SetKey2(x, y)
}
func (op dOp) DeriveKey(p []gpcrypto.Attribute, d Object) error {
	return op.Operation.DeriveKey(p, d.(dObj).Object)
}
func (op dOp) Close() { op.Free() }

func (direct) NewObject(typ, max uint32) (Object, error) {
	o, err := gpcrypto.NewObject(typ, max)
	if err != nil {
		return nil, err
	}
	return dObj{o}, nil
}

func (direct) NewOperation(alg, mode, max uint32) (Operation, error) {
	op, err := gpcrypto.NewOperation(alg, mode, max)
	if err != nil {
		return nil, err
	}
	return dOp{op}, nil
}

// hashOf is the digest a signature suite passes to VerifyDigest; h == 0
// passes the message itself (EdDSA).
func hashOf(h crypto.Hash, msg []byte) []byte {
	if h == 0 {
		return msg
	}
	d := h.New()
	d.Write(msg)
	return d.Sum(nil)
}

package ta

// cryptoCore is the part of core that serves the cryptographic system calls
// (abi.SysCrypObjGetInfo .. abi.SysDeriveKey), one method per call, in Go
// types: buffers are slices whose length is the capacity the TA offers, and
// the int results are the lengths the core writes back (with
// ErrShortBuffer, the lengths needed). Handles are the core's numbers. As
// the real core does, an implementation ends the instance (core.panic)
// where GP says the implementation panics, so these methods return only
// results the TA may see.
type cryptoCore interface {
	objGetInfo(obj uint32) (ObjectInfo, Result)
	objRestrictUsage(obj, usage uint32) Result
	// objGetAttr writes a buffer attribute into buf, or a value attribute
	// as two little-endian u32 (a, b), 8 bytes.
	objGetAttr(obj, id uint32, buf []byte) (int, Result)
	objAlloc(typ, maxSize uint32) (uint32, Result)
	objClose(obj uint32) Result
	objReset(obj uint32) Result
	objPopulate(obj uint32, attrs []Attribute) Result
	objCopy(dst, src uint32) Result
	objGenerateKey(obj, keySize uint32, params []Attribute) Result

	stateAlloc(alg, mode, maxKeySize uint32) (uint32, Result)
	stateFree(op uint32) Result
	stateCopy(dst, src uint32) Result
	stateInfo(op uint32) (OperationInfo, Result)
	// stateInfoMultiple writes the TEE_OperationInfoMultiple in its C
	// layout into buf.
	stateInfoMultiple(op uint32, buf []byte) (int, Result)
	stateReset(op uint32) Result
	stateSetKey(op, nkeys, key1, key2 uint32) Result
	isAlgSupported(alg, element uint32) Result

	hashUpdate(op uint32, chunk []byte) Result
	hashFinal(op uint32, chunk, hash []byte) (int, Result)
	hashExtract(op uint32, hash []byte) (int, Result)
	cipherInit(op uint32, iv []byte) Result
	cipherUpdate(op uint32, src, dst []byte) (int, Result)
	cipherFinal(op uint32, src, dst []byte) (int, Result)
	macInit(op uint32, iv []byte) Result
	macUpdate(op uint32, chunk []byte) Result
	macFinalCompute(op uint32, msg, mac []byte) (int, Result)
	macFinalCompare(op uint32, msg, mac []byte) Result
	authencInit(op uint32, nonce []byte, tagLen, aadLen, payloadLen uint32) Result
	authencUpdateAAD(op uint32, aad []byte) Result
	authencUpdatePayload(op uint32, src, dst []byte) (int, Result)
	// authencEncFinal returns the lengths of dst and tag.
	authencEncFinal(op uint32, src, dst, tag []byte) (int, int, Result)
	authencDecFinal(op uint32, src, dst, tag []byte) (int, Result)
	asymmOperate(op uint32, params []Attribute, src, dst []byte) (int, Result)
	asymmVerify(op uint32, params []Attribute, digest, sig []byte) Result
	deriveKey(op uint32, params []Attribute, derived uint32) Result
}

// allowed returns r as an error when it is one of the results the GP
// function may return (Success gives nil), and panics the TA with r
// otherwise, as OP-TEE's libutee does: such a result means the TA misused
// the API in a way the core reported instead of panicking itself.
func allowed(r Result, ok ...Result) error {
	if r == Success {
		return nil
	}
	for _, o := range ok {
		if r == o {
			return r
		}
	}
	Panic(r)
	return r // not reached
}

// mustSucceed panics the TA unless r is Success: for the GP functions
// that return nothing.
func mustSucceed(r Result) {
	if r != Success {
		Panic(r)
	}
}

// outLen checks a length the core wrote back for an output of capacity
// capacity and returns it: the bytes written on success, the size needed
// with ErrShortBuffer, 0 after any other result (the core then leaves the
// length alone). A core that writes past capacity has a bug; the TA must
// not read past its buffer, so it dies.
func outLen(n, capacity int, r Result) int {
	switch {
	case r == ErrShortBuffer:
		return n
	case r != Success:
		return 0
	case n > capacity:
		Panic(ErrGeneric)
	}
	return n
}

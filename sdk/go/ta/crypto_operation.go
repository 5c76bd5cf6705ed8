package ta

import (
	"encoding/binary"

	"github.com/veritee/veritee/internal/abi"
)

// Generic operation functions (GPD_SPE_010 §6.2).

// AllocateOperation is TEE_AllocateOperation (§6.2.1): a new operation of
// algorithm alg (Alg*) in mode (Mode*), for keys of up to maxKeySize bits
// (for two-key algorithms, the sum of both). Results: ErrOutOfMemory (the
// instance holds too many handles), ErrNotSupported (an algorithm, mode or
// key size the core does not offer).
func AllocateOperation(alg, mode, maxKeySize uint32) (OperationHandle, error) {
	h, r := sys.stateAlloc(alg, mode, maxKeySize)
	if err := allowed(r, ErrOutOfMemory, ErrNotSupported); err != nil {
		return HandleNull, err
	}
	return OperationHandle(h), nil
}

// Free is TEE_FreeOperation (§6.2.2): it frees the operation, the core
// zeroing its keys and state. Freeing HandleNull does nothing.
func (op OperationHandle) Free() { mustSucceed(sys.stateFree(uint32(op))) }

// Info is TEE_GetOperationInfo (§6.2.3).
func (op OperationHandle) Info() OperationInfo {
	info, r := sys.stateInfo(uint32(op))
	mustSucceed(r)
	return info
}

// InfoMultiple is TEE_GetOperationInfoMultiple (§6.2.4), with room for
// every key of the operation.
func (op OperationHandle) InfoMultiple() OperationInfoMultiple {
	buf := make([]byte, abi.OperationInfoMultipleHeaderSize+2*abi.OperationInfoKeySize)
	for {
		n, err := op.InfoMultipleBytes(buf)
		if err == nil {
			return decodeInfoMultiple(buf[:n])
		}
		if n <= len(buf) {
			Panic(ErrGeneric) // a core bug: SHORT_BUFFER without a larger size
		}
		buf = make([]byte, n)
	}
}

// InfoMultipleBytes is TEE_GetOperationInfoMultiple (§6.2.4) as C calls it:
// it writes the TEE_OperationInfoMultiple in its C layout (little-endian
// u32s, the header then one TEE_OperationInfoKey per key) into buf, whose
// length is the operationSize, and returns the bytes written. Results:
// ErrShortBuffer when buf has no room for the header and every key, n then
// being the size needed.
func (op OperationHandle) InfoMultipleBytes(buf []byte) (n int, err error) {
	n, r := sys.stateInfoMultiple(uint32(op), buf)
	return outLen(n, len(buf), r), allowed(r, ErrShortBuffer)
}

// decodeInfoMultiple reads the C layout InfoMultipleBytes writes.
func decodeInfoMultiple(b []byte) OperationInfoMultiple {
	if len(b) < abi.OperationInfoMultipleHeaderSize {
		Panic(ErrGeneric)
	}
	u := func(i int) uint32 { return binary.LittleEndian.Uint32(b[4*i:]) }
	info := OperationInfoMultiple{
		Algorithm: u(0), OperationClass: u(1), Mode: u(2), DigestLength: u(3),
		MaxKeySize: u(4), HandleState: u(5), OperationState: u(6),
	}
	keys := u(7)
	if uint64(keys) > uint64((len(b)-abi.OperationInfoMultipleHeaderSize)/abi.OperationInfoKeySize) {
		Panic(ErrGeneric) // a core bug: more keys than it wrote
	}
	for i := range int(keys) {
		info.Keys = append(info.Keys, OperationInfoKey{KeySize: u(8 + 2*i), RequiredKeyUsage: u(9 + 2*i)})
	}
	return info
}

// Reset is TEE_ResetOperation (§6.2.5): the operation returns to the
// initial state, keeping its key.
func (op OperationHandle) Reset() { mustSucceed(sys.stateReset(uint32(op))) }

// SetKey is TEE_SetOperationKey (§6.2.7): the operation takes a copy of
// key's material; HandleNull clears the key. Results: ErrCorruptObject,
// ErrStorageNotAvailable (a persistent key). The core panics the TA for a
// digest or two-key operation, an operation not in the initial state, or
// a key of the wrong type, size or usage.
func (op OperationHandle) SetKey(key ObjectHandle) error {
	return allowed(sys.stateSetKey(uint32(op), 1, uint32(key), 0), ErrCorruptObject, ErrStorageNotAvailable)
}

// SetKey2 is TEE_SetOperationKey2 (§6.2.8), for the two keys of AES-XTS,
// SM4-XTS and SM2 KEP; two HandleNull clear them. Results: ErrSecurity (the
// two XTS keys are the same), ErrCorruptObject, ErrCorruptObject2,
// ErrStorageNotAvailable, ErrStorageNotAvailable2. Panics as SetKey.
func (op OperationHandle) SetKey2(key1, key2 ObjectHandle) error {
	return allowed(sys.stateSetKey(uint32(op), 2, uint32(key1), uint32(key2)),
		ErrSecurity, ErrCorruptObject, ErrCorruptObject2, ErrStorageNotAvailable, ErrStorageNotAvailable2)
}

// Copy is TEE_CopyOperation(op, src) (§6.2.6): op becomes a copy of src,
// key and running state included. Both must have the same algorithm and
// mode, and op room for src's key, or the core panics the TA.
func (op OperationHandle) Copy(src OperationHandle) {
	mustSucceed(sys.stateCopy(uint32(op), uint32(src)))
}

// IsAlgorithmSupported is TEE_IsAlgorithmSupported (§6.2.9): nil when the
// core implements alg with element (an ECCCurve* or CryptoElementNone),
// else ErrNotSupported.
func IsAlgorithmSupported(alg, element uint32) error {
	return allowed(sys.isAlgSupported(alg, element), ErrNotSupported)
}

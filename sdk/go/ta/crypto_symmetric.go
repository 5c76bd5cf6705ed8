package ta

// Digests, symmetric ciphers and MACs (GPD_SPE_010 §6.3, §6.4, §6.5). An
// output is a slice whose length is the room the TA offers; the int
// returned is the bytes written or, with ErrShortBuffer, the bytes needed
// (nothing is consumed then, so the call can be repeated with a larger
// buffer).

// DigestUpdate is TEE_DigestUpdate (§6.3.1).
func (op OperationHandle) DigestUpdate(chunk []byte) {
	mustSucceed(sys.hashUpdate(uint32(op), chunk))
}

// DigestDoFinal is TEE_DigestDoFinal (§6.3.2): it hashes chunk and writes
// the digest to hash; the operation then starts over. Results:
// ErrShortBuffer.
func (op OperationHandle) DigestDoFinal(chunk, hash []byte) (int, error) {
	n, r := sys.hashFinal(uint32(op), chunk, hash)
	return outLen(n, len(hash), r), allowed(r, ErrShortBuffer)
}

// DigestExtract is TEE_DigestExtract (§6.3.3): it writes the next bytes of
// the digest to hash and returns how many: len(hash) for SHAKE128 and
// SHAKE256, at most the digest's remaining bytes otherwise. The operation
// stays extracting until Reset.
func (op OperationHandle) DigestExtract(hash []byte) int {
	n, r := sys.hashExtract(uint32(op), hash)
	mustSucceed(r)
	return outLen(n, len(hash), r)
}

// CipherInit is TEE_CipherInit (§6.4.1) with the IV iv (nil for ECB).
func (op OperationHandle) CipherInit(iv []byte) {
	mustSucceed(sys.cipherInit(uint32(op), iv))
}

// CipherUpdate is TEE_CipherUpdate (§6.4.2): it encrypts or decrypts src
// into dst, block modes holding back a partial block. src and dst may be
// the same buffer. Results: ErrShortBuffer.
func (op OperationHandle) CipherUpdate(src, dst []byte) (int, error) {
	n, r := sys.cipherUpdate(uint32(op), src, dst)
	return outLen(n, len(dst), r), allowed(r, ErrShortBuffer)
}

// CipherDoFinal is TEE_CipherDoFinal (§6.4.3): as CipherUpdate, then it
// finishes the operation. The core panics the TA when a NOPAD mode's total
// input is not a multiple of the block size.
func (op OperationHandle) CipherDoFinal(src, dst []byte) (int, error) {
	n, r := sys.cipherFinal(uint32(op), src, dst)
	return outLen(n, len(dst), r), allowed(r, ErrShortBuffer)
}

// MACInit is TEE_MACInit (§6.5.1) with the IV iv (nil for HMAC and CMAC).
func (op OperationHandle) MACInit(iv []byte) {
	mustSucceed(sys.macInit(uint32(op), iv))
}

// MACUpdate is TEE_MACUpdate (§6.5.2).
func (op OperationHandle) MACUpdate(chunk []byte) {
	mustSucceed(sys.macUpdate(uint32(op), chunk))
}

// MACComputeFinal is TEE_MACComputeFinal (§6.5.3): it MACs msg and writes
// the MAC to mac. Results: ErrShortBuffer.
func (op OperationHandle) MACComputeFinal(msg, mac []byte) (int, error) {
	n, r := sys.macFinalCompute(uint32(op), msg, mac)
	return outLen(n, len(mac), r), allowed(r, ErrShortBuffer)
}

// MACCompareFinal is TEE_MACCompareFinal (§6.5.4): it MACs msg and compares
// the result with mac in constant time. Results: ErrMACInvalid.
func (op OperationHandle) MACCompareFinal(msg, mac []byte) error {
	return allowed(sys.macFinalCompare(uint32(op), msg, mac), ErrMACInvalid)
}

package ta

// Authenticated encryption, asymmetric operations and key derivation
// (GPD_SPE_010 §6.7, §6.8, §6.9). Outputs as in crypto_symmetric.go.

// AEInit is TEE_AEInit (§6.7.1): nonce, the tag length in bits, and the
// AAD and payload lengths in bytes (which CCM needs). Results:
// ErrNotSupported (a tag length the algorithm does not allow).
func (op OperationHandle) AEInit(nonce []byte, tagLen, aadLen, payloadLen uint32) error {
	return allowed(sys.authencInit(uint32(op), nonce, tagLen, aadLen, payloadLen), ErrNotSupported)
}

// AEUpdateAAD is TEE_AEUpdateAAD (§6.7.2).
func (op OperationHandle) AEUpdateAAD(aad []byte) {
	mustSucceed(sys.authencUpdateAAD(uint32(op), aad))
}

// AEUpdate is TEE_AEUpdate (§6.7.3): src in, dst out. Results:
// ErrShortBuffer.
func (op OperationHandle) AEUpdate(src, dst []byte) (int, error) {
	n, r := sys.authencUpdatePayload(uint32(op), src, dst)
	return outLen(n, len(dst), r), allowed(r, ErrShortBuffer)
}

// AEEncryptFinal is TEE_AEEncryptFinal (§6.7.4): the last of the payload
// src into dst, and the tag into tag; it returns the bytes written to each.
// Results: ErrShortBuffer, n and tagN then being the sizes needed.
func (op OperationHandle) AEEncryptFinal(src, dst, tag []byte) (n, tagN int, err error) {
	n, tagN, r := sys.authencEncFinal(uint32(op), src, dst, tag)
	return outLen(n, len(dst), r), outLen(tagN, len(tag), r), allowed(r, ErrShortBuffer)
}

// AEDecryptFinal is TEE_AEDecryptFinal (§6.7.5): the last of the payload
// src into dst, checked against tag. Results: ErrShortBuffer;
// ErrMACInvalid (the tag does not match; no plaintext is released).
func (op OperationHandle) AEDecryptFinal(src, dst, tag []byte) (int, error) {
	n, r := sys.authencDecFinal(uint32(op), src, dst, tag)
	return outLen(n, len(dst), r), allowed(r, ErrShortBuffer, ErrMACInvalid)
}

// AsymmetricEncrypt is TEE_AsymmetricEncrypt (§6.8.1): src encrypted with
// the public key into dst. params are the algorithm's parameters (OAEP
// label and MGF1 hash). Results: ErrShortBuffer; ErrBadParameters (a
// message too long for the key); ErrCiphertextInvalid, ErrNotSupported.
// It panics the TA unless op is an asymmetric cipher in encrypt mode.
func (op OperationHandle) AsymmetricEncrypt(src, dst []byte, params ...Attribute) (int, error) {
	op.mustBe(OperationAsymmetricCipher, ModeEncrypt)
	return op.asymm(src, dst, params)
}

// AsymmetricDecrypt is TEE_AsymmetricDecrypt (§6.8.1), with the results of
// AsymmetricEncrypt; a ciphertext that does not decrypt is
// ErrBadParameters, as in OP-TEE. It panics the TA unless op is an
// asymmetric cipher in decrypt mode.
func (op OperationHandle) AsymmetricDecrypt(src, dst []byte, params ...Attribute) (int, error) {
	op.mustBe(OperationAsymmetricCipher, ModeDecrypt)
	return op.asymm(src, dst, params)
}

func (op OperationHandle) asymm(src, dst []byte, params []Attribute) (int, error) {
	n, r := sys.asymmOperate(uint32(op), params, src, dst)
	return outLen(n, len(dst), r), allowed(r, ErrShortBuffer, ErrBadParameters, ErrCiphertextInvalid, ErrNotSupported)
}

// mustBe panics the TA unless op has class and mode. Encrypt, decrypt and
// sign share one system call that acts by the operation's mode, so the
// SDK checks that the GP function called is the one the mode means, as
// libutee does.
func (op OperationHandle) mustBe(class, mode uint32) {
	info, r := sys.stateInfo(uint32(op))
	mustSucceed(r)
	if info.OperationClass != class || info.Mode != mode {
		Panic(ErrBadState)
	}
}

// AsymmetricSignDigest is TEE_AsymmetricSignDigest (§6.8.2): the signature
// of digest into sig. params: the RSA-PSS salt length, the EdDSA context
// and pre-hash flag (for Ed25519 digest is the message). Results:
// ErrShortBuffer. It panics the TA unless op is a signature operation in
// sign mode, and (in the core) for a digest of the wrong length.
func (op OperationHandle) AsymmetricSignDigest(digest, sig []byte, params ...Attribute) (int, error) {
	op.mustBe(OperationAsymmetricSignature, ModeSign)
	n, r := sys.asymmOperate(uint32(op), params, digest, sig)
	return outLen(n, len(sig), r), allowed(r, ErrShortBuffer)
}

// AsymmetricVerifyDigest is TEE_AsymmetricVerifyDigest (§6.8.3), with the
// parameters of AsymmetricSignDigest. Results: ErrSignatureInvalid. It
// panics the TA unless op is a signature operation in verify mode.
func (op OperationHandle) AsymmetricVerifyDigest(digest, sig []byte, params ...Attribute) error {
	op.mustBe(OperationAsymmetricSignature, ModeVerify)
	return allowed(sys.asymmVerify(uint32(op), params, digest, sig), ErrSignatureInvalid)
}

// DeriveKey is TEE_DeriveKey (§6.9.1): it derives a secret from the
// operation's key and params (the peer's public value for DH, ECDH,
// X25519 and X448; salt, info and lengths for the KDFs) into derived, an
// uninitialised transient object, as its TEE_ATTR_SECRET_VALUE. GP gives it
// no result: any failure panics the TA.
func (op OperationHandle) DeriveKey(derived ObjectHandle, params ...Attribute) {
	mustSucceed(sys.deriveKey(uint32(op), params, uint32(derived)))
}

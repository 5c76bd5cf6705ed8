// Package tasign signs, encrypts and verifies TA images (docs/ta-image.md):
// the signature of a TA developer's key or of a subkey delegated to them,
// OP-TEE's subkey chains scoped to a UUID namespace, AES-GCM encryption of
// the body under a device-bound or class key, and anti-rollback of TA and
// subkey versions. Verify checks the whole image — sizes, chain, signature,
// versions, decryption and hash — before the core parses a byte of the
// body.
package tasign

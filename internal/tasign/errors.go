package tasign

import "errors"

// Errors of Verify. Each names one reason an image is refused; the core
// logs the wrapped detail and reports ErrRollback as TEE_ERROR_ACCESS_CONFLICT
// and every other one as TEE_ERROR_SECURITY, as OP-TEE does.
var (
	ErrMalformed     = errors.New("malformed signed image")
	ErrUnsigned      = errors.New("unsigned TA image")
	ErrUntrustedKey  = errors.New("signed by a key that is not trusted")
	ErrBadSignature  = errors.New("bad signature")
	ErrBadHash       = errors.New("image hash mismatch")
	ErrWrongUUID     = errors.New("image is for another TA")
	ErrSubkey        = errors.New("invalid subkey chain")
	ErrNamespace     = errors.New("TA UUID outside the subkey's namespace")
	ErrSubkeyExpired = errors.New("subkey expired")
	ErrSubkeyRevoked = errors.New("subkey version below the highest seen")
	ErrRollback      = errors.New("TA version below the highest seen (rollback)")
	ErrDecrypt       = errors.New("cannot decrypt the TA")
)

package core

import (
	"errors"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/tasign"
)

// verifyTA checks the image found at path for uuid before anything parses
// it. A refusal is logged with its reason and returned as OP-TEE's REE TA
// store reports it (core/kernel/ree_fs_ta.c): TEE_ERROR_ACCESS_CONFLICT for
// a TA version below the highest seen (its check_update_version), and
// TEE_ERROR_SECURITY for everything else — no or a bad signature, an
// untrusted key, a bad subkey chain, a malformed header, a failed
// decryption or hash.
func (c *Core) verifyTA(image []byte, uuid abi.UUID, path string) (*tasign.Verified, abi.Ret) {
	if c.cfg.Verifier == nil {
		c.log.Warn("TA image refused: no TA verifier is configured", "uuid", uuid, "path", path)
		return nil, abi.TEE(abi.ErrSecurity)
	}
	v, err := c.cfg.Verifier.Verify(image, uuid)
	if err != nil {
		c.log.Warn("TA image refused", "uuid", uuid, "path", path, "reason", err)
		if errors.Is(err, tasign.ErrRollback) {
			return nil, abi.TEE(abi.ErrAccessConflict)
		}
		return nil, abi.TEE(abi.ErrSecurity)
	}
	return v, abi.Ret{}
}

package sm

import (
	"hash"

	"github.com/emmansun/gmsm/sm3"
)

// SM3Size is the size of an SM3 digest in bytes.
const SM3Size = sm3.Size

// NewSM3 returns an SM3 hash (GB/T 32905-2016). HMAC-SM3 is
// hmac.New(NewSM3, key).
func NewSM3() hash.Hash { return sm3.New() }

// SM3 returns the SM3 digest of data.
func SM3(data []byte) [SM3Size]byte { return sm3.Sum(data) }

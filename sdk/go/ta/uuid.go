package ta

import (
	"encoding/binary"

	"github.com/veritee/veritee/internal/abi"
)

// UUID is an RFC 4122 UUID in canonical (string-order) byte order, the Go
// form of TEE_UUID (GPD_SPE_010 §3.2.4). The SDK converts to and from the
// TEE_UUID memory layout where the ABI needs it.
type UUID [16]byte

// ParseUUID parses the canonical form "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx".
func ParseUUID(s string) (UUID, error) {
	u, err := abi.ParseUUID(s)
	return UUID(u), err
}

// MustParseUUID is ParseUUID for constants such as a TA's own UUID: it
// panics on a malformed string.
func MustParseUUID(s string) UUID { return UUID(abi.MustParseUUID(s)) }

// String returns the canonical lower-case form.
func (u UUID) String() string { return abi.UUID(u).String() }

// Identity is a TEE_Identity (GPD_SPE_010 §4.2.2 and §4.4): the login
// method (LoginPublic, LoginUser, ...) and the UUID of a client.
type Identity struct {
	Login uint32
	UUID  UUID
}

// Login methods of Identity.Login (TEE_LOGIN_*, GPD_SPE_010 §4.2.2).
const (
	LoginPublic           = abi.LoginPublic
	LoginUser             = abi.LoginUser
	LoginGroup            = abi.LoginGroup
	LoginApplication      = abi.LoginApplication
	LoginUserApplication  = abi.LoginUserApplication
	LoginGroupApplication = abi.LoginGroupApplication
	LoginTrustedApp       = abi.LoginTrustedApp
)

// teeBytes lays id out as a TEE_Identity in wasm32 memory.
func (id Identity) teeBytes() []byte {
	b := abi.Identity{Login: id.Login, UUID: abi.UUID(id.UUID)}.TEEBytes()
	return b[:]
}

// identityFromTEE decodes a 20-byte TEE_Identity.
func identityFromTEE(b []byte) (Identity, bool) {
	if len(b) != abi.IdentitySize {
		return Identity{}, false
	}
	u, err := abi.UUIDFromTEE(b[4:])
	if err != nil {
		return Identity{}, false
	}
	return Identity{Login: binary.LittleEndian.Uint32(b), UUID: UUID(u)}, true
}

package core

import (
	"fmt"
	"slices"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
)

// clientIdentity derives the TEE_Identity a TA sees for a client, the way
// Linux's TEE subsystem derives it for OP-TEE: a name-based UUID (v5) in
// abi.ClientNamespace of "uid=<hex>" or "gid=<hex>". Linux leaves the
// APPLICATION logins unimplemented; Veritee names the executable behind the
// client's pid: "app=<path>", "uid=<hex>:app=<path>", "gid=<hex>:app=<path>".
//
// Everything comes from id, which the operating system vouched for; only
// the group number for GROUP logins comes from the client, and it must be
// one of the client's groups.
func clientIdentity(id teeconn.Identity, login, connData uint32) (abi.Identity, abi.Ret) {
	var name string
	switch login {
	case abi.LoginPublic:
		return abi.Identity{Login: login}, abi.Ret{}
	case abi.LoginUser:
		name = fmt.Sprintf("uid=%x", id.UID)
	case abi.LoginGroup, abi.LoginGroupApplication:
		if connData != id.GID && !slices.Contains(id.Groups, connData) {
			return abi.Identity{}, abi.Ret{Code: abi.ErrAccessDenied, Origin: abi.OriginComms}
		}
		name = fmt.Sprintf("gid=%x", connData)
	case abi.LoginApplication, abi.LoginUserApplication:
	default:
		return abi.Identity{}, abi.Ret{Code: abi.ErrBadParameters, Origin: abi.OriginComms}
	}
	if login == abi.LoginApplication || login == abi.LoginUserApplication || login == abi.LoginGroupApplication {
		if id.Exe == "" {
			return abi.Identity{}, abi.Ret{Code: abi.ErrAccessDenied, Origin: abi.OriginComms}
		}
		app := "app=" + id.Exe
		switch login {
		case abi.LoginApplication:
			name = app
		case abi.LoginUserApplication:
			name = fmt.Sprintf("uid=%x:%s", id.UID, app)
		default:
			name += ":" + app
		}
	}
	return abi.Identity{Login: login, UUID: abi.NewUUIDv5(abi.ClientNamespace, name)}, abi.Ret{}
}

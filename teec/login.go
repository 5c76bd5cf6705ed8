package teec

import "github.com/veritee/veritee/internal/abi"

// LoginMethod is a TEEC_LOGIN_* connection method (GPD_SPE_007 §4.5.4): how
// the TEE identifies the client to the TA. The TEE derives the identity
// itself from what the operating system says about the client process,
// never from what the client claims.
type LoginMethod uint32

// The login methods a client may use.
const (
	// LoginPublic: no identity.
	LoginPublic = LoginMethod(abi.LoginPublic)
	// LoginUser: the user running the client.
	LoginUser = LoginMethod(abi.LoginUser)
	// LoginGroup: a group the client belongs to, given as connection data.
	LoginGroup = LoginMethod(abi.LoginGroup)
	// LoginApplication: the client executable.
	LoginApplication = LoginMethod(abi.LoginApplication)
	// LoginUserApplication: the user and the executable.
	LoginUserApplication = LoginMethod(abi.LoginUserApplication)
	// LoginGroupApplication: a group, given as connection data, and the
	// executable.
	LoginGroupApplication = LoginMethod(abi.LoginGroupApplication)
)

// String returns the GP name of m, for example "TEEC_LOGIN_USER".
func (m LoginMethod) String() string {
	switch m {
	case LoginPublic:
		return "TEEC_LOGIN_PUBLIC"
	case LoginUser:
		return "TEEC_LOGIN_USER"
	case LoginGroup:
		return "TEEC_LOGIN_GROUP"
	case LoginApplication:
		return "TEEC_LOGIN_APPLICATION"
	case LoginUserApplication:
		return "TEEC_LOGIN_USER_APPLICATION"
	case LoginGroupApplication:
		return "TEEC_LOGIN_GROUP_APPLICATION"
	}
	return "TEEC_LOGIN(unknown)"
}

// needsConnData reports whether m takes connection data (a group id), and
// whether m is a method a client may use at all.
func (m LoginMethod) needsConnData() (needs, known bool) {
	switch m {
	case LoginPublic, LoginUser, LoginApplication, LoginUserApplication:
		return false, true
	case LoginGroup, LoginGroupApplication:
		return true, true
	}
	return false, false
}

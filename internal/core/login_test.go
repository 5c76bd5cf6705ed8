package core

import (
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/teeconn"
)

func TestClientIdentity(t *testing.T) {
	t.Parallel()
	id := teeconn.Identity{UID: 1000, GID: 100, Groups: []uint32{27, 44}, PID: 7, Exe: "/usr/bin/app"}
	v5 := func(name string) abi.UUID { return abi.NewUUIDv5(abi.ClientNamespace, name) }
	tests := []struct {
		name     string
		id       teeconn.Identity
		login    uint32
		connData uint32
		want     abi.Identity
		ret      abi.Ret
	}{
		{"public", id, abi.LoginPublic, 0, abi.Identity{Login: abi.LoginPublic}, abi.Ret{}},
		{"user", id, abi.LoginUser, 0, abi.Identity{Login: abi.LoginUser, UUID: v5("uid=3e8")}, abi.Ret{}},
		{"group primary", id, abi.LoginGroup, 100, abi.Identity{Login: abi.LoginGroup, UUID: v5("gid=64")}, abi.Ret{}},
		{"group supplementary", id, abi.LoginGroup, 44, abi.Identity{Login: abi.LoginGroup, UUID: v5("gid=2c")}, abi.Ret{}},
		{"group not a member", id, abi.LoginGroup, 0, abi.Identity{}, abi.Ret{Code: abi.ErrAccessDenied, Origin: abi.OriginComms}},
		{"application", id, abi.LoginApplication, 0, abi.Identity{Login: abi.LoginApplication, UUID: v5("app=/usr/bin/app")}, abi.Ret{}},
		{"user application", id, abi.LoginUserApplication, 0, abi.Identity{Login: abi.LoginUserApplication, UUID: v5("uid=3e8:app=/usr/bin/app")}, abi.Ret{}},
		{"group application", id, abi.LoginGroupApplication, 27, abi.Identity{Login: abi.LoginGroupApplication, UUID: v5("gid=1b:app=/usr/bin/app")}, abi.Ret{}},
		{"group application not a member", id, abi.LoginGroupApplication, 5, abi.Identity{}, abi.Ret{Code: abi.ErrAccessDenied, Origin: abi.OriginComms}},
		{"application without exe", teeconn.Identity{UID: 1}, abi.LoginApplication, 0, abi.Identity{}, abi.Ret{Code: abi.ErrAccessDenied, Origin: abi.OriginComms}},
		{"trusted app is not a client login", id, abi.LoginTrustedApp, 0, abi.Identity{}, abi.Ret{Code: abi.ErrBadParameters, Origin: abi.OriginComms}},
		{"REE kernel is not a user login", id, abi.LoginREEKernel, 0, abi.Identity{}, abi.Ret{Code: abi.ErrBadParameters, Origin: abi.OriginComms}},
		{"unknown", id, 3, 0, abi.Identity{}, abi.Ret{Code: abi.ErrBadParameters, Origin: abi.OriginComms}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ret := clientIdentity(tt.id, tt.login, tt.connData)
			if ret != tt.ret || got != tt.want {
				t.Errorf("clientIdentity = %v, %v; want %v, %v", got, ret, tt.want, tt.ret)
			}
		})
	}
}

// TestUserIdentityMatchesLinux pins the derivation to a value computed
// independently (Python's uuid.uuid5 with the kernel's namespace and
// "uid=0"), so a change of namespace or name format cannot pass unnoticed.
func TestUserIdentityMatchesLinux(t *testing.T) {
	t.Parallel()
	got, _ := clientIdentity(teeconn.Identity{UID: 0}, abi.LoginUser, 0)
	want := abi.MustParseUUID(uuidUID0)
	if got.UUID != want {
		t.Fatalf("uid=0 identity %v, want %v", got.UUID, want)
	}
}

const uuidUID0 = "ef0180a3-13f3-5d1c-b7f5-888c0e21059a"

package veritee_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/teec"
)

// TestLogins opens a session with every GP login method and checks the
// identity the TA reads from gpd.client.identity: the kernel's view of
// this process (SO_PEERCRED over the socket), derived as OP-TEE derives it.
func TestLogins(t *testing.T) {
	t.Parallel()
	tee := startTEE(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	uid, gid := uint32(os.Geteuid()), uint32(os.Getegid())
	v5 := func(format string, args ...any) abi.UUID {
		return abi.NewUUIDv5(abi.ClientNamespace, fmt.Sprintf(format, args...))
	}
	forEach(t, tee, func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID) {
		for _, tc := range []struct {
			login    teec.LoginMethod
			connData *uint32
			want     abi.UUID
		}{
			{teec.LoginPublic, nil, abi.UUID{}},
			{teec.LoginUser, nil, v5("uid=%x", uid)},
			{teec.LoginGroup, &gid, v5("gid=%x", gid)},
			{teec.LoginApplication, nil, v5("app=%s", exe)},
			{teec.LoginUserApplication, nil, v5("uid=%x:app=%s", uid, exe)},
			{teec.LoginGroupApplication, &gid, v5("gid=%x:app=%s", gid, exe)},
		} {
			t.Run(tc.login.String(), func(t *testing.T) {
				s, err := c.OpenSession(context.Background(), uuids[testta.VariantMulti], tc.login, tc.connData, nil)
				if err != nil {
					t.Fatal(err)
				}
				defer s.Close()
				login := &teec.Value{Type: teec.ValueOutput}
				id := &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, 16), Size: 16}
				op := &teec.Operation{Params: [4]teec.Parameter{login, id}}
				if err := s.InvokeCommand(context.Background(), testta.CmdClientIdentity, op); err != nil {
					t.Fatal(err)
				}
				if login.A != uint32(tc.login) || abi.UUID(id.Buffer) != tc.want {
					t.Errorf("TA sees login %#x, UUID %x; want %#x, %v", login.A, id.Buffer, uint32(tc.login), tc.want)
				}
			})
		}
		t.Run("group not a member", func(t *testing.T) {
			other := gid + 12345
			_, err := c.OpenSession(context.Background(), uuids[testta.VariantMulti], teec.LoginGroup, &other, nil)
			wantResult(t, err, teec.ErrAccessDenied, teec.OriginComms)
		})
		t.Run("group without connection data", func(t *testing.T) {
			_, err := c.OpenSession(context.Background(), uuids[testta.VariantMulti], teec.LoginGroup, nil, nil)
			wantResult(t, err, teec.ErrBadParameters, teec.OriginAPI)
		})
	})
}

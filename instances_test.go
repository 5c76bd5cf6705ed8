package veritee_test

import (
	"context"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/teec"
)

func counter(t *testing.T, s *teec.Session) uint32 {
	t.Helper()
	v := &teec.Value{Type: teec.ValueOutput}
	if err := s.InvokeCommand(context.Background(), testta.CmdCounter, &teec.Operation{Params: [4]teec.Parameter{v}}); err != nil {
		t.Fatal(err)
	}
	return v.A
}

// TestInstances checks GP's instance semantics (GPD_SPE_010 §2.1.3, §4.5):
// single-instance TAs share one instance, a TA that is not multi-session
// refuses a second session with BUSY, multi-instance TAs get an instance per
// session, and keep-alive instances outlive their last session.
func TestInstances(t *testing.T) {
	t.Parallel()
	// A TEE per subtest: the counters are per instance.
	forEach(t, nil, func(t *testing.T, c *teec.Context, uuids [testta.NumVariants]abi.UUID) {
		ctx := context.Background()
		t.Run("single instance is shared", func(t *testing.T) {
			a, b := open(t, c, uuids[testta.VariantShared]), open(t, c, uuids[testta.VariantShared])
			x, y := counter(t, a), counter(t, b)
			if y != x+1 {
				t.Errorf("counters %d then %d: not one instance", x, y)
			}
		})
		t.Run("not multi-session is busy", func(t *testing.T) {
			a := open(t, c, uuids[testta.VariantExclusive])
			_, err := c.OpenSession(ctx, uuids[testta.VariantExclusive], teec.LoginPublic, nil, nil)
			wantResult(t, err, teec.ErrBusy, teec.OriginTEE)
			a.Close()
			b := open(t, c, uuids[testta.VariantExclusive])
			if n := counter(t, b); n != 1 {
				t.Errorf("the instance survived its only session: counter %d", n)
			}
		})
		t.Run("multi instance", func(t *testing.T) {
			a, b := open(t, c, uuids[testta.VariantMulti]), open(t, c, uuids[testta.VariantMulti])
			counter(t, a)
			if x, y := counter(t, a), counter(t, b); x != 2 || y != 1 {
				t.Errorf("counters %d and %d, want 2 and 1", x, y)
			}
		})
		t.Run("keep-alive outlives its sessions", func(t *testing.T) {
			a := open(t, c, uuids[testta.VariantKeepAlive])
			x := counter(t, a)
			a.Close()
			b := open(t, c, uuids[testta.VariantKeepAlive])
			if y := counter(t, b); y != x+1 {
				t.Errorf("counter %d after reopening, want %d", y, x+1)
			}
		})
	})
}

package veritee_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/veritee/veritee"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/teec"
)

func withStateDir(dir string) teeOption {
	return func(o *veritee.Options) { o.StateDir = dir }
}

// taTime runs CmdTATime: op 0 gets the TA persistent time, op 1 sets it.
func taTime(s *teec.Session, op, sec, ms uint32) (teec.Value, error) {
	v := &teec.Value{Type: teec.ValueInout, A: sec, B: ms}
	err := s.InvokeCommand(context.Background(), testta.CmdTATime,
		&teec.Operation{Params: [4]teec.Parameter{&teec.Value{Type: teec.ValueInput, A: op}, v}})
	return *v, err
}

// wantTATime checks that the TA's persistent time, set to sec at setAt, is
// at least sec and has not run ahead of the REE clock since by more than a
// second. The bound follows the time that really passed: opening a Go TA on
// a loaded machine can take seconds between a set and a get.
func wantTATime(t *testing.T, s *teec.Session, sec uint32, setAt time.Time) {
	t.Helper()
	v, err := taTime(s, 0, 0, 0)
	hi := sec + uint32(time.Since(setAt)/time.Second) + 2
	if err != nil || v.A < sec || v.A >= hi || v.B >= 1000 {
		t.Fatalf("get = %d.%03d, %v; want [%d, %d)", v.A, v.B, err, sec, hi)
	}
}

// TestTAPersistentTime checks TEE_GetTAPersistentTime and
// TEE_SetTAPersistentTime (GPD_SPE_010 §7.2.4) in the C and Go test TAs:
// unset, set, kept per TA, across a restart, overflowing 32 bits, a damaged
// record, and the panic on millis ≥ 1000. The TEEs have their own state
// directory, so the times start unset.
func TestTAPersistentTime(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	const cSec, goSec = 1_000_000, 2_000_000
	var cSetAt, goSetAt time.Time // when each was set, for the bound of a later get
	t.Run("set", func(t *testing.T) {
		c := startTEE(t, withStateDir(dir)).client(t, embedded)
		cs := open(t, c, langs[0].uuids[testta.VariantShared])
		gs := open(t, c, langs[1].uuids[testta.VariantShared])
		for _, s := range []*teec.Session{cs, gs} {
			_, err := taTime(s, 0, 0, 0)
			wantResult(t, err, teec.ErrTimeNotSet, teec.OriginTrustedApp)
		}
		cSetAt = time.Now()
		if _, err := taTime(cs, 1, cSec, 999); err != nil {
			t.Fatal(err)
		}
		wantTATime(t, cs, cSec, cSetAt)
		_, err := taTime(gs, 0, 0, 0) // another TA: still unset
		wantResult(t, err, teec.ErrTimeNotSet, teec.OriginTrustedApp)
		goSetAt = time.Now()
		if _, err := taTime(gs, 1, goSec, 0); err != nil {
			t.Fatal(err)
		}
		wantTATime(t, gs, goSec, goSetAt)
		wantTATime(t, cs, cSec, cSetAt)
	})
	t.Run("restart", func(t *testing.T) {
		c := startTEE(t, withStateDir(dir)).client(t, socket)
		cs := open(t, c, langs[0].uuids[testta.VariantShared])
		gs := open(t, c, langs[1].uuids[testta.VariantShared])
		wantTATime(t, cs, cSec, cSetAt)
		wantTATime(t, gs, goSec, goSetAt)
	})
	t.Run("damaged", func(t *testing.T) {
		tee := startTEE(t, withStateDir(dir))
		u := langs[1].uuids[testta.VariantShared]
		if err := os.WriteFile(filepath.Join(dir, "ta-time", u.String()), []byte("VTT1 not a record"), 0o600); err != nil {
			t.Fatal(err)
		}
		gs := open(t, tee.client(t, embedded), u)
		_, err := taTime(gs, 0, 0, 0)
		wantResult(t, err, teec.ErrTimeNeedsReset, teec.OriginTrustedApp)
		setAt := time.Now()
		if _, err := taTime(gs, 1, goSec, 0); err != nil {
			t.Fatal(err)
		}
		wantTATime(t, gs, goSec, setAt)
	})
	// A TEE of its own, where no one else sets these TAs' times.
	tee := startTEE(t, withStateDir(t.TempDir()))
	for _, l := range langs {
		t.Run("overflow/"+l.name, func(t *testing.T) {
			t.Parallel()
			s := open(t, tee.client(t, embedded), l.uuids[testta.VariantMulti])
			if _, err := taTime(s, 1, 0xFFFFFFFF, 0); err != nil {
				t.Fatal(err)
			}
			time.Sleep(1100 * time.Millisecond)
			v, err := taTime(s, 0, 0, 0)
			wantResult(t, err, teec.ErrOverflow, teec.OriginTrustedApp)
			if v.A > 4 || v.B >= 1000 {
				t.Errorf("overflowed time %d.%03d, want the seconds modulo 2^32", v.A, v.B)
			}
			_, err = taTime(s, 1, 5, 1000)
			wantResult(t, err, teec.ErrTargetDead, teec.OriginTEE)
		})
	}
}

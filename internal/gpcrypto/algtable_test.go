package gpcrypto

import (
	"errors"
	"strings"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// TestAlgorithmTableTruthful checks that IsAlgorithmSupported answers
// truthfully for every TEE_ALG_* id of internal/abi (which the C headers
// are checked against): an id it calls supported can be allocated in each
// of its modes, one it calls unsupported cannot, and every id is in the
// table.
func TestAlgorithmTableTruthful(t *testing.T) {
	t.Parallel()
	modes := []uint32{abi.ModeEncrypt, abi.ModeDecrypt, abi.ModeSign, abi.ModeVerify, abi.ModeMAC, abi.ModeDigest, abi.ModeDerive}
	n := 0
	for name, id := range abi.CryptoConstants() {
		if !strings.HasPrefix(name, "TEE_ALG_") || id == abi.AlgIllegalValue {
			continue
		}
		n++
		a := algs[id]
		if a == nil {
			t.Errorf("%s (%#x) is not in the algorithm table", name, id)
			continue
		}
		element := abi.CryptoElementNone
		if len(a.curves) > 0 {
			element = a.curves[0]
		}
		sup := IsAlgorithmSupported(id, element)
		allocated := false
		for _, m := range modes {
			for _, size := range []uint32{0, 64, 128, 192, 256, 448, 512, 1024, 2048} {
				op, err := NewOperation(id, m, size)
				if err == nil {
					allocated = true
					op.Free()
				} else if !errors.Is(err, ErrNotSupported) {
					t.Errorf("%s: NewOperation: %v", name, err)
				}
			}
		}
		if sup != allocated {
			t.Errorf("%s: IsAlgorithmSupported = %v, but allocation succeeds = %v", name, sup, allocated)
		}
		if !sup && a.why == "" {
			t.Errorf("%s: unsupported without a reason", name)
		}
	}
	if n < 120 {
		t.Errorf("only %d algorithm ids", n)
	}
	for _, c := range []struct {
		alg, element uint32
		want         bool
	}{
		{abi.AlgECDSASHA256, abi.ECCCurveNISTP256, true}, {abi.AlgECDSASHA256, abi.ECCCurveNISTP192, false},
		{abi.AlgECDSASHA256, abi.ECCCurve25519, false}, {abi.AlgEd25519, abi.ECCCurve25519, true},
		{abi.AlgSHA256, abi.ECCCurveNISTP256, false}, {abi.AlgX25519, abi.ECCCurve25519, true},
		{abi.AlgIllegalValue, 0, false}, {0, 0, false},
	} {
		if got := IsAlgorithmSupported(c.alg, c.element); got != c.want {
			t.Errorf("IsAlgorithmSupported(%#x, %#x) = %v", c.alg, c.element, got)
		}
	}
}

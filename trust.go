package veritee

import (
	"bytes"
	"fmt"
	"log/slog"

	"github.com/veritee/veritee/internal/huk"
	"github.com/veritee/veritee/internal/rollback"
	"github.com/veritee/veritee/internal/tasign"
)

// newVerifier builds the TA verifier of a TEE: the keys it trusts, the
// HUK that decrypts device-bound TAs, the class keys, and the store of the
// highest TA and subkey versions seen (StateDir/versions; in memory
// without a state directory).
func newVerifier(o Options, log *slog.Logger) (*tasign.Verifier, error) {
	trust := &tasign.Trust{}
	if o.TrustDir != "" {
		keys, err := trust.AddDir(o.TrustDir)
		if err != nil {
			return nil, err
		}
		for _, k := range keys {
			log.Info("trusting TA signing key", "key_id", k.ID, "file", k.Source)
		}
	}
	if o.DevKey != "" {
		k, err := tasign.LoadOrCreateDevKey(o.DevKey)
		if err != nil {
			return nil, err
		}
		id, err := trust.Add(k.Public(), "development key "+o.DevKey)
		tasign.DestroyKey(k)
		if err != nil {
			return nil, err
		}
		log.Warn("DEVELOPMENT MODE: trusting the development key; any TA it signs loads. Never use this in production",
			"key_id", id, "file", o.DevKey)
	}
	if len(trust.Keys()) == 0 {
		log.Warn("no trusted TA signing keys: every TA will be refused (give a trust directory, or the dev option for development)")
	}
	v := &tasign.Verifier{Trust: trust}
	for i, k := range o.ClassKeys {
		if len(k) != tasign.ClassKeySize {
			return nil, fmt.Errorf("class key %d is %d bytes, want %d", i, len(k), tasign.ClassKeySize)
		}
		v.ClassKeys = append(v.ClassKeys, bytes.Clone(k))
	}
	if o.StateDir == "" {
		v.HUK = huk.New()
		v.Versions = &rollback.Memory{}
		return v, nil
	}
	h, err := huk.LoadOrCreate(o.StateDir)
	if err != nil {
		return nil, err
	}
	vs, err := rollback.Open(o.StateDir)
	if err != nil {
		h.Destroy()
		return nil, err
	}
	v.HUK, v.Versions = h, vs
	return v, nil
}

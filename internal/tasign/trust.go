package tasign

import (
	"crypto"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// TrustedKey is a root key the verifier accepts, and where it came from.
type TrustedKey struct {
	ID     KeyID
	Public crypto.PublicKey
	Source string // the file it was read from, or "development key"
}

// Trust is the set of root keys a verifier accepts. The zero value trusts
// nothing.
type Trust struct {
	keys map[KeyID]TrustedKey
}

// Add trusts pub.
func (t *Trust) Add(pub crypto.PublicKey, source string) (KeyID, error) {
	if err := checkKey(pub); err != nil {
		return KeyID{}, fmt.Errorf("%s: %w", source, err)
	}
	id, err := PublicKeyID(pub)
	if err != nil {
		return KeyID{}, err
	}
	if t.keys == nil {
		t.keys = map[KeyID]TrustedKey{}
	}
	t.keys[id] = TrustedKey{ID: id, Public: pub, Source: source}
	return id, nil
}

// AddDir trusts every *.pem public key in dir. A file that is not a usable
// public key is an error: a typo must not silently shrink the trust set.
func (t *Trust) AddDir(dir string) ([]TrustedKey, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("tasign: trusted keys: %w", err)
	}
	var added []TrustedKey
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".pem") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		pub, err := LoadPublicKey(p)
		if err != nil {
			return nil, fmt.Errorf("tasign: trusted key %w", err)
		}
		id, err := t.Add(pub, p)
		if err != nil {
			return nil, err
		}
		added = append(added, t.keys[id])
	}
	return added, nil
}

// Lookup returns the trusted key id.
func (t *Trust) Lookup(id KeyID) (TrustedKey, bool) {
	k, ok := t.keys[id]
	return k, ok
}

// Keys lists the trusted keys, sorted by source.
func (t *Trust) Keys() []TrustedKey {
	out := make([]TrustedKey, 0, len(t.keys))
	for _, k := range t.keys {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Source < out[j].Source })
	return out
}

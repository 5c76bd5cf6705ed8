package tasign

import (
	"crypto"
	"crypto/sha256"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/taimage"
)

// SubkeyParams describes a new subkey.
type SubkeyParams struct {
	// Public is the subkey's public key; Algorithm what it will sign with
	// (0: DefaultAlgorithm).
	Public    crypto.PublicKey
	Algorithm Algorithm
	// Kind is a namespace subkey, which signs UUIDs derived from its own,
	// or an identity subkey, which signs exactly its own UUID.
	Kind taimage.SubkeyKind
	// UUID is the subkey's UUID when a root key signs it. Under a parent
	// subkey the UUID is SubkeyUUID(parent's UUID, Name) instead.
	UUID abi.UUID
	Name string
	// Version is compared per subkey UUID: once a version is seen, lower
	// ones are refused, which revokes them.
	Version uint32
	// MaxDepth is how many subkey levels may follow; it must be below the
	// parent's. An identity subkey has 0.
	MaxDepth uint32
	// NotAfter ends the subkey's validity; zero means it does not expire.
	NotAfter time.Time
}

// NewSubkey has parent sign a new subkey and returns the subkey chain file
// of the new subkey: parentChain (empty when parent is a root key) with
// the new record appended.
func NewSubkey(parent crypto.Signer, parentAlg Algorithm, parentChain []byte, p SubkeyParams) ([]byte, error) {
	var err error
	if parentAlg == 0 {
		if parentAlg, err = DefaultAlgorithm(parent.Public()); err != nil {
			return nil, err
		}
	}
	alg := p.Algorithm
	if alg == 0 {
		if alg, err = DefaultAlgorithm(p.Public); err != nil {
			return nil, err
		}
	}
	if err := fits(alg, p.Public); err != nil {
		return nil, err
	}
	if p.Kind == taimage.SubkeyIdentity && p.MaxDepth != 0 {
		return nil, errors.New("tasign: an identity subkey cannot delegate: max depth must be 0")
	}
	parentID, err := PublicKeyID(parent.Public())
	if err != nil {
		return nil, err
	}
	uuid := p.UUID
	chain := parentChain
	if len(parentChain) > 0 {
		sks, err := taimage.ParseChain(parentChain)
		if err != nil {
			return nil, fmt.Errorf("tasign: parent chain: %w", err)
		}
		last := sks[len(sks)-1]
		if id, err := subkeyID(last); err != nil || id != parentID {
			return nil, errors.New("tasign: the parent key is not the last subkey of the parent chain")
		}
		if last.Kind != taimage.SubkeyNamespace {
			return nil, errors.New("tasign: an identity subkey cannot sign subkeys")
		}
		if p.MaxDepth >= last.MaxDepth {
			return nil, fmt.Errorf("tasign: max depth %d must be below the parent's %d", p.MaxDepth, last.MaxDepth)
		}
		if p.Name == "" {
			return nil, errors.New("tasign: a subkey under a subkey needs a name in the parent's namespace")
		}
		uuid = taimage.SubkeyUUID(last.UUID, []byte(p.Name))
		if chain, err = taimage.SetLastName(parentChain, []byte(p.Name)); err != nil {
			return nil, fmt.Errorf("tasign: %w", err)
		}
	} else if p.Name != "" {
		return nil, errors.New("tasign: a subkey signed by a root key takes a UUID, not a name")
	}
	der, err := x509PKIX(p.Public)
	if err != nil {
		return nil, err
	}
	var notAfter uint64
	if !p.NotAfter.IsZero() {
		if p.NotAfter.Unix() <= 0 {
			return nil, errors.New("tasign: expiry before 1970")
		}
		notAfter = uint64(p.NotAfter.Unix())
	}
	rec := taimage.SubkeyRecord{Kind: p.Kind, UUID: uuid, Version: p.Version, MaxDepth: p.MaxDepth,
		NotAfter: notAfter, Algorithm: uint16(alg), ParentAlg: uint16(parentAlg), ParentKeyID: parentID, PublicKey: der}
	signed, err := rec.Marshal()
	if err != nil {
		return nil, fmt.Errorf("tasign: %w", err)
	}
	d := sha256.Sum256(signed)
	sig, err := signDigest(parent, parentAlg, d[:])
	if err != nil {
		return nil, err
	}
	out, err := taimage.AppendSubkey(append([]byte(nil), chain...), signed, sig, nil)
	if err != nil {
		return nil, fmt.Errorf("tasign: %w", err)
	}
	if _, err := taimage.ParseChain(out); err != nil {
		return nil, fmt.Errorf("tasign: %w", err)
	}
	return out, nil
}

// SubkeyUUIDFor returns the TA UUID that name gives under the last subkey
// of chain (its own UUID for an identity subkey).
func SubkeyUUIDFor(chain []byte, name string) (abi.UUID, error) {
	c, err := taimage.SetLastName(chain, []byte(name))
	if err != nil {
		return abi.UUID{}, fmt.Errorf("tasign: %w", err)
	}
	sks, err := taimage.ParseChain(c)
	if err != nil {
		return abi.UUID{}, fmt.Errorf("tasign: %w", err)
	}
	return chainScope(sks)
}

// chainScope checks the chain's structure — depths that shrink, children
// in their parent's namespace, identity subkeys last and unnamed,
// namespace subkeys named — and returns the one UUID it may sign.
func chainScope(sks []taimage.Subkey) (abi.UUID, error) {
	depth := uint32(math.MaxUint32)
	var next abi.UUID
	for i, sk := range sks {
		if sk.MaxDepth >= depth {
			return abi.UUID{}, fmt.Errorf("%w: subkey %d (%v) has max depth %d, not below its parent's %d", ErrSubkey, i, sk.UUID, sk.MaxDepth, depth)
		}
		if i > 0 && sk.UUID != next {
			return abi.UUID{}, fmt.Errorf("%w: subkey %d is %v, outside its parent's namespace (want %v)", ErrNamespace, i, sk.UUID, next)
		}
		switch sk.Kind {
		case taimage.SubkeyIdentity:
			if len(sk.Name) != 0 || sk.MaxDepth != 0 {
				return abi.UUID{}, fmt.Errorf("%w: identity subkey %v is named or may delegate", ErrSubkey, sk.UUID)
			}
			next = sk.UUID
		case taimage.SubkeyNamespace:
			if len(sk.Name) == 0 {
				return abi.UUID{}, fmt.Errorf("%w: namespace subkey %v is used without a name", ErrSubkey, sk.UUID)
			}
			next = taimage.SubkeyUUID(sk.UUID, sk.Name)
		}
		depth = sk.MaxDepth
	}
	return next, nil
}

// checkChainFor checks, when signing, that a chain lets keyID sign uuid.
func checkChainFor(chain []byte, uuid abi.UUID, keyID KeyID) error {
	sks, err := taimage.ParseChain(chain)
	if err != nil {
		return fmt.Errorf("tasign: %w", err)
	}
	scope, err := chainScope(sks)
	if err != nil {
		return fmt.Errorf("tasign: %w", err)
	}
	if scope != uuid {
		return fmt.Errorf("tasign: %w: the chain signs %v, the TA is %v", ErrNamespace, scope, uuid)
	}
	if id, err := subkeyID(sks[len(sks)-1]); err != nil || id != keyID {
		return errors.New("tasign: the signing key is not the last subkey of the chain")
	}
	return nil
}

func subkeyID(sk taimage.Subkey) (KeyID, error) {
	if _, err := parsePKIX(sk.PublicKey); err != nil {
		return KeyID{}, err
	}
	return sha256.Sum256(sk.PublicKey), nil
}

// NamespaceSubkey returns the parameters of a namespace subkey for pub that
// a root key signs: UUID ns, maxDepth levels below it, version.
func NamespaceSubkey(pub crypto.PublicKey, ns abi.UUID, maxDepth, version uint32) SubkeyParams {
	return SubkeyParams{Public: pub, Kind: taimage.SubkeyNamespace, UUID: ns, MaxDepth: maxDepth, Version: version}
}

// IdentitySubkey returns the parameters of an identity subkey for pub that
// a root key signs: it signs the TA uuid and nothing else.
func IdentitySubkey(pub crypto.PublicKey, uuid abi.UUID, version uint32) SubkeyParams {
	return SubkeyParams{Public: pub, Kind: taimage.SubkeyIdentity, UUID: uuid, Version: version}
}

package c448

import (
	"crypto/subtle"
	"io"

	"github.com/cloudflare/circl/dh/x448"
)

// GenerateX448 returns a new X448 key pair from rand.
func GenerateX448(rand io.Reader) (pub, priv []byte, err error) {
	priv = make([]byte, X448KeySize)
	if _, err := io.ReadFull(rand, priv); err != nil {
		return nil, nil, err
	}
	pub, err = X448PublicKey(priv)
	return pub, priv, err
}

// X448PublicKey returns X448(priv, 5), the public u-coordinate of priv
// (ErrKeySize unless 56 bytes). The scalar is clamped as RFC 7748 §5 says.
func X448PublicKey(priv []byte) ([]byte, error) {
	if len(priv) != X448KeySize {
		return nil, ErrKeySize
	}
	var k, p x448.Key
	copy(k[:], priv)
	x448.KeyGen(&p, &k)
	clear(k[:])
	return p[:], nil
}

// X448 returns the shared secret X448(priv, peer). Both must be 56 bytes
// (ErrKeySize). A peer of low order, which makes the secret all zeros, is
// ErrLowOrder; the check is constant time. A non-canonical u-coordinate
// (>= p) is reduced, as RFC 7748 §5 requires.
func X448(priv, peer []byte) ([]byte, error) {
	if len(priv) != X448KeySize || len(peer) != X448KeySize {
		return nil, ErrKeySize
	}
	var k, p, s x448.Key
	copy(k[:], priv)
	copy(p[:], peer)
	x448.Shared(&s, &k, &p)
	clear(k[:])
	var zero x448.Key
	if subtle.ConstantTimeCompare(s[:], zero[:]) == 1 {
		return nil, ErrLowOrder
	}
	return s[:], nil
}

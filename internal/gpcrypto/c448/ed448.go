package c448

import (
	"io"

	"github.com/cloudflare/circl/sign/ed448"
)

// Ed448Options selects the Ed448 variant: Context is RFC 8032's context
// string (may be empty; at most 255 bytes), PreHash selects Ed448ph, which
// signs SHAKE256(message, 64).
type Ed448Options struct {
	Context []byte
	PreHash bool
}

// GenerateEd448 returns a new key pair from rand: the 57-byte public key and
// the 57-byte seed.
func GenerateEd448(rand io.Reader) (pub, seed []byte, err error) {
	p, k, err := ed448.GenerateKey(rand)
	if err != nil {
		return nil, nil, err
	}
	return []byte(p), k.Seed(), nil
}

// Ed448PublicKey derives the public key of seed (ErrKeySize unless 57 bytes).
func Ed448PublicKey(seed []byte) ([]byte, error) {
	if len(seed) != Ed448SeedSize {
		return nil, ErrKeySize
	}
	k := ed448.NewKeyFromSeed(seed)
	return append([]byte(nil), k.Public().(ed448.PublicKey)...), nil
}

// Ed448Sign signs msg with the private key seed. It returns ErrKeySize or
// ErrContextSize for bad arguments.
func Ed448Sign(seed, msg []byte, opts Ed448Options) ([]byte, error) {
	if len(seed) != Ed448SeedSize {
		return nil, ErrKeySize
	}
	if len(opts.Context) > Ed448ContextMax {
		return nil, ErrContextSize
	}
	k := ed448.NewKeyFromSeed(seed)
	if opts.PreHash {
		return ed448.SignPh(k, msg, string(opts.Context)), nil
	}
	return ed448.Sign(k, msg, string(opts.Context)), nil
}

// Ed448Verify checks sig over msg under pub. It returns nil, ErrVerify (also
// for a signature of the wrong length or a public key that does not decode),
// ErrKeySize or ErrContextSize. Verification is RFC 8032 §5.2.7 with the
// cofactor, and rejects S >= L.
func Ed448Verify(pub, msg, sig []byte, opts Ed448Options) error {
	if len(pub) != Ed448PublicKeySize {
		return ErrKeySize
	}
	if len(opts.Context) > Ed448ContextMax {
		return ErrContextSize
	}
	var ok bool
	if opts.PreHash {
		ok = ed448.VerifyPh(ed448.PublicKey(pub), msg, sig, string(opts.Context))
	} else {
		ok = ed448.Verify(ed448.PublicKey(pub), msg, sig, string(opts.Context))
	}
	if !ok {
		return ErrVerify
	}
	return nil
}

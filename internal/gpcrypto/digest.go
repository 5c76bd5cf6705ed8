package gpcrypto

import (
	"crypto"
	"crypto/md5"
	"crypto/sha1"
	_ "crypto/sha256" // registers SHA-224 and SHA-256 for crypto.Hash.New
	"crypto/sha3"
	_ "crypto/sha512" // registers SHA-384 and SHA-512
	"encoding"
	"hash"

	"github.com/veritee/veritee/internal/abi"
)

// md5sha1 is TEE_ALG_MD5SHA1: MD5 and SHA-1 of the same data, concatenated
// (36 bytes), the digest TLS 1.0/1.1 signed with RSA.
type md5sha1 struct{ m, s hash.Hash }

func newMD5SHA1() hash.Hash { return &md5sha1{md5.New(), sha1.New()} }

func (h *md5sha1) Write(p []byte) (int, error) { h.m.Write(p); return h.s.Write(p) }
func (h *md5sha1) Sum(b []byte) []byte         { return h.s.Sum(h.m.Sum(b)) }
func (h *md5sha1) Reset()                      { h.m.Reset(); h.s.Reset() }
func (h *md5sha1) Size() int                   { return md5.Size + sha1.Size }
func (h *md5sha1) BlockSize() int              { return 64 }
func (h *md5sha1) Clone() (hash.Cloner, error) {
	m, _ := cloneHash(h.m, nil)
	s, _ := cloneHash(h.s, nil)
	return &md5sha1{m, s}, nil
}

// newHash returns a fresh hash for h; SHA-3 comes from crypto/sha3.
func newHash(h crypto.Hash) hash.Hash {
	if h == crypto.MD5SHA1 {
		return newMD5SHA1()
	}
	return h.New()
}

// cloneHash returns an independent copy of h's state: through
// hash.Cloner (every standard library hash), else through
// encoding.BinaryMarshaler into a fresh hash from newH (SM3). ok is false
// when neither works.
func cloneHash(h hash.Hash, newH func() hash.Hash) (hash.Hash, bool) {
	if c, ok := h.(hash.Cloner); ok {
		if d, err := c.Clone(); err == nil {
			return d, true
		}
	}
	m, ok := h.(encoding.BinaryMarshaler)
	if !ok || newH == nil {
		return nil, false
	}
	b, err := m.MarshalBinary()
	if err != nil {
		return nil, false
	}
	d := newH()
	u, ok := d.(encoding.BinaryUnmarshaler)
	if !ok || u.UnmarshalBinary(b) != nil {
		return nil, false
	}
	return d, true
}

// digestState is a running digest: a fixed-length hash, or a SHAKE XOF.
// While extracting (TEE_DigestExtract) out holds the fixed-length digest
// being handed out.
type digestState struct {
	h        hash.Hash
	newH     func() hash.Hash
	shake    *sha3.SHAKE
	newShake func() *sha3.SHAKE // a SHAKE state unmarshals only into one of its own kind
	out      []byte
}

func newDigestState(a *algInfo) *digestState {
	switch a.id {
	case abi.AlgSHAKE128:
		return &digestState{shake: sha3.NewSHAKE128(), newShake: sha3.NewSHAKE128}
	case abi.AlgSHAKE256:
		return &digestState{shake: sha3.NewSHAKE256(), newShake: sha3.NewSHAKE256}
	}
	return &digestState{h: a.newH(), newH: a.newH}
}

func (d *digestState) clone() *digestState {
	c := &digestState{out: append([]byte(nil), d.out...), newH: d.newH, newShake: d.newShake}
	if d.h != nil {
		var ok bool
		if c.h, ok = cloneHash(d.h, d.newH); !ok {
			panic("gpcrypto: digest state cannot be copied") // every digest of the table can
		}
	}
	if d.shake != nil {
		b, _ := d.shake.MarshalBinary()
		c.shake = d.newShake()
		if err := c.shake.UnmarshalBinary(b); err != nil {
			panic("gpcrypto: SHAKE state: " + err.Error())
		}
	}
	return c
}

// DigestUpdate feeds in to a digest operation, as TEE_DigestUpdate
// (§6.3.1). Panics: not a digest operation, or one already extracting.
func (op *Operation) DigestUpdate(in []byte) error {
	const fn, sec = "TEE_DigestUpdate", "§6.3.1"
	if err := op.need(fn, sec, abi.OperationDigest); err != nil {
		return err
	}
	if op.state == abi.OperationStateExtracting {
		return panicf(fn, sec, "operation is extracting")
	}
	op.state = abi.OperationStateActive
	if op.digest.shake != nil {
		op.digest.shake.Write(in)
	} else {
		op.digest.h.Write(in)
	}
	return nil
}

// DigestDoFinal feeds in and writes the digest to out, returning its
// length, as TEE_DigestDoFinal (§6.3.2); the operation then starts over.
// For SHAKE128/256 it writes len(out) bytes of output. ERROR_SHORT_BUFFER
// (nothing consumed): out is shorter than the digest. Panics: not a digest
// operation, or one extracting.
func (op *Operation) DigestDoFinal(in, out []byte) (int, error) {
	const fn, sec = "TEE_DigestDoFinal", "§6.3.2"
	if err := op.need(fn, sec, abi.OperationDigest); err != nil {
		return 0, err
	}
	if op.state == abi.OperationStateExtracting {
		return 0, panicf(fn, sec, "operation is extracting")
	}
	d := op.digest
	var n int
	if d.shake != nil {
		d.shake.Write(in)
		d.shake.Read(out)
		n = len(out)
	} else {
		if len(out) < d.h.Size() {
			return 0, shortBuffer(d.h.Size())
		}
		d.h.Write(in)
		n = copy(out, d.h.Sum(nil))
	}
	op.reset()
	return n, nil
}

// DigestExtract writes the next len(out) bytes of the digest, as
// TEE_DigestExtract (§6.3.3); the operation enters the extracting state,
// in which DigestUpdate and DigestDoFinal panic until Reset. A SHAKE
// operation yields any number of bytes; a fixed-length digest yields at
// most its remaining bytes, and the count written says how many.
func (op *Operation) DigestExtract(out []byte) (int, error) {
	const fn, sec = "TEE_DigestExtract", "§6.3.3"
	if err := op.need(fn, sec, abi.OperationDigest); err != nil {
		return 0, err
	}
	d := op.digest
	if op.state != abi.OperationStateExtracting && d.h != nil {
		d.out = d.h.Sum(nil)
	}
	op.state = abi.OperationStateExtracting
	if d.shake != nil {
		d.shake.Read(out)
		return len(out), nil
	}
	n := copy(out, d.out)
	d.out = d.out[n:]
	return n, nil
}

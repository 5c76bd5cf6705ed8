package gpcrypto

import (
	"crypto/cipher"
	"crypto/subtle"
	"slices"
	"sync"

	"github.com/veritee/veritee/internal/abi"
)

// gcmTagBits are the GCM tag lengths GP allows (§6.7.1, Table 6-8).
var gcmTagBits = []uint32{128, 120, 112, 104, 96}

// aeState is a running AE operation. Veritee buffers the payload and
// processes it in AEEncryptFinal/AEDecryptFinal: AEUpdate writes nothing
// (GP lets it write less than it reads), and a decryption never releases
// plaintext before its tag is verified. Memory is bounded by what the TA
// can pass in.
type aeState struct {
	nonce   []byte
	tagLen  int
	aad     []byte
	data    []byte
	started bool // AEUpdate was called: no more AAD
	// CCM's declared lengths
	aadLen, payloadLen uint64
}

func (s *aeState) clone() *aeState {
	c := *s
	c.nonce = slices.Clone(s.nonce)
	c.aad = slices.Clone(s.aad)
	c.data = slices.Clone(s.data)
	return &c
}

// AEInit starts an AE operation, as TEE_AEInit (§6.7.1). aadLen and
// payloadLen matter to CCM only. ERROR_NOT_SUPPORTED: tagLenBits is not
// one GP allows for the algorithm. ERROR_BAD_PARAMETERS: empty nonce, or
// a CCM nonce outside 7..13 bytes.
// Panics: not an AE operation, key not set.
func (op *Operation) AEInit(nonce []byte, tagLenBits uint32, aadLen, payloadLen uint64) error {
	const fn, sec = "TEE_AEInit", "§6.7.1"
	if err := op.need(fn, sec, abi.OperationAE); err != nil {
		return err
	}
	if !op.keySet() {
		return panicf(fn, sec, "key not set")
	}
	if op.alg.kind == kGCM && !slices.Contains(gcmTagBits, tagLenBits) {
		return newErr(abi.ErrNotSupported, "GCM tag of %d bits", tagLenBits)
	}
	if op.alg.kind == kCCM && !slices.Contains(ccmTagBits, tagLenBits) {
		return newErr(abi.ErrNotSupported, "CCM tag of %d bits", tagLenBits)
	}
	if len(nonce) == 0 || op.alg.kind == kCCM && (len(nonce) < 7 || len(nonce) > 13) {
		return badParam("nonce of %d bytes", len(nonce))
	}
	op.ae = &aeState{nonce: slices.Clone(nonce), tagLen: int(tagLenBits / 8), aadLen: aadLen, payloadLen: payloadLen}
	op.state, op.initialized = abi.OperationStateActive, true
	return nil
}

func (op *Operation) aeReady(fn, sec string, modes ...uint32) error {
	if err := op.need(fn, sec, abi.OperationAE, modes...); err != nil {
		return err
	}
	if !op.initialized || op.ae == nil {
		return panicf(fn, sec, "operation not initialised (TEE_AEInit)")
	}
	return nil
}

// AEUpdateAAD feeds additional authenticated data, as TEE_AEUpdateAAD
// (§6.7.2). Panics: not an initialised AE operation, or payload already
// given.
func (op *Operation) AEUpdateAAD(aad []byte) error {
	const fn, sec = "TEE_AEUpdateAAD", "§6.7.2"
	if err := op.aeReady(fn, sec); err != nil {
		return err
	}
	if op.ae.started {
		return panicf(fn, sec, "AAD after the payload")
	}
	op.ae.aad = append(op.ae.aad, aad...)
	return nil
}

// AEUpdate feeds payload, as TEE_AEUpdate (§6.7.3). It buffers and writes
// nothing (returns 0). Panics: not an initialised AE operation.
func (op *Operation) AEUpdate(in, out []byte) (int, error) {
	if err := op.aeReady("TEE_AEUpdate", "§6.7.3"); err != nil {
		return 0, err
	}
	op.ae.started = true
	op.ae.data = append(op.ae.data, in...)
	return 0, nil
}

// AEEncryptFinal encrypts the payload and in into out and writes the tag,
// as TEE_AEEncryptFinal (§6.7.4); the operation returns to the initial
// state. It returns the bytes written to out and to tag. ERROR_SHORT_BUFFER
// (nothing consumed): out or tag too short; n and tagN then hold the sizes
// needed. Panics: not an initialised AE operation in encrypt mode.
func (op *Operation) AEEncryptFinal(in, out, tag []byte) (n, tagN int, err error) {
	if err := op.aeReady("TEE_AEEncryptFinal", "§6.7.4", abi.ModeEncrypt); err != nil {
		return 0, 0, err
	}
	s := op.ae
	total := len(s.data) + len(in)
	if len(out) < total || len(tag) < s.tagLen {
		e := shortBuffer(total)
		if len(out) >= total {
			e.Needed = s.tagLen
			e.Msg = "tag buffer"
		}
		return total, s.tagLen, e
	}
	pt := in
	if len(s.data) > 0 {
		pt = append(s.data, in...)
		defer wipe(pt)
	}
	if op.alg.kind == kGCM {
		// The 16-byte tag is computed and truncated (SP 800-38D §7.1);
		// cipher.NewGCM is the accelerated implementation. The ciphertext
		// goes through a pooled scratch buffer (GCM's Seal writes ct || tag
		// contiguously), which holds nothing secret.
		g, err := newGCM(op.keys[0].block, len(s.nonce))
		if err != nil {
			return 0, 0, err
		}
		sp := getScratch(total + 16)
		defer putScratch(sp)
		res := g.Seal((*sp)[:0], s.nonce, pt, s.aad)
		n, tagN = copy(out, res[:total]), copy(tag, res[total:total+s.tagLen])
	} else {
		ct, t, err := op.aeSealModes(pt)
		if err != nil {
			return 0, 0, err
		}
		n, tagN = copy(out, ct), copy(tag, t)
	}
	op.reset()
	return n, tagN, nil
}

// AEDecryptFinal decrypts the payload and in into out and checks tag in
// constant time, as TEE_AEDecryptFinal (§6.7.5); the operation returns to
// the initial state. ERROR_MAC_INVALID: the tag does not verify; no
// plaintext is released (out may have been zeroed). ERROR_SHORT_BUFFER
// (nothing consumed): out too short. Panics: not an initialised AE
// operation in decrypt mode.
func (op *Operation) AEDecryptFinal(in, out, tag []byte) (int, error) {
	if err := op.aeReady("TEE_AEDecryptFinal", "§6.7.5", abi.ModeDecrypt); err != nil {
		return 0, err
	}
	s := op.ae
	total := len(s.data) + len(in)
	if len(out) < total {
		return 0, shortBuffer(total)
	}
	ct := in
	if len(s.data) > 0 {
		ct = append(s.data, in...)
	}
	if len(tag) != s.tagLen {
		op.reset()
		return 0, ErrMACInvalid
	}
	n, err := op.aeOpen(ct, tag, out[:total:total])
	op.reset()
	return n, err
}

var scratchPool sync.Pool

// getScratch returns a pooled buffer of n bytes; putScratch returns it.
// Only non-secret data (ciphertext) goes through it.
func getScratch(n int) *[]byte {
	p, _ := scratchPool.Get().(*[]byte)
	if p == nil || cap(*p) < n {
		b := make([]byte, n)
		p = &b
	}
	*p = (*p)[:n]
	return p
}

func putScratch(p *[]byte) { scratchPool.Put(p) }

func newGCM(b cipher.Block, nonceSize int) (cipher.AEAD, error) {
	var g cipher.AEAD
	var err error
	if nonceSize == 12 {
		g, err = cipher.NewGCM(b)
	} else {
		g, err = cipher.NewGCMWithNonceSize(b, nonceSize)
	}
	if err != nil {
		return nil, newErr(abi.ErrGeneric, "GCM: %v", err)
	}
	return g, nil
}

// aeOpen decrypts ct into out (len(out) == len(ct)) if tag verifies.
func (op *Operation) aeOpen(ct, tag, out []byte) (int, error) {
	s, b := op.ae, op.keys[0].block
	if op.alg.kind != kGCM {
		pt, err := op.aeOpenModes(ct, tag)
		if err != nil {
			return 0, err
		}
		defer wipe(pt)
		return copy(out, pt), nil
	}
	switch {
	case s.tagLen == 16:
		g, err := newGCM(b, len(s.nonce))
		if err != nil {
			return 0, err
		}
		sp := getScratch(len(ct) + 16)
		defer putScratch(sp)
		copy(*sp, ct)
		copy((*sp)[len(ct):], tag)
		pt, err := g.Open(out[:0], s.nonce, *sp, s.aad)
		if err != nil {
			return 0, ErrMACInvalid
		}
		return len(pt), nil
	case len(s.nonce) == 12:
		g, err := cipher.NewGCMWithTagSize(b, s.tagLen)
		if err != nil {
			return 0, newErr(abi.ErrGeneric, "GCM: %v", err)
		}
		pt, err := g.Open(out[:0], s.nonce, append(slices.Clip(ct), tag...), s.aad)
		if err != nil {
			return 0, ErrMACInvalid
		}
		return len(pt), nil
	}
	// A nonce other than 96 bits with a truncated tag: crypto/cipher has no
	// AEAD for it. GCM encryption is CTR, so sealing the ciphertext yields
	// the plaintext, and sealing that yields the full tag, which is compared
	// truncated, in constant time.
	g, err := cipher.NewGCMWithNonceSize(b, len(s.nonce))
	if err != nil {
		return 0, newErr(abi.ErrGeneric, "GCM: %v", err)
	}
	pt := g.Seal(nil, s.nonce, ct, nil)[:len(ct)]
	defer wipe(pt)
	full := g.Seal(nil, s.nonce, pt, s.aad)
	if subtle.ConstantTimeCompare(full[len(pt):len(pt)+s.tagLen], tag) != 1 {
		return 0, ErrMACInvalid
	}
	return copy(out, pt), nil
}

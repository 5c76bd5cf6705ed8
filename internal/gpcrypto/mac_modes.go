package gpcrypto

import (
	"crypto/cipher"
	"errors"
	"hash"
	"slices"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto/modes"
)

// modeMAC is CBC-MAC or CMAC from internal/gpcrypto/modes. Those types
// cannot clone their state, so the engine keeps the input since MACInit and
// a copy replays it into a fresh instance: TEE_CopyOperation of a running
// block-cipher MAC costs one pass over what was MACed so far.
type modeMAC struct {
	b    cipher.Block
	kind algKind
	pad  bool
	m    hash.Hash     // CMAC
	cbc  *modes.CBCMAC // CBC-MAC
	seen []byte
}

func newModeMACEngine(b cipher.Block, kind algKind, pad bool) (*modeMAC, error) {
	e := &modeMAC{b: b, kind: kind, pad: pad}
	if kind == kCMAC {
		m, err := modes.NewCMAC(b)
		if err != nil {
			return nil, err
		}
		e.m = m
	} else {
		e.cbc = modes.NewCBCMAC(b, pad)
	}
	return e, nil
}

func (e *modeMAC) write(p []byte) {
	e.seen = append(e.seen, p...)
	if e.m != nil {
		e.m.Write(p)
	} else {
		e.cbc.Write(p)
	}
}

func (e *modeMAC) sum() ([]byte, error) {
	if e.m != nil {
		return e.m.Sum(nil), nil
	}
	m, err := e.cbc.Final(nil)
	if err != nil {
		return nil, badParam("CBC-MAC: %v", err)
	}
	return m, nil
}

func (e *modeMAC) size() int { return e.b.BlockSize() }

func (e *modeMAC) clone() macEngine {
	c, err := newModeMACEngine(e.b, e.kind, e.pad)
	if err != nil {
		panic("gpcrypto: " + err.Error()) // e was built from the same values
	}
	c.write(e.seen)
	return c
}

// newModeMAC returns the engine of the block-cipher MACs. GP's IV argument
// is ignored, as OP-TEE does (CBC-MAC chains from zero).
func (op *Operation) newModeMAC(iv []byte) (macEngine, error) {
	e, err := newModeMACEngine(op.keys[0].block, op.alg.kind, op.alg.pad)
	if err != nil {
		return nil, panicf("TEE_MACInit", "§6.5.1", "%s: %v", op.alg.name, err)
	}
	return e, nil
}

// ctsEngine is AES-CTS (CBC-CS3) from internal/gpcrypto/modes. As libutee
// does, it holds back the last two blocks until the final call. The CBC
// chaining value is tracked here so that a copy can restart from it.
type ctsEngine struct {
	b       cipher.Block
	iv      []byte
	held    []byte
	decrypt bool
}

func (e *ctsEngine) newCTS() *modes.CTS {
	if e.decrypt {
		return modes.NewCTSDecrypter(e.b, e.iv)
	}
	return modes.NewCTSEncrypter(e.b, e.iv)
}

// processable returns how many bytes of a total can go through CBC now,
// leaving more than one block and at most two held back.
func ctsProcessable(total, bs int) int {
	if total <= 2*bs {
		return 0
	}
	return (total - 2*bs + bs - 1) / bs * bs
}

func (e *ctsEngine) outLen(n int, final bool) int {
	if final {
		return len(e.held) + n
	}
	return ctsProcessable(len(e.held)+n, e.b.BlockSize())
}

func (e *ctsEngine) update(in, out []byte, final bool) (int, error) {
	bs := e.b.BlockSize()
	data := append(slices.Clip(e.held), in...)
	if final {
		if err := e.newCTS().Final(out[:len(data)], data); err != nil {
			if errors.Is(err, modes.ErrCTSShort) {
				return 0, newErr(abi.ErrBadState, "CTS needs more than one block (as OP-TEE)")
			}
			return 0, badParam("CTS: %v", err)
		}
		return len(data), nil
	}
	n := ctsProcessable(len(data), bs)
	if n > 0 {
		if err := e.newCTS().CryptBlocks(out[:n], data[:n]); err != nil {
			return 0, badParam("CTS: %v", err)
		}
		if e.decrypt {
			e.iv = slices.Clone(data[n-bs : n])
		} else {
			e.iv = slices.Clone(out[n-bs : n])
		}
	}
	e.held = slices.Clone(data[n:])
	return n, nil
}

func (e *ctsEngine) clone() cipherEngine {
	c := *e
	c.iv, c.held = slices.Clone(e.iv), slices.Clone(e.held)
	return &c
}

// ccmTagBits are the CCM tag lengths GP allows (§6.7.1, Table 6-8).
var ccmTagBits = []uint32{32, 48, 64, 80, 96, 112, 128}

// aeSealModes and aeOpenModes run AES-CCM (internal/gpcrypto/modes) over
// the buffered AAD and payload, whose lengths must be those declared to
// AEInit (ERROR_BAD_PARAMETERS otherwise).
func (op *Operation) ccmStream(decrypt bool, payload int) (*modes.CCMStream, error) {
	s := op.ae
	if uint64(len(s.aad)) != s.aadLen || uint64(payload) != s.payloadLen {
		return nil, badParam("CCM: %d AAD and %d payload bytes, %d and %d declared", len(s.aad), payload, s.aadLen, s.payloadLen)
	}
	st, err := modes.NewCCMStream(op.keys[0].block, s.nonce, s.tagLen, s.aadLen, s.payloadLen, decrypt)
	if err != nil {
		return nil, badParam("CCM: %v", err)
	}
	if err := st.UpdateAAD(s.aad); err != nil {
		return nil, badParam("CCM: %v", err)
	}
	return st, nil
}

func (op *Operation) aeSealModes(pt []byte) (ct, tag []byte, err error) {
	st, err := op.ccmStream(false, len(pt))
	if err != nil {
		return nil, nil, err
	}
	ct = make([]byte, len(pt))
	if err := st.Update(ct, pt); err != nil {
		return nil, nil, badParam("CCM: %v", err)
	}
	if tag, err = st.Tag(nil); err != nil {
		return nil, nil, badParam("CCM: %v", err)
	}
	return ct, tag, nil
}

func (op *Operation) aeOpenModes(ct, tag []byte) ([]byte, error) {
	st, err := op.ccmStream(true, len(ct))
	if err != nil {
		return nil, err
	}
	pt := make([]byte, len(ct))
	if err := st.Update(pt, ct); err != nil {
		return nil, badParam("CCM: %v", err)
	}
	if err := st.Verify(tag); err != nil {
		wipe(pt)
		return nil, ErrMACInvalid
	}
	return pt, nil
}

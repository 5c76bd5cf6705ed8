package gpcrypto

import (
	"github.com/veritee/veritee/internal/abi"
)

// CipherInit starts a symmetric cipher operation with iv (ignored by ECB),
// as TEE_CipherInit (§6.4.1); an operation already running starts over.
// Panics: not a cipher operation, key not set, or an IV of the wrong
// length for CBC, CTR and XTS (one block).
func (op *Operation) CipherInit(iv []byte) error {
	const fn, sec = "TEE_CipherInit", "§6.4.1"
	if err := op.need(fn, sec, abi.OperationCipher); err != nil {
		return err
	}
	if !op.keySet() {
		return panicf(fn, sec, "key not set")
	}
	a, k := op.alg, op.keys[0]
	dec := op.mode == abi.ModeDecrypt
	bs := k.block.BlockSize()
	if a.kind != kECB && len(iv) != bs {
		return panicf(fn, sec, "IV of %d bytes, want %d", len(iv), bs)
	}
	buf := blockBuffered{bs: bs}
	switch a.kind {
	case kECB:
		op.cipher = &ecbEngine{blockBuffered: buf, b: k.block, decrypt: dec}
	case kCBC:
		op.cipher = &cbcEngine{blockBuffered: buf, b: k.block, iv: append([]byte(nil), iv...), decrypt: dec}
	case kCTR:
		op.cipher = &ctrEngine{b: k.block, ctr: append([]byte(nil), iv...)}
	case kCTS:
		op.cipher = &ctsEngine{b: k.block, iv: append([]byte(nil), iv...), decrypt: dec}
	case kXTS:
		e := &xtsEngine{blockBuffered: buf, k1: k.block, decrypt: dec}
		op.keys[1].block.Encrypt(e.tweak[:], iv)
		op.cipher = e
	default:
		return panicf(fn, sec, "%s has no cipher engine", a.name)
	}
	if a.pad {
		op.cipher = &pkcs5Engine{inner: op.cipher, bs: bs, decrypt: dec}
	}
	op.state, op.initialized = abi.OperationStateActive, true
	return nil
}

func (op *Operation) cipherReady(fn, sec string) error {
	if err := op.need(fn, sec, abi.OperationCipher); err != nil {
		return err
	}
	if !op.initialized || op.cipher == nil {
		return panicf(fn, sec, "operation not initialised (TEE_CipherInit)")
	}
	return nil
}

// CipherUpdate encrypts or decrypts in into out, as TEE_CipherUpdate
// (§6.4.2), returning the bytes written; block modes hold back a partial
// block. ERROR_SHORT_BUFFER (nothing consumed): out is shorter than the
// output, whose size the error carries. Panics: not a cipher operation, or
// not initialised.
func (op *Operation) CipherUpdate(in, out []byte) (int, error) {
	if err := op.cipherReady("TEE_CipherUpdate", "§6.4.2"); err != nil {
		return 0, err
	}
	if n := op.cipher.outLen(len(in), false); len(out) < n {
		return 0, shortBuffer(n)
	}
	return op.cipher.update(in, out, false)
}

// CipherDoFinal finishes the operation with in, as TEE_CipherDoFinal
// (§6.4.3), and returns it to the initial state. ERROR_SHORT_BUFFER as
// CipherUpdate; ERROR_BAD_PARAMETERS: the NOPAD total is not a multiple of
// the block size. Panics as CipherUpdate.
func (op *Operation) CipherDoFinal(in, out []byte) (int, error) {
	if err := op.cipherReady("TEE_CipherDoFinal", "§6.4.3"); err != nil {
		return 0, err
	}
	if n := op.cipher.outLen(len(in), true); len(out) < n {
		return 0, shortBuffer(n)
	}
	n, err := op.cipher.update(in, out, true)
	if err != nil {
		return 0, err
	}
	op.reset()
	return n, nil
}

package gpcrypto

import (
	"bytes"
	"crypto/hmac"
	"crypto/subtle"
	"hash"

	"github.com/veritee/veritee/internal/abi"
)

// macEngine is the running state of a MAC operation.
type macEngine interface {
	write(p []byte)
	// sum returns the MAC of everything written; ERROR_BAD_PARAMETERS for a
	// NOPAD CBC-MAC over a partial block.
	sum() ([]byte, error)
	size() int
	clone() macEngine
}

// hmacEngine is crypto/hmac. Its state clones through hash.Cloner when the
// underlying hash allows it; for a hash that does not (SM3) the engine
// keeps the key and the input so far, and a copy replays them.
type hmacEngine struct {
	h      hash.Hash
	newH   func() hash.Hash
	key    []byte // only when replaying
	seen   []byte
	replay bool
}

func newHMACEngine(newH func() hash.Hash, key []byte) *hmacEngine {
	e := &hmacEngine{h: hmac.New(newH, key), newH: newH}
	if _, ok := e.h.(hash.Cloner); ok {
		if _, err := e.h.(hash.Cloner).Clone(); err == nil {
			return e
		}
	}
	e.replay, e.key = true, bytes.Clone(key)
	return e
}

func (e *hmacEngine) write(p []byte) {
	e.h.Write(p)
	if e.replay {
		e.seen = append(e.seen, p...)
	}
}
func (e *hmacEngine) sum() ([]byte, error) { return e.h.Sum(nil), nil }
func (e *hmacEngine) size() int            { return e.h.Size() }
func (e *hmacEngine) clone() macEngine {
	if e.replay {
		c := newHMACEngine(e.newH, e.key)
		c.write(e.seen)
		return c
	}
	d, _ := e.h.(hash.Cloner).Clone()
	return &hmacEngine{h: d, newH: e.newH}
}

// MACInit starts a MAC operation, as TEE_MACInit (§6.5.1); iv is ignored by
// HMAC and CMAC. An operation already running starts over. Panics: not a
// MAC operation, or key not set.
func (op *Operation) MACInit(iv []byte) error {
	const fn, sec = "TEE_MACInit", "§6.5.1"
	if err := op.need(fn, sec, abi.OperationMAC); err != nil {
		return err
	}
	if !op.keySet() {
		return panicf(fn, sec, "key not set")
	}
	k := op.keys[0]
	switch op.alg.kind {
	case kHMAC:
		op.mac = newHMACEngine(op.alg.newH, k.secret)
	default:
		if m, err := op.newModeMAC(iv); err != nil {
			return err
		} else {
			op.mac = m
		}
	}
	op.state, op.initialized = abi.OperationStateActive, true
	return nil
}

func (op *Operation) macReady(fn, sec string) error {
	if err := op.need(fn, sec, abi.OperationMAC); err != nil {
		return err
	}
	if !op.initialized || op.mac == nil {
		return panicf(fn, sec, "operation not initialised (TEE_MACInit)")
	}
	return nil
}

// MACUpdate feeds in, as TEE_MACUpdate (§6.5.2). Panics: not a MAC
// operation, or not initialised.
func (op *Operation) MACUpdate(in []byte) error {
	if err := op.macReady("TEE_MACUpdate", "§6.5.2"); err != nil {
		return err
	}
	op.mac.write(in)
	return nil
}

// MACComputeFinal feeds in and writes the MAC to out, as
// TEE_MACComputeFinal (§6.5.3); the operation returns to the initial
// state. ERROR_SHORT_BUFFER (nothing consumed): out is shorter than the MAC.
// Panics as MACUpdate.
func (op *Operation) MACComputeFinal(in, out []byte) (int, error) {
	if err := op.macReady("TEE_MACComputeFinal", "§6.5.3"); err != nil {
		return 0, err
	}
	if len(out) < op.mac.size() {
		return 0, shortBuffer(op.mac.size())
	}
	op.mac.write(in)
	m, err := op.mac.sum()
	op.reset()
	if err != nil {
		return 0, err
	}
	return copy(out, m), nil
}

// MACCompareFinal feeds in and compares the MAC with mac in constant time,
// as TEE_MACCompareFinal (§6.5.4); the operation returns to the initial
// state. ERROR_MAC_INVALID: they differ (a mac of another length differs).
// Panics as MACUpdate.
func (op *Operation) MACCompareFinal(in, mac []byte) error {
	if err := op.macReady("TEE_MACCompareFinal", "§6.5.4"); err != nil {
		return err
	}
	op.mac.write(in)
	m, err := op.mac.sum()
	op.reset()
	if err != nil {
		return err
	}
	if subtle.ConstantTimeCompare(m, mac) != 1 {
		return ErrMACInvalid
	}
	return nil
}

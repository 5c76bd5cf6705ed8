package gpcrypto

import (
	"bytes"
	"crypto/cipher"
	"slices"

	"github.com/veritee/veritee/internal/abi"
)

// OperationInfo is TEE_OperationInfo (GPD_SPE_010 §6.2.1).
type OperationInfo struct {
	Algorithm        uint32
	OperationClass   uint32
	Mode             uint32
	DigestLength     uint32
	MaxKeySize       uint32
	KeySize          uint32
	RequiredKeyUsage uint32
	HandleState      uint32
}

// KeyInformation is TEE_OperationInfoKey (§6.2.1).
type KeyInformation struct {
	KeySize          uint32
	RequiredKeyUsage uint32
}

// OperationInfoMultiple is TEE_OperationInfoMultiple (§6.2.1).
type OperationInfoMultiple struct {
	Algorithm      uint32
	OperationClass uint32
	Mode           uint32
	DigestLength   uint32
	MaxKeySize     uint32
	HandleState    uint32
	OperationState uint32
	Keys           []KeyInformation
}

// opKey is the operation's own copy of a key (TEE_SetOperationKey copies
// the key material: later changes to the object do not affect it).
type opKey struct {
	typ    uint32
	size   uint32
	secret []byte
	key    any
	block  cipher.Block
}

// Operation is a cryptographic operation (TEE_OperationHandle).
type Operation struct {
	alg         *algInfo
	mode        uint32
	maxKeySize  uint32
	keys        [2]*opKey
	state       uint32 // abi.OperationState*
	initialized bool   // TEE_HANDLE_FLAG_INITIALIZED

	digest *digestState
	cipher cipherEngine
	mac    macEngine
	ae     *aeState
}

// NewOperation allocates an operation, as TEE_AllocateOperation (§6.2.1).
// ERROR_NOT_SUPPORTED: the algorithm is unknown or not implemented, the
// mode is not one of the algorithm's, or maxKeySize is not a key size of
// the algorithm's key types.
func NewOperation(alg, mode, maxKeySize uint32) (*Operation, error) {
	a := algs[alg]
	if a == nil || !a.supported {
		return nil, newErr(abi.ErrNotSupported, "algorithm %#x", alg)
	}
	if !slices.Contains(a.modes, mode) {
		return nil, newErr(abi.ErrNotSupported, "%s in mode %d", a.name, mode)
	}
	op := &Operation{alg: a, mode: mode, maxKeySize: maxKeySize}
	if a.class == abi.OperationDigest {
		op.maxKeySize = 0
		op.digest = newDigestState(a)
		op.initialized = true
		return op, nil
	}
	ok := false
	for _, kt := range a.keyTypes {
		if t := objTypes[kt]; t != nil && t.validMax(maxKeySize) {
			ok = true
		}
	}
	if !ok {
		return nil, newErr(abi.ErrNotSupported, "%s with maxKeySize %d", a.name, maxKeySize)
	}
	return op, nil
}

// requiredUsage is the key usage the operation's mode needs (§6.2.1).
func (op *Operation) requiredUsage() uint32 {
	switch op.mode {
	case abi.ModeEncrypt:
		return abi.UsageEncrypt
	case abi.ModeDecrypt:
		return abi.UsageDecrypt
	case abi.ModeSign:
		return abi.UsageSign
	case abi.ModeVerify:
		return abi.UsageVerify
	case abi.ModeMAC:
		return abi.UsageMAC
	case abi.ModeDerive:
		return abi.UsageDerive
	}
	return 0
}

func (op *Operation) keySet() bool {
	if op.alg.twoKeys {
		return op.keys[0] != nil && op.keys[1] != nil
	}
	return op.keys[0] != nil
}

func (op *Operation) handleState() uint32 {
	var f uint32
	if op.keySet() || op.alg.class == abi.OperationDigest {
		f |= abi.HandleFlagKeySet
	}
	if op.alg.twoKeys {
		f |= abi.HandleFlagExpectTwoKeys
	}
	if op.initialized {
		f |= abi.HandleFlagInitialized
	}
	if op.state == abi.OperationStateExtracting {
		f |= abi.HandleFlagExtracting
	}
	return f
}

func (op *Operation) digestLength() uint32 {
	switch {
	case op.alg.class == abi.OperationDigest && op.alg.kind == kDigest:
		return uint32(op.alg.hsize)
	case op.alg.kind == kHMAC:
		return uint32(op.alg.hsize)
	case op.alg.kind == kCBCMAC || op.alg.kind == kCMAC:
		return uint32(op.alg.blockSize)
	}
	return 0
}

// Info returns TEE_OperationInfo, as TEE_GetOperationInfo (§6.2.3).
func (op *Operation) Info() OperationInfo {
	inf := OperationInfo{Algorithm: op.alg.id, OperationClass: op.alg.class, Mode: op.mode, DigestLength: op.digestLength(),
		MaxKeySize: op.maxKeySize, HandleState: op.handleState()}
	if !op.alg.twoKeys {
		inf.RequiredKeyUsage = op.requiredUsage()
		if op.keys[0] != nil {
			inf.KeySize = op.keys[0].size
		}
	}
	return inf
}

// InfoMultiple returns TEE_OperationInfoMultiple, as
// TEE_GetOperationInfoMultiple (§6.2.4).
func (op *Operation) InfoMultiple() OperationInfoMultiple {
	inf := OperationInfoMultiple{Algorithm: op.alg.id, OperationClass: op.alg.class, Mode: op.mode,
		DigestLength: op.digestLength(), MaxKeySize: op.maxKeySize, HandleState: op.handleState(), OperationState: op.state}
	n := 1
	if op.alg.twoKeys {
		n = 2
	}
	if op.alg.class == abi.OperationDigest {
		n = 0
	}
	for i := 0; i < n; i++ {
		k := KeyInformation{RequiredKeyUsage: op.requiredUsage()}
		if op.keys[i] != nil {
			k.KeySize = op.keys[i].size
		}
		inf.Keys = append(inf.Keys, k)
	}
	return inf
}

// checkKey verifies that obj may key the operation (§6.2.7 panics).
func (op *Operation) checkKey(fn string, obj *Object) (*opKey, error) {
	const sec = "§6.2.7"
	if !obj.init {
		return nil, panicf(fn, sec, "key object not initialised")
	}
	if !slices.Contains(op.alg.keyTypes, obj.typ.id) {
		return nil, panicf(fn, sec, "key type %s does not fit %s", obj.typ.name, op.alg.name)
	}
	if obj.size > op.maxKeySize {
		return nil, panicf(fn, sec, "key size %d exceeds the operation's maxKeySize %d", obj.size, op.maxKeySize)
	}
	if obj.usage&op.requiredUsage() != op.requiredUsage() {
		return nil, panicf(fn, sec, "key usage %#x lacks %#x", obj.usage, op.requiredUsage())
	}
	if (op.mode == abi.ModeSign || op.mode == abi.ModeDecrypt || op.alg.class == abi.OperationKeyDerivation) &&
		!obj.typ.keypair && obj.typ.secretAttr == 0 {
		return nil, panicf(fn, sec, "%s needs a private key", op.alg.name)
	}
	k := &opKey{typ: obj.typ.id, size: obj.size, key: obj.key}
	if obj.typ.secretAttr != 0 {
		k.secret = bytes.Clone(attrRef(obj.attrs, obj.typ.secretAttr))
	}
	if op.alg.block != nil {
		b, err := op.alg.block(k.secret)
		if err != nil {
			return nil, panicf(fn, sec, "key: %v", err)
		}
		k.block = b
	}
	return k, nil
}

func (op *Operation) clearKeys() {
	for i, k := range op.keys {
		if k != nil {
			wipe(k.secret)
		}
		op.keys[i] = nil
	}
}

// SetKey sets (a copy of) the operation's key, as TEE_SetOperationKey
// (§6.2.7); nil clears it. Panics: a digest or two-key operation, an
// operation not in the initial state, an uninitialised key, a key type the
// algorithm does not take, a key larger than maxKeySize, or a key whose
// usage lacks what the mode requires.
func (op *Operation) SetKey(obj *Object) error {
	const fn, sec = "TEE_SetOperationKey", "§6.2.7"
	if op.alg.class == abi.OperationDigest {
		return panicf(fn, sec, "digest operations take no key")
	}
	if op.alg.twoKeys {
		return panicf(fn, sec, "%s takes two keys (TEE_SetOperationKey2)", op.alg.name)
	}
	if op.state != abi.OperationStateInitial {
		return panicf(fn, sec, "operation not in the initial state")
	}
	if obj == nil {
		op.clearKeys()
		op.initialized = false
		return nil
	}
	k, err := op.checkKey(fn, obj)
	if err != nil {
		return err
	}
	op.clearKeys()
	op.keys[0] = k
	op.initialized = op.alg.class == abi.OperationAsymmetricCipher || op.alg.class == abi.OperationAsymmetricSignature ||
		op.alg.class == abi.OperationKeyDerivation
	return nil
}

// SetKey2 sets the two keys of an AES-XTS (or SM2 KEP) operation, as
// TEE_SetOperationKey2 (§6.2.8); two nils clear them. ERROR_SECURITY: the
// two XTS keys are equal. Panics as SetKey, and for an operation that does
// not take two keys or for one nil key.
func (op *Operation) SetKey2(a, b *Object) error {
	const fn, sec = "TEE_SetOperationKey2", "§6.2.8"
	if !op.alg.twoKeys {
		return panicf(fn, sec, "%s takes one key", op.alg.name)
	}
	if op.state != abi.OperationStateInitial {
		return panicf(fn, sec, "operation not in the initial state")
	}
	if a == nil && b == nil {
		op.clearKeys()
		op.initialized = false
		return nil
	}
	if a == nil || b == nil {
		return panicf(fn, sec, "one key is null")
	}
	k1, err := op.checkKey(fn, a)
	if err != nil {
		return err
	}
	k2, err := op.checkKey(fn, b)
	if err != nil {
		return err
	}
	if k1.size != k2.size {
		return panicf(fn, sec, "keys of %d and %d bits", k1.size, k2.size)
	}
	if op.alg.kind == kXTS && bytes.Equal(k1.secret, k2.secret) {
		return &Error{Code: abi.ErrSecurity, Msg: "the two XTS keys are equal"}
	}
	op.clearKeys()
	op.keys[0], op.keys[1] = k1, k2
	return nil
}

// Reset returns the operation to the initial state, keeping its key, as
// TEE_ResetOperation (§6.2.5). Panic: a keyed operation without its key.
func (op *Operation) Reset() error {
	if op.alg.class != abi.OperationDigest && !op.keySet() {
		return panicf("TEE_ResetOperation", "§6.2.5", "key not set")
	}
	op.reset()
	return nil
}

func (op *Operation) reset() {
	op.state = abi.OperationStateInitial
	op.cipher, op.mac, op.ae = nil, nil, nil
	switch op.alg.class {
	case abi.OperationDigest:
		op.digest = newDigestState(op.alg)
		op.initialized = true
	case abi.OperationCipher, abi.OperationMAC, abi.OperationAE:
		op.initialized = false
	}
}

// CopyTo copies op, keys and running state included, into dst, as
// TEE_CopyOperation(dst, op) (§6.2.6). Panics: dst has another algorithm
// or mode, or a maxKeySize smaller than op's key.
func (op *Operation) CopyTo(dst *Operation) error {
	const fn, sec = "TEE_CopyOperation", "§6.2.6"
	if dst == op {
		return nil
	}
	if dst.alg != op.alg || dst.mode != op.mode {
		return panicf(fn, sec, "operations of different algorithm or mode")
	}
	for _, k := range op.keys {
		if k != nil && k.size > dst.maxKeySize {
			return panicf(fn, sec, "key size %d exceeds the destination's maxKeySize %d", k.size, dst.maxKeySize)
		}
	}
	dst.clearKeys()
	for i, k := range op.keys {
		if k != nil {
			c := *k
			c.secret = bytes.Clone(k.secret)
			dst.keys[i] = &c
		}
	}
	dst.state, dst.initialized = op.state, op.initialized
	dst.digest, dst.cipher, dst.mac, dst.ae = nil, nil, nil, nil
	if op.digest != nil {
		dst.digest = op.digest.clone()
	}
	if op.cipher != nil {
		dst.cipher = op.cipher.clone()
	}
	if op.mac != nil {
		dst.mac = op.mac.clone()
	}
	if op.ae != nil {
		dst.ae = op.ae.clone()
	}
	return nil
}

// Free wipes the operation's keys, as TEE_FreeOperation (§6.2.2) does
// before the handle goes. What Go cannot wipe is said at Object.Zero.
func (op *Operation) Free() {
	op.clearKeys()
	op.reset()
}

// need checks the operation's class and mode for fn, the panics every
// operation function shares (§6.2: an operation of the wrong class or
// mode).
func (op *Operation) need(fn, sec string, class uint32, modes ...uint32) error {
	if op.alg.class != class {
		return panicf(fn, sec, "%s is not of this operation class", op.alg.name)
	}
	if len(modes) > 0 && !slices.Contains(modes, op.mode) {
		return panicf(fn, sec, "%s operation in the wrong mode (%d)", op.alg.name, op.mode)
	}
	return nil
}

package modes

import (
	"crypto/cipher"
	"crypto/subtle"
	"encoding/binary"
)

// CCM (NIST SP 800-38C, RFC 3610) over a 16-byte block cipher, for
// TEE_ALG_AES_CCM (GP TEE Internal Core API v1.3.1 §6.4, Table 6-4). GP
// allows tags of 32, 48, 64, 80, 96, 112 and 128 bits and nonces of 7 to 13
// bytes; so does this file.
//
// CCM needs the lengths of the associated data and the payload before it
// starts, which is why GP's TEE_AEInit takes them. CCMStream mirrors that:
// NewCCMStream takes the declared lengths, UpdateAAD and Update take the data
// in any chunking, Tag and Verify finish. NewCCM wraps it as a cipher.AEAD
// for one-shot use.
//
// Timing: branches only on lengths; the tag is compared with
// subtle.ConstantTimeCompare.

const ccmBlockSize = 16

func checkCCMParams(b cipher.Block, nonceSize, tagSize int) error {
	if b.BlockSize() != ccmBlockSize {
		return ErrBlockSize
	}
	if nonceSize < 7 || nonceSize > 13 {
		return ErrNonceSize
	}
	if tagSize < 4 || tagSize > 16 || tagSize%2 != 0 {
		return ErrTagSize
	}
	return nil
}

// CCMStream is one CCM encryption or decryption in progress.
type CCMStream struct {
	b       cipher.Block
	decrypt bool
	tagSize int

	aadLen, payloadLen uint64 // declared
	aadDone, payDone   uint64 // seen so far

	mac  [ccmBlockSize]byte // CBC-MAC chaining value
	pend [ccmBlockSize]byte // partial MAC input block
	np   int                // bytes in pend

	ctr cipher.Stream      // keystream from counter block 1 on
	s0  [ccmBlockSize]byte // E(counter block 0), masks the tag
	bad bool               // a length error happened; the stream is dead
}

// NewCCMStream starts a CCM operation as GP's TEE_AEInit does. b must have a
// 16-byte block (ErrBlockSize); len(nonce) must be 7..13 (ErrNonceSize);
// tagSize must be an even number of bytes in 4..16 (ErrTagSize); payloadLen
// must fit the 15-len(nonce) byte length field (ErrLength).
func NewCCMStream(b cipher.Block, nonce []byte, tagSize int, aadLen, payloadLen uint64, decrypt bool) (*CCMStream, error) {
	if err := checkCCMParams(b, len(nonce), tagSize); err != nil {
		return nil, err
	}
	q := 15 - len(nonce)
	if q < 8 && payloadLen>>(8*q) != 0 {
		return nil, ErrLength
	}
	s := &CCMStream{b: b, decrypt: decrypt, tagSize: tagSize, aadLen: aadLen, payloadLen: payloadLen}

	// B0 = flags || N || Q (SP 800-38C A.2.1).
	var b0 [ccmBlockSize]byte
	b0[0] = byte((tagSize-2)/2)<<3 | byte(q-1)
	if aadLen > 0 {
		b0[0] |= 0x40
	}
	copy(b0[1:], nonce)
	var ql [8]byte
	binary.BigEndian.PutUint64(ql[:], payloadLen)
	copy(b0[1+len(nonce):], ql[8-q:])
	s.macWrite(b0[:])

	// The encoding of a (SP 800-38C A.2.2).
	if aadLen > 0 {
		var enc [10]byte
		switch {
		case aadLen < 1<<16-1<<8:
			binary.BigEndian.PutUint16(enc[:], uint16(aadLen))
			s.macWrite(enc[:2])
		case aadLen < 1<<32:
			enc[0], enc[1] = 0xff, 0xfe
			binary.BigEndian.PutUint32(enc[2:], uint32(aadLen))
			s.macWrite(enc[:6])
		default:
			enc[0], enc[1] = 0xff, 0xff
			binary.BigEndian.PutUint64(enc[2:], aadLen)
			s.macWrite(enc[:10])
		}
	}

	// Counter blocks Ctr_i = flags' || N || [i]_q (SP 800-38C A.3). Counter 0
	// masks the tag; the keystream starts at counter 1. cipher.NewCTR
	// increments the whole block, which equals incrementing [i]_q because
	// payloadLen < 2^(8q) keeps i from overflowing q bytes.
	var ctr [ccmBlockSize]byte
	ctr[0] = byte(q - 1)
	copy(ctr[1:], nonce)
	b.Encrypt(s.s0[:], ctr[:])
	ctr[15] = 1
	s.ctr = cipher.NewCTR(b, ctr[:])
	return s, nil
}

// macWrite feeds p to the CBC-MAC.
func (s *CCMStream) macWrite(p []byte) {
	if s.np > 0 {
		k := copy(s.pend[s.np:], p)
		s.np += k
		p = p[k:]
		if s.np < ccmBlockSize {
			return
		}
		s.macBlock(s.pend[:])
		s.np = 0
	}
	for len(p) >= ccmBlockSize {
		s.macBlock(p[:ccmBlockSize])
		p = p[ccmBlockSize:]
	}
	s.np = copy(s.pend[:], p)
}

func (s *CCMStream) macBlock(p []byte) {
	subtle.XORBytes(s.mac[:], s.mac[:], p)
	s.b.Encrypt(s.mac[:], s.mac[:])
}

// macPad zero-pads the MAC input to a block boundary.
func (s *CCMStream) macPad() {
	if s.np > 0 {
		clear(s.pend[s.np:])
		s.macBlock(s.pend[:])
		s.np = 0
	}
}

func (s *CCMStream) fail() error {
	s.bad = true
	return ErrLength
}

// UpdateAAD adds associated data. More than the declared AAD length, or AAD
// after payload, is ErrLength and kills the stream.
func (s *CCMStream) UpdateAAD(p []byte) error {
	if s.bad || uint64(len(p)) > s.aadLen-s.aadDone || (s.payDone > 0 && len(p) > 0) {
		return s.fail()
	}
	s.macWrite(p)
	s.aadDone += uint64(len(p))
	if s.aadDone == s.aadLen && s.aadLen > 0 {
		s.macPad()
	}
	return nil
}

// Update encrypts (or decrypts) src into dst, which must be at least as long
// and may equal src but not overlap it otherwise. All declared AAD must have
// been given first, and the total must not pass the declared payload length;
// otherwise Update returns ErrLength and kills the stream.
//
// A decrypting stream releases plaintext before the tag is checked, as GP's
// TEE_AEUpdate does; the caller must discard it if Verify fails.
func (s *CCMStream) Update(dst, src []byte) error {
	if s.bad || s.aadDone != s.aadLen || uint64(len(src)) > s.payloadLen-s.payDone {
		return s.fail()
	}
	if len(dst) < len(src) {
		panic("gpcrypto/modes: CCM output smaller than input")
	}
	dst = dst[:len(src)]
	if inexactOverlap(dst, src) {
		panic("gpcrypto/modes: invalid buffer overlap")
	}
	if s.decrypt {
		s.ctr.XORKeyStream(dst, src)
		s.macWrite(dst)
	} else {
		s.macWrite(src)
		s.ctr.XORKeyStream(dst, src)
	}
	s.payDone += uint64(len(src))
	return nil
}

// Tag finishes the operation and appends the tag to in. It returns ErrLength
// if less data than declared was given.
func (s *CCMStream) Tag(in []byte) ([]byte, error) {
	if s.bad || s.aadDone != s.aadLen || s.payDone != s.payloadLen {
		return in, s.fail()
	}
	s.macPad()
	s.bad = true // finished: no more input
	var t [ccmBlockSize]byte
	subtle.XORBytes(t[:], s.mac[:], s.s0[:])
	return append(in, t[:s.tagSize]...), nil
}

// Verify finishes a decryption and checks tag in constant time: ErrAuth if it
// does not match (GP: TEE_ERROR_MAC_INVALID), ErrLength as for Tag.
func (s *CCMStream) Verify(tag []byte) error {
	var buf [ccmBlockSize]byte
	want, err := s.Tag(buf[:0])
	if err != nil {
		return err
	}
	if subtle.ConstantTimeCompare(want, tag) != 1 {
		return ErrAuth
	}
	return nil
}

type ccmAEAD struct {
	b                  cipher.Block
	nonceSize, tagSize int
}

// NewCCM returns CCM over b as a cipher.AEAD with the given nonce and tag
// sizes (see NewCCMStream for the limits). Open checks the tag in constant
// time and clears the output when it fails.
func NewCCM(b cipher.Block, nonceSize, tagSize int) (cipher.AEAD, error) {
	if err := checkCCMParams(b, nonceSize, tagSize); err != nil {
		return nil, err
	}
	return &ccmAEAD{b: b, nonceSize: nonceSize, tagSize: tagSize}, nil
}

func (c *ccmAEAD) NonceSize() int { return c.nonceSize }
func (c *ccmAEAD) Overhead() int  { return c.tagSize }

func (c *ccmAEAD) Seal(dst, nonce, plaintext, additionalData []byte) []byte {
	if len(nonce) != c.nonceSize {
		panic("gpcrypto/modes: incorrect nonce length given to CCM")
	}
	s, err := NewCCMStream(c.b, nonce, c.tagSize, uint64(len(additionalData)), uint64(len(plaintext)), false)
	if err != nil {
		panic("gpcrypto/modes: message too large for CCM nonce size")
	}
	ret, out := sliceForAppend(dst, len(plaintext)+c.tagSize)
	if anyOverlap(out, additionalData) || inexactOverlap(out, plaintext) {
		panic("gpcrypto/modes: invalid buffer overlap")
	}
	if err := s.UpdateAAD(additionalData); err != nil {
		panic(err)
	}
	if err := s.Update(out, plaintext); err != nil {
		panic(err)
	}
	if _, err := s.Tag(out[len(plaintext):len(plaintext)]); err != nil {
		panic(err)
	}
	return ret
}

func (c *ccmAEAD) Open(dst, nonce, ciphertext, additionalData []byte) ([]byte, error) {
	if len(nonce) != c.nonceSize {
		panic("gpcrypto/modes: incorrect nonce length given to CCM")
	}
	if len(ciphertext) < c.tagSize {
		return nil, ErrAuth
	}
	n := len(ciphertext) - c.tagSize
	s, err := NewCCMStream(c.b, nonce, c.tagSize, uint64(len(additionalData)), uint64(n), true)
	if err != nil {
		return nil, ErrAuth
	}
	ret, out := sliceForAppend(dst, n)
	if anyOverlap(out, additionalData) || inexactOverlap(out, ciphertext) {
		panic("gpcrypto/modes: invalid buffer overlap")
	}
	tag := append([]byte(nil), ciphertext[n:]...)
	if err := s.UpdateAAD(additionalData); err != nil {
		return nil, ErrAuth
	}
	if err := s.Update(out, ciphertext[:n]); err != nil {
		return nil, ErrAuth
	}
	if err := s.Verify(tag); err != nil {
		clear(out)
		return nil, err
	}
	return ret, nil
}

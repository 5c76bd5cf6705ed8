package gpcrypto

import (
	"crypto"
	"crypto/rsa"
	"encoding/binary"
	"math/big"
)

// PSS with a salt of zero bytes. GP lets TEE_ATTR_RSA_PSS_SALT_LENGTH be 0,
// but crypto/rsa reads SaltLength 0 as "auto" (the longest salt when
// signing, any salt when verifying). For that one case Veritee encodes
// EMSA-PSS itself (RFC 8017 §9.1.1) and signs with the blinded math/big
// private operation of RSA_NOPAD (see rsaRawPrivate for its timing), and
// verification checks, after crypto/rsa has verified the signature with an
// automatic salt length, that the recovered salt is empty.

func mgf1XOR(out []byte, h crypto.Hash, seed []byte) {
	var ctr [4]byte
	var done int
	for i := uint32(0); done < len(out); i++ {
		binary.BigEndian.PutUint32(ctr[:], i)
		d := newHash(h)
		d.Write(seed)
		d.Write(ctr[:])
		for _, b := range d.Sum(nil) {
			if done == len(out) {
				break
			}
			out[done] ^= b
			done++
		}
	}
}

func signPSSNoSalt(priv *rsa.PrivateKey, h crypto.Hash, digest []byte) ([]byte, error) {
	emBits := priv.N.BitLen() - 1
	emLen := (emBits + 7) / 8
	hLen := h.Size()
	if emLen < hLen+2 {
		return nil, badParam("RSASSA-PSS: key too small for the hash")
	}
	mp := newHash(h)
	mp.Write(make([]byte, 8))
	mp.Write(digest)
	hv := mp.Sum(nil)
	em := make([]byte, emLen)
	db := em[:emLen-hLen-1]
	db[len(db)-1] = 1
	mgf1XOR(db, h, hv)
	db[0] &= 0xff >> (8*emLen - emBits)
	copy(em[emLen-hLen-1:], hv)
	em[emLen-1] = 0xbc
	s, err := rsaRawPrivate(priv, em)
	if err != nil {
		return nil, err
	}
	return new(big.Int).SetBytes(s).FillBytes(make([]byte, priv.Size())), nil
}

// pssSaltEmpty reports whether the (already verified) signature sig
// carries an empty salt. The public operation runs on public data.
func pssSaltEmpty(pub *rsa.PublicKey, h crypto.Hash, sig []byte) bool {
	emBits := pub.N.BitLen() - 1
	emLen := (emBits + 7) / 8
	m := new(big.Int).Exp(new(big.Int).SetBytes(sig), big.NewInt(int64(pub.E)), pub.N)
	if (m.BitLen()+7)/8 > emLen {
		return false
	}
	em := m.FillBytes(make([]byte, emLen))
	hLen := h.Size()
	if emLen < hLen+2 {
		return false
	}
	db := em[:emLen-hLen-1]
	mgf1XOR(db, h, em[emLen-hLen-1:emLen-1])
	db[0] &= 0xff >> (8*emLen - emBits)
	for i, b := range db {
		if b != 0 {
			return b == 1 && i == len(db)-1
		}
	}
	return false
}

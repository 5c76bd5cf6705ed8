package gpcrypto

import (
	"bytes"
	"crypto/subtle"
	"slices"
)

// pkcs5Engine adds PKCS#5/#7 padding to ECB or CBC, for OP-TEE's
// TEE_ALG_SM4_ECB_PKCS5 and TEE_ALG_SM4_CBC_PKCS5. Encryption pads in the
// final call; decryption holds back the last block until the final call,
// then checks and strips the padding (ERROR_BAD_PARAMETERS for a bad one;
// the check does not branch on the padding bytes, but the length of the
// output necessarily reveals the padding length). The inner engine is fed
// whole blocks only.
type pkcs5Engine struct {
	inner   cipherEngine
	bs      int
	buf     []byte
	decrypt bool
}

func (e *pkcs5Engine) outLen(n int, final bool) int {
	total := len(e.buf) + n
	switch {
	case final && e.decrypt:
		return total // an upper bound: the padding is removed
	case final:
		return total/e.bs*e.bs + e.bs
	case e.decrypt:
		if total == 0 {
			return 0
		}
		return (total - 1) / e.bs * e.bs
	}
	return total / e.bs * e.bs
}

func (e *pkcs5Engine) update(in, out []byte, final bool) (int, error) {
	if !final {
		n := e.outLen(len(in), false)
		data := append(slices.Clip(e.buf), in...)
		k, err := e.inner.update(data[:n], out, false)
		if err != nil {
			return 0, err
		}
		e.buf = slices.Clone(data[n:])
		return k, nil
	}
	data := append(slices.Clip(e.buf), in...)
	if !e.decrypt {
		p := e.bs - len(data)%e.bs
		data = append(data, bytes.Repeat([]byte{byte(p)}, p)...)
		return e.inner.update(data, out, true)
	}
	if len(data) == 0 || len(data)%e.bs != 0 {
		return 0, badParam("padded ciphertext is not a whole number of blocks")
	}
	tmp := make([]byte, len(data))
	defer wipe(tmp)
	if _, err := e.inner.update(data, tmp, true); err != nil {
		return 0, err
	}
	p := int(tmp[len(tmp)-1])
	good := subtle.ConstantTimeLessOrEq(1, p) & subtle.ConstantTimeLessOrEq(p, e.bs)
	for i := 1; i <= e.bs; i++ {
		inPad := subtle.ConstantTimeLessOrEq(i, p)
		eq := subtle.ConstantTimeByteEq(tmp[len(tmp)-i], byte(p))
		good &= subtle.ConstantTimeSelect(inPad, eq, 1)
	}
	if good != 1 {
		return 0, badParam("bad padding")
	}
	return copy(out, tmp[:len(tmp)-p]), nil
}

func (e *pkcs5Engine) clone() cipherEngine {
	c := *e
	c.inner = e.inner.clone()
	c.buf = slices.Clone(e.buf)
	return &c
}

package conform

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto"
)

// mgf1 is the value of TEE_ATTR_RSA_OAEP_MGF_HASH: a digest id, little
// endian.
func mgf1(alg uint32) []byte {
	return []byte{byte(alg), byte(alg >> 8), byte(alg >> 16), byte(alg >> 24)}
}

// RSACipherBehaviour encrypts and decrypts with every GP RSA encryption
// scheme on a 2048-bit key: the round trip, both directions against
// crypto/rsa, SHORT_BUFFER with the size needed, corrupted ciphertexts,
// messages too long, OAEP labels and MGF1 hashes, and the misuse GP makes
// panic.
func RSACipherBehaviour(t *testing.T, api API) {
	goKey := goRSAKeys()[2048]
	k := rsaKey(2048)
	for _, c := range []struct {
		alg    uint32
		h, mgf crypto.Hash
		params []gpcrypto.Attribute
		label  []byte
	}{
		{alg: abi.AlgRSAESPKCS1V15},
		{alg: abi.AlgRSAESPKCS1OAEPMGF1MD5, h: crypto.MD5, mgf: crypto.MD5},
		{alg: abi.AlgRSAESPKCS1OAEPMGF1SHA1, h: crypto.SHA1, mgf: crypto.SHA1},
		{alg: abi.AlgRSAESPKCS1OAEPMGF1SHA224, h: crypto.SHA224, mgf: crypto.SHA224},
		{alg: abi.AlgRSAESPKCS1OAEPMGF1SHA256, h: crypto.SHA256, mgf: crypto.SHA256, label: []byte("label"),
			params: []gpcrypto.Attribute{ref(abi.AttrRSAOAEPLabel, []byte("label"))}},
		{alg: abi.AlgRSAESPKCS1OAEPMGF1SHA384, h: crypto.SHA384, mgf: crypto.SHA1,
			params: []gpcrypto.Attribute{ref(abi.AttrRSAOAEPMGFHash, mgf1(abi.AlgSHA1))}},
		{alg: abi.AlgRSAESPKCS1OAEPMGF1SHA512, h: crypto.SHA512, mgf: crypto.SHA512},
		{alg: abi.AlgRSAESPKCS1OAEPMGF1SHA3_224, h: crypto.SHA3_224, mgf: crypto.SHA3_224},
		{alg: abi.AlgRSAESPKCS1OAEPMGF1SHA3_256, h: crypto.SHA3_256, mgf: crypto.SHA3_256},
		{alg: abi.AlgRSAESPKCS1OAEPMGF1SHA3_384, h: crypto.SHA3_384, mgf: crypto.SHA3_384},
		{alg: abi.AlgRSAESPKCS1OAEPMGF1SHA3_512, h: crypto.SHA3_512, mgf: crypto.SHA3_512},
		{alg: abi.AlgRSANoPad},
	} {
		t.Run(algName(c.alg), func(t *testing.T) {
			e := env{t, api}
			pair, pub := k.objects(e)
			enc := e.op(c.alg, abi.ModeEncrypt, k.bits, pub)
			dec := e.op(c.alg, abi.ModeDecrypt, k.bits, pair)
			msg := pattern(32)
			_, err := enc.AsymmetricEncrypt(c.params, msg, make([]byte, 1))
			ct := make([]byte, e.short("AsymmetricEncrypt", err, 256))
			n, err := enc.AsymmetricEncrypt(c.params, msg, ct)
			if !e.ok("AsymmetricEncrypt with the size asked for", err) {
				return
			}
			ct = ct[:n]
			_, err = dec.AsymmetricDecrypt(c.params, ct, make([]byte, 1))
			pt := make([]byte, e.short("AsymmetricDecrypt", err, -1))
			m, err := dec.AsymmetricDecrypt(c.params, ct, pt)
			if err != nil || !bytes.Equal(stripLead(pt[:m]), msg) {
				t.Errorf("round trip: %x, %v", pt[:m], err)
			}
			// Against crypto/rsa, both ways.
			var goCT, goPT []byte
			switch c.alg {
			case abi.AlgRSAESPKCS1V15:
				goPT, err = rsa.DecryptPKCS1v15(nil, goKey, ct)
				if err == nil {
					goCT, err = rsa.EncryptPKCS1v15(rand.Reader, &goKey.PublicKey, msg)
				}
			case abi.AlgRSANoPad:
			default:
				opts := &rsa.OAEPOptions{Hash: c.h, MGFHash: c.mgf, Label: c.label}
				goPT, err = goKey.Decrypt(nil, ct, opts)
				if err == nil && c.h == c.mgf {
					goCT, err = rsa.EncryptOAEP(c.h.New(), rand.Reader, &goKey.PublicKey, msg, c.label)
				}
			}
			if err != nil || goPT != nil && !bytes.Equal(goPT, msg) {
				t.Errorf("crypto/rsa: %x, %v", goPT, err)
			}
			if goCT != nil {
				m, err := dec.AsymmetricDecrypt(c.params, goCT, pt)
				if err != nil || !bytes.Equal(pt[:m], msg) {
					t.Errorf("decrypting crypto/rsa's ciphertext: %x, %v", pt[:m], err)
				}
			}
			if c.alg != abi.AlgRSANoPad {
				bad := append([]byte(nil), ct...)
				bad[5] ^= 1
				_, err = dec.AsymmetricDecrypt(c.params, bad, pt)
				e.result("corrupted ciphertext", err, abi.ErrBadParameters)
				_, err = enc.AsymmetricEncrypt(c.params, make([]byte, 250), ct)
				e.result("message too long", err, abi.ErrBadParameters)
			}
			for _, o := range []interface{ Close() }{enc, dec, pair, pub} {
				o.Close()
			}
		})
	}
	t.Run("misuse", func(t *testing.T) {
		e := env{t, api}
		const alg = abi.AlgRSAESPKCS1V15
		encrypter := func() Operation { _, pub := k.objects(e); return e.op(alg, abi.ModeEncrypt, k.bits, pub) }
		alloc := func(mode uint32) Operation {
			op, err := api.NewOperation(alg, mode, k.bits)
			if err != nil {
				t.Fatal(err)
			}
			return op
		}
		buf := make([]byte, 256)
		_, err := encrypter().AsymmetricDecrypt(nil, buf, buf)
		e.panics("AsymmetricDecrypt on an encrypting operation", err)
		_, err = encrypter().AsymmetricSignDigest(nil, buf[:32], buf)
		e.panics("AsymmetricSignDigest on an encrypting operation", err)
		_, pub := k.objects(e)
		e.panics("decrypting with a public key", alloc(abi.ModeDecrypt).SetKey(pub))
		e.panics("wrong key type", alloc(abi.ModeDecrypt).SetKey(e.secret(abi.TypeAES, pattern(16))))
		pair, _ := rsaKey(2048).objects(e)
		op, err := api.NewOperation(alg, abi.ModeDecrypt, 1024)
		if e.ok("AllocateOperation", err) {
			e.panics("key larger than maxKeySize", op.SetKey(pair))
		}
		_, err = api.NewObject(abi.TypeRSAKeypair, 8192)
		e.result("RSA key of 8192 bits", err, abi.ErrNotSupported)
	})
}

// SM2PKEBehaviour: SM2 encryption (GB/T 32918.4) round trip, decryption
// by the engine, SHORT_BUFFER, a tampered ciphertext, and the misuse GP
// makes panic.
func SM2PKEBehaviour(t *testing.T, api API) {
	e := env{t, api}
	k := e.generated(abi.TypeSM2PKEKeypair, abi.TypeSM2PKEPublicKey, 256, eccPairIDs, eccPubIDs, nil)
	pair, pub := k.objects(e)
	enc := e.op(abi.AlgSM2PKE, abi.ModeEncrypt, 256, pub)
	dec := e.op(abi.AlgSM2PKE, abi.ModeDecrypt, 256, pair)
	msg := []byte("encryption standard")
	_, err := enc.AsymmetricEncrypt(nil, msg, make([]byte, 10))
	need := e.short("AsymmetricEncrypt", err, -1)
	if need < 64+len(msg)+32 {
		t.Errorf("SHORT_BUFFER asks for %d bytes", need)
	}
	ct := make([]byte, need)
	n, err := enc.AsymmetricEncrypt(nil, msg, ct)
	e.ok("AsymmetricEncrypt with the size asked for", err)
	ct = ct[:n]
	_, err = dec.AsymmetricDecrypt(nil, ct, make([]byte, 3))
	pt := make([]byte, e.short("AsymmetricDecrypt", err, len(msg)))
	m, err := dec.AsymmetricDecrypt(nil, ct, pt)
	if err != nil || !bytes.Equal(pt[:m], msg) {
		t.Errorf("round trip: %q, %v", pt[:m], err)
	}
	de := env{t, Direct()}
	dpair, _ := k.objects(de)
	m, err = de.op(abi.AlgSM2PKE, abi.ModeDecrypt, 256, dpair).AsymmetricDecrypt(nil, ct, pt)
	if err != nil || !bytes.Equal(pt[:m], msg) {
		t.Errorf("the engine decrypts %q, %v", pt[:m], err)
	}
	ct[n-1] ^= 1
	_, err = dec.AsymmetricDecrypt(nil, ct, pt)
	e.result("tampered ciphertext", err, abi.ErrBadParameters)
	off, err := api.NewObject(abi.TypeSM2PKEPublicKey, 256)
	if e.ok("AllocateTransientObject", err) {
		y := append([]byte(nil), attrOf(k.pub, abi.AttrECCPublicValueY)...)
		y[5] ^= 1
		e.result("public point off the curve", off.Populate([]gpcrypto.Attribute{ref(abi.AttrECCPublicValueX,
			attrOf(k.pub, abi.AttrECCPublicValueX)), ref(abi.AttrECCPublicValueY, y)}), abi.ErrBadParameters)
	}

	alloc := func() Operation {
		op, err := api.NewOperation(abi.AlgSM2PKE, abi.ModeDecrypt, 256)
		if err != nil {
			t.Fatal(err)
		}
		return op
	}
	_, pub = k.objects(e)
	e.panics("decrypting with a public key", alloc().SetKey(pub))
	dsa := e.generate(abi.TypeSM2DSAKeypair, 256)
	e.panics("SM2 DSA key on SM2 PKE", alloc().SetKey(dsa))
}

package veritee_test

import (
	"bytes"
	"context"
	"crypto"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/teec"
)

// BenchmarkCrypto times GP crypto operations through the C test TA
// (sub-benchmark ta) beside bare Go doing the same on the same key and data
// (bare), in the same run. The TA repeats the whole operation in a loop of
// TEE_* calls (testta.CmdCrypBench), so ta measures the TA API, the system
// calls and the engine; the cost of moving 1 MiB through an invoke is
// BenchmarkInvokeMemref1MiB's.
//
//	go test -run '^$' -bench Crypto .
func BenchmarkCrypto(b *testing.B) {
	tee := startTEE(b)
	c := tee.client(b, embedded)
	for _, bc := range cryptoBenches(b) {
		b.Run(bc.name, func(b *testing.B) {
			b.Run("ta", func(b *testing.B) {
				ct := newCryptTA(b, c, testta.CUUIDs[testta.VariantMulti])
				run := bc.ta(b, ct)
				if bc.size > 0 {
					b.SetBytes(int64(bc.size))
				}
				b.ResetTimer()
				for done := 0; done < b.N; {
					n := min(b.N-done, bc.batch)
					run(n)
					done += n
				}
			})
			b.Run("bare", func(b *testing.B) {
				run := bc.bare(b)
				if bc.size > 0 {
					b.SetBytes(int64(bc.size))
				}
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					run()
				}
			})
		})
	}
}

type cryptoBench struct {
	name  string
	size  int // bytes per operation, 0 for asymmetric operations
	batch int // operations per invoke
	ta    func(b *testing.B, ct *cryptTA) func(n int)
	bare  func(b *testing.B) func()
}

// taKey makes an object of typ populated with attrs in the TA.
func taKey(b *testing.B, ct *cryptTA, typ, bits uint32, attrs ...gpcrypto.Attribute) taObj {
	o, err := ct.NewObject(typ, bits)
	if err != nil {
		b.Fatal(err)
	}
	if err := o.Populate(attrs); err != nil {
		b.Fatalf("populate %#x: %v", typ, err)
	}
	return o.(taObj)
}

// taOpFor allocates alg/mode in the TA, keyed with key.
func taOpFor(b *testing.B, ct *cryptTA, alg, mode, bits uint32, key taObj) taOp {
	op, err := ct.NewOperation(alg, mode, bits)
	if err != nil {
		b.Fatal(err)
	}
	if err := op.SetKey(key); err != nil {
		b.Fatal(err)
	}
	return op.(taOp)
}

// benchLoop returns a runner that has the TA repeat fn n times per call.
func benchLoop(b *testing.B, ct *cryptTA, op taOp, fn, obj uint32, in, out []byte, outType teec.ParamType) func(n int) {
	return func(n int) {
		o := &teec.Operation{}
		o.Params[0] = vin(op.h, uint32(n))
		o.Params[1] = vin(fn, obj)
		o.Params[2] = min_(in)
		o.Params[3] = &teec.TempMemoryReference{Type: outType, Buffer: out, Size: uint64(len(out))}
		if err := ct.s.InvokeCommand(context.Background(), testta.CmdCrypBench, o); err != nil {
			b.Fatal(err)
		}
	}
}

func cryptoBenches(b *testing.B) []cryptoBench {
	var out []cryptoBench
	key256, key128 := bytes.Repeat([]byte{0x4b}, 32), bytes.Repeat([]byte{0x4b}, 16)
	for _, size := range []int{1 << 10, 1 << 20} {
		data := bytes.Repeat([]byte{0x5a}, size)
		sfx := "-1KiB"
		batch := 256
		if size == 1<<20 {
			sfx, batch = "-1MiB", 32
		}
		out = append(out,
			cryptoBench{name: "AES-256-GCM" + sfx, size: size, batch: batch,
				ta: func(b *testing.B, ct *cryptTA) func(int) {
					k := taKey(b, ct, abi.TypeAES, 256, gpcrypto.RefAttribute(abi.AttrSecretValue, key256))
					op := taOpFor(b, ct, abi.AlgAESGCM, abi.ModeEncrypt, 256, k)
					return benchLoop(b, ct, op, testta.CrypBenchAEEnc, 0, data, make([]byte, size+16), teec.MemrefTempOutput)
				},
				bare: func(b *testing.B) func() {
					blk, _ := aes.NewCipher(key256)
					g, _ := cipher.NewGCM(blk)
					nonce, dst := make([]byte, 12), make([]byte, 0, size+16)
					return func() { g.Seal(dst[:0], nonce, data, nil) }
				}},
			cryptoBench{name: "AES-128-CTR" + sfx, size: size, batch: batch,
				ta: func(b *testing.B, ct *cryptTA) func(int) {
					k := taKey(b, ct, abi.TypeAES, 128, gpcrypto.RefAttribute(abi.AttrSecretValue, key128))
					op := taOpFor(b, ct, abi.AlgAESCTR, abi.ModeEncrypt, 128, k)
					return benchLoop(b, ct, op, testta.CrypBenchCipher, 0, data, make([]byte, size), teec.MemrefTempOutput)
				},
				bare: func(b *testing.B) func() {
					blk, _ := aes.NewCipher(key128)
					iv, dst := make([]byte, 16), make([]byte, size)
					return func() { cipher.NewCTR(blk, iv).XORKeyStream(dst, data) }
				}},
			cryptoBench{name: "SHA-256" + sfx, size: size, batch: batch,
				ta: func(b *testing.B, ct *cryptTA) func(int) {
					op, err := ct.NewOperation(abi.AlgSHA256, abi.ModeDigest, 0)
					if err != nil {
						b.Fatal(err)
					}
					return benchLoop(b, ct, op.(taOp), testta.CrypBenchDigest, 0, data, make([]byte, 32), teec.MemrefTempOutput)
				},
				bare: func(b *testing.B) func() { return func() { sha256.Sum256(data) } }},
			cryptoBench{name: "HMAC-SHA256" + sfx, size: size, batch: batch,
				ta: func(b *testing.B, ct *cryptTA) func(int) {
					k := taKey(b, ct, abi.TypeHMACSHA256, 256, gpcrypto.RefAttribute(abi.AttrSecretValue, key256))
					op := taOpFor(b, ct, abi.AlgHMACSHA256, abi.ModeMAC, 256, k)
					return benchLoop(b, ct, op, testta.CrypBenchMAC, 0, data, make([]byte, 32), teec.MemrefTempOutput)
				},
				bare: func(b *testing.B) func() {
					m := hmac.New(sha256.New, key256)
					sum := make([]byte, 0, 32)
					return func() { m.Reset(); m.Write(data); m.Sum(sum[:0]) }
				}},
		)
	}
	return append(out, asymBenches(b)...)
}

func asymBenches(b *testing.B) []cryptoBench {
	digest := sha256.Sum256([]byte("veritee"))
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		b.Fatal(err)
	}
	rsaKey.Precompute()
	ecKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ecSig, _ := ecdsa.SignASN1(rand.Reader, ecKey, digest[:])
	ecRaw := p1363(b, ecKey, digest[:])
	edPub, edPriv, _ := ed25519.GenerateKey(rand.Reader)
	xPriv, _ := ecdh.X25519().GenerateKey(rand.Reader)
	xPeer, _ := ecdh.X25519().GenerateKey(rand.Reader)
	ref, val := gpcrypto.RefAttribute, gpcrypto.ValueAttr
	ecAttrs := func(withPriv bool) []gpcrypto.Attribute {
		pt, _ := ecKey.PublicKey.Bytes()
		as := []gpcrypto.Attribute{ref(abi.AttrECCPublicValueX, pt[1:33]), ref(abi.AttrECCPublicValueY, pt[33:]),
			val(abi.AttrECCCurve, abi.ECCCurveNISTP256, 0)}
		if withPriv {
			d, _ := ecKey.Bytes()
			as = append(as, ref(abi.AttrECCPrivateValue, d))
		}
		return as
	}
	return []cryptoBench{
		{name: "RSA-2048-PSS-sign", batch: 8,
			ta: func(b *testing.B, ct *cryptTA) func(int) {
				k := rsaKey
				pk := taKey(b, ct, abi.TypeRSAKeypair, 2048, ref(abi.AttrRSAModulus, k.N.Bytes()),
					ref(abi.AttrRSAPublicExponent, []byte{1, 0, 1}), ref(abi.AttrRSAPrivateExponent, k.D.Bytes()),
					ref(abi.AttrRSAPrime1, k.Primes[0].Bytes()), ref(abi.AttrRSAPrime2, k.Primes[1].Bytes()),
					ref(abi.AttrRSAExponent1, k.Precomputed.Dp.Bytes()), ref(abi.AttrRSAExponent2, k.Precomputed.Dq.Bytes()),
					ref(abi.AttrRSACoefficient, k.Precomputed.Qinv.Bytes()))
				op := taOpFor(b, ct, abi.AlgRSASSAPKCS1PSSMGF1SHA256, abi.ModeSign, 2048, pk)
				return benchLoop(b, ct, op, testta.CrypBenchSign, 0, digest[:], make([]byte, 256), teec.MemrefTempOutput)
			},
			bare: func(b *testing.B) func() {
				return func() { rsa.SignPSS(rand.Reader, rsaKey, crypto.SHA256, digest[:], nil) }
			}},
		{name: "ECDSA-P256-sign", batch: 64,
			ta: func(b *testing.B, ct *cryptTA) func(int) {
				k := taKey(b, ct, abi.TypeECDSAKeypair, 256, ecAttrs(true)...)
				op := taOpFor(b, ct, abi.AlgECDSASHA256, abi.ModeSign, 256, k)
				return benchLoop(b, ct, op, testta.CrypBenchSign, 0, digest[:], make([]byte, 64), teec.MemrefTempOutput)
			},
			bare: func(b *testing.B) func() { return func() { ecdsa.SignASN1(rand.Reader, ecKey, digest[:]) } }},
		{name: "ECDSA-P256-verify", batch: 64,
			ta: func(b *testing.B, ct *cryptTA) func(int) {
				k := taKey(b, ct, abi.TypeECDSAPublicKey, 256, ecAttrs(false)...)
				op := taOpFor(b, ct, abi.AlgECDSASHA256, abi.ModeVerify, 256, k)
				return benchLoop(b, ct, op, testta.CrypBenchVerify, 0, digest[:], ecRaw, teec.MemrefTempInput)
			},
			bare: func(b *testing.B) func() {
				return func() {
					if !ecdsa.VerifyASN1(&ecKey.PublicKey, digest[:], ecSig) {
						b.Fatal("verify")
					}
				}
			}},
		{name: "X25519", batch: 64,
			ta: func(b *testing.B, ct *cryptTA) func(int) {
				k := taKey(b, ct, abi.TypeX25519Keypair, 256, ref(abi.AttrX25519PrivateValue, xPriv.Bytes()),
					ref(abi.AttrX25519PublicValue, xPriv.PublicKey().Bytes()))
				op := taOpFor(b, ct, abi.AlgX25519, abi.ModeDerive, 256, k)
				derived, err := ct.NewObject(abi.TypeGenericSecret, 256)
				if err != nil {
					b.Fatal(err)
				}
				in := attrs([]gpcrypto.Attribute{ref(abi.AttrX25519PublicValue, xPeer.PublicKey().Bytes())})
				return benchLoop(b, ct, op, testta.CrypBenchDerive, derived.(taObj).h, in, nil, teec.MemrefTempOutput)
			},
			bare: func(b *testing.B) func() { return func() { xPriv.ECDH(xPeer.PublicKey()) } }},
		{name: "Ed25519-sign", batch: 64,
			ta: func(b *testing.B, ct *cryptTA) func(int) {
				k := taKey(b, ct, abi.TypeEd25519Keypair, 256, ref(abi.AttrEd25519PublicValue, edPub),
					ref(abi.AttrEd25519PrivateValue, edPriv.Seed()))
				op := taOpFor(b, ct, abi.AlgEd25519, abi.ModeSign, 256, k)
				return benchLoop(b, ct, op, testta.CrypBenchSign, 0, digest[:], make([]byte, 64), teec.MemrefTempOutput)
			},
			bare: func(b *testing.B) func() { return func() { ed25519.Sign(edPriv, digest[:]) } }},
	}
}

// p1363 is an ECDSA signature of digest in GP's r || s form.
func p1363(b *testing.B, k *ecdsa.PrivateKey, digest []byte) []byte {
	r, s, err := ecdsa.Sign(rand.Reader, k, digest)
	if err != nil {
		b.Fatal(err)
	}
	sig := make([]byte, 64)
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:])
	return sig
}

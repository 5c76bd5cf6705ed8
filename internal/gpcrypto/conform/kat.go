package conform

import (
	"bytes"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// KnownAnswers runs the published test vectors (NIST FIPS and SP 800,
// IETF RFCs, GB/T) as parallel subtests, each against the API newAPI
// returns for it. Wycheproof covers the rest (see Wycheproof).
func KnownAnswers(t *testing.T, newAPI func(*testing.T) API) {
	runSuites(t, newAPI, []suiteFn{
		{"digest", DigestKAT}, {"cipher", CipherKAT}, {"MAC", MACKAT}, {"AE", AEKAT},
		{"KDF", KDFKAT}, {"ECC", ECCKAT},
	})
}

// digestKATs: FIPS 180-4 and FIPS 202 example values ("abc"; SHAKE of the
// empty string), RFC 1321 A.5 for MD5, GB/T 32905-2016 A.1 for SM3.
var digestKATs = []struct {
	alg       uint32
	msg, want string
}{
	{abi.AlgMD5, "abc", "900150983cd24fb0d6963f7d28e17f72"},
	{abi.AlgSHA1, "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"},
	{abi.AlgSHA224, "abc", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"},
	{abi.AlgSHA256, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	{abi.AlgSHA384, "abc", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"},
	{abi.AlgSHA512, "abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
	{abi.AlgSHA3_224, "abc", "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf"},
	{abi.AlgSHA3_256, "abc", "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"},
	{abi.AlgSHA3_384, "abc", "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b298d88cea927ac7f539f1edf228376d25"},
	{abi.AlgSHA3_512, "abc", "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0"},
	{abi.AlgMD5SHA1, "abc", "900150983cd24fb0d6963f7d28e17f72a9993e364706816aba3e25717850c26c9cd0d89d"},
	{abi.AlgSM3, "abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"},
	{abi.AlgSHAKE128, "", "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26"},
	{abi.AlgSHAKE256, "", "46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762fd75dc4ddd8c0f200cb05019d67b592f6fc821c49479ab48640292eacb3b7c4be"},
}

// DigestKAT checks every digest in one call, in two updates, and by
// extraction in two parts (TEE_DigestExtract).
func DigestKAT(t *testing.T, api API) {
	e := env{t, api}
	for _, c := range digestKATs {
		want, msg := unhex(c.want), []byte(c.msg)
		op := e.op(c.alg, abi.ModeDigest, 0)
		out := make([]byte, len(want))
		if n, err := op.DigestDoFinal(msg, out); err != nil || !bytes.Equal(out[:n], want) {
			t.Errorf("%s: DigestDoFinal = %x, %v", algName(c.alg), out[:n], err)
		}
		if len(msg) > 1 {
			e.ok("update", op.DigestUpdate(msg[:1]))
			if n, err := op.DigestDoFinal(msg[1:], out); err != nil || !bytes.Equal(out[:n], want) {
				t.Errorf("%s: in two parts = %x, %v", algName(c.alg), out[:n], err)
			}
		}
		e.ok("update", op.DigestUpdate(msg))
		a, b := make([]byte, 5), make([]byte, len(want)-5)
		na, err1 := op.DigestExtract(a)
		nb, err2 := op.DigestExtract(b)
		if err1 != nil || err2 != nil || !bytes.Equal(append(a[:na], b[:nb]...), want) {
			t.Errorf("%s: extracted %x%x, %v %v", algName(c.alg), a[:na], b[:nb], err1, err2)
		}
		op.Close()
	}
}

// cipherKATs: FIPS-197 Appendix C (AES), SP 800-38A F.2.1 and F.5.1 (CBC,
// CTR), RFC 3962 Appendix B (CTS, with the IV of zeros it uses),
// IEEE 1619-2007 vector 2 (XTS), FIPS 81 Appendix B table B1 (DES ECB),
// SP 800-67 Rev. 1 Appendix B (three-key TDEA, ECB), GB/T 32907-2016
// Appendix A.1 (SM4).
var cipherKATs = []struct {
	name          string
	alg, typ      uint32
	key, key2, iv string
	pt, ct        string
}{
	{"FIPS-197 C.1", abi.AlgAESECBNoPad, abi.TypeAES, "000102030405060708090a0b0c0d0e0f", "", "", "00112233445566778899aabbccddeeff", "69c4e0d86a7b0430d8cdb78070b4c55a"},
	{"FIPS-197 C.2", abi.AlgAESECBNoPad, abi.TypeAES, "000102030405060708090a0b0c0d0e0f1011121314151617", "", "", "00112233445566778899aabbccddeeff", "dda97ca4864cdfe06eaf70a0ec0d7191"},
	{"FIPS-197 C.3", abi.AlgAESECBNoPad, abi.TypeAES, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "", "", "00112233445566778899aabbccddeeff", "8ea2b7ca516745bfeafc49904b496089"},
	{"SP 800-38A F.2.1", abi.AlgAESCBCNoPad, abi.TypeAES, "2b7e151628aed2a6abf7158809cf4f3c", "", "000102030405060708090a0b0c0d0e0f",
		"6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51", "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"},
	{"SP 800-38A F.5.1", abi.AlgAESCTR, abi.TypeAES, "2b7e151628aed2a6abf7158809cf4f3c", "", "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
		"6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51", "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"},
	{"RFC 3962 B 17 bytes", abi.AlgAESCTS, abi.TypeAES, "636869636b656e207465726979616b69", "", "00000000000000000000000000000000",
		"4920776f756c64206c696b652074686520", "c6353568f2bf8cb4d8a580362da7ff7f97"},
	{"RFC 3962 B 31 bytes", abi.AlgAESCTS, abi.TypeAES, "636869636b656e207465726979616b69", "", "00000000000000000000000000000000",
		"4920776f756c64206c696b65207468652047656e6572616c20476175277320", "fc00783e0efdb2c1d445d4c8eff7ed2297687268d6ecccc0c07b25e25ecfe5"},
	{"RFC 3962 B 32 bytes", abi.AlgAESCTS, abi.TypeAES, "636869636b656e207465726979616b69", "", "00000000000000000000000000000000",
		"4920776f756c64206c696b65207468652047656e6572616c2047617527732043", "39312523a78662d5be7fcbcc98ebf5a897687268d6ecccc0c07b25e25ecfe584"},
	{"IEEE 1619 vector 2", abi.AlgAESXTS, abi.TypeAES, "11111111111111111111111111111111", "22222222222222222222222222222222", "33333333330000000000000000000000",
		"4444444444444444444444444444444444444444444444444444444444444444", "c454185e6a16936e39334038acef838bfb186fff7480adc4289382ecd6d394f0"},
	{"FIPS 81 B1", abi.AlgDESECBNoPad, abi.TypeDES, "0123456789abcdef", "", "", "4e6f772069732074", "3fa40e8a984d4815"},
	{"SP 800-67 B", abi.AlgDES3ECBNoPad, abi.TypeDES3, "0123456789abcdef23456789abcdef01456789abcdef0123", "", "",
		"54686520717566636b2062726f776e20666f78206a756d70", "a826fd8ce53b855fcce21c8112256fe668d5c05dd9b6b900"},
	{"GB/T 32907 A.1", abi.AlgSM4ECBNoPad, abi.TypeSM4, "0123456789abcdeffedcba9876543210", "", "", "0123456789abcdeffedcba9876543210", "681edf34d206965e86b3e94f536e4246"},
}

// CipherKAT encrypts and decrypts every vector, feeding 5 bytes and then
// the rest so that buffering across calls is exercised.
func CipherKAT(t *testing.T, api API) {
	e := env{t, api}
	for _, c := range cipherKATs {
		iv, pt, ct := unhex(c.iv), unhex(c.pt), unhex(c.ct)
		for _, mode := range []uint32{abi.ModeEncrypt, abi.ModeDecrypt} {
			keys := []Object{e.secret(c.typ, unhex(c.key))}
			if c.key2 != "" {
				keys = append(keys, e.secret(c.typ, unhex(c.key2)))
			}
			op := e.op(c.alg, mode, uint32(len(c.key)*4), keys...)
			in, want := pt, ct
			if mode == abi.ModeDecrypt {
				in, want = ct, pt
			}
			e.ok(c.name+": init", op.CipherInit(iv))
			out := make([]byte, len(in)+16)
			n1, err := op.CipherUpdate(in[:5], out)
			if !e.ok(c.name+": update", err) {
				continue
			}
			n2, err := op.CipherDoFinal(in[5:], out[n1:])
			if err != nil || !bytes.Equal(out[:n1+n2], want) {
				t.Errorf("%s mode %d: %x, %v; want %x", c.name, mode, out[:n1+n2], err, want)
			}
			op.Close()
			for _, k := range keys {
				k.Close()
			}
		}
	}
}

// macKATs: RFC 4231 test cases 1 and 2 (HMAC-SHA-2), RFC 2202 test cases 1
// and 2 (HMAC-MD5, HMAC-SHA-1), SP 800-38B Appendix D.1-D.3 (AES-CMAC)
// and D.4 (three-key TDEA CMAC, empty message).
var macKATs = []struct {
	name          string
	alg, typ      uint32
	key, msg, mac string
}{
	{"RFC 4231 1 SHA224", abi.AlgHMACSHA224, abi.TypeGenericSecret, k0b, hiThere, "896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22"},
	{"RFC 4231 1 SHA256", abi.AlgHMACSHA256, abi.TypeGenericSecret, k0b, hiThere, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
	{"RFC 4231 1 SHA384", abi.AlgHMACSHA384, abi.TypeGenericSecret, k0b, hiThere, "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6"},
	{"RFC 4231 1 SHA512", abi.AlgHMACSHA512, abi.TypeGenericSecret, k0b, hiThere, "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"},
	{"RFC 4231 2 SHA256", abi.AlgHMACSHA256, abi.TypeGenericSecret, jefe, whatDoYaWant, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
	{"RFC 4231 2 SHA512", abi.AlgHMACSHA512, abi.TypeGenericSecret, jefe, whatDoYaWant, "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"},
	{"RFC 2202 2 MD5", abi.AlgHMACMD5, abi.TypeGenericSecret, jefe, whatDoYaWant, "750c783e6ab0b503eaa86e310a5db738"},
	{"RFC 2202 2 SHA1", abi.AlgHMACSHA1, abi.TypeGenericSecret, jefe, whatDoYaWant, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"},
	{"RFC 2202 1 SHA1, HMAC_SHA1 key", abi.AlgHMACSHA1, abi.TypeHMACSHA1, k0b, hiThere, "b617318655057264e28bc0b6fb378c8ef146be00"},
	{"SP 800-38B D.1 example 1", abi.AlgAESCMAC, abi.TypeAES, "2b7e151628aed2a6abf7158809cf4f3c", "", "bb1d6929e95937287fa37d129b756746"},
	{"SP 800-38B D.1 example 2", abi.AlgAESCMAC, abi.TypeAES, "2b7e151628aed2a6abf7158809cf4f3c", "6bc1bee22e409f96e93d7e117393172a", "070a16b46b4d4144f79bdd9dd04a287c"},
	{"SP 800-38B D.1 example 3", abi.AlgAESCMAC, abi.TypeAES, "2b7e151628aed2a6abf7158809cf4f3c",
		"6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411", "dfa66747de9ae63030ca32611497c827"},
	{"SP 800-38B D.2 Mlen 0", abi.AlgAESCMAC, abi.TypeAES, "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b", "", "d17ddf46adaacde531cac483de7a9367"},
	{"SP 800-38B D.3 Mlen 0", abi.AlgAESCMAC, abi.TypeAES, "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", "", "028962f61b7bf89efc6b551f4667d983"},
	{"SP 800-38B D.4 three-key TDEA Mlen 0", abi.AlgDES3CMAC, abi.TypeDES3, "8aa83bf8cbda10620bc1bf19fbb6cd58bc313d4a371ca8b5", "", "b7a688e122ffaf95"},
}

const (
	k0b          = "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"
	hiThere      = "4869205468657265"                                         // "Hi There"
	jefe         = "4a656665"                                                 // "Jefe"
	whatDoYaWant = "7768617420646f2079612077616e7420666f72206e6f7468696e673f" // "what do ya want for nothing?"
)

// MACKAT computes every vector with MACComputeFinal and checks it with
// MACCompareFinal, the message split over MACUpdate.
func MACKAT(t *testing.T, api API) {
	e := env{t, api}
	for _, c := range macKATs {
		key, msg, want := unhex(c.key), unhex(c.msg), unhex(c.mac)
		k := e.secret(c.typ, key)
		op := e.op(c.alg, abi.ModeMAC, uint32(len(key)*8), k)
		e.ok(c.name+": init", op.MACInit(nil))
		rest := msg
		if len(msg) > 0 {
			e.ok(c.name+": update", op.MACUpdate(msg[:1]))
			rest = msg[1:]
		}
		out := make([]byte, 64)
		if n, err := op.MACComputeFinal(rest, out); err != nil || !bytes.Equal(out[:n], want) {
			t.Errorf("%s: %x, %v", c.name, out[:n], err)
		}
		e.ok(c.name+": init", op.MACInit(nil))
		e.ok(c.name+": compare", op.MACCompareFinal(msg, want))
		op.Close()
		k.Close()
	}
}

// aeKATs: McGrew and Viega, "The Galois/Counter Mode of Operation (GCM)",
// test cases 2 to 5 (case 5 has a 64-bit IV), and RFC 3610 section 8
// packet vectors 1 and 2 (CCM, 8-byte tags).
var aeKATs = []struct {
	name                      string
	alg                       uint32
	key, iv, aad, pt, ct, tag string
}{
	{"GCM 2", abi.AlgAESGCM, "00000000000000000000000000000000", "000000000000000000000000", "", "00000000000000000000000000000000",
		"0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf"},
	{"GCM 3", abi.AlgAESGCM, gcmK3, "cafebabefacedbaddecaf888", "", gcmP3,
		"42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985", "4d5c2af327cd64a62cf35abd2ba6fab4"},
	{"GCM 4", abi.AlgAESGCM, gcmK3, "cafebabefacedbaddecaf888", gcmA4, gcmP3[:120],
		"42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091", "5bc94fbc3221a5db94fae95ae7121a47"},
	{"GCM 5", abi.AlgAESGCM, gcmK3, "cafebabefacedbad", gcmA4, gcmP3[:120],
		"61353b4c2806934a777ff51fa22a4755699b2a714fcdc6f83766e5f97b6c742373806900e49f24b22b097544d4896b424989b5e1ebac0f07c23f4598", "3612d2e79e3b0785561be14aaca2fccb"},
	{"RFC 3610 1", abi.AlgAESCCM, "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf", "00000003020100a0a1a2a3a4a5", "0001020304050607",
		"08090a0b0c0d0e0f101112131415161718191a1b1c1d1e", "588c979a61c663d2f066d0c2c0f989806d5f6b61dac384", "17e8d12cfdf926e0"},
	{"RFC 3610 2", abi.AlgAESCCM, "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf", "00000004030201a0a1a2a3a4a5", "0001020304050607",
		"08090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "72c91a36e135f8cf291ca894085c87e3cc15c439c9e43a3b", "a091d56e10400916"},
}

const (
	gcmK3 = "feffe9928665731c6d6a8f9467308308"
	gcmP3 = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255"
	gcmA4 = "feedfacedeadbeeffeedfacedeadbeefabaddad2"
)

// AEKAT seals and opens every vector; GCM with every tag length GP allows
// (the tag is then the vector's tag truncated).
func AEKAT(t *testing.T, api API) {
	e := env{t, api}
	for _, c := range aeKATs {
		key, iv, aad, pt, ct, tag := unhex(c.key), unhex(c.iv), unhex(c.aad), unhex(c.pt), unhex(c.ct), unhex(c.tag)
		tagBits := []uint32{uint32(len(tag) * 8)}
		if c.alg == abi.AlgAESGCM {
			tagBits = gcmTagBits
		}
		k := e.secret(abi.TypeAES, key)
		for _, bits := range tagBits {
			tl := int(bits / 8)
			enc := e.op(c.alg, abi.ModeEncrypt, uint32(len(key)*8), k)
			e.ok(c.name+": init", enc.AEInit(iv, bits, uint64(len(aad)), uint64(len(pt))))
			if len(aad) > 0 {
				e.ok(c.name+": AAD", enc.AEUpdateAAD(aad))
			}
			out, gotTag := make([]byte, len(pt)), make([]byte, 16)
			n, err := enc.AEUpdate(pt[:len(pt)/2], out)
			e.ok(c.name+": update", err)
			m, tn, err := enc.AEEncryptFinal(pt[len(pt)/2:], out[n:], gotTag)
			if err != nil || !bytes.Equal(out[:n+m], ct) || !bytes.Equal(gotTag[:tn], tag[:tl]) {
				t.Errorf("%s/%d: %x tag %x, %v", c.name, bits, out[:n+m], gotTag[:tn], err)
			}
			enc.Close()
			dec := e.op(c.alg, abi.ModeDecrypt, uint32(len(key)*8), k)
			e.ok(c.name+": init", dec.AEInit(iv, bits, uint64(len(aad)), uint64(len(ct))))
			if len(aad) > 0 {
				e.ok(c.name+": AAD", dec.AEUpdateAAD(aad))
			}
			back := make([]byte, len(ct))
			n, err = dec.AEUpdate(ct[:3], back)
			e.ok(c.name+": update", err)
			m, err = dec.AEDecryptFinal(ct[3:], back[n:], tag[:tl])
			if err != nil || !bytes.Equal(back[:n+m], pt) {
				t.Errorf("%s/%d: opened %x, %v", c.name, bits, back[:n+m], err)
			}
			dec.Close()
		}
		k.Close()
	}
}

// gcmTagBits are the GCM tag lengths GP allows (GPD_SPE_010 §6.7.1).
var gcmTagBits = []uint32{128, 120, 112, 104, 96}

// ccmTagBits are the CCM tag lengths GP allows (§6.7.1).
var ccmTagBits = []uint32{32, 48, 64, 80, 96, 112, 128}

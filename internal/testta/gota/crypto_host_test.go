package main

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/hmac"
	"crypto/sha256"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/sdk/go/ta"
)

// The crypto commands on the host, against the SDK's FakeCore: fast checks
// of every CmdCrypBench operation and of the NULL-memref handling, which
// the wasm tests (crypto_core_test.go) do not reach. FakeCore is
// process-wide, so these tests do not run in parallel.

// run invokes cmd as the dispatcher does, type check included.
func run(t *testing.T, cmd uint32, args ...ta.Arg) (*ta.Params, error) {
	t.Helper()
	for len(args) < ta.NumParams {
		args = append(args, ta.None())
	}
	p := ta.NewParams(args[0], args[1], args[2], args[3])
	return p, commands[cmd](nil, p)
}

func vi(a, b uint32) ta.Arg { return ta.Value(ta.ParamValueInput, a, b) }

func mi(b []byte) ta.Arg { return ta.Memref(ta.ParamMemrefInput, b) }

// hostObject makes an object of typ from attrs through the commands.
func hostObject(t *testing.T, typ, bits uint32, attrs ...testta.Attr) uint32 {
	t.Helper()
	p, err := run(t, testta.CmdCrypAllocTransientObject, vi(typ, bits), ta.Value(ta.ParamValueOutput, 0, 0))
	if err != nil {
		t.Fatalf("AllocateTransientObject: %v", err)
	}
	h, _ := p.Value(1)
	if len(attrs) > 0 {
		if _, err := run(t, testta.CmdCrypPopulateTransientObject, vi(h, 0), mi(testta.EncodeAttrs(attrs))); err != nil {
			t.Fatalf("Populate: %v", err)
		}
	}
	return h
}

// hostOp makes an operation keyed with key (0: none).
func hostOp(t *testing.T, alg, mode, bits, key uint32) uint32 {
	t.Helper()
	p, err := run(t, testta.CmdCrypAllocOperation, vi(alg, mode), vi(bits, 0), ta.Value(ta.ParamValueOutput, 0, 0))
	if err != nil {
		t.Fatalf("AllocateOperation(0x%x): %v", alg, err)
	}
	op, _ := p.Value(2)
	if key != 0 {
		if _, err := run(t, testta.CmdCrypSetOperationKey, vi(op, key)); err != nil {
			t.Fatalf("SetOperationKey: %v", err)
		}
	}
	return op
}

func secret(b []byte) testta.Attr { return testta.Attr{ID: abi.AttrSecretValue, Ref: b} }

func TestHostCryptBench(t *testing.T) {
	ta.NewFakeCore().Log = nil
	msg := bytes.Repeat([]byte("bench input 16b."), 4)
	aesKey, desKey := bytes.Repeat([]byte{5}, 16), bytes.Repeat([]byte{0x13}, 8)
	hmacKey := bytes.Repeat([]byte{6}, 32)

	aesBlock, _ := aes.NewCipher(aesKey)
	cbc := make([]byte, len(msg))
	cipher.NewCBCEncrypter(aesBlock, make([]byte, 16)).CryptBlocks(cbc, msg)
	desBlock, _ := des.NewCipher(desKey)
	desCBC := make([]byte, len(msg))
	cipher.NewCBCEncrypter(desBlock, make([]byte, 8)).CryptBlocks(desCBC, msg)
	mac := hmac.New(sha256.New, hmacKey)
	mac.Write(msg)
	gcm, _ := cipher.NewGCM(aesBlock)
	sealed := gcm.Seal(nil, make([]byte, 12), msg, nil)

	tests := []struct {
		name string
		op   uint32
		kind uint32
		out  int
		want []byte
	}{
		{"AES-CBC", hostOp(t, abi.AlgAESCBCNoPad, abi.ModeEncrypt, 128, hostObject(t, abi.TypeAES, 128, secret(aesKey))), testta.CrypBenchCipher, len(msg), cbc},
		{"DES-CBC", hostOp(t, abi.AlgDESCBCNoPad, abi.ModeEncrypt, 64, hostObject(t, abi.TypeDES, 64, secret(desKey))), testta.CrypBenchCipher, len(msg), desCBC},
		{"HMAC", hostOp(t, abi.AlgHMACSHA256, abi.ModeMAC, 256, hostObject(t, abi.TypeHMACSHA256, 256, secret(hmacKey))), testta.CrypBenchMAC, 32, mac.Sum(nil)},
		{"GCM", hostOp(t, abi.AlgAESGCM, abi.ModeEncrypt, 128, hostObject(t, abi.TypeAES, 128, secret(aesKey))), testta.CrypBenchAEEnc, len(msg) + 16, sealed},
		{"GCM, tag room only", hostOp(t, abi.AlgAESGCM, abi.ModeEncrypt, 128, hostObject(t, abi.TypeAES, 128, secret(aesKey))), testta.CrypBenchAEEnc, 16, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := make([]byte, tc.out)
			p, err := run(t, testta.CmdCrypBench, vi(tc.op, 3), vi(tc.kind, 0), mi(msg), ta.Memref(ta.ParamMemrefInout, out))
			if tc.want == nil {
				if err != ta.ErrShortBuffer || p.MemrefSize(3) != uint32(len(msg)+16) {
					t.Errorf("bench into %d bytes: %v, size %d", tc.out, err, p.MemrefSize(3))
				}
				return
			}
			if err != nil || !bytes.Equal(out[:p.MemrefSize(3)], tc.want) {
				t.Errorf("bench: %v, %x; want %x", err, out[:p.MemrefSize(3)], tc.want)
			}
		})
	}

	t.Run("sign and derive", func(t *testing.T) {
		kp := hostObject(t, abi.TypeECDSAKeypair, 256)
		if _, err := run(t, testta.CmdCrypGenerateKey, vi(kp, 256), mi(testta.EncodeAttrs([]testta.Attr{{ID: abi.AttrECCCurve, A: abi.ECCCurveNISTP256}}))); err != nil {
			t.Fatal(err)
		}
		digest := sha256.Sum256(msg)
		sig := make([]byte, 64)
		p, err := run(t, testta.CmdCrypBench, vi(hostOp(t, abi.AlgECDSASHA256, abi.ModeSign, 256, kp), 2), vi(testta.CrypBenchSign, 0), mi(digest[:]), ta.Memref(ta.ParamMemrefInout, sig))
		if err != nil || p.MemrefSize(3) != 64 {
			t.Fatalf("sign bench: %v, size %d", err, p.MemrefSize(3))
		}
		if _, err := run(t, testta.CmdCrypBench, vi(hostOp(t, abi.AlgECDSASHA256, abi.ModeVerify, 256, kp), 2), vi(testta.CrypBenchVerify, 0), mi(digest[:]), ta.Memref(ta.ParamMemrefInout, sig)); err != nil {
			t.Errorf("verify bench: %v", err)
		}

		ikm := hostObject(t, abi.TypeHKDFIKM, 256, testta.Attr{ID: abi.AttrHKDFIKM, Ref: bytes.Repeat([]byte{1}, 32)})
		hkdf := hostOp(t, abi.AlgHKDFSHA256DeriveKey, abi.ModeDerive, 256, ikm)
		derived := hostObject(t, abi.TypeGenericSecret, 256)
		params := testta.EncodeAttrs([]testta.Attr{{ID: abi.AttrHKDFOKMLength, A: 32}})
		if _, err := run(t, testta.CmdCrypBench, vi(hkdf, 3), vi(testta.CrypBenchDerive, derived), mi(params), ta.Memref(ta.ParamMemrefInout, make([]byte, 4))); err != nil {
			t.Fatalf("derive bench: %v", err)
		}
		p, err = run(t, testta.CmdCrypGetObjectBufferAttribute, vi(derived, abi.AttrSecretValue), ta.Memref(ta.ParamMemrefOutput, make([]byte, 64)))
		if err != nil || p.MemrefSize(1) != 32 {
			t.Errorf("derived secret: %v, size %d", err, p.MemrefSize(1))
		}
	})

	if _, err := run(t, testta.CmdCrypBench, vi(1, 1), vi(99, 0), mi(msg), ta.Memref(ta.ParamMemrefInout, []byte{})); err != ta.ErrBadParameters {
		t.Errorf("unknown bench operation: %v, want BAD_PARAMETERS", err)
	}
}

// TestHostCryptNullMemrefs checks what a NULL memref means: an output
// announcing a size gets the function's answer for that size, as in a C
// TA; an input announcing bytes is refused.
func TestHostCryptNullMemrefs(t *testing.T) {
	ta.NewFakeCore().Log = nil
	dig := hostOp(t, abi.AlgSHA256, abi.ModeDigest, 0, 0)
	tests := []struct {
		name     string
		in, out  ta.Arg
		want     error
		wantSize uint32
	}{
		{"NULL output of size 0", mi([]byte("x")), ta.NullMemref(ta.ParamMemrefOutput, 0), ta.ErrShortBuffer, 32},
		{"NULL output of size 20", mi([]byte("x")), ta.NullMemref(ta.ParamMemrefOutput, 20), ta.ErrShortBuffer, 32},
		{"NULL output of size 64", mi([]byte("x")), ta.NullMemref(ta.ParamMemrefOutput, 64), nil, 32},
		{"NULL input of size 0", ta.NullMemref(ta.ParamMemrefInput, 0), ta.NullMemref(ta.ParamMemrefOutput, 64), nil, 32},
		{"NULL input announcing bytes", ta.NullMemref(ta.ParamMemrefInput, 4), ta.NullMemref(ta.ParamMemrefOutput, 64), ta.ErrBadParameters, 64},
		{"NULL output beyond the scratch limit", ta.NullMemref(ta.ParamMemrefInput, 0), ta.NullMemref(ta.ParamMemrefOutput, maxScratch+1), ta.ErrBadParameters, maxScratch + 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := run(t, testta.CmdCrypDigestDoFinal, vi(dig, 0), tc.in, tc.out)
			if err != tc.want || p.MemrefSize(2) != tc.wantSize {
				t.Errorf("DigestDoFinal: %v, size %d; want %v, %d", err, p.MemrefSize(2), tc.want, tc.wantSize)
			}
		})
	}
	if _, err := run(t, testta.CmdCrypDigestDoFinal, vi(dig, 0), vi(0, 0), ta.NullMemref(ta.ParamMemrefOutput, 64)); err != ta.ErrBadParameters {
		t.Errorf("a value where the chunk goes: %v, want BAD_PARAMETERS", err)
	}
}

package gpcrypto

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// BenchmarkEngine compares the engine with bare Go on the same data, per
// call of 1 MiB: "engine" is the GP-shaped API, "bare" the primitive.
func BenchmarkEngine(b *testing.B) {
	const size = 1 << 20
	data := make([]byte, size)
	out := make([]byte, size+16)
	key := make([]byte, 32)
	b.Run("AES-256-GCM-1MiB/engine", func(b *testing.B) {
		op := keyedOp(b, abi.AlgAESGCM, abi.ModeEncrypt, secretKey(b, abi.TypeAES, key))
		tag := make([]byte, 16)
		b.SetBytes(size)
		for b.Loop() {
			op.AEInit(make([]byte, 12), 128, 0, 0)
			op.AEEncryptFinal(data, out, tag)
		}
	})
	b.Run("AES-256-GCM-1MiB/bare", func(b *testing.B) {
		blk, _ := aes.NewCipher(key)
		g, _ := cipher.NewGCM(blk)
		b.SetBytes(size)
		for b.Loop() {
			g.Seal(out[:0], make([]byte, 12), data, nil)
		}
	})
	b.Run("AES-128-CTR-1MiB/engine", func(b *testing.B) {
		op := keyedOp(b, abi.AlgAESCTR, abi.ModeEncrypt, secretKey(b, abi.TypeAES, key[:16]))
		b.SetBytes(size)
		for b.Loop() {
			op.CipherInit(make([]byte, 16))
			op.CipherDoFinal(data, out)
		}
	})
	b.Run("AES-128-CTR-1MiB/bare", func(b *testing.B) {
		blk, _ := aes.NewCipher(key[:16])
		b.SetBytes(size)
		for b.Loop() {
			cipher.NewCTR(blk, make([]byte, 16)).XORKeyStream(out[:size], data)
		}
	})
	b.Run("SHA-256-1MiB/engine", func(b *testing.B) {
		op, _ := NewOperation(abi.AlgSHA256, abi.ModeDigest, 0)
		b.SetBytes(size)
		for b.Loop() {
			op.DigestDoFinal(data, out)
		}
	})
	b.Run("SHA-256-1MiB/bare", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			sha256.Sum256(data)
		}
	})
	b.Run("HMAC-SHA256-1MiB/engine", func(b *testing.B) {
		op := keyedOp(b, abi.AlgHMACSHA256, abi.ModeMAC, secretKey(b, abi.TypeHMACSHA256, key))
		b.SetBytes(size)
		for b.Loop() {
			op.MACInit(nil)
			op.MACComputeFinal(data, out)
		}
	})
	b.Run("HMAC-SHA256-1MiB/bare", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			m := hmac.New(sha256.New, key)
			m.Write(data)
			m.Sum(out[:0])
		}
	})
}

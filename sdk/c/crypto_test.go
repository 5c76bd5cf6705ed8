package csdk_test

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	vt "github.com/veritee/veritee"
	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/testta"
	"github.com/veritee/veritee/teec"
)

// The C SDK's crypto functions (src/crypto_*.c) run against the real core
// here, through the C test TA's crypto commands (proto_crypto.go): a
// smoke test of each family that the root crypto tests cover in depth.

// TestCryptoLayoutAssertions checks that layout_check.c asserts the crypto
// structure layouts of internal/abi/cryptlayout.go.
func TestCryptoLayoutAssertions(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join("src", "layout_check.c"))
	if err != nil {
		t.Fatal(err)
	}
	src := string(b)
	for _, want := range []string{
		"sizeof(TEE_Attribute) == " + itoa(abi.AttributeSize),
		"sizeof(TEE_ObjectInfo) == " + itoa(abi.ObjectInfoSize),
		"sizeof(TEE_OperationInfo) == " + itoa(abi.OperationInfoSize),
		"sizeof(TEE_OperationInfoMultiple) == " + itoa(abi.OperationInfoMultipleHeaderSize),
		"sizeof(TEE_OperationInfoKey) == " + itoa(abi.OperationInfoKeySize),
	} {
		if !strings.Contains(src, want) {
			t.Errorf("src/layout_check.c lacks the assertion %q", want)
		}
	}
}

// startTestTAs builds the test TAs (internal/testta) and starts an
// embedded TEE serving them, with a state directory of its own; both end
// with the test.
func startTestTAs(t *testing.T) *teec.Context {
	t.Helper()
	requireToolchain(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	dir, err := testta.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tee, err := vt.Start(context.Background(), vt.Options{TADirs: []string{dir}, StateDir: t.TempDir(), DevKey: testta.DevKey()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := tee.Close(cctx); err != nil {
			t.Errorf("closing the TEE: %v", err)
		}
	})
	c, err := teec.InitializeContext(tee.Name())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Finalize() })
	return c
}

// cryptoSession is a session with the C test TA and the crypto commands
// as methods; each fails t on an unexpected error.
type cryptoSession struct{ s *teec.Session }

func startCryptoSession(t *testing.T) *cryptoSession {
	t.Helper()
	c := startTestTAs(t)
	s, err := c.OpenSession(context.Background(), testta.CUUIDs[testta.VariantShared], teec.LoginUser, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return &cryptoSession{s: s}
}

func val(a, b uint32) *teec.Value { return &teec.Value{Type: teec.ValueInput, A: a, B: b} }

func in(b []byte) *teec.TempMemoryReference {
	return &teec.TempMemoryReference{Type: teec.MemrefTempInput, Buffer: b, Size: uint64(len(b))}
}

func out(n int) *teec.TempMemoryReference {
	return &teec.TempMemoryReference{Type: teec.MemrefTempOutput, Buffer: make([]byte, n), Size: uint64(n)}
}

// call invokes cmd and returns its error.
func (c *cryptoSession) call(cmd uint32, ps ...teec.Parameter) error {
	var op teec.Operation
	copy(op.Params[:], ps)
	return c.s.InvokeCommand(context.Background(), cmd, &op)
}

// must invokes cmd and fails the test unless it succeeds.
func (c *cryptoSession) must(t *testing.T, cmd uint32, ps ...teec.Parameter) {
	t.Helper()
	if err := c.call(cmd, ps...); err != nil {
		t.Fatalf("command %d: %v", cmd, err)
	}
}

// allocOperation allocates an operation that t's end frees.
func (c *cryptoSession) allocOperation(t *testing.T, alg, mode, maxKeySize uint32) uint32 {
	t.Helper()
	h := &teec.Value{Type: teec.ValueOutput}
	c.must(t, testta.CmdCrypAllocOperation, val(alg, mode), val(maxKeySize, 0), h)
	t.Cleanup(func() { c.call(testta.CmdCrypFreeOperation, val(h.A, 0)) })
	return h.A
}

// key makes a transient object of typ holding the secret k; t's end frees
// it.
func (c *cryptoSession) key(t *testing.T, typ uint32, k []byte) uint32 {
	t.Helper()
	h := &teec.Value{Type: teec.ValueOutput}
	c.must(t, testta.CmdCrypAllocTransientObject, val(typ, uint32(8*len(k))), h)
	t.Cleanup(func() { c.call(testta.CmdCrypFreeTransientObject, val(h.A, 0)) })
	attrs := testta.EncodeAttrs([]testta.Attr{{ID: abi.AttrSecretValue, Ref: k}})
	c.must(t, testta.CmdCrypPopulateTransientObject, val(h.A, 0), in(attrs))
	return h.A
}

// wantErr checks err against a TA result (nil for success).
func wantErr(t *testing.T, what string, err error, want error) {
	t.Helper()
	if want == nil && err != nil || want != nil && !errors.Is(err, want) {
		t.Errorf("%s: %v, want %v", what, err, want)
	}
}

func TestCryptoSmoke(t *testing.T) {
	t.Parallel()
	c := startCryptoSession(t)
	key := bytes.Repeat([]byte{0x2b}, 16)
	iv := bytes.Repeat([]byte{0x01}, 16)
	msg := []byte("The quick brown fox jumps over the lazy dog, twice!!")[:48]

	for _, tc := range []struct {
		name string
		run  func(t *testing.T)
	}{
		{"sha256", func(t *testing.T) {
			op := c.allocOperation(t, abi.AlgSHA256, abi.ModeDigest, 0)
			short := out(16)
			wantErr(t, "short DoFinal", c.call(testta.CmdCrypDigestDoFinal, val(op, 0), in(msg), short), teec.ErrShortBuffer)
			if short.Size != sha256.Size {
				t.Errorf("size needed %d, want %d", short.Size, sha256.Size)
			}
			query := &teec.TempMemoryReference{Type: teec.MemrefTempOutput}
			wantErr(t, "DoFinal into NULL", c.call(testta.CmdCrypDigestDoFinal, val(op, 0), in(msg), query), teec.ErrShortBuffer)
			if query.Size != sha256.Size {
				t.Errorf("size needed (NULL memref) %d, want %d", query.Size, sha256.Size)
			}
			c.must(t, testta.CmdCrypDigestUpdate, val(op, 0), in(msg[:5]))
			h := out(64)
			c.must(t, testta.CmdCrypDigestDoFinal, val(op, 0), in(msg[5:]), h)
			if want := sha256.Sum256(msg); !bytes.Equal(h.Buffer[:h.Size], want[:]) {
				t.Errorf("digest %x, want %x", h.Buffer[:h.Size], want)
			}
		}},
		{"aes-cbc", func(t *testing.T) {
			k := c.key(t, abi.TypeAES, key)
			enc := c.allocOperation(t, abi.AlgAESCBCNoPad, abi.ModeEncrypt, 128)
			dec := c.allocOperation(t, abi.AlgAESCBCNoPad, abi.ModeDecrypt, 128)
			c.must(t, testta.CmdCrypSetOperationKey, val(enc, k))
			c.must(t, testta.CmdCrypSetOperationKey, val(dec, k))

			c.must(t, testta.CmdCrypCipherInit, val(enc, 0), in(iv))
			ct1 := out(len(msg))
			c.must(t, testta.CmdCrypCipherUpdate, val(enc, 0), in(msg[:20]), ct1)
			ct2 := out(len(msg))
			c.must(t, testta.CmdCrypCipherDoFinal, val(enc, 0), in(msg[20:]), ct2)
			ct := append(ct1.Buffer[:ct1.Size:ct1.Size], ct2.Buffer[:ct2.Size]...)
			b, _ := aes.NewCipher(key)
			want := make([]byte, len(msg))
			cipher.NewCBCEncrypter(b, iv).CryptBlocks(want, msg)
			if !bytes.Equal(ct, want) {
				t.Fatalf("ciphertext %x, want %x", ct, want)
			}

			c.must(t, testta.CmdCrypCipherInit, val(dec, 0), in(iv))
			pt := out(len(ct))
			c.must(t, testta.CmdCrypCipherDoFinal, val(dec, 0), in(ct), pt)
			if !bytes.Equal(pt.Buffer[:pt.Size], msg) {
				t.Errorf("round trip %q", pt.Buffer[:pt.Size])
			}
		}},
		{"hmac-sha256", func(t *testing.T) {
			hk := bytes.Repeat([]byte{0x0b}, 32)
			k := c.key(t, abi.TypeHMACSHA256, hk)
			op := c.allocOperation(t, abi.AlgHMACSHA256, abi.ModeMAC, 256)
			c.must(t, testta.CmdCrypSetOperationKey, val(op, k))
			m := hmac.New(sha256.New, hk)
			m.Write(msg)
			want := m.Sum(nil)

			c.must(t, testta.CmdCrypMACInit, val(op, 0), in(nil))
			c.must(t, testta.CmdCrypMACUpdate, val(op, 0), in(msg[:7]))
			mac := out(32)
			c.must(t, testta.CmdCrypMACComputeFinal, val(op, 0), in(msg[7:]), mac)
			if !bytes.Equal(mac.Buffer[:mac.Size], want) {
				t.Errorf("MAC %x, want %x", mac.Buffer[:mac.Size], want)
			}
			c.must(t, testta.CmdCrypMACInit, val(op, 0), in(nil))
			wantErr(t, "compare", c.call(testta.CmdCrypMACCompareFinal, val(op, 0), in(msg), in(want)), nil)
			bad := bytes.Clone(want)
			bad[0] ^= 1
			c.must(t, testta.CmdCrypMACInit, val(op, 0), in(nil))
			wantErr(t, "compare a bad MAC", c.call(testta.CmdCrypMACCompareFinal, val(op, 0), in(msg), in(bad)), teec.ErrMACInvalid)
		}},
		{"object info", func(t *testing.T) {
			k := c.key(t, abi.TypeAES, key)
			info := out(64)
			c.must(t, testta.CmdCrypGetObjectInfo, val(k, 0), info)
			if info.Size != abi.ObjectInfoSize {
				t.Fatalf("info size %d", info.Size)
			}
			if typ, size := binary.LittleEndian.Uint32(info.Buffer), binary.LittleEndian.Uint32(info.Buffer[4:]); typ != abi.TypeAES || size != 128 {
				t.Errorf("objectType %#x, objectSize %d", typ, size)
			}
		}},
		{"bench 1 MiB", func(t *testing.T) {
			op := c.allocOperation(t, abi.AlgSHA256, abi.ModeDigest, 0)
			data := make([]byte, 1<<20)
			h := &teec.TempMemoryReference{Type: teec.MemrefTempInout, Buffer: make([]byte, 1<<20), Size: 1 << 20}
			c.must(t, testta.CmdCrypBench, val(op, 2), val(testta.CrypBenchDigest, 0), in(data), h)
			if want := sha256.Sum256(data); !bytes.Equal(h.Buffer[:h.Size], want[:]) {
				t.Errorf("digest of 1 MiB %x, want %x", h.Buffer[:h.Size], want)
			}
		}},
		{"malformed attrs", func(t *testing.T) {
			h := &teec.Value{Type: teec.ValueOutput}
			c.must(t, testta.CmdCrypAllocTransientObject, val(abi.TypeAES, 128), h)
			defer c.call(testta.CmdCrypFreeTransientObject, val(h.A, 0))
			good := testta.EncodeAttrs([]testta.Attr{{ID: abi.AttrSecretValue, Ref: key}})
			le := binary.LittleEndian
			for _, attrs := range [][]byte{
				good[:5],           // a record header cut short
				good[:len(good)-1], // a buffer cut short
				le.AppendUint32(le.AppendUint32(nil, abi.AttrECCCurve), 5),                  // a value without b
				le.AppendUint32(le.AppendUint32(nil, abi.AttrSecretValue), 0xFFFFFFFF),      // a length that wraps
				bytes.Repeat(testta.EncodeAttrs([]testta.Attr{{ID: abi.AttrECCCurve}}), 65), // too many
			} {
				wantErr(t, "populate", c.call(testta.CmdCrypPopulateTransientObject, val(h.A, 0), in(attrs)), teec.ErrBadParameters)
			}
		}},
		{"parameter types", func(t *testing.T) {
			wantErr(t, "digest with a value for the chunk", c.call(testta.CmdCrypDigestUpdate, val(1, 0), val(0, 0)), teec.ErrBadParameters)
		}},
	} {
		t.Run(tc.name, tc.run)
	}
}

package gpcrypto

import (
	"bytes"
	"errors"
	"testing"

	"github.com/veritee/veritee/internal/abi"
)

// FIPS 180-4 and FIPS 202 example values ("abc", and SHAKE of the empty
// string), RFC 1321 for MD5.
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
	{abi.AlgSM3, "abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"}, // GB/T 32905 A.1
	{abi.AlgSHAKE128, "", "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26"},
	{abi.AlgSHAKE256, "", "46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762fd75dc4ddd8c0f200cb05019d67b592f6fc821c49479ab48640292eacb3b7c4be"},
}

func TestDigestKAT(t *testing.T) {
	t.Parallel()
	for _, c := range digestKATs {
		want := unhex(t, c.want)
		op, err := NewOperation(c.alg, abi.ModeDigest, 0)
		if err != nil {
			t.Fatalf("%#x: %v", c.alg, err)
		}
		// One shot.
		out := make([]byte, len(want))
		if n, err := op.DigestDoFinal([]byte(c.msg), out); err != nil || !bytes.Equal(out[:n], want) {
			t.Errorf("%#x: DoFinal = %x, %v", c.alg, out[:n], err)
		}
		// In pieces, copied mid-stream; the original and the copy agree.
		if len(c.msg) > 0 {
			op.DigestUpdate([]byte(c.msg[:1]))
			cp, _ := NewOperation(c.alg, abi.ModeDigest, 0)
			if err := op.CopyTo(cp); err != nil {
				t.Fatal(err)
			}
			for _, o := range []*Operation{op, cp} {
				if o.InfoMultiple().OperationState != abi.OperationStateActive {
					t.Errorf("%#x: not active", c.alg)
				}
				o.DigestUpdate([]byte(c.msg[1:2]))
				out := make([]byte, len(want))
				if n, err := o.DigestDoFinal([]byte(c.msg[2:]), out); err != nil || !bytes.Equal(out[:n], want) {
					t.Errorf("%#x: pieces = %x, %v", c.alg, out[:n], err)
				}
			}
		}
		// Extraction in two parts.
		op.DigestUpdate([]byte(c.msg))
		a := make([]byte, 5)
		b := make([]byte, len(want)-5)
		op.DigestExtract(a)
		if n, _ := op.DigestExtract(b); !bytes.Equal(append(a, b[:n]...), want) {
			t.Errorf("%#x: extract = %x%x", c.alg, a, b[:n])
		}
		if op.Info().HandleState&abi.HandleFlagExtracting == 0 {
			t.Errorf("%#x: not extracting", c.alg)
		}
		mustPanic(t, "update while extracting", op.DigestUpdate(nil))
		op.Reset()
		if len(want) < 64 && c.alg != abi.AlgSHAKE128 && c.alg != abi.AlgSHAKE256 {
			_, err := op.DigestDoFinal(nil, make([]byte, len(want)-1))
			if n, ok := NeededSize(err); !ok || n != len(want) {
				t.Errorf("%#x: short buffer: %v", c.alg, err)
			}
		}
	}
}

func TestDigestMisuse(t *testing.T) {
	t.Parallel()
	op, _ := NewOperation(abi.AlgSHA256, abi.ModeDigest, 0)
	key := secretKey(t, abi.TypeAES, make([]byte, 16))
	mustPanic(t, "SetKey on a digest", op.SetKey(key))
	mustPanic(t, "CipherInit on a digest", op.CipherInit(nil))
	mustPanic(t, "MACInit on a digest", op.MACInit(nil))
	if _, err := NewOperation(abi.AlgSHA256, abi.ModeEncrypt, 0); !errors.Is(err, ErrNotSupported) {
		t.Errorf("digest in encrypt mode: %v", err)
	}
	if _, err := NewOperation(abi.AlgEd448, abi.ModeSign, 448); !errors.Is(err, ErrNotSupported) {
		t.Errorf("Ed448: %v", err)
	}
	aes, _ := NewOperation(abi.AlgAESCBCNoPad, abi.ModeEncrypt, 128)
	mustPanic(t, "copy between algorithms", op.CopyTo(aes))
	mustPanic(t, "DigestUpdate on a cipher", aes.DigestUpdate(nil))
}

package conform

import (
	"bytes"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"hash"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto/sm"
)

// bareDigests are Go's own implementations of every GP digest: the
// behaviour suites check the API's answers against them.
var bareDigests = map[uint32]func() hash.Hash{
	abi.AlgMD5: md5.New, abi.AlgSHA1: sha1.New, abi.AlgSHA224: sha256.New224, abi.AlgSHA256: sha256.New,
	abi.AlgSHA384: sha512.New384, abi.AlgSHA512: sha512.New,
	abi.AlgSHA3_224: func() hash.Hash { return sha3.New224() }, abi.AlgSHA3_256: func() hash.Hash { return sha3.New256() },
	abi.AlgSHA3_384: func() hash.Hash { return sha3.New384() }, abi.AlgSHA3_512: func() hash.Hash { return sha3.New512() },
	abi.AlgSM3: sm.NewSM3,
}

// bareDigest is alg of msg, n bytes long for SHAKE.
func bareDigest(alg uint32, msg []byte, n int) []byte {
	switch alg {
	case abi.AlgSHAKE128:
		return sha3.SumSHAKE128(msg, n)
	case abi.AlgSHAKE256:
		return sha3.SumSHAKE256(msg, n)
	case abi.AlgMD5SHA1:
		return append(bareDigest(abi.AlgMD5, msg, 0), bareDigest(abi.AlgSHA1, msg, 0)...)
	}
	h := bareDigests[alg]()
	h.Write(msg)
	return h.Sum(nil)
}

// DigestBehaviour runs every GP digest: against Go's implementation, in
// pieces, copied mid-stream, short buffers, extraction in parts, and the
// misuse GP makes panic.
func DigestBehaviour(t *testing.T, api API) {
	e := env{t, api}
	msg := pattern(200)
	for _, alg := range []uint32{abi.AlgMD5, abi.AlgSHA1, abi.AlgSHA224, abi.AlgSHA256, abi.AlgSHA384, abi.AlgSHA512,
		abi.AlgSHA3_224, abi.AlgSHA3_256, abi.AlgSHA3_384, abi.AlgSHA3_512, abi.AlgMD5SHA1, abi.AlgSM3,
		abi.AlgSHAKE128, abi.AlgSHAKE256} {
		name := algName(alg)
		shake := alg == abi.AlgSHAKE128 || alg == abi.AlgSHAKE256
		size := 0
		if !shake {
			size = len(bareDigest(alg, nil, 0))
		}
		want := bareDigest(alg, msg, 48)
		op := e.op(alg, abi.ModeDigest, 0)
		if info, err := op.Info(); err != nil || info.Algorithm != alg || info.OperationClass != abi.OperationDigest ||
			!shake && int(info.DigestLength) != size {
			t.Errorf("%s: info %+v, %v", name, info, err)
		}
		// Short buffer: the size needed, nothing consumed; the retry succeeds.
		if !shake {
			_, err := op.DigestDoFinal(msg, make([]byte, size-1))
			need := e.short(name+": DigestDoFinal", err, size)
			out := make([]byte, need)
			if n, err := op.DigestDoFinal(msg, out); err != nil || !bytes.Equal(out[:n], want) {
				t.Errorf("%s: retry = %x, %v", name, out[:n], err)
			}
		}
		// In pieces, copied mid-stream: the original and the copy agree.
		e.ok(name+": update", op.DigestUpdate(msg[:7]))
		cp := e.op(alg, abi.ModeDigest, 0)
		e.ok(name+": copy", cp.CopyFrom(op))
		for i, o := range []Operation{op, cp} {
			e.ok(name+": update", o.DigestUpdate(msg[7:100]))
			out := make([]byte, len(want))
			if n, err := o.DigestDoFinal(msg[100:], out); err != nil || !bytes.Equal(out[:n], want) {
				t.Errorf("%s: in pieces (copy %v) = %x, %v", name, i == 1, out[:n], err)
			}
		}
		// Extraction in parts, after which the operation takes no more input.
		e.ok(name+": update", op.DigestUpdate(msg))
		var got []byte
		for _, n := range []int{1, 10, len(want) - 11} {
			b := make([]byte, n)
			m, err := op.DigestExtract(b)
			e.ok(name+": extract", err)
			got = append(got, b[:m]...)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: extracted %x", name, got)
		}
		e.ok(name+": reset", op.Reset())
		out := make([]byte, len(want))
		if n, err := op.DigestDoFinal(msg, out); err != nil || !bytes.Equal(out[:n], want) {
			t.Errorf("%s: after reset = %x, %v", name, out[:n], err)
		}
		cp.Close()
		op.Close()
	}
	_, err := api.NewOperation(abi.AlgSHA256, abi.ModeEncrypt, 0)
	e.result("digest in encrypt mode", err, abi.ErrNotSupported)

	// Misuse: each its own scenario, since a TA dies of it.
	aes := func() Object { return e.secret(abi.TypeAES, make([]byte, 16)) }
	e.panics("SetOperationKey on a digest", e.op(abi.AlgSHA256, abi.ModeDigest, 0).SetKey(aes()))
	e.panics("CipherInit on a digest", e.op(abi.AlgSHA256, abi.ModeDigest, 0).CipherInit(make([]byte, 16)))
	e.panics("MACInit on a digest", e.op(abi.AlgSHA256, abi.ModeDigest, 0).MACInit(nil))
	func() {
		op := e.op(abi.AlgSHAKE128, abi.ModeDigest, 0)
		op.DigestExtract(make([]byte, 4))
		e.panics("DigestUpdate while extracting", op.DigestUpdate(msg))
	}()
	func() {
		a, b := e.op(abi.AlgSHA256, abi.ModeDigest, 0), e.op(abi.AlgSHA1, abi.ModeDigest, 0)
		e.panics("CopyOperation between algorithms", b.CopyFrom(a))
	}()
	e.panics("DigestUpdate on a cipher", e.op(abi.AlgAESCBCNoPad, abi.ModeEncrypt, 128, aes()).DigestUpdate(msg))
}

// pattern is n bytes of test data that differ at every position.
func pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + 3)
	}
	return b
}

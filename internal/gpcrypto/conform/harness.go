package conform

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/veritee/veritee/internal/abi"
	"github.com/veritee/veritee/internal/gpcrypto"
)

// env is what the known-answer and behaviour suites share: the API under
// test and its testing.T. Its helpers fail the test on any unexpected
// error, so that a suite's body reads as the GP calls it makes.
//
// Through a TA backend a panic ends the instance and every handle in it:
// a check that expects a panic therefore builds its own objects from
// bytes held here (see panics), never from handles made before it.
type env struct {
	t   *testing.T
	api API
}

// object allocates an object of typ and populates it with attrs.
func (e env) object(typ, max uint32, attrs ...gpcrypto.Attribute) Object {
	e.t.Helper()
	o, err := e.api.NewObject(typ, max)
	if err != nil {
		e.t.Fatalf("AllocateTransientObject(%#x, %d): %v", typ, max, err)
	}
	if err := o.Populate(attrs); err != nil {
		e.t.Fatalf("PopulateTransientObject(%#x): %v", typ, err)
	}
	return o
}

// secret is a secret-key object of typ holding key.
func (e env) secret(typ uint32, key []byte) Object {
	e.t.Helper()
	attr := uint32(abi.AttrSecretValue)
	switch typ {
	case abi.TypeHKDFIKM:
		attr = abi.AttrHKDFIKM
	case abi.TypeConcatKDFZ:
		attr = abi.AttrConcatKDFZ
	case abi.TypePBKDF2Password:
		attr = abi.AttrPBKDF2Password
	}
	return e.object(typ, uint32(len(key))*8, ref(attr, key))
}

// generate allocates an object of typ and generates a key of size bits.
func (e env) generate(typ, size uint32, params ...gpcrypto.Attribute) Object {
	e.t.Helper()
	o, err := e.api.NewObject(typ, size)
	if err != nil {
		e.t.Fatalf("AllocateTransientObject(%#x, %d): %v", typ, size, err)
	}
	if err := o.Generate(size, params); err != nil {
		e.t.Fatalf("GenerateKey(%#x, %d): %v", typ, size, err)
	}
	return o
}

// op allocates an operation and sets its key (one key: SetKey; two:
// SetKey2; none: digests).
func (e env) op(alg, mode, max uint32, keys ...Object) Operation {
	e.t.Helper()
	o, err := e.api.NewOperation(alg, mode, max)
	if err != nil {
		e.t.Fatalf("AllocateOperation(%s, mode %d, %d): %v", algName(alg), mode, max, err)
	}
	switch len(keys) {
	case 1:
		err = o.SetKey(keys[0])
	case 2:
		err = o.SetKey2(keys[0], keys[1])
	}
	if err != nil {
		e.t.Fatalf("SetOperationKey(%s): %v", algName(alg), err)
	}
	return o
}

// attr reads a buffer attribute of o.
func (e env) attr(o Object, id uint32) []byte {
	e.t.Helper()
	b := make([]byte, 1024)
	n, err := o.BufferAttribute(id, b)
	if err != nil {
		e.t.Fatalf("GetObjectBufferAttribute(%#x): %v", id, err)
	}
	return b[:n]
}

// secretOf reads the secret value of a derived object.
func (e env) secretOf(o Object) []byte { e.t.Helper(); return e.attr(o, abi.AttrSecretValue) }

// panics checks that err is a call GP makes panic.
func (e env) panics(what string, err error) {
	e.t.Helper()
	if !IsPanic(err) {
		e.t.Errorf("%s: got %v, want a panic", what, err)
	}
}

// result checks that err carries the GP result want.
func (e env) result(what string, err error, want abi.Result) {
	e.t.Helper()
	if got := gpcrypto.ResultOf(err); got != want || (want != abi.Success && err == nil) {
		e.t.Errorf("%s: got %v (%#x), want %#x", what, err, uint32(got), uint32(want))
	}
}

// rejected checks that a call GP makes panic was refused: with the result
// want by the engine (which leaves the panic to the TA's library, as
// OP-TEE's core does), or by the death of the TA.
func (e env) rejected(what string, err error, want abi.Result) {
	e.t.Helper()
	if !IsPanic(err) && (err == nil || gpcrypto.ResultOf(err) != want) {
		e.t.Errorf("%s: got %v, want %#x or a panic", what, err, uint32(want))
	}
}

// ok checks that err is nil and says so.
func (e env) ok(what string, err error) bool {
	e.t.Helper()
	if err != nil {
		e.t.Errorf("%s: %v", what, err)
		return false
	}
	return true
}

// short checks that err is SHORT_BUFFER asking for want bytes (any
// positive size when want < 0) and returns the size asked for.
func (e env) short(what string, err error, want int) int {
	e.t.Helper()
	n, ok := gpcrypto.NeededSize(err)
	if !ok || gpcrypto.ResultOf(err) != abi.ErrShortBuffer {
		e.t.Errorf("%s: got %v, want SHORT_BUFFER", what, err)
		return 0
	}
	if want >= 0 && n != want || n <= 0 {
		e.t.Errorf("%s: SHORT_BUFFER asks for %d bytes, want %d", what, n, want)
	}
	return n
}

// unhex decodes a hex constant of a table (spaces allowed).
func unhex(s string) []byte {
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		panic("conform: bad hex constant " + s)
	}
	return b
}

func algName(alg uint32) string {
	if n, _ := gpcrypto.AlgorithmName(alg); n != "" {
		return n
	}
	return "alg " + hex.EncodeToString([]byte{byte(alg >> 24), byte(alg >> 16), byte(alg >> 8), byte(alg)})
}

// suiteFn is one suite of a group run by runSuites.
type suiteFn struct {
	name string
	run  func(*testing.T, API)
}

// runSuites runs suites as parallel subtests, each with its own API.
func runSuites(t *testing.T, newAPI func(*testing.T) API, suites []suiteFn) {
	for _, s := range suites {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			s.run(t, newAPI(t))
		})
	}
}

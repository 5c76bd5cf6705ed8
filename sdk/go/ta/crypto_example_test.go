//go:build !wasip1

package ta_test

import (
	"fmt"

	"github.com/veritee/veritee/sdk/go/ta"
)

// A TA encrypts with AES-GCM: the key goes into a transient object, the
// operation takes a copy of it, and only handles stay in the TA. On the
// host the calls run against FakeCore.
func Example_aesGCM() {
	ta.NewFakeCore().Log = nil

	key, err := ta.AllocateTransientObject(ta.TypeAES, 128)
	if err != nil {
		panic(err)
	}
	defer key.Free()
	if err := key.Populate(ta.RefAttribute(ta.AttrSecretValue, make([]byte, 16))); err != nil {
		panic(err)
	}
	op, err := ta.AllocateOperation(ta.AlgAESGCM, ta.ModeEncrypt, 128)
	if err != nil {
		panic(err)
	}
	defer op.Free()
	if err := op.SetKey(key); err != nil {
		panic(err)
	}
	msg := []byte("hello")
	if err := op.AEInit(make([]byte, 12), 128, 0, uint32(len(msg))); err != nil {
		panic(err)
	}
	// Ask for the sizes first: SHORT_BUFFER reports what is needed.
	n, tagN, err := op.AEEncryptFinal(msg, nil, nil)
	fmt.Println(err, n, tagN)
	ct, tag := make([]byte, n), make([]byte, tagN)
	n, tagN, err = op.AEEncryptFinal(msg, ct, tag)
	fmt.Printf("%v %x %x\n", err, ct[:n], tag[:tagN])
	// Output:
	// TEE_ERROR_SHORT_BUFFER 5 16
	// <nil> 6bedb6a20f fc05f3475d29034caa1cc8fa3628c39f
}

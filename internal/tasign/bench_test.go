package tasign

import (
	"crypto"
	"fmt"
	"testing"

	"github.com/veritee/veritee/internal/rollback"
)

// BenchmarkVerify times Verify of a whole image — sizes, signature,
// versions, hash — for 100 KiB and 2 MiB TAs signed with Ed25519 and
// RSA-3072, plain and class-encrypted. Compare with the cold load in the
// root package's BenchmarkColdOpen.
//
//	go test -run '^$' -bench Verify ./internal/tasign
func BenchmarkVerify(b *testing.B) {
	ks := testKeys(b)
	key := make([]byte, ClassKeySize)
	for _, size := range []int{100 << 10, 2 << 20} {
		body := plainImage(b, testUUID, "1.0", size-200)
		for _, name := range []string{"ed25519", "rsa-3072"} {
			k := ks[name]
			img, err := Sign(body, k, Signing{})
			if err != nil {
				b.Fatal(err)
			}
			enc, err := Encrypt(img, ClassKey, key)
			if err != nil {
				b.Fatal(err)
			}
			for _, tc := range []struct {
				kind  string
				image []byte
			}{{"plain", img}, {"encrypted", enc}} {
				b.Run(fmt.Sprintf("%dKiB/%s/%s", size>>10, name, tc.kind), func(b *testing.B) {
					v := verifierFor(b, []crypto.Signer{k}...)
					v.ClassKeys = [][]byte{key}
					v.Versions = &rollback.Memory{}
					b.SetBytes(int64(len(tc.image)))
					for b.Loop() {
						if _, err := v.Verify(tc.image, testUUID); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		}
	}
}

package examples_test

import "testing"

// The SP 800-38A plaintext (four blocks) all its AES examples use.
const sp80038aPlain = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51" +
	"30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710"

// aesDefault is what the aes clients print without arguments: NIST SP
// 800-38A's AES-128 ciphertexts of F.1.1 (ECB), F.2.1 (CBC) and F.5.1
// (CTR), and the plaintext back.
var aesDefault = "ecb ciphertext: 3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf43b1cd7f598ece23881b00e3ed0306887b0c785e27e8ad3f8223207104725dd4\n" +
	"ecb decrypted: " + sp80038aPlain + "\n" +
	"cbc ciphertext: 7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b273bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7\n" +
	"cbc decrypted: " + sp80038aPlain + "\n" +
	"ctr ciphertext: 874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee\n" +
	"ctr decrypted: " + sp80038aPlain + "\n"

// TestAES checks both aes clients against SP 800-38A: the three AES-128
// examples they run by default, AES-256 ECB (F.1.5, first block) and
// AES-128 CTR over a part of a block (F.5.1's first 5 bytes), given as
// arguments.
func TestAES(t *testing.T) {
	t.Parallel()
	key256 := "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4"
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"sp800-38a-aes128", nil, aesDefault},
		{"ecb-aes256", []string{"ecb", key256, "", sp80038aPlain[:32]},
			"ecb ciphertext: f3eed1bdb5d2a03c064b5a7e3db181f8\necb decrypted: " + sp80038aPlain[:32] + "\n"},
		{"ctr-partial-block", []string{"ctr", "2b7e151628aed2a6abf7158809cf4f3c", "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff", sp80038aPlain[:10]},
			"ctr ciphertext: 874d6191b6\nctr decrypted: " + sp80038aPlain[:10] + "\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if got := runGo(t, "aes", c.args...); got != c.want {
				t.Errorf("Go client:\n%s\nwant:\n%s", got, c.want)
			}
			if got := runC(t, "aes", c.args...); got != c.want {
				t.Errorf("C client:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

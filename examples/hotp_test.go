package examples_test

import (
	"fmt"
	"strings"
	"testing"
)

// rfc4226 is the table of RFC 4226 Appendix D: the HOTP values of
// counters 0 to 9 for the secret "12345678901234567890".
var rfc4226 = []string{"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"}

// TestHOTP has both hotp clients register RFC 4226's test secret and print
// the first ten values.
func TestHOTP(t *testing.T) {
	t.Parallel()
	var want strings.Builder
	for i, v := range rfc4226 {
		fmt.Fprintf(&want, "%d: %s\n", i, v)
	}
	if got := runGo(t, "hotp", "-n", "10", "-secret", "12345678901234567890"); got != want.String() {
		t.Errorf("Go client:\n%s\nwant:\n%s", got, want.String())
	}
	if got := runC(t, "hotp", "10", "12345678901234567890"); got != want.String() {
		t.Errorf("C client:\n%s\nwant:\n%s", got, want.String())
	}
}

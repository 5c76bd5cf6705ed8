package wycheproof

import (
	"fmt"
	"slices"
	"sync"
	"testing"
)

// The policy for Wycheproof results, applied by Allowed and Checker:
//
//   - "valid": the implementation must accept (verify, decrypt, agree).
//   - "invalid": it must reject.
//   - "acceptable": either answer passes, because Wycheproof marks inputs
//     that are legitimately accepted by some correct implementations and
//     rejected by others (legacy encodings, weak parameters, low-order
//     points). What the implementation did is recorded: Checker.Acceptable
//     returns it and the test log lists the accepted and rejected tcIds, so a
//     change of behaviour shows up in review.
//   - Checker.Require pins the acceptable cases carrying a flag to one
//     answer; when a case carries several pinned flags, the rule required
//     first wins. Veritee uses it where OP-TEE's behaviour is known (then the
//     same answer as OP-TEE is required) or where the GP spec decides.
//
// A case with an unknown result string fails the test.

// Allowed reports whether answering accepted to a case with result r
// conforms to the policy without pinned flags.
func Allowed(r Result, accepted bool) bool {
	switch r {
	case Valid:
		return accepted
	case Invalid:
		return !accepted
	case Acceptable:
		return true
	}
	return false
}

// Outcome records what an implementation did with an "acceptable" case.
type Outcome struct {
	TcID     int
	Flags    []string
	Accepted bool
}

// Checker judges the answers for the cases of one vector file.
type Checker struct {
	t    testing.TB
	file string

	mu         sync.Mutex
	pinned     []rule
	acceptable []Outcome
	checked    int
	failed     int
}

// NewChecker returns a Checker for the cases of file. When the test ends it
// logs how many cases were checked and the fate of the acceptable ones.
func NewChecker(t testing.TB, file string) *Checker {
	c := &Checker{t: t, file: file}
	t.Cleanup(c.summary)
	return c
}

type rule struct {
	flag   string
	accept bool
}

// Require pins acceptable cases with flag to accepted (true) or rejected
// (false). Rules required earlier take precedence. It returns c for
// chaining.
func (c *Checker) Require(flag string, accept bool) *Checker {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pinned = append(c.pinned, rule{flag, accept})
	return c
}

// Expect returns what the policy demands of a case: must is false when either
// answer is allowed; otherwise accept is the required answer.
func (c *Checker) Expect(tc Case) (accept, must bool) {
	switch tc.Result {
	case Valid:
		return true, true
	case Invalid:
		return false, true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, r := range c.pinned {
		if slices.Contains(tc.Flags, r.flag) {
			return r.accept, true
		}
	}
	return false, false
}

// Check judges one answer and reports a violation with t.Errorf. It returns
// whether the answer conforms. detail (for example an error) is added to the
// message.
func (c *Checker) Check(tc Case, accepted bool, detail ...any) bool {
	c.t.Helper()
	ok := true
	if tc.Result != Valid && tc.Result != Invalid && tc.Result != Acceptable {
		ok = false
	} else if want, must := c.Expect(tc); must {
		ok = accepted == want
	}
	c.mu.Lock()
	c.checked++
	if tc.Result == Acceptable {
		c.acceptable = append(c.acceptable, Outcome{TcID: tc.TcID, Flags: tc.Flags, Accepted: accepted})
	}
	if !ok {
		c.failed++
	}
	c.mu.Unlock()
	if !ok {
		verb := "rejected"
		if accepted {
			verb = "accepted"
		}
		msg := fmt.Sprintf("%s tcId %d (%s; flags %v; %q): %s", c.file, tc.TcID, tc.Result, tc.Flags, tc.Comment, verb)
		if len(detail) > 0 {
			msg += ": " + fmt.Sprint(detail...)
		}
		c.t.Error(msg)
	}
	return ok
}

// CheckErr is Check with err == nil meaning accepted.
func (c *Checker) CheckErr(tc Case, err error) bool {
	c.t.Helper()
	if err != nil {
		return c.Check(tc, false, err)
	}
	return c.Check(tc, true)
}

// Acceptable returns the recorded outcomes of the acceptable cases so far.
func (c *Checker) Acceptable() []Outcome {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.acceptable)
}

func (c *Checker) summary() {
	c.mu.Lock()
	defer c.mu.Unlock()
	var acc, rej []int
	for _, o := range c.acceptable {
		if o.Accepted {
			acc = append(acc, o.TcID)
		} else {
			rej = append(rej, o.TcID)
		}
	}
	c.t.Logf("wycheproof %s: %d cases checked, %d failed; acceptable cases accepted %v, rejected %v",
		c.file, c.checked, c.failed, acc, rej)
}

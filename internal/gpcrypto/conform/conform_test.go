package conform

import "testing"

// TestWycheproofDirect runs the suites against the engine itself; the root
// tests run the same suites through the C and Go test TAs.
func TestWycheproofDirect(t *testing.T) {
	t.Parallel()
	Wycheproof(t, func(*testing.T) API { return Direct() })
}

// TestKnownAnswersDirect runs the published vectors against the engine.
func TestKnownAnswersDirect(t *testing.T) {
	t.Parallel()
	KnownAnswers(t, func(*testing.T) API { return Direct() })
}

// TestBehaviourDirect runs the behaviour suites against the engine.
func TestBehaviourDirect(t *testing.T) {
	t.Parallel()
	Behaviour(t, func(*testing.T) API { return Direct() })
}

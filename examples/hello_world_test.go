package examples_test

import "testing"

// TestHelloWorld runs both hello_world clients: each asks the C TA to
// increment a value.
func TestHelloWorld(t *testing.T) {
	t.Parallel()
	want := "Invoking TA to increment 41\nTA incremented value to 42\n"
	for name, run := range map[string]func(*testing.T, string, ...string) string{"go": runGo, "c": runC} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			args := []string{"41"}
			if name == "go" {
				args = []string{"-value", "41"}
			}
			if got := run(t, "hello_world", args...); got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

//go:build !unix

package core

// lockStateDir does nothing where flock is missing: one daemon per state
// directory is then the operator's rule to keep.
func lockStateDir(string) (func(), error) { return func() {}, nil }

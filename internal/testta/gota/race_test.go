//go:build race

package main

// raceEnabled makes the wazero tests use the interpreter: compiling a Go
// module with the race detector on takes minutes.
const raceEnabled = true

//go:build !race

package c448

const raceEnabled = false

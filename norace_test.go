//go:build !race

package veritee_test

const raceEnabled = false

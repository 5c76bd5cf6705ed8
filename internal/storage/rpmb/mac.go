package rpmb

import (
	"crypto/hmac"
	"crypto/sha256"
)

// frameMAC is the HMAC-SHA256 over bytes 228..511 of every frame, in order.
func frameMAC(key []byte, fs []Frame) []byte {
	m := hmac.New(sha256.New, key)
	for i := range fs {
		m.Write(fs[i].macInput())
	}
	return m.Sum(nil)
}

// checkMAC compares the MAC in the last frame, in constant time.
func checkMAC(key []byte, fs []Frame) bool {
	if len(fs) == 0 {
		return false
	}
	return hmac.Equal(frameMAC(key, fs), fs[len(fs)-1].KeyMAC())
}

// signFrames puts the MAC of fs into its last frame.
func signFrames(key []byte, fs []Frame) {
	copy(fs[len(fs)-1].KeyMAC(), frameMAC(key, fs))
}

// signFrame puts the MAC of the single frame f into it.
func signFrame(key []byte, f *Frame) {
	m := hmac.New(sha256.New, key)
	m.Write(f.macInput())
	copy(f.KeyMAC(), m.Sum(nil))
}

package taimage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
)

// signedSample lays out a signed image with a dummy signature and chain,
// as the format (not the crypto) requires; encrypted adds the encryption
// information and a tag-sized tail.
func signedSample(t testing.TB, encrypted bool) []byte {
	body := vectorImage(t)
	chain := sampleChain(t)
	h := SignedHeader{UUID: testUUID, TAVersion: 0x10002, Algorithm: 4, ChainLen: uint32(len(chain)), BodyLen: uint64(len(body))}
	var enc []byte
	stored := body
	if encrypted {
		enc = make([]byte, EncInfoSize)
		stored = append(bytes.Clone(body), make([]byte, GCMTagSize)...)
	}
	b, err := AssembleSigned(h.Marshal(), [HashSize]byte{1, 2, 3}, bytes.Repeat([]byte{0xAB}, 64), chain, enc, stored)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sampleChain(t testing.TB) []byte {
	rec := SubkeyRecord{Kind: SubkeyNamespace, UUID: testUUID, Version: 1, MaxDepth: 2, Algorithm: 4, ParentAlg: 4,
		PublicKey: bytes.Repeat([]byte{0x30}, 44)}
	signed, err := rec.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	c, err := AppendSubkey(nil, signed, bytes.Repeat([]byte{0xCD}, 64), []byte("name"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestParseSigned(t *testing.T) {
	t.Parallel()
	for _, enc := range []bool{false, true} {
		b := signedSample(t, enc)
		s, err := ParseSigned(b)
		if err != nil {
			t.Fatal(err)
		}
		if s.UUID != testUUID || s.TAVersion != 0x10002 || s.Encrypted() != enc || len(s.Signature) != 64 ||
			!bytes.Equal(s.Chain, sampleChain(t)) || s.BodyLen != uint64(len(vectorImage(t))) {
			t.Fatalf("parsed %+v", s)
		}
	}
	if _, err := ParseSigned(vectorImage(t)); !errors.Is(err, ErrUnsigned) {
		t.Fatalf("a format-1 image: %v, want ErrUnsigned", err)
	}
}

func TestParseSignedRejects(t *testing.T) {
	t.Parallel()
	good := signedSample(t, false)
	le := binary.LittleEndian
	tests := []struct {
		name string
		edit func(b []byte) []byte
	}{
		{"magic", func(b []byte) []byte { b[1] = 'X'; return b }},
		{"version", func(b []byte) []byte { b[4] = 3; return b }},
		{"type", func(b []byte) []byte { b[6] = 2; return b }},
		{"reserved", func(b []byte) []byte { b[30] = 1; return b }},
		{"reserved 2", func(b []byte) []byte { b[36] = 1; return b }},
		{"flags", func(b []byte) []byte { b[80] = 2; return b }},
		{"encrypted without info", func(b []byte) []byte { b[80] = 1; return b }},
		{"no signature", func(b []byte) []byte { le.PutUint16(b[82:84], 0); return b }},
		{"huge signature", func(b []byte) []byte { le.PutUint16(b[82:84], MaxSignatureSize+1); return b }},
		{"chain overflow", func(b []byte) []byte { le.PutUint32(b[32:36], 0xFFFFFFFF); return b }},
		{"body overflow", func(b []byte) []byte { le.PutUint64(b[40:48], 0xFFFFFFFFFFFFFFF0); return b }},
		{"size", func(b []byte) []byte { le.PutUint64(b[88:96], uint64(len(b))+1); return b }},
		{"truncated", func(b []byte) []byte { return b[:len(b)-1] }},
		{"trailing", func(b []byte) []byte { return append(b, 0) }},
		{"short header", func(b []byte) []byte { return b[:SignedHeaderSize-1] }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, err := ParseSigned(tt.edit(bytes.Clone(good))); !errors.Is(err, ErrFormat) {
				t.Fatalf("ParseSigned: %v, want ErrFormat", err)
			}
		})
	}
}

func TestParseChainRejects(t *testing.T) {
	t.Parallel()
	good := sampleChain(t)
	if sks, err := ParseChain(good); err != nil || len(sks) != 1 || string(sks[0].Name) != "name" {
		t.Fatalf("ParseChain: %v %+v", err, sks)
	}
	le := binary.LittleEndian
	tests := []struct {
		name string
		edit func(b []byte) []byte
	}{
		{"magic", func(b []byte) []byte { b[0] = 'X'; return b }},
		{"record version", func(b []byte) []byte { b[4] = 2; return b }},
		{"kind", func(b []byte) []byte { b[6] = 3; return b }},
		{"no key", func(b []byte) []byte { le.PutUint16(b[44:46], 0); return b }},
		{"key too long", func(b []byte) []byte { le.PutUint16(b[44:46], MaxSubkeyKeySize+1); return b }},
		{"signature too long", func(b []byte) []byte { le.PutUint16(b[46:48], 0xFFFF); return b }},
		{"truncated", func(b []byte) []byte { return b[:len(b)-1] }},
		{"name overflow", func(b []byte) []byte { b[len(b)-6] = 0xFF; return b }},
		{"NUL in the name", func(b []byte) []byte { b[len(b)-1] = 0; return b }},
		{"too deep", func(b []byte) []byte {
			var out []byte
			for range MaxChainDepth + 1 {
				out = append(out, b...)
			}
			return out
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, err := ParseChain(tt.edit(bytes.Clone(good))); !errors.Is(err, ErrFormat) {
				t.Fatalf("ParseChain: %v, want ErrFormat", err)
			}
		})
	}
}

// FuzzParseSigned: whatever ParseSigned accepts, AssembleSigned lays out
// byte for byte again.
func FuzzParseSigned(f *testing.F) {
	f.Add(signedSample(f, false))
	f.Add(signedSample(f, true))
	f.Add(vectorImage(f))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ParseSigned(b)
		if err != nil {
			return
		}
		again, err := AssembleSigned(s.Hashed, s.Hash, s.Signature, s.Chain, s.EncInfo, s.Body)
		if err != nil {
			t.Fatalf("AssembleSigned of a parsed image: %v", err)
		}
		if !bytes.Equal(again, b) {
			t.Fatal("round trip changed the image")
		}
	})
}

// FuzzParseChain: whatever ParseChain accepts re-encodes to the same bytes.
func FuzzParseChain(f *testing.F) {
	f.Add(sampleChain(f))
	f.Add(append(sampleChain(f), sampleChain(f)...))
	f.Fuzz(func(t *testing.T, b []byte) {
		sks, err := ParseChain(b)
		if err != nil {
			return
		}
		var again []byte
		for _, sk := range sks {
			if again, err = AppendSubkey(again, sk.Signed, sk.Signature, sk.Name); err != nil {
				t.Fatalf("AppendSubkey of a parsed subkey: %v", err)
			}
		}
		if !bytes.Equal(again, b) {
			t.Fatal("round trip changed the chain")
		}
		for _, sk := range sks {
			_ = SubkeyUUID(sk.UUID, sk.Name)
		}
	})
}

package taimage

import "errors"

// Magic opens every TA image: the bytes "VTAI".
var Magic = [4]byte{'V', 'T', 'A', 'I'}

// FormatVersion is the version of the image layout this package writes and
// reads. A reader refuses any other version: a newer layout may move fields.
const FormatVersion uint16 = 1

// ImageType says what the payload is. Only wasm TAs exist today; the field
// leaves room for, say, a native-TA manifest without a new format version.
type ImageType uint16

// ImageTypeWasm is a TA whose payload is a wasm32 module.
const ImageTypeWasm ImageType = 1

// SectionType numbers a section. Numbers are never reused.
type SectionType uint16

const (
	// SectionProps holds the TA's property blob (abi.MarshalProps).
	SectionProps SectionType = 1
	// SectionPayload holds the wasm module bytes.
	SectionPayload SectionType = 2
	// SectionSignature, SectionSubkeys and SectionEncryption are reserved
	// numbers a body refuses: signatures, subkeys and encryption live in
	// the signed envelope around the body (signed.go) instead.
	SectionSignature  SectionType = 3
	SectionSubkeys    SectionType = 4
	SectionEncryption SectionType = 5
)

// Section flags.
const (
	// FlagCritical marks a section a reader must understand: an unknown
	// critical section makes the image invalid, an unknown non-critical one
	// is skipped (and kept in Image.Extra).
	FlagCritical uint16 = 1 << 0
	knownFlags          = FlagCritical
)

// Sizes and limits.
const (
	HeaderSize        = 48
	SectionHeaderSize = 8
	// MaxImageSize bounds a whole image. A Go TA is a few MiB; 64 MiB
	// leaves room while keeping a hostile file from exhausting memory.
	MaxImageSize = 64 << 20
	// MaxSections bounds the number of sections in one image.
	MaxSections = 32
)

// ErrFormat is wrapped by every error Parse returns for a malformed image.
var ErrFormat = errors.New("taimage: malformed TA image")

// ErrUnsigned is returned by ParseSigned for a format-1 image, which has no
// signature; the daemon refuses to load one.
var ErrUnsigned = errors.New("taimage: the TA image is not signed (format version 1)")

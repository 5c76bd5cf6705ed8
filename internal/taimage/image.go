package taimage

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"github.com/veritee/veritee/internal/abi"
)

// Image is a parsed TA image.
type Image struct {
	Type       ImageType
	UUID       abi.UUID
	TAVersion  uint32 // see TAVersion; for anti-rollback
	ABIVersion uint32 // the ABI the TA was built against
	Props      *abi.Props
	// Wasm is the payload, the wasm module. Parse returns a slice of the
	// image it was given, not a copy.
	Wasm []byte
	// Extra holds the non-critical sections this version does not know, in
	// file order, so that a tool can show or keep them.
	Extra []Section
}

// Section is one raw section of an image.
type Section struct {
	Type  SectionType
	Flags uint16
	Data  []byte
}

// wasmMagic opens every wasm binary module: "\0asm" and version 1.
var wasmMagic = []byte{0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00}

// Marshal encodes img: the header, then PROPS, then PAYLOAD, then the Extra
// sections. It checks the same invariants Parse checks, so whatever Marshal
// writes Parse reads back.
func Marshal(img *Image) ([]byte, error) {
	if img.Props == nil {
		return nil, fmt.Errorf("%w: no properties", ErrFormat)
	}
	blob, err := abi.MarshalProps(img.Props)
	if err != nil {
		return nil, fmt.Errorf("taimage: %w", err)
	}
	secs := make([]Section, 0, 2+len(img.Extra))
	secs = append(secs,
		Section{Type: SectionProps, Flags: FlagCritical, Data: blob},
		Section{Type: SectionPayload, Flags: FlagCritical, Data: img.Wasm})
	secs = append(secs, img.Extra...)
	if len(secs) > MaxSections {
		return nil, fmt.Errorf("%w: %d sections, at most %d", ErrFormat, len(secs), MaxSections)
	}
	total := uint64(HeaderSize)
	for _, s := range secs {
		total += SectionHeaderSize + uint64(len(s.Data))
	}
	if total > MaxImageSize {
		return nil, fmt.Errorf("%w: image of %d bytes exceeds %d", ErrFormat, total, MaxImageSize)
	}
	b := make([]byte, HeaderSize, total)
	copy(b[0:4], Magic[:])
	binary.LittleEndian.PutUint16(b[4:6], FormatVersion)
	binary.LittleEndian.PutUint16(b[6:8], uint16(img.Type))
	copy(b[8:24], img.UUID[:])
	binary.LittleEndian.PutUint32(b[24:28], img.TAVersion)
	binary.LittleEndian.PutUint32(b[28:32], img.ABIVersion)
	binary.LittleEndian.PutUint32(b[32:36], 0) // flags
	binary.LittleEndian.PutUint32(b[36:40], uint32(len(secs)))
	binary.LittleEndian.PutUint64(b[40:48], total)
	for _, s := range secs {
		b = binary.LittleEndian.AppendUint16(b, uint16(s.Type))
		b = binary.LittleEndian.AppendUint16(b, s.Flags)
		b = binary.LittleEndian.AppendUint32(b, uint32(len(s.Data)))
		b = append(b, s.Data...)
	}
	if _, err := Parse(b); err != nil {
		return nil, err
	}
	return b, nil
}

// Parse decodes and checks a TA image. It returns an error wrapping
// ErrFormat when the image is malformed: a bad magic, version or type; a
// size that overflows, exceeds MaxImageSize or disagrees with the bytes
// present; a missing or repeated PROPS or PAYLOAD section; an unknown
// critical section; or a header that disagrees with the properties (UUID,
// ABI version, TA version).
func Parse(image []byte) (*Image, error) {
	if len(image) > MaxImageSize {
		return nil, fmt.Errorf("%w: %d bytes exceeds %d", ErrFormat, len(image), MaxImageSize)
	}
	if len(image) < HeaderSize {
		return nil, fmt.Errorf("%w: %d bytes is shorter than the header", ErrFormat, len(image))
	}
	if !bytes.Equal(image[0:4], Magic[:]) {
		return nil, fmt.Errorf("%w: bad magic", ErrFormat)
	}
	if v := binary.LittleEndian.Uint16(image[4:6]); v != FormatVersion {
		return nil, fmt.Errorf("%w: format version %d, want %d", ErrFormat, v, FormatVersion)
	}
	img := &Image{Type: ImageType(binary.LittleEndian.Uint16(image[6:8]))}
	if img.Type != ImageTypeWasm {
		return nil, fmt.Errorf("%w: image type %d", ErrFormat, img.Type)
	}
	copy(img.UUID[:], image[8:24])
	img.TAVersion = binary.LittleEndian.Uint32(image[24:28])
	img.ABIVersion = binary.LittleEndian.Uint32(image[28:32])
	if f := binary.LittleEndian.Uint32(image[32:36]); f != 0 {
		return nil, fmt.Errorf("%w: header flags 0x%x", ErrFormat, f)
	}
	n := binary.LittleEndian.Uint32(image[36:40])
	if n > MaxSections {
		return nil, fmt.Errorf("%w: %d sections, at most %d", ErrFormat, n, MaxSections)
	}
	if total := binary.LittleEndian.Uint64(image[40:48]); total != uint64(len(image)) {
		return nil, fmt.Errorf("%w: header says %d bytes, have %d", ErrFormat, total, len(image))
	}
	var props, payload []byte
	var haveProps, havePayload bool
	rest := image[HeaderSize:]
	for i := uint32(0); i < n; i++ {
		if len(rest) < SectionHeaderSize {
			return nil, fmt.Errorf("%w: section %d: truncated header", ErrFormat, i)
		}
		s := Section{
			Type:  SectionType(binary.LittleEndian.Uint16(rest[0:2])),
			Flags: binary.LittleEndian.Uint16(rest[2:4]),
		}
		size := binary.LittleEndian.Uint32(rest[4:8])
		rest = rest[SectionHeaderSize:]
		if uint64(size) > uint64(len(rest)) {
			return nil, fmt.Errorf("%w: section %d: %d bytes, %d left", ErrFormat, i, size, len(rest))
		}
		s.Data, rest = rest[:size:size], rest[size:]
		if s.Flags&^knownFlags != 0 {
			return nil, fmt.Errorf("%w: section %d: unknown flags 0x%x", ErrFormat, i, s.Flags)
		}
		switch s.Type {
		case SectionProps:
			if haveProps {
				return nil, fmt.Errorf("%w: two PROPS sections", ErrFormat)
			}
			haveProps, props = true, s.Data
		case SectionPayload:
			if havePayload {
				return nil, fmt.Errorf("%w: two PAYLOAD sections", ErrFormat)
			}
			havePayload, payload = true, s.Data
		case SectionSignature, SectionSubkeys, SectionEncryption:
			return nil, fmt.Errorf("%w: section type %d is not supported by format version %d", ErrFormat, s.Type, FormatVersion)
		default:
			if s.Flags&FlagCritical != 0 {
				return nil, fmt.Errorf("%w: unknown critical section type %d", ErrFormat, s.Type)
			}
			img.Extra = append(img.Extra, s)
		}
	}
	if len(rest) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after the last section", ErrFormat, len(rest))
	}
	if !haveProps || !havePayload {
		return nil, fmt.Errorf("%w: PROPS or PAYLOAD section missing", ErrFormat)
	}
	if err := img.setProps(props); err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(payload, wasmMagic) {
		return nil, fmt.Errorf("%w: payload is not a wasm module", ErrFormat)
	}
	img.Wasm = payload
	return img, nil
}

// setProps decodes the property blob and checks the header against it.
func (img *Image) setProps(blob []byte) error {
	p, err := abi.UnmarshalProps(blob)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrFormat, err)
	}
	if err := checkProps(p); err != nil {
		return err
	}
	id, _ := p.AppID()
	if id != img.UUID {
		return fmt.Errorf("%w: header UUID %v, properties say %v", ErrFormat, img.UUID, id)
	}
	if p.ABIVersion != img.ABIVersion {
		return fmt.Errorf("%w: header ABI version 0x%x, properties say 0x%x", ErrFormat, img.ABIVersion, p.ABIVersion)
	}
	if v := TAVersion(p); v != img.TAVersion {
		return fmt.Errorf("%w: header TA version 0x%x, properties say 0x%x", ErrFormat, img.TAVersion, v)
	}
	img.Props = p
	return nil
}

// checkProps checks what every TA must declare: its UUID and an ABI of the
// core's major version.
func checkProps(p *abi.Props) error {
	if _, err := p.AppID(); err != nil {
		return fmt.Errorf("%w: %w", ErrFormat, err)
	}
	if abi.VersionMajor(p.ABIVersion) != abi.VersionMajor(abi.Version) {
		return fmt.Errorf("%w: TA built for ABI %d.%d, core speaks major %d", ErrFormat,
			abi.VersionMajor(p.ABIVersion), p.ABIVersion&0xFFFF, abi.VersionMajor(abi.Version))
	}
	return nil
}

// Package taimage is the on-disk format of a Trusted Application, the file
// <uuid>.ta that the daemon loads: a signed image (format 2: a signed
// header, the signature, an optional subkey chain, optional encryption
// information) whose body is a format-1 image (a fixed header followed by
// typed, length-prefixed sections: the TA's property blob and its wasm
// module). Package tasign signs and verifies; this package lays out bytes.
//
// The format is specified byte by byte in docs/ta-image.md. Parsing is
// strict: every size is checked against the bytes left and against
// MaxImageSize before anything is sliced or allocated, an unknown section
// marked critical is an error, and a body's header must agree with the
// properties it carries.
package taimage

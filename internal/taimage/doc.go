// Package taimage is the on-disk format of a Trusted Application, the file
// <uuid>.ta that the daemon loads: a fixed header followed by typed,
// length-prefixed sections (the TA's property blob and its wasm module
// now; signatures, subkey chains and encryption information later).
//
// The format is specified byte by byte in docs/ta-image.md. Parse is strict:
// every size is checked against the bytes left and against MaxImageSize
// before anything is allocated, an unknown section marked critical is an
// error, and the header must agree with the properties it carries.
package taimage

// Command gen writes sdk/c/include/utee_syscalls.h, the C declarations of
// the TA system calls, from the table in package abi. The header is never
// edited by hand: the C SDK and the core cannot disagree on a number, a name
// or an argument list because both come from abi.Syscalls.
//
// Run it with go generate ./internal/abi (or go run ./internal/abi/gen from
// the repository root). -o overrides the output path; by default it is found
// relative to the module root.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
)

// HeaderPath is the header's path relative to the module root.
const HeaderPath = "sdk/c/include/utee_syscalls.h"

func main() {
	log.SetFlags(0)
	log.SetPrefix("abi/gen: ")
	out := flag.String("o", "", "output file (default: <module root>/"+HeaderPath+")")
	flag.Parse()
	path := *out
	if path == "" {
		root, err := moduleRoot()
		if err != nil {
			log.Fatal(err)
		}
		path = filepath.Join(root, HeaderPath)
	}
	b := Header()
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, b) {
		return
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		log.Fatal(err)
	}
}

// moduleRoot walks up from the working directory to the directory holding
// go.mod, so that the generator works from go generate (run in
// internal/abi) and from the repository root alike.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}

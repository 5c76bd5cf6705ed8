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
	"flag"
	"log"
	"path/filepath"

	"github.com/veritee/veritee/internal/gensrc"
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
		root, err := gensrc.ModuleRoot()
		if err != nil {
			log.Fatal(err)
		}
		path = filepath.Join(root, HeaderPath)
	}
	b := Header()
	if err := gensrc.WriteIfChanged(path, b); err != nil {
		log.Fatal(err)
	}
}

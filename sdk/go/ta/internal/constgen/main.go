// Command constgen writes the GP constants of the Go TA SDK from
// internal/abi, one family at a time: for the family crypto,
// sdk/go/ta/crypto_consts.go and its name table for the SDK's tests
// (crypto_consts_names_test.go) from internal/abi/crypto.go; for storage,
// storage_consts.go and storage_consts_names_test.go from
// internal/abi/storage.go. The SDK's constants are never written by hand:
// each is the abi constant of the same Go name, in the same groups with the
// same documentation, so the SDK, the C headers (checked against the same
// tables) and the core cannot disagree on a value.
//
// Run it with go generate ./sdk/go/ta (or go run
// ./sdk/go/ta/internal/constgen -family crypto from anywhere in the
// module). -dir overrides the output directory.
package main

import (
	"flag"
	"log"
	"os"
	"path/filepath"

	"github.com/veritee/veritee/internal/gensrc"
)

// OutDir is the SDK's directory, relative to the module root.
const OutDir = "sdk/go/ta"

func main() {
	log.SetFlags(0)
	log.SetPrefix("constgen: ")
	dir := flag.String("dir", "", "output directory (default: <module root>/"+OutDir+")")
	name := flag.String("family", "", "the constants to write: crypto or storage")
	flag.Parse()
	fam, ok := Families[*name]
	if !ok {
		log.Fatalf("-family %q: want crypto or storage", *name)
	}
	root, err := gensrc.ModuleRoot()
	if err != nil {
		log.Fatal(err)
	}
	out := *dir
	if out == "" {
		out = filepath.Join(root, filepath.FromSlash(OutDir))
	}
	src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(fam.Source)))
	if err != nil {
		log.Fatal(err)
	}
	consts, names, err := fam.Generate(src)
	if err != nil {
		log.Fatal(err)
	}
	for name, b := range map[string][]byte{fam.ConstsFile: consts, fam.NamesFile: names} {
		if err := gensrc.WriteIfChanged(filepath.Join(out, name), b); err != nil {
			log.Fatal(err)
		}
	}
}

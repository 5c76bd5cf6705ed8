// Command storagegen writes the GP secure storage constants of the Go TA
// SDK (sdk/go/ta/storage_consts.go) and their name table for its tests
// (sdk/go/ta/storage_consts_names_test.go) from internal/abi/storage.go,
// as cryptogen does for the cryptographic constants: each SDK constant is
// the abi constant of the same Go name, in the same groups with the same
// documentation, so the SDK, the C headers (checked against the same
// table) and the core cannot disagree on a value.
//
// Run it with go generate ./sdk/go/ta (or go run
// ./sdk/go/ta/internal/storagegen from anywhere in the module). -dir
// overrides the output directory.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
)

// Paths relative to the module root.
const (
	SourcePath = "internal/abi/storage.go"
	OutDir     = "sdk/go/ta"
	ConstsFile = "storage_consts.go"
	NamesFile  = "storage_consts_names_test.go"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("storagegen: ")
	dir := flag.String("dir", "", "output directory (default: <module root>/"+OutDir+")")
	flag.Parse()
	root, err := moduleRoot()
	if err != nil {
		log.Fatal(err)
	}
	out := *dir
	if out == "" {
		out = filepath.Join(root, filepath.FromSlash(OutDir))
	}
	src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(SourcePath)))
	if err != nil {
		log.Fatal(err)
	}
	consts, names, err := Generate(src)
	if err != nil {
		log.Fatal(err)
	}
	for name, b := range map[string][]byte{ConstsFile: consts, NamesFile: names} {
		path := filepath.Join(out, name)
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, b) {
			continue
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// moduleRoot walks up from the working directory to the directory holding
// go.mod, so that the generator runs from go generate (in sdk/go/ta) and
// from the repository root alike.
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

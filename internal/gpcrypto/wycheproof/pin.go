//go:build wycheproofpin

package wycheproof

// This file is never built. It imports the vector module so that go.mod keeps
// requiring it (go mod tidy considers every build tag) although no built
// package imports it: the files are read from the module cache instead.
import _ "github.com/c2sp/wycheproof"

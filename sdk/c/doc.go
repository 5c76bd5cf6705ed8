// Package csdk is the home of Veritee's C TA dev kit (include/, src/, mk/);
// its Go files are only the tests that keep the C headers in step with
// internal/abi and check that TAs built with the kit meet docs/ta-abi.md.
package csdk

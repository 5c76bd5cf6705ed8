package ta

// core is what the SDK needs from the TEE core: one method per system call
// of abi.Syscalls, in Go types. On wasip1 it is the real system-call layer
// (core_wasip1.go); elsewhere it is a FakeCore, so TA logic can be tested
// with go test on the host.
type core interface {
	log(level TraceLevel, msg string)
	// panic ends the instance with TEE_Panic(code); it does not return on
	// wasip1 (a FakeCore raises a *PanicError instead).
	panic(code Result)
	// property looks a property up by name; by index it also returns the
	// name (enumeration, GPD_SPE_010 §4.4.5).
	property(set PropSet, name string) (PropType, []byte, Result)
	propertyAt(set PropSet, index uint32) (string, PropType, []byte, Result)
	time(cat uint32) (Time, Result)
	setTATime(t Time) Result
	wait(ms uint32) Result
	cancellationFlag() bool
	// maskCancellation and unmaskCancellation return the previous mask.
	maskCancellation() bool
	unmaskCancellation() bool
	random(b []byte) Result
	checkAccess(flags uint32, b []byte) Result
	// openTASession, invokeTACommand and closeTASession are the TA-to-TA
	// calls: p may be nil, and is updated in place (Params.setOutput). The
	// origin is OriginTrustedApp on success. A session handle is never 0.
	openTASession(dest UUID, timeout uint32, p *Params) (sess uint32, origin Origin, r Result)
	invokeTACommand(sess, timeout, cmd uint32, p *Params) (Origin, Result)
	closeTASession(sess uint32) Result
	cryptoCore  // crypto_core.go
	storageCore // storage_core.go
}

// sys is the core the SDK talks to; set once by the build's init.
var sys core

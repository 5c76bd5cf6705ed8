package ta

// TA is what a Trusted Application implements: the five GP entry points
// (GPD_SPE_010 §4.3). The SDK calls them one at a time, never concurrently,
// as the core runs one call at a time in an instance.
//
// An error result reaches the client as its TEE_Result: nil is
// TEE_SUCCESS, a Result (or an error wrapping one) is that code, and any
// other error is logged and becomes TEE_ERROR_GENERIC.
type TA interface {
	// Create is TA_CreateEntryPoint (§4.3.1), called once when the instance
	// starts. An error refuses the session that caused the instance.
	Create() error
	// Destroy is TA_DestroyEntryPoint (§4.3.2), called once when the
	// instance ends normally.
	Destroy()
	// OpenSession is TA_OpenSessionEntryPoint (§4.3.3). The session value
	// is handed back to CloseSession and Invoke; it is discarded when err
	// is not nil, and CloseSession is then not called.
	OpenSession(p *Params) (session any, err error)
	// CloseSession is TA_CloseSessionEntryPoint (§4.3.4).
	CloseSession(session any)
	// Invoke is TA_InvokeCommandEntryPoint (§4.3.5).
	Invoke(session any, cmd uint32, p *Params) error
}

// NopTA implements every TA method with nothing: embed it and override what
// the TA needs. Its OpenSession accepts any parameters and a nil session;
// its Invoke returns ErrNotSupported.
type NopTA struct{}

// Create returns nil.
func (NopTA) Create() error { return nil }

// Destroy does nothing.
func (NopTA) Destroy() {}

// OpenSession returns a nil session and nil.
func (NopTA) OpenSession(*Params) (any, error) { return nil, nil }

// CloseSession does nothing.
func (NopTA) CloseSession(any) {}

// Invoke returns ErrNotSupported.
func (NopTA) Invoke(any, uint32, *Params) error { return ErrNotSupported }

// registration is the one TA of this module.
var registration struct {
	props  Properties
	record []byte // veritee_ta_props' { u32 len; blob }
	ta     TA
}

// Register declares the TA of this module and its properties. Call it once,
// from an init function of package main: the packer reads the properties
// before any entry point runs (docs/ta-abi.md). It panics when called twice,
// with a nil TA, or with properties that cannot be encoded.
func Register(p Properties, t TA) {
	if registration.ta != nil {
		panic("ta: Register called twice")
	}
	if t == nil {
		panic("ta: Register with a nil TA")
	}
	rec, err := p.propsRecord()
	if err != nil {
		panic(err)
	}
	p.Extra = append([]Property(nil), p.Extra...)
	registration.props, registration.record, registration.ta = p, rec, t
}

// registeredTA returns the registered TA, panicking when there is none.
func registeredTA() TA {
	if registration.ta == nil {
		panic("ta: no TA registered: call ta.Register from an init function of package main")
	}
	return registration.ta
}

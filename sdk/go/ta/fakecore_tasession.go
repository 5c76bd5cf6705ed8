//go:build !wasip1

package ta

// The FakeCore side of the TA-to-TA calls (GPD_SPE_010 §4.9): the TA's
// OpenTASession reaches FakeCore.Callees, run in-process.

// fakeCallee is the FakeCore's state of one callee TA.
type fakeCallee struct {
	created bool
	dead    bool
}

// fakeTASession is a session the TA opened with a callee.
type fakeTASession struct {
	dest UUID
	ta   TA
	sess any
}

// callee returns the state of dest and its TA; nil when Callees lacks it.
// c.mu must be held.
func (c *FakeCore) callee(dest UUID) (*fakeCallee, TA) {
	t := c.Callees[dest]
	if t == nil {
		return nil, nil
	}
	if c.callees == nil {
		c.callees = map[UUID]*fakeCallee{}
	}
	st := c.callees[dest]
	if st == nil {
		st = &fakeCallee{}
		c.callees[dest] = st
	}
	return st, t
}

func (c *FakeCore) openTASession(dest UUID, _ uint32, p *Params) (uint32, Origin, Result) {
	c.mu.Lock()
	st, t := c.callee(dest)
	c.mu.Unlock()
	if t == nil {
		return 0, OriginTEE, ErrItemNotFound
	}
	var sess any
	origin, r := c.runCallee(st, p, func(q *Params) error {
		if !st.created {
			if err := t.Create(); err != nil {
				return err
			}
			st.created = true
		}
		s, err := t.OpenSession(q)
		sess = s
		return err
	})
	if r != Success {
		return 0, origin, r
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.taSessions == nil {
		c.taSessions = map[uint32]*fakeTASession{}
	}
	for {
		c.nextTASession++
		if _, used := c.taSessions[c.nextTASession]; c.nextTASession != 0 && !used {
			break
		}
	}
	c.taSessions[c.nextTASession] = &fakeTASession{dest: dest, ta: t, sess: sess}
	return c.nextTASession, OriginTrustedApp, Success
}

func (c *FakeCore) invokeTACommand(sess, _, cmd uint32, p *Params) (Origin, Result) {
	c.mu.Lock()
	s := c.taSessions[sess]
	var st *fakeCallee
	if s != nil {
		st, _ = c.callee(s.dest)
	}
	c.mu.Unlock()
	if s == nil || st == nil {
		return OriginTEE, ErrBadParameters
	}
	return c.runCallee(st, p, func(q *Params) error { return s.ta.Invoke(s.sess, cmd, q) })
}

func (c *FakeCore) closeTASession(sess uint32) Result {
	c.mu.Lock()
	s := c.taSessions[sess]
	delete(c.taSessions, sess)
	var st *fakeCallee
	if s != nil {
		st, _ = c.callee(s.dest)
	}
	c.mu.Unlock()
	if s == nil {
		return ErrBadParameters
	}
	if st != nil {
		c.runCallee(st, nil, func(*Params) error { s.ta.CloseSession(s.sess); return nil })
	}
	return Success
}

// runCallee runs one entry point of a callee as the core would: on a copy
// of p in the callee's own buffers, with cancellation masked at first and
// the callee's memrefs as the shared ones, and copies the outputs back into
// p. A TEE_Panic or Go panic of the callee kills it (ErrTargetDead, origin
// TEE), not the calling TA.
func (c *FakeCore) runCallee(st *fakeCallee, p *Params, f func(q *Params) error) (origin Origin, r Result) {
	c.mu.Lock()
	if st.dead {
		c.mu.Unlock()
		return OriginTEE, ErrTargetDead
	}
	q := calleeParams(p)
	dead, masked, shared := c.dead, c.masked, c.shared
	c.masked = true
	c.shared = nil
	for i := range NumParams {
		if q.Type(i).IsMemref() && q.p[i].mem != nil {
			c.shared = append(c.shared, q.p[i].mem)
		}
	}
	c.mu.Unlock()
	defer func() {
		v := recover()
		c.mu.Lock()
		defer c.mu.Unlock()
		c.dead, c.masked, c.shared = dead, masked, shared
		if v != nil {
			st.dead = true
			origin, r = OriginTEE, ErrTargetDead
		}
	}()
	r = ResultOf(f(q))
	copyBack(p, q, r)
	return OriginTrustedApp, r
}

// calleeParams copies p (nil: none) as the core copies a caller's
// parameters into the callee: values, and memrefs into fresh buffers of the
// size passed, input bytes copied.
func calleeParams(p *Params) *Params {
	q := &Params{}
	if p == nil {
		return q
	}
	q.types = p.types
	for i := range NumParams {
		t := p.Type(i)
		switch {
		case t.IsValue():
			q.p[i] = param{a: p.p[i].a, b: p.p[i].b}
		case t.IsMemref():
			n := p.callSize(i)
			q.p[i].size = n
			if p.p[i].mem != nil {
				q.p[i].mem = make([]byte, n)
				if t.IsInput() {
					copy(q.p[i].mem, p.p[i].mem)
				}
			}
		}
	}
	return q
}

// copyBack returns the callee's outputs to the caller as the core does:
// values and sizes by type, and, when the callee succeeded and the size
// fits, the first size bytes of each output memref.
func copyBack(p, q *Params, r Result) {
	if p == nil {
		return
	}
	for i := range NumParams {
		t := p.Type(i)
		if t.IsMemref() && t.IsOutput() && r == Success && p.p[i].mem != nil && q.p[i].size <= uint32(len(q.p[i].mem)) {
			copy(p.p[i].mem, q.p[i].mem[:q.p[i].size])
		}
		b := q.p[i].b
		if t.IsMemref() {
			b = q.p[i].size
		}
		p.setOutput(i, q.p[i].a, b)
	}
}

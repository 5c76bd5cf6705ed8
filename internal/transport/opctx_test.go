package transport

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestOpContext(t *testing.T) {
	t.Parallel()
	waitFor := func(t *testing.T, ch <-chan struct{}, what string) {
		t.Helper()
		select {
		case <-ch:
		case <-time.After(5 * time.Second):
			t.Fatalf("%s never happened", what)
		}
	}
	for _, tc := range []struct {
		name string
		run  func(t *testing.T, c *opContext)
	}{
		{"done and err after cancel", func(t *testing.T, c *opContext) {
			done := c.Done()
			if c.Err() != nil {
				t.Fatal("ended before cancel")
			}
			c.cancel()
			waitFor(t, done, "Done")
			if !errors.Is(c.Err(), context.Canceled) {
				t.Fatalf("Err %v", c.Err())
			}
			waitFor(t, c.Done(), "Done asked after cancel")
			c.cancel() // twice is harmless
		}},
		{"after func runs on cancel", func(t *testing.T, c *opContext) {
			ran := make(chan struct{})
			c.AfterFunc(func() { close(ran) })
			c.cancel()
			waitFor(t, ran, "the AfterFunc callback")
		}},
		{"stopped after func never runs", func(t *testing.T, c *opContext) {
			ran := make(chan struct{})
			stop := c.AfterFunc(func() { close(ran) })
			if !stop() {
				t.Fatal("stop reported nothing stopped")
			}
			if stop() {
				t.Fatal("second stop reported a stop")
			}
			c.cancel()
			select {
			case <-ran:
				t.Fatal("stopped callback ran")
			case <-time.After(20 * time.Millisecond):
			}
		}},
		{"after func on an ended context runs at once", func(t *testing.T, c *opContext) {
			c.cancel()
			ran := make(chan struct{})
			if c.AfterFunc(func() { close(ran) })() {
				t.Fatal("stop after the run reported a stop")
			}
			waitFor(t, ran, "the AfterFunc callback")
		}},
		{"standard children follow it", func(t *testing.T, c *opContext) {
			child, cancel := context.WithCancel(context.WithValue(c, struct{}{}, 1))
			defer cancel()
			af := make(chan struct{})
			context.AfterFunc(c, func() { close(af) })
			c.cancel()
			waitFor(t, child.Done(), "the child's end")
			waitFor(t, af, "context.AfterFunc's callback")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.run(t, &opContext{})
		})
	}
}

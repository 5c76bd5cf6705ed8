package teeconn

import (
	"sync"
	"testing"
	"time"
)

func TestCancel(t *testing.T) {
	t.Parallel()
	var nilc *Cancel
	nilc.Request()
	if nilc.Requested() || nilc.Done() != nil {
		t.Fatal("a nil Cancel fires")
	}
	nilc.AfterRequest(func() { t.Error("nil Cancel ran f") })()

	c := NewCancel()
	done := c.Done()
	var ran, stopped int
	c.AfterRequest(func() { ran++ })
	stop := c.AfterRequest(func() { stopped++ })
	if !stop() || stop() {
		t.Error("stop should report true once")
	}
	select {
	case <-done:
		t.Fatal("Done closed before Request")
	default:
	}
	c.Request()
	c.Request()
	<-done
	<-c.Done()
	if !c.Requested() || ran != 1 || stopped != 0 {
		t.Fatalf("Requested %v, ran %d, stopped %d", c.Requested(), ran, stopped)
	}
	late := 0
	c.AfterRequest(func() { late++ })
	if late != 1 {
		t.Error("AfterRequest on a set flag did not run f at once")
	}
}

// TestCancelRace hammers Request against Done and AfterRequest.
func TestCancelRace(t *testing.T) {
	t.Parallel()
	for i := 0; i < 200; i++ {
		c := NewCancel()
		var wg sync.WaitGroup
		fired := make(chan struct{}, 1)
		wg.Add(3)
		go func() { defer wg.Done(); c.Request() }()
		go func() { defer wg.Done(); <-c.Done() }()
		go func() { defer wg.Done(); c.AfterRequest(func() { fired <- struct{}{} }) }()
		wg.Wait()
		select {
		case <-fired:
		case <-time.After(5 * time.Second):
			t.Fatal("AfterRequest callback lost")
		}
	}
}

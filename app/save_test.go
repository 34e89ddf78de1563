package app

import (
	"slices"
	"sync"
	"testing"
	"time"

	"mutua/data"
)

func TestSave(t *testing.T) {
	t.Run("a write that works calls done and the screen on show reads again", func(t *testing.T) {
		s := newTestShell(t)
		s.selectTab("Cohorts")
		co := s.newCohort()
		co.Name = "Autumn circle"
		done := false
		s.save("The cohort was not saved", func() error { return s.store.SaveCohort(&co) }, func() { done = true })
		if !done || topDialog(s) != nil {
			t.Fatalf("done %v, dialog %v", done, texts(topDialog(s)))
		}
		if !shows(s.cohorts.content, "Autumn circle") {
			t.Errorf("the Cohorts screen does not show the new cohort: %v", texts(s.cohorts.content))
		}
	})

	t.Run("a refused write is told in plain words and done is not called", func(t *testing.T) {
		s := newTestShell(t)
		done := false
		s.save("The cohort was not deleted", func() error { return data.Errorf(data.NotFound, "This cohort no longer exists.") }, func() { done = true })
		if done {
			t.Error("done was called after a failed write")
		}
		if d := topDialog(s); d == nil || !shows(d, "This cohort no longer exists.") || !shows(d, "The cohort was not deleted") {
			t.Fatalf("the failure is not shown: %v", texts(topDialog(s)))
		}
	})

	t.Run("a slow write shows progress until it is saved", func(t *testing.T) {
		s := newTestShell(t)
		s.background = func(f func()) { go f() }
		release, finished := make(chan struct{}), make(chan struct{})
		s.save("Not saved", func() error { <-release; return nil }, func() { close(finished) })
		deadline := time.Now().Add(5 * time.Second)
		for !shows(topDialog(s), "Saving your changes") {
			if time.Now().After(deadline) {
				t.Fatal("no progress shown while a slow write runs")
			}
			time.Sleep(20 * time.Millisecond)
		}
		close(release)
		select {
		case <-finished:
		case <-time.After(5 * time.Second):
			t.Fatal("done was not called once the write ended")
		}
		if topDialog(s) != nil {
			t.Errorf("the progress stays after saving: %v", texts(topDialog(s)))
		}
	})

	t.Run("writes run one after another in the order asked for", func(t *testing.T) {
		s := newTestShell(t)
		s.background = func(f func()) { go f() }
		var mu sync.Mutex
		var order []string
		wrote := func(what string) {
			mu.Lock()
			defer mu.Unlock()
			order = append(order, what)
		}
		release, finished := make(chan struct{}), make(chan struct{}, 2)
		s.saveOr(func() error { <-release; wrote("ticked"); return nil }, func(error) { finished <- struct{}{} })
		s.saveOr(func() error { wrote("unticked"); return nil }, func(error) { finished <- struct{}{} })
		time.Sleep(100 * time.Millisecond) // time enough for the second to overtake, if it could
		close(release)
		for range 2 {
			select {
			case <-finished:
			case <-time.After(5 * time.Second):
				t.Fatal("a write never ended")
			}
		}
		mu.Lock()
		defer mu.Unlock()
		if !slices.Equal(order, []string{"ticked", "unticked"}) {
			t.Errorf("written in the order %v", order)
		}
	})
}

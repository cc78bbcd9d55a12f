package watch

import (
	"reflect"
	"testing"
	"time"
)

// TestBatch drives the debounce with explicit times: a burst is one batch,
// due a quiet period after its last event, and no later than maxWait after
// its first.
func TestBatch(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ms := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Millisecond) }
	type ev struct {
		at   int
		path string
	}
	tests := []struct {
		name     string
		events   []ev
		notDueAt int
		dueAt    int
		want     []string
	}{
		{"one event", []ev{{0, "1_a.star"}}, 39, 40, []string{"1_a.star"}},
		{"editor save burst", []ev{
			{0, "1_a.star"}, {2, "1_a.star.tmp"}, {3, "1_a.star"}, {5, "1_a.star"},
		}, 44, 45, []string{"1_a.star", "1_a.star.tmp"}},
		{"events keep it open", []ev{{0, "a.star"}, {30, "b.star"}, {60, "c.star"}}, 99, 100, []string{"a.star", "b.star", "c.star"}},
		{"max wait caps a steady stream", []ev{
			{0, "a.star"}, {30, "a.star"}, {60, "a.star"}, {90, "a.star"}, {120, "a.star"},
		}, 99, 100, []string{"a.star"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := newBatch(40*time.Millisecond, 100*time.Millisecond)
			if b.due(t0) {
				t.Fatal("an empty batch is due")
			}
			for _, e := range tt.events {
				b.add(e.path, ms(e.at))
			}
			if b.due(ms(tt.notDueAt)) {
				t.Errorf("due at %dms, want not yet", tt.notDueAt)
			}
			if !b.due(ms(tt.dueAt)) {
				t.Errorf("not due at %dms (deadline %v)", tt.dueAt, b.deadline().Sub(t0))
			}
			if got := b.take(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("take = %v, want %v", got, tt.want)
			}
			if !b.empty() || b.due(ms(10_000)) {
				t.Error("the batch is not empty after take")
			}
		})
	}
}

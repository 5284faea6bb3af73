package main

import (
	"encoding/json"
	"fmt"
	"testing"
)

func TestSpreadAndRatios(t *testing.T) {
	s := spreadOf(ratios([]float64{2, 3, 9, 4}, []float64{2, 2, 3, 0}))
	// 4/0 is left out: 1, 1.5, 3.
	if s.N != 3 || s.Median != 1.5 || s.Min != 1 || s.Max != 3 {
		t.Fatalf("got %+v", s)
	}
	if got := s.String(); got != "1.50 [1.00-3.00]" {
		t.Fatalf("String: %q", got)
	}
	if got := spreadOf(nil).String(); got != "-" {
		t.Fatalf("empty: %q", got)
	}
}

func TestVerdict(t *testing.T) {
	noise := spread{Median: 1, Min: 0.95, Max: 1.08, N: 5} // floor 0.08
	for _, c := range []struct {
		r    spread
		want string
	}{
		{spread{Median: 1.9, Min: 1.5, Max: 2.9, N: 5}, "shim 90% slower"},
		{spread{Median: 0.8, Min: 0.7, Max: 0.9, N: 5}, "shim 20% faster"},
		{spread{Median: 1.05, Min: 0.9, Max: 1.2, N: 5}, "level (within noise)"},
		{spread{Median: 1.2, Min: 0.9, Max: 1.3, N: 5}, "unclear (runs disagree)"},
		{spread{Median: 1.09, Min: 1.07, Max: 1.1, N: 5}, "unclear (runs disagree)"},
		{spread{}, "-"},
	} {
		if got := verdict(c.r, noise); got != c.want {
			t.Errorf("verdict(%v) = %q, want %q", c.r, got, c.want)
		}
	}
}

func TestFirstSummary(t *testing.T) {
	var f firstRun
	page := func(i int, v string, open, ctor float64) {
		b, _ := json.Marshal(firstTimes{V: v, CallOpen: open, CallCtor: ctor, CtorOpen: open - ctor})
		if err := f.add(i, b); err != nil {
			t.Fatal(err)
		}
	}
	page(0, "raw", 30, 0) // the warm-up pair: dropped
	page(1, "shim", 90, 5)
	page(2, "shim", 8, 2) // pair 1, shim first
	page(3, "raw", 4, 0)
	page(4, "raw", 5, 0)
	page(5, "shim", 5, 1)
	page(6, "raw", 6, 0) // pair 3: its shim page never reported
	s := f.summary()
	if s.Pairs != 2 || s.incompletePairsFound != 1 {
		t.Fatalf("pairs %d, incomplete %d", s.Pairs, s.incompletePairsFound)
	}
	if got := fmt.Sprint(s.Ratio); got != "1.50 [1.00-2.00]" {
		t.Fatalf("ratio %s", got)
	}
	if got := fmt.Sprint(s.Noise); got != "1.25 [1.25-1.25]" {
		t.Fatalf("noise %s", got)
	}
	if s.Shim.CallCtor != 1.5 || s.Raw.CallOpen != 4.5 {
		t.Fatalf("medians %+v %+v", s.Shim, s.Raw)
	}
}

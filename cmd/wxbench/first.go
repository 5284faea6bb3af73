package main

import (
	"encoding/json"
	"fmt"
	"io"
)

// The first connect of a fresh page (page/first.html): the shim's first
// wx.connectSocket runs Go code that V8 has not compiled yet (it compiles a
// wasm function on its first call), so it is measured on its own, page by
// page, against the browser's own first `new WebSocket` on the same kind of
// page. Pages alternate raw, shim, shim, raw...; the first pair only warms
// the browser's network service and is dropped.

// firstTimes is one page's figures, in ms from the call.
type firstTimes struct {
	V        string  `json:"v"` // "raw" or "shim"
	CallOpen float64 `json:"call_open"`
	CallCtor float64 `json:"call_ctor"` // to the browser's WebSocket constructor
	CtorOpen float64 `json:"ctor_open"`
}

// firstRun collects the pages' reports by page index.
type firstRun struct {
	pages map[int]firstTimes
}

func (f *firstRun) add(i int, data json.RawMessage) error {
	var t firstTimes
	if err := json.Unmarshal(data, &t); err != nil {
		return err
	}
	if f.pages == nil {
		f.pages = map[int]firstTimes{}
	}
	f.pages[i] = t
	return nil
}

// firstSummary is what a run of first connects shows.
type firstSummary struct {
	Pairs                int
	Raw, Shim            firstPhases // medians over the pages
	Ratio                spread      // shim/raw call-to-open, pair by pair
	Noise                spread      // raw/raw call-to-open of consecutive pairs
	RawCallOpenPerPair   []float64
	ShimCallOpenPerPair  []float64
	ShimCallCtorPerPair  []float64
	RawCallCtorPerPair   []float64
	ShimCtorOpenPerPair  []float64
	RawCtorOpenPerPair   []float64
	incompletePairsFound int
}

type firstPhases struct{ CallOpen, CallCtor, CtorOpen float64 }

// summary pairs page 2k with page 2k+1 and drops pair 0.
func (f *firstRun) summary() firstSummary {
	var s firstSummary
	for k := 1; ; k++ {
		a, okA := f.pages[2*k]
		b, okB := f.pages[2*k+1]
		if !okA && !okB {
			break
		}
		raw, shim, ok := pairOf(a, b)
		if !okA || !okB || !ok {
			s.incompletePairsFound++
			continue
		}
		s.Pairs++
		s.RawCallOpenPerPair = append(s.RawCallOpenPerPair, raw.CallOpen)
		s.ShimCallOpenPerPair = append(s.ShimCallOpenPerPair, shim.CallOpen)
		s.RawCallCtorPerPair = append(s.RawCallCtorPerPair, raw.CallCtor)
		s.ShimCallCtorPerPair = append(s.ShimCallCtorPerPair, shim.CallCtor)
		s.RawCtorOpenPerPair = append(s.RawCtorOpenPerPair, raw.CtorOpen)
		s.ShimCtorOpenPerPair = append(s.ShimCtorOpenPerPair, shim.CtorOpen)
	}
	s.Raw = firstPhases{median(s.RawCallOpenPerPair), median(s.RawCallCtorPerPair), median(s.RawCtorOpenPerPair)}
	s.Shim = firstPhases{median(s.ShimCallOpenPerPair), median(s.ShimCallCtorPerPair), median(s.ShimCtorOpenPerPair)}
	s.Ratio = spreadOf(ratios(s.ShimCallOpenPerPair, s.RawCallOpenPerPair))
	if n := len(s.RawCallOpenPerPair); n > 1 {
		s.Noise = spreadOf(ratios(s.RawCallOpenPerPair[1:], s.RawCallOpenPerPair[:n-1]))
	}
	return s
}

func pairOf(a, b firstTimes) (raw, shim firstTimes, ok bool) {
	switch {
	case a.V == "raw" && b.V == "shim":
		return a, b, true
	case a.V == "shim" && b.V == "raw":
		return b, a, true
	}
	return raw, shim, false
}

// lines adds the BENCH lines of the first connect.
func (s firstSummary) lines(add func(string, float64, string)) {
	add("first_connect_raw", round(s.Raw.CallOpen), "ms")
	add("first_connect_shim", round(s.Shim.CallOpen), "ms")
	add("first_connect_ratio", round(s.Ratio.Median), "x")
	add("first_connect_ratio_min", round(s.Ratio.Min), "x")
	add("first_connect_ratio_max", round(s.Ratio.Max), "x")
	add("first_connect_noise_raw_raw", round(s.Noise.Median), "x")
	add("first_connect_noise_raw_raw_min", round(s.Noise.Min), "x")
	add("first_connect_noise_raw_raw_max", round(s.Noise.Max), "x")
	add("first_connect_raw_call_to_ctor", round(s.Raw.CallCtor), "ms")
	add("first_connect_shim_call_to_ctor", round(s.Shim.CallCtor), "ms")
	add("first_connect_raw_ctor_to_open", round(s.Raw.CtorOpen), "ms")
	add("first_connect_shim_ctor_to_open", round(s.Shim.CtorOpen), "ms")
	add("first_connect_pairs", float64(s.Pairs), "count")
}

// print writes the first-connect table.
func (s firstSummary) print(w io.Writer) {
	if s.Pairs == 0 {
		fmt.Fprintln(w, "first connect: no complete pair of pages")
		return
	}
	fmt.Fprintf(w, "first connect of a fresh page (new renderer, empty cache; medians of %d pages each, ms):\n", s.Pairs)
	rows := [][]string{
		{"", "call to open", "call to new WebSocket", "new WebSocket to open"},
		{"raw", ff(s.Raw.CallOpen), ff(s.Raw.CallCtor), ff(s.Raw.CtorOpen)},
		{"shim", ff(s.Shim.CallOpen), ff(s.Shim.CallCtor), ff(s.Shim.CtorOpen)},
	}
	printTable(w, rows)
	fmt.Fprintf(w, "shim/raw, pair by pair: %s; noise (raw/raw, consecutive pairs): %s: %s\n",
		s.Ratio, s.Noise, verdict(s.Ratio, s.Noise))
	if s.incompletePairsFound > 0 {
		fmt.Fprintf(w, "(%d pairs incomplete, left out)\n", s.incompletePairsFound)
	}
}

package main

import (
	"fmt"
	"math"
	"sort"
)

// A ratio of two medians hides how much the runs behind it disagree: on this
// kind of machine one run gave the task variant 1.11 and the global one 0.97
// on the same data path. So each ratio here is taken run by run (both sides
// measured in the same repetition, side by side) and shown as the median of
// those per-run ratios with their range; and the two shim variants, which
// share one data path, give the noise floor: how far from 1 the machine
// alone moves a ratio.

// spread is the median of some figures and the range they came from.
type spread struct {
	Median, Min, Max float64
	N                int
}

func spreadOf(xs []float64) spread {
	if len(xs) == 0 {
		return spread{}
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return spread{Median: median(s), Min: s[0], Max: s[len(s)-1], N: len(s)}
}

// String is "0.97 [0.91-1.04]".
func (s spread) String() string {
	if s.N == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f [%.2f-%.2f]", s.Median, s.Min, s.Max)
}

// ratios divides a[i] by b[i] for each i both have.
func ratios(a, b []float64) []float64 {
	var out []float64
	for i := 0; i < len(a) && i < len(b); i++ {
		if b[i] > 0 {
			out = append(out, a[i]/b[i])
		}
	}
	return out
}

// floor is how far from 1 the noise reached: the largest distance of the
// noise ratios' range from 1.
func (s spread) floor() float64 {
	return math.Max(s.Max-1, 1-s.Min)
}

// verdict reads a shim/raw spread against the noise floor. It calls a
// difference only when every run shows it beyond the floor; a median within
// the floor is level; anything else is left open.
func verdict(r, noise spread) string {
	if r.N == 0 || noise.N == 0 {
		return "-"
	}
	nf := noise.floor()
	switch {
	case r.Min > 1+nf:
		return fmt.Sprintf("shim %.0f%% slower", 100*(r.Median-1))
	case r.Max < 1-nf:
		return fmt.Sprintf("shim %.0f%% faster", 100*(1-r.Median))
	case math.Abs(r.Median-1) <= nf:
		return "level (within noise)"
	}
	return "unclear (runs disagree)"
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

package main

import (
	"fmt"
	"io"
	"strings"
)

// line is one figure of a report, printed as "BENCH <name> <value> <unit>":
// the form BENCHMARKS.md's figures are copied from.
type line struct {
	name string
	v    float64
	unit string
}

func printLines(w io.Writer, lines []line) {
	for _, l := range lines {
		fmt.Fprintf(w, "BENCH %s %s %s\n", l.name, trim(l.v), l.unit)
	}
}

// printTable writes rows in columns, the first row the heading.
func printTable(w io.Writer, rows [][]string) {
	width := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], len(c))
		}
	}
	for _, r := range rows {
		line := ""
		for i, c := range r {
			line += fmt.Sprintf("%-*s  ", width[i], c)
		}
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
}

func round(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }

func ff(x float64) string { return fmt.Sprintf("%.3f", x) }

func trim(x float64) string {
	if x == float64(int64(x)) {
		return fmt.Sprintf("%d", int64(x))
	}
	return fmt.Sprintf("%.3f", x)
}

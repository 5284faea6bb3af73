package main

import (
	"strings"
	"testing"
)

// The size verdict reads a wasm against the last recorded figure, names
// where that figure was taken, and where issue 17's limit was read.
func TestWasmGrowth(t *testing.T) {
	last := wasmFigures[len(wasmFigures)-1]
	got := wasmGrowth(last.bytes + 1234)
	for _, want := range []string{"wasm +1234 bytes against the last recorded size, 2227875 at f713665 (2026-12-05", "read at e80caa2: 2201024 bytes"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
	if !strings.Contains(wasmGrowth(last.bytes-10), "wasm -10 bytes") {
		t.Errorf("a smaller wasm: %q", wasmGrowth(last.bytes-10))
	}
	for i, f := range wasmFigures[1:] {
		if f.commit == "" || f.date < wasmFigures[i].date {
			t.Errorf("figure %d (%+v): each after the first names its commit, oldest first", i+1, f)
		}
	}
}

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// figures are one workload's times per variant, one per repetition, and
// the JS->Go crossings per message of the shim variants.
type figures struct {
	Raw       []float64          `json:"raw"`
	Task      []float64          `json:"task"`
	Global    []float64          `json:"global"`
	Relay     []float64          `json:"relay"`
	RelayTLS  []float64          `json:"relaytls"`
	Crossings map[string]float64 `json:"crossings"`
}

// leak is the page's connect/close cycles (bench.js leakRun).
type leak struct {
	Heap0, Heap1, Ms   float64
	RawHeap0, RawHeap1 float64
	Refs0, Refs1       float64
	Slots0, Slots1     float64
	Kinds              map[string]int
	N                  int
}

// failedSends is the page's failed 1 MiB sends (bench.js failedSends).
type failedSends struct{ N, Failed, Heap0, Heap1, Ms float64 }

// chromiumReport is what `wxbench chromium` measured.
type chromiumReport struct {
	cfg       pageConfig
	Wasm      []byte
	Ready     []float64            // ms from navigation start to wxshim.ready, per load (not the first, which fills the cache)
	Marks     map[string][]float64 // the same loads' marks: responseEnd, html, start, exec, instantiated
	Blank     []float64            // ms to the first script of the same page without the shim
	First     firstRun
	Workloads map[string]figures
	Requests  *requestReport                  // the wx.request rows (page/requests.js); nil: none
	Files     *requestReport                  // the file transfer rows (page/files.js); nil: none
	FileMem   map[string]struct{ Ms float64 } // the memory runs' download times, by variant
	Memory    map[string]*memFigures          // the browser's memory in those runs, by label (memprobe.go)
	Cycles    leak
	Failed    failedSends
	Listeners map[string]float64 // ms to register n onMessage listeners, by n
	CodeSizes string             // the wasm's code by package, when it could be built
}

func newChromiumReport(cfg pageConfig, wasm []byte) *chromiumReport {
	return &chromiumReport{cfg: cfg, Wasm: wasm, Marks: map[string][]float64{}}
}

// take adds one of the page's reports; done says the page has finished.
func (c *chromiumReport) take(r report) (done bool, err error) {
	switch r.Kind {
	case "ready":
		if r.I == 0 { // the first load fills the cache
			return false, nil
		}
		var m map[string]float64
		if err := json.Unmarshal(r.Data, &m); err != nil {
			return false, fmt.Errorf("ready.html's marks: %v", err)
		}
		c.Ready = append(c.Ready, r.Ms)
		for k, v := range m {
			c.Marks[k] = append(c.Marks[k], v)
		}
	case "blank":
		if r.I > 0 {
			c.Blank = append(c.Blank, r.Ms)
		}
	case "first":
		err = c.First.add(r.I, r.Data)
	case "bench":
		err = json.Unmarshal(r.Data, &c.Workloads)
	case "requests":
		err = json.Unmarshal(r.Data, &c.Requests)
	case "files":
		err = json.Unmarshal(r.Data, &c.Files)
	case "fileMemory":
		err = json.Unmarshal(r.Data, &c.FileMem)
	case "cycles":
		err = json.Unmarshal(r.Data, &c.Cycles)
	case "failedSends":
		err = json.Unmarshal(r.Data, &c.Failed)
	case "listeners":
		err = json.Unmarshal(r.Data, &c.Listeners)
	case "done":
		return true, nil
	default:
		err = fmt.Errorf("the page reported %q, which wxbench does not know", r.Kind)
	}
	if err != nil {
		return false, fmt.Errorf("the page's %q report: %v", r.Kind, err)
	}
	return false, nil
}

// wantsRequests says whether the run asked for a request workload.
func (c *chromiumReport) wantsRequests() bool {
	if len(c.cfg.Only) == 0 {
		return true
	}
	for _, w := range c.cfg.Only {
		if strings.HasPrefix(w, "req_") {
			return true
		}
	}
	return false
}

// afterPage is each load's ready time less the time its page's first
// script ran.
func (c *chromiumReport) afterPage() []float64 {
	var out []float64
	for i := range c.Ready {
		if i < len(c.Marks["html"]) {
			out = append(out, c.Ready[i]-c.Marks["html"][i])
		}
	}
	return out
}

// bench is the workload tables (sockets, requests) and every BENCH line, in
// the order printed.
func (c *chromiumReport) bench() (sockets, requests, files, memory [][]string, crossings string, out []line) {
	add := func(name string, v float64, unit string) { out = append(out, line{name, v, unit}) }
	add("wasm_plain", float64(len(c.Wasm)), "bytes")
	add("wasm_growth_over_last_recorded", float64(len(c.Wasm)-wasmFigures[len(wasmFigures)-1].bytes), "bytes")
	add("wasm_gzip", float64(gzipSize(c.Wasm)), "bytes")
	add("wasm_brotli", float64(brotliSize(c.Wasm)), "bytes")
	add("ready_ms", round(median(c.Ready)), "ms")
	add("ready_after_page_start_ms", round(median(c.afterPage())), "ms")
	add("blank_page_first_script_ms", round(median(c.Blank)), "ms")
	// Where the time to ready goes (medians, ms after navigation start).
	for _, k := range []string{"responseEnd", "html", "start", "exec", "instantiated"} {
		add("ready_mark_"+k, round(median(c.Marks[k])), "ms")
	}
	sockets = workloadTable(c.Workloads, add)
	requests = requestTable(c.Requests, add)
	crossings = crossingsVerdict(c.Requests, add)
	files = fileTable(c.Files, add)
	memory = memoryTable(c.cfg.FileMemory, c.FileMem, c.Memory, add)
	if c.cfg.First > 0 {
		c.First.summary().lines(add)
	}
	sends, lk := c.Failed, c.Cycles
	add("failed_sends", sends.N, "count")
	add("failed_sends_heap_baseline", sends.Heap0, "bytes")
	add("failed_sends_heap_after", sends.Heap1, "bytes")
	add("failed_sends_heap_ratio", round(sends.Heap1/max(sends.Heap0, 1)), "x")
	add("failed_send_us", round(1000*sends.Ms/max(sends.N, 1)), "us")
	for _, n := range []string{"1000", "3000", "5000"} {
		add("listeners_"+n+"_ms", round(c.Listeners[n]), "ms")
	}
	add("heap_baseline", lk.Heap0, "bytes")
	add("heap_after_cycles", lk.Heap1, "bytes")
	add("heap_ratio", round(lk.Heap1/max(lk.Heap0, 1)), "x")
	add("go_refs_baseline", lk.Refs0, "count")
	add("go_refs_after_cycles", lk.Refs1, "count")
	add("go_ref_slots_baseline", lk.Slots0, "count")
	add("go_ref_slots_after_cycles", lk.Slots1, "count")
	add("heap_raw_baseline", lk.RawHeap0, "bytes")
	add("heap_raw_after_cycles", lk.RawHeap1, "bytes")
	add("heap_raw_ratio", round(lk.RawHeap1/max(lk.RawHeap0, 1)), "x")
	add("cycle_ms", round(lk.Ms/float64(max(lk.N, 1))), "ms")
	return sockets, requests, files, memory, crossings, out
}

func (c *chromiumReport) print(w io.Writer) {
	table, reqs, files, memory, crossings, lines := c.bench()
	lk, sends, lis := c.Cycles, c.Failed, c.Listeners
	if lk.Refs1 > lk.Refs0+10 {
		fmt.Fprintf(os.Stderr, "wxbench: JS values Go holds after the cycles, by kind: %v\n", lk.Kinds)
	}
	fmt.Fprintln(w)
	if len(table) > 1 {
		printTable(w, table)
		fmt.Fprintf(w, "\nraw, task, global: medians of %d interleaved runs (the order rotated each time), after a warm-up.\n"+
			"x/y: the median of the per-run ratios [their range]. task/global compares the two shim variants, which share\n"+
			"one data path: its distance from 1 is the machine's noise, and a shim/raw ratio nearer to 1 than that is no signal.\n\n", c.cfg.Reps)
	}
	if len(reqs) > 1 {
		printTable(w, reqs)
		fmt.Fprintf(w, "\n%s(%d runs each, after a warm-up)\n%s\n", requestNote, c.cfg.Reps, crossings)
	} else if c.Requests == nil && c.wantsRequests() {
		fmt.Fprintf(w, "no request rows: this build's wx has no request\n\n")
	}
	if len(files) > 1 {
		printTable(w, files)
		fmt.Fprintf(w, "\n%s(%d runs each, after a warm-up)\n\n", fileNote, c.cfg.Reps)
	}
	if len(memory) > 1 {
		printTable(w, memory)
		fmt.Fprintf(w, "\n%s\n", memoryNote)
	}
	if c.cfg.First > 0 {
		c.First.summary().print(w)
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "wasm %d bytes (gzip -9 %d, brotli %d)\n", len(c.Wasm), gzipSize(c.Wasm), brotliSize(c.Wasm))
	fmt.Fprintln(w, wasmGrowth(len(c.Wasm)))
	fmt.Fprintf(w, "ready %.1f ms after navigation start, %.1f ms after the page's first script (medians of %d loads); "+
		"the same page without the shim runs its first script %.1f ms after navigation start\n",
		median(c.Ready), median(c.afterPage()), len(c.Ready), median(c.Blank))
	fmt.Fprintf(w, "after %d connect/close cycles: JS values Go holds %v -> %v, JS heap %.0f -> %.0f bytes\n",
		lk.N, lk.Refs0, lk.Refs1, lk.Heap0, lk.Heap1)
	fmt.Fprintf(w, "after %.0f failed 1 MiB sends: JS heap %.0f -> %.0f bytes (%.2fx)\n", sends.N, sends.Heap0, sends.Heap1, sends.Heap1/max(sends.Heap0, 1))
	fmt.Fprintf(w, "registering onMessage listeners on one task: 1,000 in %.1f ms, 3,000 in %.1f ms, 5,000 in %.1f ms\n\n",
		lis["1000"], lis["3000"], lis["5000"])
	if c.CodeSizes != "" {
		fmt.Fprintf(w, "wasm code by package (an unstripped build, code section only):\n%s\n", c.CodeSizes)
	}
	printLines(w, lines)
}

// Command wxbench is `make bench`: it serves the built shim and a wss echo
// server on 127.0.0.1, starts headless Chromium on a page that runs the
// shim and the browser's own WebSocket side by side (interleaved), and
// prints tables and one "BENCH <name> <value> <unit>" line per figure.
// Ratios are taken run by run (shim over raw of the same repetition) and
// shown as their median and range, beside the task/global ratio of the same
// runs: the two shim variants share one data path, so that ratio is the
// noise floor (stats.go). The first connect of a fresh page is measured on
// pages of its own (first.go).
//
// Chromium runs without a DevTools connection: with one, every WebSocket
// frame becomes a protocol event, which slows the browser's own WebSocket
// about tenfold and hides what the shim costs. The page reports its figures
// to the server with fetch instead.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"embed"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/andybalholm/brotli"

	"wxsocket/internal/browsers"
	"wxsocket/internal/wstest"
)

//go:embed page
var page embed.FS

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "wxbench:", err)
		os.Exit(1)
	}
}

type figures struct {
	Raw       []float64          `json:"raw"`
	Task      []float64          `json:"task"`
	Global    []float64          `json:"global"`
	Relay     []float64          `json:"relay"`
	RelayTLS  []float64          `json:"relaytls"`
	Crossings map[string]float64 `json:"crossings"`
}

type leak struct {
	Heap0, Heap1, Ms   float64
	RawHeap0, RawHeap1 float64
	Refs0, Refs1       float64
	Slots0, Slots1     float64
	Kinds              map[string]int
	N                  int
}

// report is one message from the page.
type report struct {
	Kind    string          `json:"kind"`
	I       int             `json:"i"`
	Ms      float64         `json:"ms"`
	Data    json.RawMessage `json:"data"`
	Message string          `json:"message"`
}

func run() (err error) {
	reps := flag.Int("reps", 5, "measured repetitions of each workload (after one warm-up)")
	loads := flag.Int("loads", 12, "fresh page loads for the ready time (after one that fills the cache)")
	ncycles := flag.Int("cycles", 10000, "connect/close cycles for the leak figures")
	nfailed := flag.Int("failed-sends", 10000, "failed 1 MiB sends for the heap figure")
	build := flag.String("build", "build", "where make build put wx.wasm, wx.js and wasm_exec.js")
	only := flag.String("only", "", "run only these workloads (comma-separated: connect,text_rtt,binary_rtt,burst,relay-load; wxrun for the command's timings)")
	wxrunReps := flag.Int("wxrun-reps", 3, "repetitions of the wxrun timings")
	order := flag.String("order", "raw,task,global,relay,relaytls", "the order of the variants within each repetition (relay: task through the relay, its page leg plain ws on 127.0.0.1; relaytls: the same with the page leg over wss)")
	firstPairs := flag.Int("first", 8, "pairs of fresh pages (raw, shim) for the first-connect figure, after one warm-up pair; 0 skips it")
	relayCfg := relayLoadConfig{size: 64}
	flag.IntVar(&relayCfg.conns, "relay-conns", 1000, "relay-load: concurrent connections")
	flag.DurationVar(&relayCfg.load, "relay-load", 3*time.Second, "relay-load: how long each kind does round trips, per run")
	flag.IntVar(&relayCfg.runs, "relay-runs", 3, "relay-load: runs (direct, then relayed, in each)")
	engine := flag.String("engine", "chromium", "chromium (every figure), or firefox or webkit (round-trip and burst ratios, firefox.go)")
	flag.Parse()
	if *engine != "chromium" {
		return runEngine(browsers.Engine(*engine), *build, *reps, strings.Split(*order, ","))
	}
	// wxrun's timings (wxrun.go) come after the rest, or alone (-only wxrun).
	rest, doWxrun := withoutWxrun(*only)
	if doWxrun && *only != "" && rest == "" {
		return wxrunBench(*build, *wxrunReps)
	}
	if doWxrun {
		defer func() {
			if err == nil {
				err = wxrunBench(*build, *wxrunReps)
			}
		}()
	}
	pageOnly, relayToo := splitOnly(rest)
	if relayToo && rest != "" && len(pageOnly) == 0 {
		return relayLoad(os.Stdout, relayCfg) // no browser needed
	}

	wasm, err := os.ReadFile(filepath.Join(*build, "wx.wasm"))
	if err != nil {
		return fmt.Errorf("%v (run make build first)", err)
	}
	if wstest.FindChromium() == "" {
		return fmt.Errorf("no Chromium on PATH (make deps installs it)")
	}
	cert, err := wstest.NewCert()
	if err != nil {
		return err
	}
	reports := make(chan report, 64)
	sub, _ := fs.Sub(page, "page")
	firstPages := 0
	if *firstPairs > 0 {
		firstPages = 2 * (*firstPairs + 1)
	}
	pageCfg := map[string]any{"reps": *reps, "cycles": *ncycles, "failedSends": *nfailed, "order": strings.Split(*order, ","), "first": firstPages, "relaySecret": benchSecret}
	if rest != "" {
		pageCfg["only"] = pageOnly
	}
	rl, err := benchRelay(cert)
	if err != nil {
		return err
	}
	plainURL, stopPlain, err := plainRelay(rl)
	if err != nil {
		return err
	}
	defer stopPlain()
	pageCfg["relayURL"] = plainURL
	cfg, _ := json.Marshal(pageCfg)
	srv, err := wstest.Start("127.0.0.1:0", cert, files(*build, sub, cfg, reports, rl))
	if err != nil {
		return err
	}
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 12*time.Minute)
	defer cancel()
	b, err := startChromium(ctx, cert, fmt.Sprintf("%s/ready.html?i=0&n=%d", srv.URL, *loads+1))
	if err != nil {
		return err
	}
	defer b.Close()
	fmt.Fprintf(os.Stderr, "wxbench: %d loads, %d first-connect pages, %d reps of 4 workloads x 3 variants, %d cycles...\n",
		*loads+1, firstPages, *reps, *ncycles)

	var ready []float64
	marks := map[string][]float64{}
	var blank []float64
	var res map[string]figures
	var lk leak
	var fs struct{ N, Failed, Heap0, Heap1, Ms float64 }
	lis := map[string]float64{}
	var first firstRun
wait:
	for {
		select {
		case <-ctx.Done():
			return fmt.Errorf("the page did not finish in time")
		case r := <-reports:
			switch r.Kind {
			case "ready":
				if r.I > 0 { // the first load fills the cache
					ready = append(ready, r.Ms)
					var m map[string]float64
					json.Unmarshal(r.Data, &m)
					for k, v := range m {
						marks[k] = append(marks[k], v)
					}
				}
			case "blank":
				if r.I > 0 {
					blank = append(blank, r.Ms)
				}
			case "first":
				if err := first.add(r.I, r.Data); err != nil {
					return err
				}
			case "bench":
				if err := json.Unmarshal(r.Data, &res); err != nil {
					return err
				}
			case "cycles":
				if err := json.Unmarshal(r.Data, &lk); err != nil {
					return err
				}
			case "failedSends":
				if err := json.Unmarshal(r.Data, &fs); err != nil {
					return err
				}
			case "listeners":
				if err := json.Unmarshal(r.Data, &lis); err != nil {
					return err
				}
			case "error":
				return fmt.Errorf("the page failed: %s", r.Message)
			case "done":
				break wait
			}
		}
	}

	out := []line{}
	add := func(name string, v float64, unit string) { out = append(out, line{name, v, unit}) }
	add("wasm_plain", float64(len(wasm)), "bytes")
	add("wasm_gzip", float64(gzipSize(wasm)), "bytes")
	add("wasm_brotli", float64(brotliSize(wasm)), "bytes")
	add("ready_ms", round(median(ready)), "ms")
	var afterPage []float64
	for i := range ready {
		if i < len(marks["html"]) {
			afterPage = append(afterPage, ready[i]-marks["html"][i])
		}
	}
	add("ready_after_page_start_ms", round(median(afterPage)), "ms")
	add("blank_page_first_script_ms", round(median(blank)), "ms")
	// Where the time to ready goes (medians, ms after navigation start).
	for _, k := range []string{"responseEnd", "html", "start", "exec", "instantiated"} {
		add("ready_mark_"+k, round(median(marks[k])), "ms")
	}

	table := workloadTable(res, add)
	firstSum := first.summary()
	if firstPages > 0 {
		firstSum.lines(add)
	}
	add("failed_sends", fs.N, "count")
	add("failed_sends_heap_baseline", fs.Heap0, "bytes")
	add("failed_sends_heap_after", fs.Heap1, "bytes")
	add("failed_sends_heap_ratio", round(fs.Heap1/max(fs.Heap0, 1)), "x")
	add("failed_send_us", round(1000*fs.Ms/max(fs.N, 1)), "us")
	for _, n := range []string{"1000", "3000", "5000"} {
		add("listeners_"+n+"_ms", round(lis[n]), "ms")
	}
	add("heap_baseline", lk.Heap0, "bytes")
	add("heap_after_cycles", lk.Heap1, "bytes")
	add("heap_ratio", round(lk.Heap1/lk.Heap0), "x")
	add("go_refs_baseline", lk.Refs0, "count")
	add("go_refs_after_cycles", lk.Refs1, "count")
	add("go_ref_slots_baseline", lk.Slots0, "count")
	add("go_ref_slots_after_cycles", lk.Slots1, "count")
	if lk.Refs1 > lk.Refs0+10 {
		fmt.Fprintf(os.Stderr, "wxbench: JS values Go holds after the cycles, by kind: %v\n", lk.Kinds)
	}
	add("heap_raw_baseline", lk.RawHeap0, "bytes")
	add("heap_raw_after_cycles", lk.RawHeap1, "bytes")
	add("heap_raw_ratio", round(lk.RawHeap1/lk.RawHeap0), "x")
	add("cycle_ms", round(lk.Ms/float64(max(lk.N, 1))), "ms")

	sizes, err := codeSizes()
	if err != nil {
		fmt.Fprintln(os.Stderr, "wxbench: code sizes:", err)
	}

	fmt.Println()
	printTable(os.Stdout, table)
	fmt.Printf("\nraw, task, global: medians of %d interleaved runs (the order rotated each time), after a warm-up.\n"+
		"x/y: the median of the per-run ratios [their range]. task/global compares the two shim variants, which share\n"+
		"one data path: its distance from 1 is the machine's noise, and a shim/raw ratio nearer to 1 than that is no signal.\n\n", *reps)
	if firstPages > 0 {
		firstSum.print(os.Stdout)
		fmt.Println()
	}
	fmt.Printf("wasm %d bytes (gzip -9 %d, brotli %d)\n", len(wasm), gzipSize(wasm), brotliSize(wasm))
	fmt.Printf("ready %.1f ms after navigation start, %.1f ms after the page's first script (medians of %d loads); "+
		"the same page without the shim runs its first script %.1f ms after navigation start\n",
		median(ready), median(afterPage), len(ready), median(blank))
	fmt.Printf("after %d connect/close cycles: JS values Go holds %v -> %v, JS heap %.0f -> %.0f bytes\n",
		lk.N, lk.Refs0, lk.Refs1, lk.Heap0, lk.Heap1)
	fmt.Printf("after %.0f failed 1 MiB sends: JS heap %.0f -> %.0f bytes (%.2fx)\n", fs.N, fs.Heap0, fs.Heap1, fs.Heap1/max(fs.Heap0, 1))
	fmt.Printf("registering onMessage listeners on one task: 1,000 in %.1f ms, 3,000 in %.1f ms, 5,000 in %.1f ms\n\n",
		lis["1000"], lis["3000"], lis["5000"])
	if sizes != "" {
		fmt.Printf("wasm code by package (an unstripped build, code section only):\n%s\n", sizes)
	}
	for _, l := range out {
		fmt.Printf("BENCH %s %s %s\n", l.name, trim(l.v), l.unit)
	}
	if relayToo {
		return relayLoad(os.Stdout, relayCfg)
	}
	return nil
}

// codeSizes builds the shim without -s (so it keeps function names) and
// lists the packages whose code weighs most.
func codeSizes() (string, error) {
	dir, err := os.MkdirTemp("", "wxbench-size-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	wasm := filepath.Join(dir, "wx.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-o", wasm, "./wasm")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("%v: %s", err, out)
	}
	b, err := os.ReadFile(wasm)
	if err != nil {
		return "", err
	}
	m, err := codeByPackage(b)
	if err != nil {
		return "", err
	}
	total := 0
	for _, v := range m {
		total += v
	}
	var sb strings.Builder
	for _, k := range topPackages(m, 8) {
		fmt.Fprintf(&sb, "  %-28s %8d bytes  %4.1f%%\n", k, m[k], 100*float64(m[k])/float64(total))
	}
	fmt.Fprintf(&sb, "  %-28s %8d bytes\n", "all code", total)
	return sb.String(), nil
}

type line struct {
	name string
	v    float64
	unit string
}

// files serves the bench pages, the built shim (cacheable, so the ready
// figure is the warm-cache one), the run's settings, and the page's reports,
// whatever the host name (first.html puts each page on a host of its own).
func files(build string, pages fs.FS, cfg []byte, reports chan<- report, rl http.Handler) http.Handler {
	pf := http.FileServer(http.FS(pages))
	bf := http.FileServer(http.Dir(build))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/report":
			var rep report
			body, _ := io.ReadAll(io.LimitReader(r.Body, 16<<20))
			if err := json.Unmarshal(body, &rep); err != nil {
				http.Error(w, err.Error(), 400)
				return
			}
			reports <- rep
		case r.URL.Path == "/config":
			w.Write(cfg)
		case r.URL.Path == "/relay":
			rl.ServeHTTP(w, r)
		case r.URL.Path == "/favicon.ico":
			http.NotFound(w, r)
		case filepath.Ext(r.URL.Path) == ".wasm":
			w.Header().Set("Content-Type", "application/wasm")
			w.Header().Set("Cache-Control", "max-age=3600")
			bf.ServeHTTP(w, r)
		case r.URL.Path == "/wx.js" || r.URL.Path == "/wasm_exec.js":
			w.Header().Set("Cache-Control", "max-age=3600")
			bf.ServeHTTP(w, r)
		default:
			w.Header().Set("Cache-Control", "no-store")
			if r.URL.Path == "/first.html" {
				// Cross-origin isolated: performance.now() counts in 5 us
				// steps there, not 100 us.
				w.Header().Set("Cross-Origin-Opener-Policy", "same-origin")
				w.Header().Set("Cross-Origin-Embedder-Policy", "require-corp")
			}
			pf.ServeHTTP(w, r)
		}
	})
}

func round(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }

func ff(x float64) string { return fmt.Sprintf("%.3f", x) }

func trim(x float64) string {
	if x == float64(int64(x)) {
		return fmt.Sprintf("%d", int64(x))
	}
	return fmt.Sprintf("%.3f", x)
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

func brotliSize(b []byte) int {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

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

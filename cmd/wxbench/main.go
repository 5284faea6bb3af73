// Command wxbench is `make bench`: it serves the built shim and a wss echo
// server on 127.0.0.1, starts headless Chromium on a page that runs the
// shim and the browser's own WebSocket side by side (interleaved), and
// prints a table and one "BENCH <name> <value> <unit>" line per figure.
// Ratios are shim median over raw median from the same run.
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
	"sort"
	"strings"
	"time"

	"github.com/andybalholm/brotli"

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
	Crossings map[string]float64 `json:"crossings"`
}

type leak struct {
	Funcs0, Funcs1, Heap0, Heap1, Ms float64
	RawHeap0, RawHeap1               float64
	Refs0, Refs1                     float64
	Slots0, Slots1                   float64
	Kinds                            map[string]int
	N                                int
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
	build := flag.String("build", "build", "where make build put wx.wasm, wx.js and wasm_exec.js")
	only := flag.String("only", "", "run only these workloads (comma-separated: connect,text_rtt,binary_rtt,burst; wxrun for the command's timings)")
	order := flag.String("order", "raw,task,global", "the order of the variants within each repetition")
	wxrunReps := flag.Int("wxrun-reps", 3, "repetitions of the wxrun timings")
	flag.Parse()

	// wxrun's timings (wxrun.go) run on their own, after the shim's.
	var workloads []string
	doWxrun := *only == ""
	for _, w := range strings.Split(*only, ",") {
		if w == "wxrun" {
			doWxrun = true
		} else if w != "" {
			workloads = append(workloads, w)
		}
	}
	if doWxrun {
		if *only != "" && len(workloads) == 0 {
			return wxrunBench(*build, *wxrunReps)
		}
		defer func() {
			if err == nil {
				err = wxrunBench(*build, *wxrunReps)
			}
		}()
	}

	wasm, err := os.ReadFile(filepath.Join(*build, "wx.wasm"))
	if err != nil {
		return fmt.Errorf("%v (run make build first)", err)
	}
	chromium := wstest.FindChromium()
	if chromium == "" {
		return fmt.Errorf("no Chromium on PATH (make deps installs it)")
	}
	cert, err := wstest.NewCert()
	if err != nil {
		return err
	}
	reports := make(chan report, 64)
	sub, _ := fs.Sub(page, "page")
	pageCfg := map[string]any{"reps": *reps, "cycles": *ncycles, "order": strings.Split(*order, ",")}
	if len(workloads) > 0 {
		pageCfg["only"] = workloads
	}
	cfg, _ := json.Marshal(pageCfg)
	srv, err := wstest.Start("127.0.0.1:0", cert, files(*build, sub, cfg, reports))
	if err != nil {
		return err
	}
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 12*time.Minute)
	defer cancel()
	profile, err := os.MkdirTemp("", "wxbench-chromium-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	args := []string{
		"--headless", "--disable-gpu", "--no-first-run", "--user-data-dir=" + profile,
		"--ignore-certificate-errors-spki-list=" + cert.SPKI,
		"--host-resolver-rules=MAP * 127.0.0.1",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
		"--disable-background-timer-throttling", "--disable-renderer-backgrounding",
		"--js-flags=--expose-gc", "--enable-precise-memory-info",
		fmt.Sprintf("%s/ready.html?i=0&n=%d", srv.URL, *loads+1),
	}
	if os.Geteuid() == 0 {
		args = append([]string{"--no-sandbox"}, args...)
	}
	cmd := exec.CommandContext(ctx, chromium, args...)
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	fmt.Fprintf(os.Stderr, "wxbench: %d loads, %d reps of 4 workloads x 3 variants, %d cycles...\n", *loads+1, *reps, *ncycles)

	var ready []float64
	marks := map[string][]float64{}
	var blank []float64
	var res map[string]figures
	var lk leak
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
			case "bench":
				if err := json.Unmarshal(r.Data, &res); err != nil {
					return err
				}
			case "cycles":
				if err := json.Unmarshal(r.Data, &lk); err != nil {
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

	table := [][]string{{"workload", "raw", "task", "global", "task/raw", "global/raw", "crossings/msg (task, global)"}}
	units := map[string]string{"connect": "ms", "text_rtt": "us", "binary_rtt": "us", "burst": "ms"}
	for _, w := range []string{"connect", "text_rtt", "binary_rtt", "burst"} {
		f, ok := res[w]
		if !ok {
			continue
		}
		scale := 1.0
		if units[w] == "us" {
			scale = 1000
		}
		r, t, g := median(f.Raw)*scale, median(f.Task)*scale, median(f.Global)*scale
		add(w+"_raw", round(r), units[w])
		add(w+"_task", round(t), units[w])
		add(w+"_global", round(g), units[w])
		add(w+"_ratio_task", round(t/r), "x")
		add(w+"_ratio_global", round(g/r), "x")
		add(w+"_ratio", round(max(t, g)/r), "x")
		cross := "-"
		if len(f.Crossings) > 0 {
			add(w+"_crossings_task", round(f.Crossings["task"]), "per_msg")
			add(w+"_crossings_global", round(f.Crossings["global"]), "per_msg")
			cross = fmt.Sprintf("%.3f, %.3f", f.Crossings["task"], f.Crossings["global"])
		}
		table = append(table, []string{w + " (" + units[w] + ")", ff(r), ff(t), ff(g), ff(t / r), ff(g / r), cross})
	}
	add("funcs_baseline", lk.Funcs0, "count")
	add("funcs_after_cycles", lk.Funcs1, "count")
	add("funcs_delta", lk.Funcs1-lk.Funcs0, "count")
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
	printTable(table)
	fmt.Printf("\nmedians of %d interleaved runs (raw, task, global; the order rotated each time), after a warm-up\n", *reps)
	fmt.Printf("wasm %d bytes (gzip -9 %d, brotli %d)\n", len(wasm), gzipSize(wasm), brotliSize(wasm))
	fmt.Printf("ready %.1f ms after navigation start, %.1f ms after the page's first script (medians of %d loads); "+
		"the same page without the shim runs its first script %.1f ms after navigation start\n",
		median(ready), median(afterPage), len(ready), median(blank))
	fmt.Printf("after %d connect/close cycles: live js.Funcs %v -> %v, JS heap %.0f -> %.0f bytes\n\n",
		lk.N, lk.Funcs0, lk.Funcs1, lk.Heap0, lk.Heap1)
	if sizes != "" {
		fmt.Printf("wasm code by package (an unstripped build, code section only):\n%s\n", sizes)
	}
	for _, l := range out {
		fmt.Printf("BENCH %s %s %s\n", l.name, trim(l.v), l.unit)
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
// figure is the warm-cache one), the run's settings, and the page's reports.
func files(build string, pages fs.FS, cfg []byte, reports chan<- report) http.Handler {
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
			pf.ServeHTTP(w, r)
		}
	})
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

func printTable(rows [][]string) {
	width := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], len(c))
		}
	}
	for _, r := range rows {
		for i, c := range r {
			fmt.Printf("%-*s  ", width[i], c)
		}
		fmt.Println()
	}
}

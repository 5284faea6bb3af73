package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"wxsocket/internal/browsers"
	"wxsocket/internal/wstest"
)

// chromiumMode is `wxbench chromium`: headless Chromium loads the shim
// -loads times for the ready figure, runs the first connect on fresh pages
// of their own (first.go), then the bench page's workloads in every
// variant (the socket rows, then the request rows: page/requests.js, then
// the file rows and the memory of a 200 MiB download: page/files.js), the
// connect/close cycles, the failed sends and the listener
// registrations; the page reports each as it ends (chromiumreport.go).
//
// Chromium runs without a DevTools connection: with one, every WebSocket
// frame becomes a protocol event, which slows the browser's own WebSocket
// about tenfold and hides what the shim costs.
func chromiumMode(ctx context.Context, args []string, out io.Writer) error {
	fl := flag.NewFlagSet("chromium", flag.ContinueOnError)
	build := fl.String("build", "build", "where make build put wx.wasm, wx.js and wasm_exec.js")
	reps := fl.Int("reps", 5, "measured repetitions of each workload (after one warm-up)")
	loads := fl.Int("loads", 12, "fresh page loads for the ready time (after one that fills the cache)")
	cycles := fl.Int("cycles", 10000, "connect/close cycles for the leak figures")
	failed := fl.Int("failed-sends", 10000, "failed 1 MiB sends for the heap figure")
	only := fl.String("only", "", "run only these workloads (comma-separated: connect,text_rtt,binary_rtt,burst,req_small,req_64k,req_4m,req_concurrent,file_down_1m,file_down_64m,file_up_1m,file_up_64m,file_memory)")
	reqScale := fl.Float64("req-scale", 1, "the size of the request and file workloads (1: 1,000 small requests, 200 x 64 KiB, 20 x 4 MiB, 10 x 100 concurrent, 20 x 1 MiB and 2 x 64 MiB each way, per variant and run); less for a quick check")
	fileMem := fl.Int("file-memory-mib", 200, "MiB of the download whose memory the page and the browser take is measured (0 skips it)")
	order := fl.String("order", "raw,task,global,relay,relaytls", "the order of the variants within each repetition (relay: task through the relay, its page leg plain ws on 127.0.0.1; relaytls: the same with the page leg over wss)")
	firstPairs := fl.Int("first", 8, "pairs of fresh pages (raw, shim) for the first-connect figure, after one warm-up pair; 0 skips it")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if *reqScale <= 0 {
		return fmt.Errorf("-req-scale %v: want more than 0", *reqScale)
	}
	cfg := pageConfig{Reps: *reps, Cycles: *cycles, FailedSends: *failed, Order: strings.Split(*order, ","), ReqScale: *reqScale, FileMemory: *fileMem << 20}
	if *firstPairs > 0 {
		cfg.First = 2 * (*firstPairs + 1)
	}
	if *only != "" {
		cfg.Only = strings.Split(*only, ",")
	}
	wasm, err := os.ReadFile(*build + "/wx.wasm")
	if err != nil {
		return fmt.Errorf("%v (run make build first)", err)
	}
	s, err := startSite(*build+"/test", cfg, true) // the test build: the leak figures need wxshim.debug.gc and _go
	if err != nil {
		return err
	}
	defer s.close()

	// The request rows alone took 3 min 19 s (5 reps, a 2-core machine at
	// load 4 to 12), the file rows and the memory runs about a minute
	// (load 1 to 3); the socket rows, cycles and sends a few more: room
	// for a busy machine.
	ctx, cancel := context.WithTimeout(ctx, 20*time.Minute)
	defer cancel()
	b, err := startChromium(ctx, fmt.Sprintf("%s/ready.html?i=0&n=%d", s.URL, *loads+1), s.Cert)
	if err != nil {
		return err
	}
	defer b.Close()
	s.watch(b.Pid())
	fmt.Fprintf(os.Stderr, "wxbench: %d loads, %d first-connect pages, %d reps of 4 socket workloads x %d variants, 4 request and 4 file workloads, %d cycles...\n",
		*loads+1, cfg.First, *reps, len(cfg.Order), *cycles)
	rep := newChromiumReport(cfg, wasm)
	if err := s.awaitPage(ctx, b.Done(), rep.take); err != nil {
		return err
	}
	rep.Memory = s.mem.results()
	if rep.CodeSizes, err = codeSizes(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "wxbench: code sizes:", err)
	}
	rep.print(out)
	return nil
}

// startChromium starts headless Chromium on url through internal/browsers,
// as every engine is started: it trusts cert's key only, sends every name
// to 127.0.0.1, has no DevTools connection, and is ended with all it forked
// and its profile on Close, or when wxbench gets SIGINT or SIGTERM (a
// Chromium killed alone left its renderers and zygote, parent 1). The page
// needs gc() and performance.memory besides, and a renderer per site for
// first.html.
func startChromium(ctx context.Context, url string, cert *wstest.Cert) (*browsers.Browser, error) {
	return browsers.Start(ctx, browsers.Chromium, url, browsers.Options{Cert: cert, ChromiumFlags: []string{
		"--js-flags=--expose-gc", "--enable-precise-memory-info",
		"--site-per-process", // a page on a new host gets a new renderer (first.html)
	}})
}

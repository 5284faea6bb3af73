package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"wxsocket/internal/browsers"
)

// engineMode is `wxbench firefox` (or webkit): the round-trip and burst
// workloads of the bench page in that engine, started by internal/browsers
// with no driver attached while the page runs, and the ratios shim over raw
// from the same run. The page is the one Chromium runs; it reports over
// HTTP the same way. The ready time, the connect figures and the leak
// cycles stay Chromium's: they need its performance.memory and gc().
func engineMode(e browsers.Engine) mode {
	return func(ctx context.Context, args []string, out io.Writer) error {
		fl := flag.NewFlagSet(string(e), flag.ContinueOnError)
		build := fl.String("build", "build", "where make build put wx.wasm, wx.js and wasm_exec.js")
		reps := fl.Int("reps", 5, "measured repetitions of each workload (after one warm-up)")
		order := fl.String("order", "raw,task,global", "the order of the variants within each repetition (the relay variants are Chromium's: wxbench chromium)")
		if err := parseFlags(fl, args); err != nil {
			return err
		}
		rep, err := measureEngine(ctx, e, *build, *reps, strings.Split(*order, ","))
		if err != nil {
			return err
		}
		rep.print(out)
		return nil
	}
}

// engineReport is what `wxbench firefox` (or webkit) measured.
type engineReport struct {
	Engine    browsers.Engine
	Version   string
	Reps      int
	Elapsed   time.Duration
	Workloads map[string]figures
}

func measureEngine(ctx context.Context, e browsers.Engine, build string, reps int, order []string) (*engineReport, error) {
	for _, v := range order {
		if v == "relay" || v == "relaytls" {
			return nil, fmt.Errorf("-order %s: the relay variants run in Chromium only (wxbench chromium)", v)
		}
	}
	workloads := []string{"text_rtt", "binary_rtt", "burst"}
	// The page skips what only Chromium has when cycles and failedSends are 0.
	s, err := startSite(build, pageConfig{Reps: reps, Order: order, Only: workloads}, false)
	if err != nil {
		return nil, err
	}
	defer s.close()

	ctx, cancel := context.WithTimeout(ctx, 15*time.Minute)
	defer cancel()
	b, err := browsers.Start(ctx, e, s.URL+"/bench.html", browsers.Options{Cert: s.Cert})
	if err != nil {
		return nil, err
	}
	defer b.Close()
	watch := browsers.Watch(b.Pid())
	fmt.Fprintf(os.Stderr, "wxbench: %s (%s): %d reps of %d workloads x %d variants...\n", e, b.Version, reps, len(workloads), len(order))
	rep := &engineReport{Engine: e, Version: b.Version, Reps: reps}
	start := time.Now()
	err = s.awaitPage(ctx, b.Done(), func(r report) (bool, error) {
		switch r.Kind {
		case "bench":
			return false, json.Unmarshal(r.Data, &rep.Workloads)
		case "done":
			return true, nil
		}
		return false, nil // the figures only Chromium's report takes
	})
	if err != nil {
		if b.Err() != nil {
			err = fmt.Errorf("%w (%s: %v)", err, e, b.Err())
		}
		return nil, err
	}
	rep.Elapsed = time.Since(start)
	if bad := watch.Stop(); len(bad) > 0 {
		return nil, fmt.Errorf("%s opened connections to non-loopback addresses: %s", e, strings.Join(bad, ", "))
	}
	return rep, nil
}

// print writes the same table as Chromium's (per-run ratios, their range
// and the task/global noise floor), and BENCH lines prefixed with the
// engine.
func (r *engineReport) print(w io.Writer) {
	var lines []line
	table := workloadTable(r.Workloads, func(name string, v float64, unit string) {
		lines = append(lines, line{string(r.Engine) + "_" + name, v, unit})
	})
	table[0][0] = "workload (" + string(r.Engine) + ")"
	fmt.Fprintln(w)
	printTable(w, table)
	fmt.Fprintf(w, "\n%s, medians of %d interleaved runs (the order rotated each time) after a warm-up; %s\n\n",
		r.Version, r.Reps, r.Elapsed.Round(time.Second))
	printLines(w, lines)
}

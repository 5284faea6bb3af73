package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"strings"
	"time"

	"wxsocket/internal/browsers"
	"wxsocket/internal/wstest"
)

// runEngine is `wxbench -engine firefox` (or webkit): the round-trip and
// burst workloads of the bench page in that engine, started by
// internal/browsers with no driver attached while the page runs, and the
// ratios shim over raw from the same run. The page is the one Chromium
// runs; it reports over HTTP the same way. The ready time, the connect
// figures and the leak cycles stay Chromium's: they need its
// performance.memory and gc().
func runEngine(e browsers.Engine, build string, reps int, order []string) error {
	if _, err := os.Stat(build + "/wx.wasm"); err != nil {
		return fmt.Errorf("%v (run make build first)", err)
	}
	cert, err := wstest.NewCert()
	if err != nil {
		return err
	}
	workloads := []string{"text_rtt", "binary_rtt", "burst"}
	// The relay variant needs the relay rig of run(); the page skips nothing
	// else that only Chromium has when cycles and failedSends are 0.
	var variants []string
	for _, v := range order {
		if v != "relay" && v != "relaytls" {
			variants = append(variants, v)
		}
	}
	cfg, _ := json.Marshal(map[string]any{"reps": reps, "cycles": 0, "failedSends": 0, "order": variants, "only": workloads})
	reports := make(chan report, 64)
	sub, _ := fs.Sub(page, "page")
	srv, err := wstest.Start("127.0.0.1:0", cert, files(build, sub, cfg, reports, http.NotFoundHandler()))
	if err != nil {
		return err
	}
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	b, err := browsers.Start(ctx, e, srv.URL+"/bench.html", browsers.Options{Cert: cert})
	if err != nil {
		return err
	}
	defer b.Close()
	watch := browsers.Watch(b.Pid())
	fmt.Fprintf(os.Stderr, "wxbench: %s (%s): %d reps of %d workloads x 3 variants...\n", e, b.Version, reps, len(workloads))
	start := time.Now()

	var res map[string]figures
wait:
	for {
		select {
		case <-ctx.Done():
			return fmt.Errorf("the page did not finish in time")
		case <-b.Done():
			return fmt.Errorf("%s exited: %v", e, b.Err())
		case r := <-reports:
			switch r.Kind {
			case "bench":
				if err := json.Unmarshal(r.Data, &res); err != nil {
					return err
				}
			case "error":
				return fmt.Errorf("the page failed: %s", r.Message)
			case "done":
				break wait
			}
		}
	}
	if bad := watch.Stop(); len(bad) > 0 {
		return fmt.Errorf("%s opened connections to non-loopback addresses: %s", e, strings.Join(bad, ", "))
	}

	// The same table as Chromium's: per-run ratios, their range and the
	// task/global noise floor; BENCH lines prefixed with the engine.
	var out []line
	table := workloadTable(res, func(name string, v float64, unit string) {
		out = append(out, line{string(e) + "_" + name, v, unit})
	})
	table[0][0] = "workload (" + string(e) + ")"
	fmt.Println()
	printTable(os.Stdout, table)
	fmt.Printf("\n%s, medians of %d interleaved runs (the order rotated each time) after a warm-up; %s\n\n",
		b.Version, reps, time.Since(start).Round(time.Second))
	for _, l := range out {
		fmt.Printf("BENCH %s %s %s\n", l.name, trim(l.v), l.unit)
	}
	return nil
}

// Command wxbench is `make bench`: the shim against the browser's own
// WebSocket, and its wx.request, wx.downloadFile and wx.uploadFile against
// the browser's fetch, side by side,
// and the tools around it. It has one mode per kind of measurement, each
// with its own flags (wxbench MODE -h lists them) and its own report, which
// prints tables and one "BENCH <name> <value> <unit>" line per figure:
//
//	wxbench chromium    the bench page in headless Chromium: every figure (chromium.go)
//	wxbench firefox     the round-trip and burst ratios in Firefox (engine.go)
//	wxbench webkit      the same in WebKit
//	wxbench relay-load  the relay under load, with no browser: sockets
//	                    (relayload.go), then requests at once (requestload.go),
//	                    then 200 MiB each way (relaytransfer.go)
//	wxbench wxrun       the wxrun command's timings (wxrun.go)
//	wxbench             chromium, relay-load and wxrun in turn, with their defaults
//
// The page modes serve the built shim and a wss echo server on 127.0.0.1
// (site.go), whose /http/* endpoints serve the request rows on the page's
// own origin; the page runs the shim and the browser's own WebSocket
// interleaved, then wx.request and fetch (page/requests.js, requests.go),
// then the file APIs and fetch (page/files.js, files.go) and the browser's
// memory for a large download (memprobe.go).
// Ratios are taken run by run (shim over raw of the same repetition) and
// shown as their median and range, beside the task/global ratio of the
// same runs: the two shim variants share one data path, so that ratio is
// the noise floor (stats.go); fetch/fetch_b is the request rows' floor.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"wxsocket/internal/browsers"
)

func main() {
	// A signal cancels the mode's context, which ends the browsers and
	// processes it started.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "wxbench:", err)
		os.Exit(1)
	}
}

// A mode parses its own flags from args, measures, and prints its report
// to out.
type mode func(ctx context.Context, args []string, out io.Writer) error

var modes = map[string]mode{
	"chromium":   chromiumMode,
	"firefox":    engineMode(browsers.Firefox),
	"webkit":     engineMode(browsers.WebKit),
	"relay-load": relayLoadMode,
	"wxrun":      wxrunMode,
}

// byDefault are the modes a bare `wxbench` runs, in this order.
var byDefault = []string{"chromium", "relay-load", "wxrun"}

func run(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 {
		for _, name := range byDefault {
			if err := modes[name](ctx, nil, out); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
		return nil
	}
	m, ok := modes[args[0]]
	if !ok {
		return fmt.Errorf("unknown mode %q: want one of %s, then its flags (wxbench chromium -reps 3); none runs %s",
			args[0], strings.Join(modeNames(), ", "), strings.Join(byDefault, ", "))
	}
	return m(ctx, args[1:], out)
}

func modeNames() []string {
	names := make([]string, 0, len(modes))
	for n := range modes {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// parseFlags parses a mode's flags, which take no other arguments.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%s: unexpected arguments %q", fs.Name(), fs.Args())
	}
	return nil
}

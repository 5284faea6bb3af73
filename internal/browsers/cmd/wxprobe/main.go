//go:build !js

// Command wxprobe runs JavaScript files in real engines and prints what
// each returned, as JSON: the way to ask Firefox, WebKit and Chromium what
// they do instead of believing a table. Each file is the body of an async
// function (ECHO and ORIGIN of a wss test server on 127.0.0.1 in scope);
// the page is served over https by that server, or over http with -http;
// -shim build loads the built shim (wx.js) first, so a script can await
// wxshim.ready and drive wx.*.
//
//	go run ./internal/browsers/cmd/wxprobe -engines firefox,webkit probe.js ...
//	go run ./internal/browsers/cmd/wxprobe -md internal/browsers/probes/*.js
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"wxsocket/internal/browsers"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "wxprobe:", err)
		os.Exit(1)
	}
}

// wasmFiles serves dir with .wasm as application/wasm.
func wasmFiles(dir string) http.Handler {
	fs := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			w.Header().Set("Content-Type", "application/wasm")
		}
		fs.ServeHTTP(w, r)
	})
}

func run() error {
	engines := flag.String("engines", "chromium,firefox,webkit", "engines to ask, comma-separated")
	plain := flag.Bool("http", false, "serve the page over http://127.0.0.1 (not a secure context)")
	timeout := flag.Duration("timeout", 20*time.Second, "time each script may take")
	verbose := flag.Bool("v", false, "print the browsers' own output to stderr")
	shim := flag.String("shim", "", "load the built shim first: the directory of make build's wx.js and wx.wasm (e.g. build)")
	md := flag.Bool("md", false, "print a Markdown table per script (a row per key of its result, a column per engine) instead of JSON")
	flag.Parse()
	if flag.NArg() == 0 {
		return fmt.Errorf("usage: wxprobe [-engines list] [-http] file.js [file.js]")
	}
	p := browsers.Probe{HTTP: *plain, Timeout: *timeout}
	if *shim != "" {
		if _, err := os.Stat(filepath.Join(*shim, "wx.wasm")); err != nil {
			return fmt.Errorf("-shim: %v (run make build)", err)
		}
		p.Head = `<script src="/wx.js"></script>`
		p.Files = wasmFiles(*shim)
	}
	var names []string
	for _, f := range flag.Args() {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		p.Scripts = append(p.Scripts, string(b))
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".js"))
	}
	type engineOut struct {
		Version string         `json:"version"`
		Results map[string]any `json:"results"`
	}
	out := map[string]engineOut{}
	order := strings.Split(*engines, ",")
	for _, e := range order {
		opt := browsers.Options{}
		if *verbose {
			opt.Log = os.Stderr
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Duration(len(p.Scripts)+2)*(*timeout))
		outs, version, err := browsers.Eval(ctx, browsers.Engine(e), opt, p)
		cancel()
		if err != nil {
			return err
		}
		eo := engineOut{Version: version, Results: map[string]any{}}
		for i, o := range outs {
			if o.Error != "" {
				eo.Results[names[i]] = map[string]string{"threw": o.Error}
				continue
			}
			var v any
			json.Unmarshal(o.Value, &v)
			eo.Results[names[i]] = v
		}
		out[e] = eo
	}
	if *md {
		for _, name := range names {
			results := map[string]any{}
			for _, e := range order {
				results[e] = out[e].Results[name]
			}
			printMarkdown(os.Stdout, name, order, results)
		}
		return nil
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

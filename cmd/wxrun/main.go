// Command wxrun runs mini-program JavaScript headless: each FILE in a fresh
// page (a frame with its own globals, wx and storage) of one Chromium, with
// the wx shim loaded first and wx as on a phone, and says whether it passed.
//
//	go run ./cmd/wxrun [flags] FILE...
//
// A file passes when its top-level code (and its default export, when it
// is a module whose default export is a function) finishes without
// throwing and no uncaught error or unhandled rejection happens before the
// page goes quiet: no socket open, no timer the file set, nothing in
// flight. wxrun.pass(), wxrun.fail(reason) and wxrun.done(err) end a file
// early. Exit status: 0 all passed, 1 a file failed, 2 a usage or setup
// error. See the README's "Test your own code".
package main

import (
	"context"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"wxsocket/wxrun"
)

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	var ex exit
	switch {
	case err == nil:
	case errors.As(err, &ex):
		if ex.err != nil {
			fmt.Fprintln(os.Stderr, "wxrun:", ex.err)
		}
		os.Exit(ex.code)
	default:
		fmt.Fprintln(os.Stderr, "wxrun:", err)
		os.Exit(2)
	}
}

// exit carries an exit status: 1 for failed files (nothing more to say), 2
// for usage and setup errors.
type exit struct {
	code int
	err  error
}

func (e exit) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func usage(format string, args ...any) error { return exit{2, fmt.Errorf(format, args...)} }

type config struct {
	files    []string
	settings wxrun.Settings
	routes   map[string]wxrun.Route
	serve    bool
	relay    bool
	root     string
	timeout  time.Duration
	parallel int
	junit    string
	json     bool
	shard    wxrun.Shard
	all      int // files given, before -shard took its share
	opts     wxrun.Options
}

func parse(args []string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("wxrun", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		project  = fs.String("project", "", "project.config.json: libVersion, setting.urlCheck, appid")
		app      = fs.String("app", "", "app.json: networkTimeout.connectSocket and networkTimeout.request")
		lib      = fs.String("lib", "", "base-library version to emulate (default 1.6.0, or -project's)")
		urlcheck optBool
		domains  list
		maps     list
		ca       = fs.String("ca", "", "PEM file of the CA(s) the mapped servers' certificates chain to")
		insecure = fs.Bool("insecure", false, "accept any certificate from the mapped servers")
		serve    = fs.Bool("serve", false, "start the echo and fault server; scripts get its URLs as wxrun.serve")
		relay    = fs.Bool("relay", false, "send sockets and requests through the relay, so header, cookies and the phone's Referer (appid from -project) reach the server")
		root     = fs.String("root", "", "directory the pages may load files from (default: the working directory, or each file's own)")
		junit    = fs.String("junit", "", "write a JUnit XML report to this file")
		jsonOut  = fs.Bool("json", false, "write JSON lines (console, pass, fail, summary) instead of text")
		parallel = fs.Int("p", 1, "files run at once, each in its own page")
		timeout  = fs.Duration("timeout", wxrun.DefaultTimeout, "time limit per file, from when its page is ready")
		browser  = fs.String("browser", "", "DevTools address of a running browser (ws://host:port) instead of starting Chromium")
		listen   = fs.String("listen", "127.0.0.1", "IP address the pages, proxies and relay listen on, and the browser is sent to: an address of this machine that -browser's host reaches")
		chromium = fs.String("chromium", "", "Chromium or Chrome binary (default: chromium on PATH)")
		shim     = fs.String("shim", "", "directory with wx.js and wx.wasm (default: the one in this binary, in npm's wxrun; else built from the source in this binary, cached)")
		verbose  = fs.Bool("v", false, "say what wxrun does: browser, shim, per-file timings")
		shard    = fs.String("shard", "", "i/n: run only the i-th of n shares of the files (by a hash of each file's path under -root), as a CI matrix does")
		cflags   list
	)
	fs.Var(&urlcheck, "urlcheck", "the legal-domain check (default true, or -project's setting.urlCheck)")
	fs.Var(&domains, "domains", "legal domains, comma-separated; repeatable: wss://api.example.com for sockets, https://api.example.com[:port] for wx.request, downloadFile and uploadFile, api.example.com for all")
	fs.Var(&maps, "map", "HOST=IP:PORT: connect to HOST at IP:PORT (repeatable); other names are not dialed")
	fs.Var(&cflags, "chromium-flag", "a flag for the started Chromium, e.g. --js-flags=--max-old-space-size=64 (repeatable)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: wxrun [flags] FILE...\n\nRuns each mini-program script FILE (.js, or an ES module: .mjs, or import/export)\nheadless in Chromium with the wx shim. Exit status 0: all passed; 1: a file failed; 2: usage or setup error.\n\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, exit{0, nil}
		}
		return nil, exit{2, nil} // the flag package has said what is wrong
	}
	c := &config{files: fs.Args(), serve: *serve, relay: *relay, root: *root, timeout: *timeout,
		parallel: *parallel, junit: *junit, json: *jsonOut}
	if len(c.files) == 0 {
		fs.Usage()
		return nil, usage("no FILE to run")
	}
	for _, f := range c.files {
		st, err := os.Stat(f)
		if err != nil {
			return nil, usage("%s: no such file", f)
		}
		if !st.Mode().IsRegular() {
			return nil, usage("%s: not a file", f)
		}
	}
	c.all = len(c.files)
	if *shard != "" {
		var err error
		if c.shard, err = wxrun.ParseShard(*shard); err != nil {
			return nil, usage("%v", err)
		}
		if c.files, err = c.shard.Pick(c.files, c.root); err != nil {
			return nil, usage("%v", err)
		}
	}
	if c.parallel < 1 {
		return nil, usage("-p %d: want 1 or more", c.parallel)
	}
	if c.timeout <= 0 {
		return nil, usage("-timeout %v: want a duration above 0, e.g. 30s", c.timeout)
	}
	if c.root != "" {
		if st, err := os.Stat(c.root); err != nil || !st.IsDir() {
			return nil, usage("-root %s: not a directory", c.root)
		}
	}
	var err error
	if c.settings, err = settings(*project, *app, *lib, urlcheck.v, domains); err != nil {
		return nil, exit{2, err}
	}
	var pool *x509.CertPool
	if *ca != "" {
		if pool, err = loadCA(*ca); err != nil {
			return nil, exit{2, err}
		}
	}
	if c.routes, err = routes(maps, pool, *insecure); err != nil {
		return nil, exit{2, err}
	}
	at, err := wxrun.ListenAddr(*listen)
	if err != nil {
		return nil, usage("%v", err)
	}
	if c.relay {
		if err := wxrun.RelayAt(at); err != nil {
			return nil, usage("-relay with -listen %s: %v", at, err)
		}
	}
	c.opts = wxrun.Options{Shim: *shim, Browser: *browser, Chromium: *chromium, ChromiumFlags: cflags, Spares: c.parallel, Listen: at}
	if *verbose {
		c.opts.Logf = func(format string, args ...any) { fmt.Fprintf(stderr, format+"\n", args...) }
	}
	return c, nil
}

// settings merges, lowest first: project.config.json, app.json, flags.
func settings(project, app, lib string, urlcheck *bool, domains []string) (wxrun.Settings, error) {
	var s wxrun.Settings
	if project != "" {
		p, err := wxrun.LoadProject(project)
		if err != nil {
			return s, fmt.Errorf("-project %w", err)
		}
		s = s.Merge(p)
	}
	if app != "" {
		a, err := wxrun.LoadApp(app)
		if err != nil {
			return s, fmt.Errorf("-app %w", err)
		}
		s = s.Merge(a)
	}
	flags := wxrun.Settings{LibVersion: lib, URLCheck: urlcheck}
	for _, d := range domains {
		for _, one := range strings.Split(d, ",") {
			if one = strings.TrimSpace(one); one != "" {
				sockets, requests := domainLists(one)
				if sockets {
					flags.SocketDomains = append(flags.SocketDomains, one)
				}
				if requests {
					flags.RequestDomains = append(flags.RequestDomains, one)
				}
			}
		}
	}
	return s.Merge(flags), nil
}

// domainLists says which legal-domain lists a -domains entry goes in, by
// its scheme: wss:// or ws:// sockets, https:// or http:// wx.request,
// none both (the shim reads each list with that API's rule: a socket
// entry allows any port, a request entry only the port it writes).
func domainLists(entry string) (sockets, requests bool) {
	e := strings.ToLower(entry)
	switch {
	case strings.HasPrefix(e, "wss://"), strings.HasPrefix(e, "ws://"):
		return true, false
	case strings.HasPrefix(e, "https://"), strings.HasPrefix(e, "http://"):
		return false, true
	}
	return true, true
}

func run(args []string, stdout, stderr io.Writer) error {
	c, err := parse(args, stderr)
	if err != nil {
		return err
	}
	rep := newReport(stdout, stderr, c.json, len(c.files))
	rep.shard, rep.all = c.shard, c.all
	if len(c.files) == 0 {
		// An empty shard: nothing to run, which passes (and a JUnit
		// report with no test says so to the CI that merges them).
		return finish(c, rep)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	rn, err := wxrun.Start(ctx, c.opts)
	if err != nil {
		return exit{2, err}
	}
	defer rn.Close()

	files := make(chan string)
	var wg sync.WaitGroup
	for range c.parallel {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range files {
				rep.started()
				rep.finished(rn.Run(ctx, wxrun.File{Path: f, Root: c.root, Settings: c.settings,
					Routes: c.routes, Serve: c.serve, Relay: c.relay, Timeout: c.timeout}))
			}
		}()
	}
feed:
	for _, f := range c.files {
		select {
		case files <- f:
		case <-ctx.Done():
			break feed
		}
	}
	close(files)
	wg.Wait()
	err = finish(c, rep)
	if err := rn.Close(); err != nil {
		fmt.Fprintln(stderr, "wxrun: closing the browser:", err)
	}
	if ctx.Err() != nil {
		return exit{2, errors.New("interrupted")}
	}
	return err
}

// finish writes the summary and the JUnit report, and says how the run went.
func finish(c *config, rep *report) error {
	rep.summary()
	if c.junit != "" {
		if err := rep.writeJUnit(c.junit); err != nil {
			return exit{2, fmt.Errorf("-junit: %v", err)}
		}
	}
	if rep.failed > 0 {
		return exit{1, nil}
	}
	return nil
}

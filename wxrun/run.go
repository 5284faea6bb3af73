package wxrun

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	neturl "net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// File is one script to run.
type File struct {
	Path   string // the script file; or
	Source string // the script itself, when Path is empty
	Name   string // for messages; default Path, or "script.js"
	// Root is the directory the page may load files from (imports,
	// require()); default the working directory when Path is under it,
	// else Path's directory.
	Root     string
	Kind     Kind
	Settings Settings
	Routes   map[string]Route // host or host:port -> where it goes
	Serve    bool             // map ServeHost to the echo and fault server; set wxrun.serve
	Vars     map[string]any   // given to the script as wxrun.vars
	Timeout  time.Duration    // default 30 s
	Relay    bool             // route sockets through the relay (see relay.go); not built in yet
}

// Kind says how a file is loaded.
type Kind int

const (
	Auto    Kind = iota // .mjs is a module, .cjs a classic script; otherwise a line starting with import or export makes a module
	Classic             // a classic script: top-level names are globals, require() is there
	Module              // an ES module: its default export, when a function, is awaited
)

// ServeHost is the name -serve's endpoints have in scripts; it is added to
// the legal socket domains, as a developer adds a test server's domain.
const ServeHost = "wxrun.test"

// DefaultTimeout is a file's time limit when File.Timeout is 0.
const DefaultTimeout = 30 * time.Second

var runIDs atomic.Int64

// run is one file's page: what the server hands out for it, and how its
// URLs read in messages.
type run struct {
	id      string
	file    File
	name    string
	module  bool
	rootDir string
	root    *os.Root
	srcName string // the script's path under the root
	fileURL string // .../t/TOKEN/ID/f/
	pageURL string
	shimURL string
	html    []byte
	routes  map[string]Route
	relay   http.Handler
	shown   *strings.Replacer
	fileRE  *regexp.Regexp // a URL of one of the run's files
	cwd     string
	col     *collector
}

func (f File) name() string {
	switch {
	case f.Name != "":
		return f.Name
	case f.Path != "":
		return f.Path
	}
	return "script.js"
}

// Run runs one file in a fresh browser context and says how it went. It
// returns when the file is finished, has failed, or has timed out; the
// page and its context are gone by then.
func (rn *Runner) Run(ctx context.Context, f File) *Result {
	res := &Result{Name: f.name()}
	start := time.Now()
	r, err := rn.prepare(f)
	if err != nil {
		res.Reason = err.Error()
		res.Elapsed = time.Since(start)
		return res
	}
	defer r.root.Close()
	rn.srv.add(r)
	defer rn.srv.remove(r)
	r.col = newCollector(r)
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	tctx, cancel := context.WithTimeoutCause(ctx, timeout, errSetupTimeout)
	s, err := rn.take(tctx)
	cancel()
	if err != nil {
		res.Reason = "wxrun: no page for the file: " + err.Error()
		res.Elapsed = time.Since(start)
		if s != nil {
			rn.discard(s)
		}
		return res
	}
	defer rn.discard(s)
	waited := time.Since(start)
	defer func() {
		rn.logf("wxrun: %s: waited %v for a page, finished in %v: pass %v", r.name, waited.Round(time.Millisecond),
			(res.Elapsed - waited).Round(time.Millisecond), res.Pass)
	}()
	s.px.use(r.routes, r.col.note)
	s.sink.Store(r.col)
	r.col.t0 = time.Now()

	loaded := make(chan error, 1)
	go func() { loaded <- chromedp.Run(s.ctx, navigate(r.pageURL)) }()
	reason, pass := "", false
	var grace <-chan time.Time
wait:
	for {
		select {
		case <-r.col.fail:
			if grace == nil {
				grace = time.After(failGrace)
			}
		case <-grace:
			if why := r.col.failure(); why != "" {
				reason = why
				break wait
			}
			grace = nil
		case err := <-loaded:
			if err != nil {
				reason = "wxrun: the page could not be opened: " + err.Error()
				break wait
			}
			loaded = nil
		case rep := <-r.col.report:
			reason, pass = r.decide(rep)
			break wait
		case why := <-r.col.crashed:
			reason = why
			break wait
		case <-deadline.C:
			reason = r.display(rn.timedOut(s.ctx, timeout))
			break wait
		case <-ctx.Done():
			reason = "wxrun: stopped (" + context.Cause(ctx).Error() + ")"
			break wait
		}
	}
	res.Elapsed = time.Since(start)
	res.Pass, res.Reason = pass, reason
	res.Console = r.col.finish()
	return res
}

var errSetupTimeout = errors.New("no page was ready within the file's timeout")

// failGrace is how long a failed file may go on, for the rest of its
// output, before it is ended (as runner.js does for the errors it sees).
const failGrace = time.Second

func navigate(url string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		_, _, errText, err := page.Navigate(url).Do(ctx)
		if err == nil && errText != "" {
			err = errors.New(errText)
		}
		return err
	})
}

// decide turns the page's report and what DevTools showed into an outcome.
func (r *run) decide(rep pageReport) (string, bool) {
	if rep.Status == "fail" && rep.Reason != "" {
		return r.display(rep.Reason), false
	}
	if why := r.col.failure(); why != "" {
		return why, false
	}
	if len(rep.Unhandled) > 0 {
		return "unhandled rejection: " + firstLines(r.display(rep.Unhandled[0]), 1), false
	}
	if rep.Status != "pass" {
		return "an uncaught error (see the output)", false
	}
	return "", true
}

// timedOut says what the page was still waiting for, then stops its
// script: a page in an endless loop answers nothing until then.
func (rn *Runner) timedOut(pctx context.Context, timeout time.Duration) string {
	why := fmt.Sprintf("timed out after %v", timeout)
	ectx, cancel := context.WithTimeout(pctx, 500*time.Millisecond)
	var desc string
	err := chromedp.Run(ectx, chromedp.ActionFunc(func(ctx context.Context) error {
		v, exc, err := runtime.Evaluate(`typeof wxrun === "object" && wxrun._describe ? wxrun._describe() : "the page had not started"`).
			WithReturnByValue(true).Do(ctx)
		if err != nil {
			return err
		}
		if exc != nil {
			return exc
		}
		desc = str(v)
		return nil
	}))
	cancel()
	switch {
	case err != nil:
		why += ": the page's script never returned (an endless loop?); wxrun stopped it"
	case desc != "":
		why += "; still waiting for: " + desc
	}
	tctx, cancel := context.WithTimeout(pctx, time.Second)
	chromedp.Run(tctx, runtime.TerminateExecution())
	cancel()
	return why
}

var moduleLine = regexp.MustCompile(`(?m)^\s*(import\s*[\w{*"']|export\s+(default|const|let|var|function|class|async|\{|\*))`)

// prepare works out the file's root, kind and page.
func (rn *Runner) prepare(f File) (*run, error) {
	r := &run{id: fmt.Sprint(runIDs.Add(1)), file: f, name: f.name()}
	src := f.Source
	cwd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	if f.Path != "" {
		b, err := os.ReadFile(f.Path)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f.Path, describeOpen(err))
		}
		src = string(b)
		abs, err := filepath.Abs(f.Path)
		if err != nil {
			return nil, err
		}
		r.rootDir = f.Root
		if r.rootDir == "" {
			r.rootDir = cwd
			if !within(cwd, abs) {
				r.rootDir = filepath.Dir(abs)
			}
		}
		r.rootDir, _ = filepath.Abs(r.rootDir)
		if !within(r.rootDir, abs) {
			return nil, fmt.Errorf("%s is not under its root %s", f.Path, r.rootDir)
		}
		rel, _ := filepath.Rel(r.rootDir, abs)
		r.srcName = filepath.ToSlash(rel)
	} else {
		r.rootDir = f.Root
		if r.rootDir == "" {
			r.rootDir = cwd
		}
		r.rootDir, _ = filepath.Abs(r.rootDir)
		// A script given as source acts as a file of the working directory:
		// its require("./x.js") is the working directory's x.js.
		r.srcName = "wxrun-source-" + r.id + "-" + sanitize(filepath.Base(r.name))
		if rel, err := filepath.Rel(r.rootDir, cwd); err == nil && within(r.rootDir, cwd) && rel != "." {
			r.srcName = filepath.ToSlash(rel) + "/" + r.srcName
		}
	}
	switch f.Kind {
	case Module:
		r.module = true
	case Auto:
		switch filepath.Ext(r.srcName) {
		case ".mjs":
			r.module = true
		case ".cjs":
		default:
			r.module = moduleLine.MatchString(src)
		}
	}
	if r.module && f.Path == "" && !strings.HasSuffix(r.srcName, ".mjs") {
		r.srcName += ".mjs"
	} else if f.Path == "" && !strings.HasSuffix(r.srcName, ".js") {
		r.srcName += ".js"
	}
	if r.root, err = os.OpenRoot(r.rootDir); err != nil {
		return nil, err
	}
	base := rn.ws.URL + "/t/" + rn.srv.token + "/" + r.id + "/"
	r.pageURL, r.fileURL, r.shimURL = base, base+"f/", rn.ws.URL+"/wxrun/"
	r.cwd = cwd
	r.fileRE = regexp.MustCompile(regexp.QuoteMeta(r.fileURL) + `[^\s:()'"]*`)
	r.shown = strings.NewReplacer(r.shimURL+"wx.js", "wx.js", r.shimURL+"wx.wasm", "wx.wasm", r.shimURL+"runner.js", "wxrun", base, "(page)")
	r.routes = map[string]Route{}
	for k, v := range f.Routes {
		r.routes[strings.ToLower(k)] = v
	}
	if f.Serve {
		r.routes[ServeHost] = Route{Addr: strings.TrimPrefix(rn.ws.URL, "https://"), Pin: rn.leaf}
	}
	settings := rn.settings(f)
	if f.Relay {
		h, cfg, err := rn.relayFor(r, r.routes)
		if err != nil {
			r.root.Close()
			return nil, err
		}
		r.relay, settings["relay"] = h, cfg
	}
	r.html = r.page(settings)
	return r, nil
}

// settings are the file's wxshim object: its Settings, and ServeHost
// among the legal domains with -serve.
func (rn *Runner) settings(f File) map[string]any {
	s := f.Settings
	if f.Serve {
		s.SocketDomains = append(append([]string(nil), s.SocketDomains...), ServeHost)
	}
	return s.object()
}

func within(dir, file string) bool {
	rel, err := filepath.Rel(dir, file)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == '?' || r == '#' || r == '%' || r < ' ' {
			return '_'
		}
		return r
	}, s)
}

// display rewrites the page's URLs in s into the paths a person typed, and
// drops the stack frames that are not the user's (the shim, wxrun's page).
func (r *run) display(s string) string {
	s = r.fileRE.ReplaceAllStringFunc(s, r.path)
	s = r.shown.Replace(s)
	if !strings.Contains(s, "\n") {
		return s
	}
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "at ") && internalFrame(t) {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// path is a file's URL as a path relative to the working directory (the
// script given as source: its name).
func (r *run) path(url string) string {
	rel, _ := strings.CutPrefix(url, r.fileURL)
	if r.file.Path == "" && rel == escapePath(r.srcName) {
		return r.name
	}
	if u, err := neturl.PathUnescape(rel); err == nil {
		rel = u
	}
	p := filepath.Join(r.rootDir, filepath.FromSlash(rel))
	if shown, err := filepath.Rel(r.cwd, p); err == nil {
		return filepath.ToSlash(shown)
	}
	return p
}

// internalFrame: a stack frame in the shim or in wxrun's page.
func internalFrame(frame string) bool {
	for _, s := range []string{"(wx.js:", " wx.js:", "wx.wasm:", "eval at syscall/js", "(wxrun:", " wxrun:", "((page):", " (page):"} {
		if strings.Contains(frame, s) {
			return true
		}
	}
	return false
}

// location is url:line:col as a person reads it.
func (r *run) location(url string, line, col int) string {
	switch {
	case url == "":
		return ""
	case strings.HasPrefix(url, r.shimURL+"wx.js"):
		return "wx.js"
	}
	return fmt.Sprintf("%s:%d:%d", r.display(url), line, col)
}

// source is the text of one of the run's files, by URL.
func (r *run) source(url string) (string, bool) {
	rel, ok := strings.CutPrefix(url, r.fileURL)
	if !ok {
		return "", false
	}
	if rel == r.srcName && r.file.Path == "" {
		return r.file.Source, true
	}
	b, err := r.root.ReadFile(rel)
	return string(b), err == nil
}

func (r *run) note(level, text string) {
	if r.col != nil {
		r.col.note(level, text)
	}
}

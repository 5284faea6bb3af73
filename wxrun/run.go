package wxrun

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

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
	Timeout  time.Duration    // default 30 s, from when the file has its page
	Relay    bool             // sockets go through the relay: header and Referer reach the server (relay.go)
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

func (f File) name() string {
	switch {
	case f.Name != "":
		return f.Name
	case f.Path != "":
		return f.Path
	}
	return "script.js"
}

// Run runs one file in a fresh frame of a host page (slot.go) and says how
// it went. It returns when the file is finished, has failed, or has timed
// out; the frame is gone or going by then (a page that timed out goes with
// its host).
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
	defer r.endRelay() // after the host page has let the file go (release, below)
	r.col = newCollector(r)
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	// The file's time starts when it has its page: a host page replaced
	// after a timeout or a crash (slot.go) is made while the next file
	// waits, which takes a loaded machine a second or two.
	tctx, cancel := context.WithTimeoutCause(ctx, max(timeout, setupLimit), errSetupTimeout)
	s, err := rn.take(tctx)
	cancel()
	if err != nil {
		res.Reason = "wxrun: no page for the file: " + err.Error()
		res.Elapsed = time.Since(start)
		if s != nil {
			rn.release(s, false)
		}
		return res
	}
	// clean: the file ended as a file does (its report, or its failure), so
	// the host page can run the next; else (a timeout, a crash) it goes.
	clean := false
	defer func() { rn.release(s, clean) }()
	waited := time.Since(start)
	s.files++
	defer func() {
		rn.logf("wxrun: %s: waited %v for a page (its file %d), finished in %v: pass %v", r.name, waited.Round(time.Millisecond),
			s.files, (res.Elapsed - waited).Round(time.Millisecond), res.Pass)
	}()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	s.px.use(r.routes, r.col.note)
	r.px.Store(s.px)
	s.sink.Store(r.col)
	r.col.t0 = time.Now()

	loaded := make(chan error, 1)
	go func() { loaded <- s.start(r.pageURL) }()
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
				reason, clean = why, true
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
			clean = true
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
		case <-rn.chrome.ctx.Done():
			reason = "wxrun: the browser went away"
			break wait
		}
	}
	res.Elapsed = time.Since(start)
	res.Pass, res.Reason = pass, reason
	res.Console = r.col.finish()
	return res
}

var errSetupTimeout = errors.New("no page was ready in time")

// setupLimit is how long a file waits for its page at least.
const setupLimit = 30 * time.Second

// failGrace is how long a failed file may go on, for the rest of its
// output, before it is ended (as runner.js does for the errors it sees).
const failGrace = time.Second

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
		// A file that navigated the host away leaves no __wxrunHost.
		return hostCall(ctx, `typeof __wxrunHost === "object" ? __wxrunHost.describe() : "the page had not started"`, &desc)
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

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

// Run runs one file in a fresh frame of a slot's host page (slot.go) and
// says how it went. It returns when the file is finished, has failed, or
// has timed out; the frame is gone or going by then (a page that timed out
// goes with its slot).
func (rn *Runner) Run(ctx context.Context, f File) *Result {
	start := time.Now()
	o := rn.run(ctx, f, start)
	return &Result{Name: f.name(), Pass: o.pass, Reason: o.reason, Console: o.console, Elapsed: time.Since(start)}
}

// outcome is how a run ended.
type outcome struct {
	pass    bool
	reason  string
	console []Message
}

func (rn *Runner) run(ctx context.Context, f File, start time.Time) outcome {
	r, err := rn.prepare(f)
	if err != nil {
		return outcome{reason: err.Error()}
	}
	r.col = newCollector(r)
	var s *slot
	clean := false // the file ended as a file does (its report, or its failure): its slot can run the next
	// The one cleanup, in this order: the slot goes back (the server no
	// longer tells its page of loads, its events stop reaching the run, and
	// a clean one is reset for the next file in the background, any other
	// replaced); the run's relay stops dialing through the slot's proxy,
	// which the next file takes over with its own routes, and leaves the
	// plain listener; the server stops serving the run's page and files;
	// its root closes.
	defer func() {
		r.slot.Store(nil)
		if s != nil {
			rn.release(s, clean)
		}
		r.endRelay()
		rn.srv.remove(r)
		r.root.Close()
	}()
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	// The file's time starts when it has its page: a slot replaced after a
	// timeout or a crash is made while the next file waits, which takes a
	// loaded machine a second or two.
	tctx, cancel := context.WithTimeoutCause(ctx, max(timeout, setupLimit), errSetupTimeout)
	s, err = rn.take(tctx)
	cancel()
	if err != nil {
		return outcome{reason: "wxrun: no page for the file: " + err.Error()}
	}
	// Served from now on, when nothing of the slot's last file runs: no
	// page of another file's in this slot could read this one's (its
	// relay's secret above all).
	rn.srv.add(r)
	waited := time.Since(start)
	s.files++
	o := rn.attend(ctx, r, s, timeout, &clean)
	rn.logf("wxrun: %s: waited %v for a page (its file %d), finished in %v: pass %v", r.name, waited.Round(time.Millisecond),
		s.files, (time.Since(start) - waited).Round(time.Millisecond), o.pass)
	return o
}

// attend opens the run's page in s and waits for the outcome. clean is set
// when the file ended as a file does, so that s can run the next.
func (rn *Runner) attend(ctx context.Context, r *run, s *slot, timeout time.Duration, clean *bool) outcome {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	s.px.use(r.routes, r.col.note)
	r.px.Store(s.px)
	r.col.tab = s.tab
	s.sink.Store(r.col)
	r.slot.Store(s)
	r.col.t0 = time.Now()

	loaded := make(chan error, 1)
	go func() { loaded <- s.start(r.pageURL) }()
	var o outcome
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
				o.reason, *clean = why, true
				break wait
			}
			grace = nil
		case err := <-loaded:
			if err != nil {
				o.reason = "wxrun: the page could not be opened: " + err.Error()
				break wait
			}
			loaded = nil
		case rep := <-r.col.report:
			o.reason, o.pass = r.decide(rep)
			*clean = true
			break wait
		case why := <-r.col.crashed:
			o.reason = why
			break wait
		case <-deadline.C:
			o.reason = r.display(rn.timedOut(s.ctx, r.col.mainContext(), timeout))
			break wait
		case <-ctx.Done():
			o.reason = "wxrun: stopped (" + context.Cause(ctx).Error() + ")"
			break wait
		case <-rn.chrome.ctx.Done():
			o.reason = "wxrun: the browser went away"
			break wait
		}
	}
	o.console = r.col.finish()
	return o
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

// timedOut says what the page (its document's context main) was still
// waiting for, then stops its script: a page in an endless loop answers
// nothing until then.
func (rn *Runner) timedOut(pctx context.Context, main runtime.ExecutionContextID, timeout time.Duration) string {
	why := fmt.Sprintf("timed out after %v", timeout)
	desc := "the page had not started"
	var err error
	if main != 0 {
		ectx, cancel := context.WithTimeout(pctx, 500*time.Millisecond)
		err = chromedp.Run(ectx, chromedp.ActionFunc(func(ctx context.Context) error {
			// A file that replaced its wxrun says less.
			res, exc, err := runtime.Evaluate(`typeof wxrun === "object" && wxrun !== null && typeof wxrun._describe === "function" ? String(wxrun._describe()) : ""`).
				WithContextID(main).WithReturnByValue(true).Do(ctx)
			if err == nil && exc == nil {
				desc = str(res)
			}
			return err
		}))
		cancel()
	}
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

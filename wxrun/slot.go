package wxrun

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/security"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// A slot is a tab of its own browser context, with its own proxy, where
// files run one after another: the tab shows a host page (page/host.js) on
// wxrun's host origin, and each file runs in a new sandboxed frame of it,
// on the files' origin: the same site (one renderer process, so a file
// costs a frame, not a process), not the same origin. A file can reach
// neither the host page nor anything the next file will see: parent and
// top are cross-origin, the sandbox opens no window and navigates no
// parent, and nothing of its frame outlives it (its window, globals,
// prototypes, timers, sockets, listeners and workers go with it). Only the
// documents made while a file runs speak for it (collector), so nothing a
// file leaves in flight can report for the next.
//
// The price: the files' frames cannot be handed the host's compiled wasm
// (Chromium would not clone a WebAssembly.Module into a frame of another
// origin, same site or not: a messageerror), so each file compiles it,
// from the HTTP cache, started by its page's first script: about 10 ms of
// processor time per file more than frames of the host's origin took
// (BENCHMARKS.md, wxrun).
//
// Between files (reset) the frame is removed, the files' origin's storage
// and the context's cookies are cleared, the tab's history is dropped, the
// console's retained objects are let go and the proxy cuts every
// connection. A file that started a service or shared worker (which
// outlive its frame), timed out (an endless loop), crashed its page or left
// the tab unable to answer takes its slot with it: a new browser context is
// made.
//
// The Runner keeps every slot it made (as many as files ran at once,
// Options.Spares made at the start) and hands an idle one to the next file.
type slot struct {
	ctx    context.Context
	cancel context.CancelFunc
	px     *proxy
	sink   atomic.Pointer[collector] // where the page's events go, while it runs a file
	err    error
	files  int // files run in it
	tab    target.ID
	bctx   cdp.BrowserContextID
	// foreign is set when a target other than the tab appears in the
	// slot's browser context: a worker of a file's that its frame's end
	// does not end (or a window, which the sandbox should have refused).
	foreign atomic.Bool
}

func (s *slot) event(ev any) {
	if c := s.sink.Load(); c != nil {
		c.event(ev)
	}
}

// hostPath is the host page, on the Runner's host origin (hostsrv.go).
const hostPath = "/wxrun/host.html"

func (rn *Runner) newSlot() *slot {
	s := &slot{}
	rn.made.Add(1)
	s.px, s.err = startProxy(rn.leaves, rn.opts.Listen)
	if s.err != nil {
		return s
	}
	rn.logf("wxrun: a host page, its proxy at %s", s.px.url())
	s.ctx, s.cancel = chromedp.NewContext(rn.chrome.ctx, chromedp.WithNewBrowserContext(
		func(p *target.CreateBrowserContextParams) *target.CreateBrowserContextParams {
			// The Runner's own address goes direct, as loopback does
			// without saying (Chromium's implicit bypass): the pages
			// come from there, not through the proxy.
			return p.WithProxyServer(s.px.url()).WithProxyBypassList(rn.opts.Listen)
		}))
	chromedp.ListenTarget(s.ctx, s.event)
	chromedp.ListenBrowser(s.ctx, s.watch)
	// chromedp enables the Network domain, which would make every WebSocket
	// frame a protocol event (ten times slower sockets, see cmd/wxbench):
	// off again, with the others a page of wxrun does not use. The binding
	// reaches every frame of the page.
	acts := []chromedp.Action{runtime.AddBinding(binding), network.Disable(), css.Disable(), dom.Disable()}
	if rn.chrome.remote {
		// A remote browser does not trust wxrun's key. The page's
		// connections all end at wxrun (its server, its proxy); the
		// servers behind the proxy are still checked, in Go.
		acts = append(acts, security.SetIgnoreCertificateErrors(true))
	}
	acts = append(acts, chromedp.Navigate(rn.host.url+hostPath), chromedp.ActionFunc(func(context.Context) error {
		c := chromedp.FromContext(s.ctx)
		s.tab, s.bctx = c.Target.TargetID, c.BrowserContextID
		return nil
	}))
	done := make(chan error, 1)
	go func() { done <- chromedp.Run(s.ctx, acts...) }()
	select {
	case s.err = <-done:
	case <-time.After(30 * time.Second):
		s.err = context.DeadlineExceeded
	case <-rn.done: // the Runner is closing: the half-made page goes with the browser
		s.err = errClosed
	}
	return s
}

// watch sees the browser's targets come and go (chromedp has Target
// discovery on): a page or a worker of the slot's context that is not its
// tab marks the slot foreign.
func (s *slot) watch(ev any) {
	var info *target.Info
	switch e := ev.(type) {
	case *target.EventTargetCreated:
		info = e.TargetInfo
	case *target.EventTargetInfoChanged:
		info = e.TargetInfo
	default:
		return
	}
	if info != nil && outlives(info) && info.BrowserContextID == s.bctx && s.bctx != "" && info.TargetID != s.tab {
		s.foreign.Store(true)
	}
}

// outlives: a target of this type can go on running after the document
// that made it is gone (a window, a service or shared worker); frames and
// dedicated workers end with their document.
func outlives(t *target.Info) bool {
	switch t.Type {
	case "page", "service_worker", "shared_worker":
		return true
	}
	return false
}

// close ends the page, its context and its proxy.
func (s *slot) close() {
	if s.cancel != nil {
		s.cancel() // chromedp closes the target and disposes of the context
	}
	if s.px != nil {
		s.px.Close()
	}
}

// start opens the run's page in a new frame of the host.
func (s *slot) start(pageURL string) error {
	var v string
	return chromedp.Run(s.ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		u, _ := json.Marshal(pageURL)
		return hostCall(ctx, "__wxrunHost.start("+string(u)+")", &v)
	}))
}

// reset makes the slot ready for another file (see slot); an error means
// it is not, and the slot is replaced.
func (s *slot) reset(origin string) error {
	s.px.use(nil, nil) // nothing is dialed meanwhile
	ctx, cancel := context.WithTimeout(s.ctx, 5*time.Second)
	defer cancel()
	err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		// The frame first: the file's document goes, with its unload
		// handlers, before anything is cleared.
		var v string
		if err := hostCall(ctx, "__wxrunHost.end()", &v); err != nil {
			return err
		}
		if v != "clean" {
			return fmt.Errorf("the host page answered %q", v)
		}
		if err := s.alone(ctx); err != nil {
			return err
		}
		if err := storage.ClearDataForOrigin(origin, "all").Do(ctx); err != nil {
			return fmt.Errorf("clearing the storage: %w", err)
		}
		if err := network.ClearBrowserCookies().Do(ctx); err != nil { // every name's, in this context
			return fmt.Errorf("clearing the cookies: %w", err)
		}
		// The frame's pushState entries are the tab's history.
		if err := page.ResetNavigationHistory().Do(ctx); err != nil {
			return err
		}
		// DevTools keeps the objects of every console call, and with them
		// the frame's window: let them go.
		return runtime.DiscardConsoleEntries().Do(ctx)
	}))
	s.px.cut() // the frame is gone: so are its connections, and no pooled one serves the next file
	return err
}

// alone says whether the tab is the only target of the slot's context that
// could still run a file's code: a service or shared worker (or a window)
// would outlive its frame, so the slot is not used again.
func (s *slot) alone(ctx context.Context) error {
	if s.foreign.Load() {
		return errors.New("the file started a worker (or opened a window) that outlives its page")
	}
	c := chromedp.FromContext(s.ctx)
	if c == nil || c.Browser == nil {
		return nil
	}
	infos, err := target.GetTargets().Do(cdp.WithExecutor(ctx, c.Browser))
	if err != nil {
		return err
	}
	for _, t := range infos {
		if outlives(t) && t.BrowserContextID == s.bctx && t.TargetID != s.tab {
			return fmt.Errorf("a %s the file made is still there (%s)", t.Type, t.URL)
		}
	}
	return nil
}

// hostCall evaluates expr in the host page; a string result goes to v.
func hostCall(ctx context.Context, expr string, v *string) error {
	res, exc, err := runtime.Evaluate(expr).WithReturnByValue(true).Do(ctx)
	if err != nil {
		return err
	}
	if exc != nil {
		return errors.New(exc.Text + " " + exceptionText(exc))
	}
	*v = str(res)
	return nil
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d.Exception != nil {
		return d.Exception.Description
	}
	return ""
}

// make adds a slot, made in the background, to the idle ones.
// Called with rn.mu held.
func (rn *Runner) make() {
	rn.workers.Add(1)
	go func() {
		defer rn.workers.Done()
		rn.put(rn.newSlot())
	}()
}

// put hands a slot to the next file.
func (rn *Runner) put(s *slot) {
	select {
	case rn.idle <- s:
	case <-rn.done:
		rn.drop(s)
	}
}

// drop ends a slot when the Runner closes: a started browser takes its pages
// with it when it exits; a remote one stays, so what wxrun made in it goes.
func (rn *Runner) drop(s *slot) {
	if rn.chrome.remote {
		s.close()
	} else if s.px != nil {
		s.px.Close()
	}
}

// take waits for a slot: an idle one, or one on its way (made, or being
// reset after its last file); when none is, a new one is made.
func (rn *Runner) take(ctx context.Context) (*slot, error) {
	rn.mu.Lock()
	if rn.shut {
		rn.mu.Unlock()
		return nil, errClosed
	}
	if rn.coming == 0 {
		rn.coming++
		rn.make()
	}
	rn.coming--
	rn.mu.Unlock()
	select {
	case s := <-rn.idle:
		return s, s.err
	case <-ctx.Done():
		rn.mu.Lock()
		rn.coming++ // the slot this file waited for goes to the next
		rn.mu.Unlock()
		return nil, context.Cause(ctx)
	case <-rn.done:
		return nil, errClosed
	}
}

// release takes back a slot after its file, without making the file wait:
// a clean one is reset for the next file; otherwise (a timeout, a crash, a
// failed reset) it is closed and a new one made in its place.
func (rn *Runner) release(s *slot, clean bool) {
	s.sink.Store(nil)
	rn.mu.Lock()
	if rn.shut {
		rn.mu.Unlock()
		rn.drop(s)
		return
	}
	rn.coming++
	rn.workers.Add(1)
	rn.mu.Unlock()
	go func() {
		defer rn.workers.Done()
		if clean && s.err == nil {
			t0 := time.Now()
			err := s.reset(rn.ws.URL)
			if err == nil {
				rn.logf("wxrun: a page made ready for the next file in %v", time.Since(t0).Round(time.Millisecond))
				rn.put(s)
				return
			}
			rn.logf("wxrun: a page could not be reset for the next file (%v): making a new one", err)
		}
		s.close()
		rn.put(rn.newSlot())
	}()
}

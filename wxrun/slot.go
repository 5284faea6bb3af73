package wxrun

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/security"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// A slot is a host page, where files run one after another: a browser
// context with its own proxy, and a target in it at host.html
// (page/host.js), which compiles the shim's wasm once. Each file gets a
// fresh frame of the host, which instantiates that module: a file costs a
// frame and an instance, not a renderer process (about 100 ms of CPU), a
// navigation and a compile of 2 MB of wasm (about 40 ms), as a fresh
// context per file did (BENCHMARKS.md).
//
// Between files (reset) the frame is removed, the origin's storage and the
// context's cookies are cleared, the console's retained objects are let go
// and the proxy cuts every connection, so the next file finds what a fresh
// context would: no global, no timer, no socket, no storage of the last.
// A file that timed out (an endless loop), crashed its page or left the
// host unable to answer takes its slot with it: a new one is made.
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
}

func (s *slot) event(ev any) {
	if c := s.sink.Load(); c != nil {
		c.event(ev)
	}
}

// hostPath is the host page on wxrun's server (server.go).
const hostPath = "/wxrun/host.html"

func (rn *Runner) newSlot() *slot {
	s := &slot{}
	rn.made.Add(1)
	s.px, s.err = startProxy(rn.leaves)
	if s.err != nil {
		return s
	}
	s.ctx, s.cancel = chromedp.NewContext(rn.chrome.ctx, chromedp.WithNewBrowserContext(
		func(p *target.CreateBrowserContextParams) *target.CreateBrowserContextParams {
			return p.WithProxyServer(s.px.url())
		}))
	chromedp.ListenTarget(s.ctx, s.event)
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
	acts = append(acts, chromedp.Navigate(rn.ws.URL+hostPath))
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
		return hostCall(ctx, "__wxrunHost.start("+string(jsonJS(pageURL))+")", &v)
	}))
}

// reset makes the slot ready for another file (see slot); an error means
// it is not.
func (s *slot) reset(origin string) error {
	s.px.use(nil, nil) // nothing is dialed meanwhile
	ctx, cancel := context.WithTimeout(s.ctx, 5*time.Second)
	defer cancel()
	err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		// First the windows the file opened, which could write to the
		// storage while it is cleared.
		if err := s.closePopups(ctx); err != nil {
			return err
		}
		var v string
		if err := hostCall(ctx, "__wxrunHost.end()", &v); err != nil {
			return err
		}
		if v != "clean" {
			return fmt.Errorf("the host page answered %q", v)
		}
		if err := storage.ClearDataForOrigin(origin, "all").Do(ctx); err != nil {
			return fmt.Errorf("clearing the storage: %w", err)
		}
		if err := network.ClearBrowserCookies().Do(ctx); err != nil { // every name's, in this context
			return fmt.Errorf("clearing the cookies: %w", err)
		}
		// DevTools keeps the objects of every console call, and with them
		// the frame's window: let them go.
		return runtime.DiscardConsoleEntries().Do(ctx)
	}))
	s.px.cut() // the frame is gone: so are its connections, and no pooled one serves the next file
	return err
}

// closePopups closes the windows a file opened (window.open): they are
// other targets of the context, and would go on running its code. It
// returns when they are gone (closing a target only begins it).
func (s *slot) closePopups(ctx context.Context) error {
	c := chromedp.FromContext(s.ctx)
	if c == nil || c.Browser == nil || c.Target == nil {
		return nil
	}
	bctx := cdp.WithExecutor(ctx, c.Browser)
	for closing := false; ; {
		infos, err := target.GetTargets().Do(bctx)
		if err != nil {
			return err
		}
		open := false
		for _, t := range infos {
			// Only pages: a window also has targets of the browser's own UI.
			if t.Type != "page" || t.BrowserContextID != c.BrowserContextID || t.TargetID == c.Target.TargetID {
				continue
			}
			open = true
			if !closing {
				if err := target.CloseTarget(t.TargetID).Do(bctx); err != nil {
					return fmt.Errorf("closing a window the file opened: %w", err)
				}
			}
		}
		if !open {
			return nil
		}
		closing = true
		select {
		case <-ctx.Done():
			return fmt.Errorf("a window the file opened did not close: %w", ctx.Err())
		case <-time.After(10 * time.Millisecond):
		}
	}
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

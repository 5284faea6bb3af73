package wxrun

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/security"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// A slot is a page made ahead of its file: a fresh browser context with
// its own proxy, and a target in it, attached, at about:blank. Making one
// takes Chromium 150-250 ms on this project's 2-core machine (a renderer
// process starts, chromedp enables a dozen domains); the Runner keeps
// Options.Spares of them ready, made while other files run, so a file
// waits only for its own page. A slot serves one file, then is thrown away.
type slot struct {
	ctx    context.Context
	cancel context.CancelFunc
	px     *proxy
	sink   atomic.Pointer[collector] // where the page's events go, once it has a file
	err    error
}

func (s *slot) event(ev any) {
	if c := s.sink.Load(); c != nil {
		c.event(ev)
	}
}

func (rn *Runner) newSlot() *slot {
	s := &slot{}
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
	// off again, with the others a page of wxrun does not use.
	acts := []chromedp.Action{runtime.AddBinding(binding), network.Disable(), css.Disable(), dom.Disable()}
	if rn.chrome.remote {
		// A remote browser does not trust wxrun's key. The page's
		// connections all end at wxrun (its server, its proxy); the
		// servers behind the proxy are still checked, in Go.
		acts = append(acts, security.SetIgnoreCertificateErrors(true))
	}
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

// fill keeps the spares channel full until the Runner closes.
func (rn *Runner) fill() {
	defer rn.fillers.Done()
	for {
		select {
		case <-rn.done:
			return
		default:
		}
		s := rn.newSlot()
		select {
		case rn.spares <- s:
		case <-rn.done:
			if rn.chrome.remote {
				s.close()
			} else if s.px != nil {
				s.px.Close()
			}
			return
		}
	}
}

// take waits for a spare page.
func (rn *Runner) take(ctx context.Context) (*slot, error) {
	select {
	case s := <-rn.spares:
		return s, s.err
	case <-ctx.Done():
		return nil, context.Cause(ctx)
	case <-rn.done:
		return nil, errClosed
	}
}

// discard ends a used slot without making its file wait.
func (rn *Runner) discard(s *slot) {
	rn.mu.Lock()
	if rn.shut { // Close is past waiting: the browser takes the page with it
		rn.mu.Unlock()
		if s.px != nil {
			s.px.Close()
		}
		return
	}
	rn.closing.Add(1)
	rn.mu.Unlock()
	go func() {
		defer rn.closing.Done()
		s.close()
	}()
}

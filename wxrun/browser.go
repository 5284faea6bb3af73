package wxrun

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"

	"wxsocket/internal/browsers"
)

// A Runner has one browser: Chromium started with chromedp (Debian's
// chromium, the flags of browsers.ChromiumFlags), or a browser already
// running elsewhere, reached over the DevTools protocol (-browser).
type chrome struct {
	ctx     context.Context // chromedp's context of the browser
	cancel  context.CancelFunc
	alloc   context.CancelFunc
	remote  bool
	version string
}

// hostRules stop a started browser from resolving any name itself: pages
// reach servers through their proxy (proxy.go), which dials only mapped
// names, and the pages themselves come from 127.0.0.1 or the -listen
// address (the rules map IP addresses too).
func hostRules(listen string) string {
	r := "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"
	if listen != "127.0.0.1" {
		r += ", EXCLUDE " + listen
	}
	return r
}

func startChrome(o Options, spki string) (*chrome, error) {
	logf := o.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	// chromedp reports events it cannot decode (a newer Chromium than its
	// protocol tables) as errors: they are not the user's business, and go
	// to -v, but for the one each file's frame makes (a navigation reason
	// chromedp does not know).
	errorf := func(format string, args ...any) {
		if msg := fmt.Sprintf(format, args...); !strings.Contains(msg, "unknown ClientNavigationReason value") {
			logf("%s", msg)
		}
	}
	copts := []chromedp.ContextOption{
		chromedp.WithErrorf(errorf), chromedp.WithLogf(logf),
		chromedp.WithBrowserOption(chromedp.WithBrowserErrorf(errorf), chromedp.WithBrowserLogf(logf)),
	}
	c := &chrome{}
	var actx context.Context
	if o.Browser != "" {
		u, err := checkRemote(o.Browser)
		if err != nil {
			return nil, err
		}
		c.remote = true
		actx, c.alloc = chromedp.NewRemoteAllocator(context.Background(), u)
	} else {
		path := o.Chromium
		if path == "" {
			path, _ = browsers.Find(browsers.Chromium)
		}
		if path == "" {
			return nil, errors.New("no Chromium or Chrome on PATH (Debian: apt-get install chromium), and no -browser given")
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path))
		opts = append(opts, browsers.ChromedpFlags(browsers.ChromiumFlags(spki, hostRules(o.Listen)))...)
		for _, f := range o.ChromiumFlags {
			name, val, hasVal := strings.Cut(strings.TrimLeft(f, "-"), "=")
			if hasVal {
				opts = append(opts, chromedp.Flag(name, val))
			} else {
				opts = append(opts, chromedp.Flag(name, true))
			}
		}
		actx, c.alloc = chromedp.NewExecAllocator(context.Background(), opts...)
	}
	c.ctx, c.cancel = chromedp.NewContext(actx, copts...)
	// The first Run starts the browser (or connects); its context must live
	// as long as the browser, so the time limit is a watchdog, not a ctx.
	done := make(chan error, 1)
	go func() { done <- chromedp.Run(c.ctx) }()
	select {
	case err := <-done:
		if err != nil {
			c.close()
			if c.remote {
				return nil, fmt.Errorf("no browser at %s: %v", o.Browser, err)
			}
			return nil, fmt.Errorf("starting Chromium: %v", err)
		}
	case <-time.After(60 * time.Second):
		c.close()
		return nil, errors.New("the browser did not start within a minute")
	}
	if _, product, _, _, _, err := browser.GetVersion().Do(cdp.WithExecutor(c.ctx, chromedp.FromContext(c.ctx).Browser)); err == nil {
		c.version = product
	}
	return c, nil
}

// checkRemote makes a -browser address into what chromedp takes, and dials
// it once, so that a browser that is not there is one clear error.
func checkRemote(addr string) (string, error) {
	u, err := url.Parse(addr)
	if err != nil || u.Host == "" || (u.Scheme != "ws" && u.Scheme != "wss" && u.Scheme != "http" && u.Scheme != "https") {
		return "", fmt.Errorf("-browser %q: want ws://host:port (a browser started with --remote-debugging-port)", addr)
	}
	host := u.Host
	if u.Port() == "" {
		return "", fmt.Errorf("-browser %q: no port (Chromium's DevTools port, e.g. ws://127.0.0.1:9222)", addr)
	}
	conn, err := net.DialTimeout("tcp", host, 5*time.Second)
	if err != nil {
		return "", fmt.Errorf("no browser at %s: %v", addr, unwrapOp(err))
	}
	conn.Close()
	return addr, nil
}

// close ends the browser: a started Chromium exits (chromedp waits for it
// and removes its profile directory); a remote browser loses only the
// pages and contexts this run made.
func (c *chrome) close() error {
	var err error
	if c.ctx != nil {
		ctx, cancel := context.WithTimeout(c.ctx, 10*time.Second)
		err = chromedp.Cancel(ctx)
		cancel()
		c.cancel()
	}
	c.alloc()
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		err = nil
	}
	return err
}

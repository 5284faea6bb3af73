package wxrun

import (
	"context"
	"crypto"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync"
	"sync/atomic"

	"wxsocket/internal/wstest"
	"wxsocket/relay"
)

// Options set up a Runner.
type Options struct {
	// Shim is a directory with wx.js and wx.wasm (make build's build/).
	// Empty: the shim is built from the source this package carries, once
	// per Go version, into the user's cache directory (see shim.go).
	Shim string
	// Browser is the DevTools address of a running browser
	// (ws://host:port); empty starts Chromium. The browser must reach
	// Listen: wxrun serves the pages there.
	Browser string
	// Listen is the IP address wxrun's servers (the pages, the host pages,
	// each page's proxy, the relay) listen on and the browser is sent to;
	// empty is 127.0.0.1. A browser on another host (-browser) needs an
	// address of this machine it reaches (listen.go).
	Listen string
	// Chromium is the browser binary; empty finds chromium or chrome on PATH.
	Chromium string
	// ChromiumFlags are added to the started browser's command line
	// ("--js-flags=--max-old-space-size=64").
	ChromiumFlags []string
	// Spares is how many host pages are made at the start (see slot.go);
	// default 1. Running N files at once wants N; more are made when more
	// files run at once.
	Spares int
	// Logf, when set, gets wxrun's and chromedp's diagnostics.
	Logf func(format string, args ...any)
}

var errClosed = errors.New("wxrun: the Runner is closed")

// Runner runs files in one browser, each in a fresh frame of a host page
// (slot.go). It is safe for concurrent use: host pages run side by side.
type Runner struct {
	opts   Options
	cert   *wstest.Cert
	leaf   *x509.Certificate
	srv    *server
	ws     *wstest.Server // the files' origin: their pages, files, relays, and -serve's endpoints
	host   *hostServer    // the host pages' origin (slot.go)
	chrome *chrome
	leaves *leaves

	idle     chan *slot // host pages ready for a file
	done     chan struct{}
	once     sync.Once
	workers  sync.WaitGroup // making slots, resetting used ones
	mu       sync.Mutex
	coming   int          // slots idle or on their way that no file has claimed
	made     atomic.Int64 // slots made so far (tests read it)
	shut     bool         // Close has begun
	closeErr error

	relayMu sync.Mutex
	plain   *relay.Plain // the runs' relays' plain listener (relay.go), made with the first

	idKey [32]byte // keys the runs' names in URLs (runID)
}

// Start serves the shim on Options.Listen over https, with a certificate made
// for this Runner, and starts (or connects to) the browser.
func Start(ctx context.Context, o Options) (*Runner, error) {
	sh, err := loadShim(o.Shim)
	if err != nil {
		return nil, err
	}
	cert, err := wstest.NewCert()
	if err != nil {
		return nil, err
	}
	leaf, err := x509.ParseCertificate(cert.TLS.Certificate[0])
	if err != nil {
		return nil, err
	}
	key, ok := cert.TLS.PrivateKey.(crypto.Signer)
	if !ok {
		return nil, errors.New("wxrun: the certificate's key cannot sign")
	}
	at, err := ListenAddr(o.Listen)
	if err != nil {
		return nil, err
	}
	o.Listen = at
	srv, err := newServer(sh)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(at, "0"))
	if err != nil {
		return nil, err
	}
	ws := wstest.Serve(ln, cert, srv)
	lv, err := newLeaves(key)
	if err != nil {
		ws.Close()
		return nil, err
	}
	host, err := startHostServer(cert, at)
	if err != nil {
		ws.Close()
		return nil, err
	}
	r := &Runner{opts: o, cert: cert, leaf: leaf, srv: srv, ws: ws, host: host, leaves: lv}
	if _, err := rand.Read(r.idKey[:]); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		ws.Close()
		host.Close()
		return nil, err
	}
	r.chrome, err = startChrome(o, cert.SPKI)
	if err != nil {
		ws.Close()
		host.Close()
		return nil, err
	}
	// idle never blocks a put: it holds more slots than files run at once.
	r.idle, r.done = make(chan *slot, 1024), make(chan struct{})
	r.mu.Lock()
	for range max(o.Spares, 1) {
		r.coming++
		r.make()
	}
	r.mu.Unlock()
	r.logf("wxrun: browser %s, shim from %s, pages at %s", r.chrome.version, sh.dir, ws.URL)
	return r, nil
}

// Browser is the browser's product name and version.
func (r *Runner) Browser() string { return r.chrome.version }

// Close ends the browser (or, for a remote one, what this Runner made in
// it) and the server.
// Calling it again does nothing.
func (r *Runner) Close() error {
	r.once.Do(func() {
		r.mu.Lock()
		r.shut = true
		r.mu.Unlock()
		close(r.done)
		r.workers.Wait()
		for len(r.idle) > 0 {
			r.drop(<-r.idle)
		}
		r.closeErr = r.chrome.close()
		if err := r.ws.Close(); r.closeErr == nil && err != nil {
			r.closeErr = fmt.Errorf("wxrun: stopping the server: %w", err)
		}
		if err := r.host.Close(); r.closeErr == nil && err != nil {
			r.closeErr = fmt.Errorf("wxrun: stopping the host pages' server: %w", err)
		}
	})
	return r.closeErr
}

func (r *Runner) logf(format string, args ...any) {
	if r.opts.Logf != nil {
		r.opts.Logf(format, args...)
	}
}

// runID names run n in URLs (/t/TOKEN/ID/: its page, files and relay): its
// number, then a keyed hash of it. A file knows its own URL, and numbers
// alone would let it name the run beside it (-p) and ask for that page,
// whose relay secret the page carries, through its own relay, which
// sends the Sec-Fetch-* headers server.go checks as given.
func (rn *Runner) runID(n int64) string {
	m := hmac.New(sha256.New, rn.idKey[:])
	m.Write([]byte(strconv.FormatInt(n, 10)))
	return strconv.FormatInt(n, 10) + "-" + hex.EncodeToString(m.Sum(nil)[:12])
}

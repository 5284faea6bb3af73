//go:build !js

// Package browsers starts real browser engines on a page, for tests and
// benchmarks: Firefox (Debian's firefox-esr, headless, on a throwaway
// profile), WebKit (WebKitGTK's MiniBrowser driven by WebKitWebDriver under
// Xvfb) and Chromium (headless, on a throwaway profile).
//
// No engine is driven over a debugging protocol while a page runs: the page
// reports to the Go side over HTTP, the way Karma does (see Run and Eval).
// A DevTools connection turns every WebSocket frame into a protocol event,
// which hides what the code under test costs.
//
// Every engine trusts only the test certificate it is given, sends every
// host name to 127.0.0.1, and runs with its background networking off; a
// Watch on its processes fails a run that opens anything but loopback.
// Each runs in a process group and a TMPDIR of its own, which Close ends
// and removes, and so does SIGINT or SIGTERM to the process that started
// it (signals.go).
package browsers

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"

	"wxsocket/internal/wstest"
)

// Engine names a browser engine.
type Engine string

// The engines this package starts.
const (
	Chromium Engine = "chromium"
	Firefox  Engine = "firefox"
	WebKit   Engine = "webkit"
)

// Engines lists them, in the order reports use.
var Engines = []Engine{Chromium, Firefox, WebKit}

// Options says what an engine trusts and where its own output goes.
type Options struct {
	// Cert is the test server's certificate: Firefox trusts its CA (in the
	// profile's NSS database), Chromium its leaf key, WebKit its leaf for
	// each of TrustHosts. Nil trusts nothing beyond the system.
	Cert *wstest.Cert
	// TrustHosts are the host names WebKit accepts Cert's leaf for (its
	// trust is per exact host). Nil means DefaultTrustHosts.
	TrustHosts []string
	// Log receives the browser's own stdout and stderr (nil: dropped).
	Log io.Writer
	// ChromiumFlags are switches added to Chromium's own (wxbench's
	// --js-flags=--expose-gc, for one).
	ChromiumFlags []string
}

// DefaultTrustHosts are the names the tests connect to.
var DefaultTrustHosts = []string{
	"127.0.0.1", "localhost", "example.com", "good.example.com", "other.example.com",
	"api.example.com", "evil.test", "x.test",
}

// Browser is a running engine showing one page.
type Browser struct {
	Engine  Engine
	Version string // "Mozilla Firefox 153.8.0esr", "WebKitGTK 2.50.6", ...

	root    *exec.Cmd // the process whose tree is the browser
	done    chan struct{}
	waitErr error
	mu      sync.Mutex
	stop    []func() // run in reverse order by Close
	closed  bool     // once set, onClose runs its function at once
	tmp     string   // the browser's TMPDIR
	once    sync.Once
}

// Start launches e on url and returns once the browser runs (for WebKit:
// once the page has been navigated to).
func Start(ctx context.Context, e Engine, url string, opt Options) (*Browser, error) {
	b := &Browser{Engine: e, done: make(chan struct{})}
	b.onClose(OnSignal(func() { b.Close() })) // signals.go
	if b.isClosed() {
		return nil, errSignalled
	}
	var err error
	switch e {
	case Firefox:
		err = b.startFirefox(url, opt)
	case WebKit:
		err = b.startWebKit(ctx, url, opt)
	case Chromium:
		err = b.startChromium(url, opt)
	default:
		err = fmt.Errorf("browsers: unknown engine %q (want chromium, firefox or webkit)", e)
	}
	if err != nil {
		b.Close()
		return nil, err
	}
	return b, nil
}

// Spawn starts cmd, a command that runs a browser of its own (go test
// -exec wasmbrowsertest), as Start starts a browser: in a process group of
// its own, with a TMPDIR of its own, both ended by Close or by SIGINT or
// SIGTERM to this process. Done and Err report cmd's exit.
func Spawn(cmd *exec.Cmd) (*Browser, error) {
	b := &Browser{done: make(chan struct{})}
	b.onClose(OnSignal(func() { b.Close() }))
	if b.isClosed() {
		return nil, errSignalled
	}
	if err := b.spawn(cmd, nil, true); err != nil {
		b.Close()
		return nil, err
	}
	return b, nil
}

// Done is closed when the browser's root process has exited.
func (b *Browser) Done() <-chan struct{} { return b.done }

// Err is why the browser exited, once Done is closed.
func (b *Browser) Err() error { return b.waitErr }

// Pid is the browser's root process; its descendants are the rest of it.
func (b *Browser) Pid() int {
	if b.root == nil || b.root.Process == nil {
		return 0
	}
	return b.root.Process.Pid
}

// Close ends the browser and everything it started, and removes its
// throwaway profile. It may run while Start does (on a signal): what
// Start starts after it is ended at once.
func (b *Browser) Close() error {
	b.once.Do(func() {
		b.mu.Lock()
		stop := b.stop
		b.stop, b.closed = nil, true
		b.mu.Unlock()
		for i := len(stop) - 1; i >= 0; i-- {
			stop[i]()
		}
	})
	return nil
}

func (b *Browser) isClosed() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.closed
}

// onClose adds f to what Close runs, or runs it now if Close has run.
func (b *Browser) onClose(f func()) {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		f()
		return
	}
	b.stop = append(b.stop, f)
	b.mu.Unlock()
}

// spawn starts cmd in its own process group, so that Close can end every
// process it forks (content processes, the network process) by that id.
// The root is the browser itself: Done reports its exit.
func (b *Browser) spawn(cmd *exec.Cmd, log io.Writer, root bool) error {
	ownGroup(cmd)
	// A TMPDIR of its own, which Close removes: what a browser killed
	// mid-run keeps there (Chromium's singleton directory, Firefox's)
	// goes with it.
	if b.tmp == "" {
		dir, err := b.tempDir("wx-tmp-")
		if err != nil {
			return err
		}
		b.tmp = dir
	}
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	cmd.Env = append(cmd.Env, "TMPDIR="+b.tmp)
	if log != nil {
		cmd.Stdout, cmd.Stderr = log, log
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	if root {
		b.root = cmd
	}
	exited := make(chan struct{})
	go func() {
		err := cmd.Wait()
		if root {
			b.waitErr = err
			close(b.done)
		}
		close(exited)
	}()
	b.onClose(func() { endGroup(cmd, exited) })
	return nil
}

// tempDir makes a directory that Close removes.
func (b *Browser) tempDir(pattern string) (string, error) {
	dir, err := os.MkdirTemp("", pattern)
	if err != nil {
		return "", err
	}
	b.onClose(func() { os.RemoveAll(dir) })
	return dir, nil
}

// Find returns the path of e's browser binary, or an error that says which
// Debian package provides it.
func Find(e Engine) (string, error) {
	var names []string
	pkg := ""
	switch e {
	case Firefox:
		names, pkg = []string{"firefox-esr", "firefox"}, "firefox-esr"
	case WebKit:
		names, pkg = []string{"WebKitWebDriver"}, "webkit2gtk-driver"
	case Chromium:
		names, pkg = chromiumNames, "chromium"
	default:
		return "", fmt.Errorf("browsers: unknown engine %q", e)
	}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("browsers: no %s on PATH (Debian: apt-get install %s; make deps does)", strings.Join(names, " or "), pkg)
}

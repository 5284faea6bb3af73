package wxrun

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"wxsocket/internal/rules"
)

// Script is a mini-program script run from a Go test by Run, against the
// test's own server.
type Script struct {
	File   string // the script file (relative to the test's package directory); or
	Source string // the script itself
	Name   string // for messages
	Root   string // directory the page may load files from (default: the package directory)
	Kind   Kind

	// Server is the backend under test: an httptest TLS server (a
	// mini-program connects with wss). Its certificate is trusted, and
	// Host is mapped to it.
	Server *httptest.Server
	// Host is the server's name in the script (wss://Host/...,
	// https://Host/...); it is also added to the legal socket and request
	// domains.
	Host string

	Settings Settings
	Routes   map[string]Route // more names, as -map
	Serve    bool             // wxrun.serve: the echo and fault server
	Vars     map[string]any   // wxrun.vars in the script
	Timeout  time.Duration    // default 30 s
	Relay    bool             // through the relay, so header and Referer reach Server
}

// Run runs s and reports a failure with t.Error: the script's reason, then
// its console. The console is logged (t.Log) either way. The browser is
// started once per test binary when the package's TestMain calls Main;
// without it, once per top-level test.
//
// The Runner's options come from the environment: WXRUN_SHIM (a directory
// with wx.js and wx.wasm), WXRUN_BROWSER (ws://host:port of a running
// browser), WXRUN_CHROMIUM (the binary), WXRUN_VERBOSE.
func Run(t testing.TB, s Script) *Result {
	t.Helper()
	f, err := s.file()
	if err != nil {
		t.Fatalf("wxrun: %v", err)
	}
	rn := runnerFor(t)
	res := rn.Run(context.Background(), f)
	if out := res.Output(); out != "" {
		t.Logf("wxrun: %s console:\n%s", res.Name, out)
	}
	if !res.Pass {
		t.Errorf("wxrun: %s failed (%.2fs): %s", res.Name, res.Elapsed.Seconds(), res.Reason)
	}
	return res
}

func (s Script) file() (File, error) {
	f := File{Path: s.File, Source: s.Source, Name: s.Name, Root: s.Root, Kind: s.Kind, Settings: s.Settings,
		Serve: s.Serve, Vars: s.Vars, Timeout: s.Timeout, Relay: s.Relay, Routes: map[string]Route{}}
	if s.File == "" && s.Source == "" {
		return f, fmt.Errorf("the Script has neither File nor Source")
	}
	for k, v := range s.Routes {
		f.Routes[k] = v
	}
	if s.Server != nil {
		cert := s.Server.Certificate()
		if cert == nil {
			return f, fmt.Errorf("Script.Server is not a TLS server: use httptest.NewTLSServer (a mini-program connects with wss)")
		}
		if !rules.IsHostName(s.Host) {
			return f, fmt.Errorf("Script.Host %q: want the server's name in the script, e.g. api.example.com", s.Host)
		}
		f.Routes[strings.ToLower(s.Host)] = Route{Addr: s.Server.Listener.Addr().String(), Pin: cert}
		f.Settings.SocketDomains = append(append([]string(nil), f.Settings.SocketDomains...), s.Host)
		f.Settings.RequestDomains = append(append([]string(nil), f.Settings.RequestDomains...), s.Host)
	}
	return f, nil
}

// shared is the test binary's Runner when Main is in use.
var shared struct {
	sync.Mutex
	main bool
	rn   *Runner
	err  error
}

// Main runs the tests with one browser for all of them, and ends it (and
// its temporary profile) before the binary exits:
//
//	func TestMain(m *testing.M) { wxrun.Main(m) }
func Main(m *testing.M) {
	shared.Lock()
	shared.main = true
	shared.Unlock()
	code := m.Run()
	shared.Lock()
	if shared.rn != nil {
		shared.rn.Close()
	}
	shared.Unlock()
	os.Exit(code)
}

// per-test Runners, when Main is not in use: one per top-level test.
var perTest sync.Map // testing.TB -> *Runner

func runnerFor(t testing.TB) *Runner {
	t.Helper()
	shared.Lock()
	if shared.main {
		defer shared.Unlock()
		if shared.rn == nil && shared.err == nil {
			shared.rn, shared.err = Start(context.Background(), envOptions())
		}
		if shared.err != nil {
			t.Fatalf("wxrun: %v", shared.err)
		}
		return shared.rn
	}
	shared.Unlock()
	if rn, ok := perTest.Load(t); ok {
		return rn.(*Runner)
	}
	rn, err := Start(context.Background(), envOptions())
	if err != nil {
		t.Fatalf("wxrun: %v", err)
	}
	perTest.Store(t, rn)
	t.Cleanup(func() {
		perTest.Delete(t)
		rn.Close()
	})
	return rn
}

func envOptions() Options {
	o := Options{Shim: os.Getenv("WXRUN_SHIM"), Browser: os.Getenv("WXRUN_BROWSER"), Chromium: os.Getenv("WXRUN_CHROMIUM")}
	if os.Getenv("WXRUN_VERBOSE") != "" {
		o.Logf = func(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) }
	}
	return o
}

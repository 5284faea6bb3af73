//go:build !js

package browsers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"wxsocket/internal/wstest"
)

// Probe is JavaScript to run in an engine with Eval.
type Probe struct {
	// Scripts are bodies of async functions, run one after another in one
	// page; each returns a JSON-encodable value. In scope:
	//
	//	ECHO, ORIGIN              wss:// and https:// of a wstest server on 127.0.0.1
	//	PLAIN_ECHO, PLAIN_ORIGIN  ws:// and http:// of the same server's paths
	//	UNTRUSTED                 wss:// of a wstest server whose certificate
	//	                          the engine does not trust
	Scripts []string
	// HTTP serves the page over http://127.0.0.1 (a page that is not a
	// secure context); by default it is served by the wss server itself,
	// over https, as a page that uses wss is.
	HTTP bool
	// Head is HTML put before the scripts run, e.g. a <script> that Files
	// serves.
	Head string
	// Files serves every other path of the page's server (nil: none).
	Files http.Handler
	// Timeout bounds each script (default 20 s).
	Timeout time.Duration
}

// Output is one script's outcome: its value as JSON, or what it threw.
type Output struct {
	Value json.RawMessage `json:"value"`
	Error string          `json:"error"`
}

// Eval runs p in engine e and returns one Output per script, and the
// browser's version. Tests and tools use it to ask an engine what it does
// (a constructor's message, the events of a refused handshake) instead of
// keeping a table of what engines are believed to do. opt.Cert is the
// certificate the page's server uses and the engine trusts; nil makes one.
func Eval(ctx context.Context, e Engine, opt Options, p Probe) ([]Output, string, error) {
	if opt.Cert == nil {
		c, err := wstest.NewCert()
		if err != nil {
			return nil, "", err
		}
		opt.Cert = c
	}
	if p.Timeout == 0 {
		p.Timeout = 20 * time.Second
	}
	h := &probeHandler{p: p, done: make(chan struct{}), outs: make([]Output, len(p.Scripts))}
	srv, err := wstest.Start("127.0.0.1:0", opt.Cert, h)
	if err != nil {
		return nil, "", err
	}
	defer srv.Close()
	other, err := wstest.NewCert()
	if err != nil {
		return nil, "", err
	}
	untrusted, err := wstest.Start("127.0.0.1:0", other, nil)
	if err != nil {
		return nil, "", err
	}
	defer untrusted.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	plain := &http.Server{Handler: srv.Handler()}
	go plain.Serve(ln)
	defer plain.Close()
	h.globals = map[string]string{
		"ECHO": srv.WSS, "ORIGIN": srv.URL, "UNTRUSTED": untrusted.WSS,
		"PLAIN_ECHO": "ws://" + ln.Addr().String(), "PLAIN_ORIGIN": "http://" + ln.Addr().String(),
	}
	page := srv.URL + "/probe.html"
	if p.HTTP {
		page = h.globals["PLAIN_ORIGIN"] + "/probe.html"
	}
	b, err := Start(ctx, e, page, opt)
	if err != nil {
		return nil, "", err
	}
	defer b.Close()
	w := Watch(b.Pid())
	select {
	case <-h.done:
	case <-b.Done():
		err = fmt.Errorf("browsers: %s exited before the probe ended: %v", e, b.Err())
	case <-ctx.Done():
		err = fmt.Errorf("browsers: %s: %w", e, ctx.Err())
	}
	if bad := w.Stop(); len(bad) > 0 && err == nil {
		err = errors.New("browsers: " + string(e) + " opened connections to non-loopback addresses: " + strings.Join(bad, ", "))
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.outs, b.Version, err
}

type probeHandler struct {
	p       Probe
	globals map[string]string
	mu      sync.Mutex
	outs    []Output
	done    chan struct{}
	once    sync.Once
}

func (h *probeHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	switch r.URL.Path {
	case "/probe.html":
		b, _ := pages.ReadFile("page/probe.html")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(strings.Replace(string(b), "<!--HEAD-->", h.p.Head, 1)))
	case "/probe.js", "/report.js":
		servePage(w, r, "page"+r.URL.Path)
	case "/probe/scripts":
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"scripts": h.p.Scripts, "globals": h.globals, "timeoutMs": h.p.Timeout.Milliseconds(),
		})
	case "/probe/result":
		var res struct {
			I int `json:"i"`
			Output
		}
		if err := decodeBody(r, &res); err != nil || res.I < 0 || res.I >= len(h.outs) {
			http.Error(w, "bad result", http.StatusBadRequest)
			return
		}
		h.mu.Lock()
		h.outs[res.I] = res.Output
		h.mu.Unlock()
	case "/done":
		h.once.Do(func() { close(h.done) })
	case "/out": // uncaught page errors: each script's own throw is its Output.Error
		w.WriteHeader(http.StatusNoContent)
	default:
		if h.p.Files != nil {
			h.p.Files.ServeHTTP(w, r)
			return
		}
		http.NotFound(w, r)
	}
}

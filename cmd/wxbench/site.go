package main

import (
	"context"
	"crypto/x509"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sync/atomic"

	"wxsocket/internal/wstest"
	"wxsocket/relay"
)

// The bench site, which the page modes (chromium, firefox, webkit) serve on
// 127.0.0.1 over https, whatever the host name (first.html puts each page
// on a host of its own): the bench pages (page/), the built shim, the run's
// settings (/config), the relay (/relay, and on its plain listener), a wss
// echo server (wstest's), and /report, where the pages post their figures:
// Chromium runs with no DevTools connection (chromium.go says why), so the
// page reports over HTTP.

//go:embed page
var page embed.FS

// pageConfig is what the bench page reads from /config.
type pageConfig struct {
	Reps        int      `json:"reps"`
	Cycles      int      `json:"cycles"`
	FailedSends int      `json:"failedSends"`
	Order       []string `json:"order"`
	First       int      `json:"first"`              // fresh pages for the first-connect figure
	Only        []string `json:"only,omitempty"`     // workloads; none: every one
	ReqScale    float64  `json:"reqScale,omitempty"` // the request and file workloads' size; 0: 1
	FileMemory  int      `json:"fileMemory"`         // bytes of the download whose memory is measured; 0: none
	// Relay and RelayTLS are wxshim.relay for the relay variants: the plain
	// listener's URL, and /relay of this site (wss). Neither has a fallback:
	// each variant measures the one leg it names.
	Relay    *relay.Setting `json:"relay,omitempty"`
	RelayTLS *relay.Setting `json:"relayTLS,omitempty"`
}

// report is one message from the page.
type report struct {
	Kind    string          `json:"kind"`
	I       int             `json:"i"`
	Ms      float64         `json:"ms"`
	Data    json.RawMessage `json:"data"`
	Message string          `json:"message"`
}

type site struct {
	*wstest.Server
	reports chan report
	plain   *relay.Plain // nil: no relay
	mem     *memProbe    // /mem: the browser's memory, once watch has its process
}

// startSite serves build's shim with cfg; withRelay adds the relay, through
// which the page reaches the same echo server as directly, so that
// relay/task is what the relay's hop costs.
func startSite(build string, cfg pageConfig, withRelay bool) (*site, error) {
	if _, err := os.Stat(filepath.Join(build, "wx.wasm")); err != nil {
		return nil, fmt.Errorf("%v (run make build first)", err)
	}
	cert, err := wstest.NewCert()
	if err != nil {
		return nil, err
	}
	pages, err := fs.Sub(page, "page")
	if err != nil {
		return nil, err
	}
	s := &site{reports: make(chan report, 64), mem: newMemProbe()}
	var rl http.Handler = http.NotFoundHandler()
	if withRelay {
		var set relay.Setting
		if rl, set, err = s.startRelay(cert); err != nil {
			return nil, err
		}
		cfg.Relay = &set
	}
	// cfg is complete but for the wss relay URL, which needs the port.
	var body atomic.Pointer[[]byte]
	config := func(w http.ResponseWriter) {
		if b := body.Load(); b != nil {
			w.Write(*b)
			return
		}
		http.Error(w, "the site is not started yet", http.StatusServiceUnavailable)
	}
	if s.Server, err = wstest.Start("127.0.0.1:0", cert, handler(build, pages, config, s.reports, rl, s.mem)); err != nil {
		s.plain.Close()
		return nil, err
	}
	if withRelay {
		cfg.RelayTLS = &relay.Setting{URL: s.WSS + "/relay", Secret: cfg.Relay.Secret}
	}
	b, err := json.Marshal(cfg)
	if err != nil {
		s.close()
		return nil, err
	}
	body.Store(&b)
	return s, nil
}

// startRelay makes the relay, trusting the site's CA, dialling 127.0.0.1,
// and serves it on a plain listener of its own, ws://127.0.0.1:port/relay,
// as cmd/wxserve serves it (relay/wire.go says why).
func (s *site) startRelay(cert *wstest.Cert) (*relay.Relay, relay.Setting, error) {
	secret, err := relay.NewSecret()
	if err != nil {
		return nil, relay.Setting{}, err
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(cert.CAPEM)
	rl, err := relay.New(relay.Options{
		Secret:         secret,
		OriginPatterns: []string{"https://127.0.0.1:*"}, // the bench pages, on the plain listener
		RootCAs:        pool,
		DialContext:    wstest.DialLoopback,
	})
	if err != nil {
		return nil, relay.Setting{}, err
	}
	if s.plain, err = relay.ListenPlain("127.0.0.1:0"); err != nil {
		return nil, relay.Setting{}, err
	}
	s.plain.Handle("/relay", rl)
	return rl, relay.Setting{URL: s.plain.URL("/relay"), Secret: secret}, nil
}

// watch lets /mem measure the browser whose root process is pid.
func (s *site) watch(pid int) { s.mem.root.Store(int64(pid)) }

func (s *site) close() {
	s.Server.Close()
	s.plain.Close()
}

// awaitPage hands the page's reports to take until take says the page is
// done, the page reports an error, exited is closed (the browser ended), or
// ctx ends.
func (s *site) awaitPage(ctx context.Context, exited <-chan struct{}, take func(report) (done bool, err error)) error {
	for {
		select {
		case <-ctx.Done():
			return fmt.Errorf("the page did not finish: %w", context.Cause(ctx))
		case <-exited:
			return fmt.Errorf("the browser exited before the page was done")
		case r := <-s.reports:
			if r.Kind == "error" {
				return fmt.Errorf("the page failed: %s", r.Message)
			}
			if done, err := take(r); done || err != nil {
				return err
			}
		}
	}
}

// handler serves the bench pages, the built shim (cacheable, so the ready
// figure is the warm-cache one), the run's settings, the page's reports,
// the relay and the memory probe (memprobe.go).
func handler(build string, pages fs.FS, config func(http.ResponseWriter), reports chan<- report, rl, mem http.Handler) http.Handler {
	pf := http.FileServer(http.FS(pages))
	bf := http.FileServer(http.Dir(build))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/report":
			var rep report
			body, _ := io.ReadAll(io.LimitReader(r.Body, 16<<20))
			if err := json.Unmarshal(body, &rep); err != nil {
				http.Error(w, err.Error(), 400)
				return
			}
			reports <- rep
		case r.URL.Path == "/config":
			config(w)
		case r.URL.Path == "/relay":
			rl.ServeHTTP(w, r)
		case r.URL.Path == "/mem":
			mem.ServeHTTP(w, r)
		case r.URL.Path == "/favicon.ico":
			http.NotFound(w, r)
		case filepath.Ext(r.URL.Path) == ".wasm":
			w.Header().Set("Content-Type", "application/wasm")
			w.Header().Set("Cache-Control", "max-age=3600")
			bf.ServeHTTP(w, r)
		case r.URL.Path == "/wx.js" || r.URL.Path == "/wasm_exec.js":
			w.Header().Set("Cache-Control", "max-age=3600")
			bf.ServeHTTP(w, r)
		default:
			w.Header().Set("Cache-Control", "no-store")
			if r.URL.Path == "/first.html" {
				// Cross-origin isolated: performance.now() counts in 5 us
				// steps there, not 100 us.
				w.Header().Set("Cross-Origin-Opener-Policy", "same-origin")
				w.Header().Set("Cross-Origin-Embedder-Policy", "require-corp")
			}
			pf.ServeHTTP(w, r)
		}
	})
}

package main

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"strings"

	"wxsocket/internal/rules"
	"wxsocket/internal/wstest"
	"wxsocket/relay"
)

// relays are the harness's relay (/relay), reached two ways with one
// secret: at /relay of this server (wss://, the page's own origin), and on
// the relay's plain listener on 127.0.0.1 (ws://127.0.0.1:8444/relay;
// relay/wire.go says why), which /relay-config names first, with the wss
// URL as the fallback WebKit takes.
type relays struct {
	tls    *relay.Relay
	secret string
	opts   relay.Options
	plain  *relay.Plain // nil: none (-relay-port -1)
}

// newRelays makes the relay: pages of this server only, the secret from
// $WXRELAY_SECRET or a new random one, and upstream certificates checked
// against the system's roots plus the dev CA, so that a page can reach this
// server's own wss endpoints through it. plainAddr is where the plain
// listener goes (127.0.0.1 only; "" for none); it serves once servePlain
// knows this server's port.
//
// dial, when not nil, replaces the relay's name lookup and connect: tests
// route every name to 127.0.0.1 with it, as Chromium's resolver rules do.
func newRelays(cert *wstest.Cert, logf func(string, ...any), dial func(ctx context.Context, network, addr string) (net.Conn, error), plainAddr string) (*relays, error) {
	secret, err := relay.Secret("")
	if err != nil {
		return nil, err
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	pool.AppendCertsFromPEM(cert.CAPEM)
	r := &relays{secret: secret, opts: relay.Options{Secret: secret, RootCAs: pool, Logf: logf, DialContext: dial}}
	if r.tls, err = relay.New(r.opts); err != nil {
		return nil, err
	}
	if plainAddr != "" {
		if r.plain, err = relay.ListenPlain(plainAddr); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// servePlain serves the relay on the plain listener, for the pages of this
// server (https on port, by 127.0.0.1 or localhost): another origin than
// the listener's own, so the relay there allows exactly these.
func (r *relays) servePlain(port string) error {
	if r.plain == nil {
		return nil
	}
	o := r.opts
	o.OriginPatterns = []string{"https://127.0.0.1:" + port, "https://localhost:" + port}
	rl, err := relay.New(o)
	if err != nil {
		return err
	}
	r.plain.Handle("/relay", rl)
	return nil
}

// plainURL is the plain listener's relay URL, or "".
func (r *relays) plainURL() string { return r.plain.URL("/relay") }

func (r *relays) close() { r.plain.Close() }

// routes is the dev server's site: the relay at /relay, what a page needs
// to use it at /relay-config, and site for everything else.
func (r *relays) routes(site http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/relay", r.tls)
	mux.Handle("/relay-config", relayConfig(r.secret, r.plainURL))
	mux.Handle("/", site)
	return mux
}

// relayConfig answers GET /relay-config with wxshim.relay as it is
// (relay.Setting): the plain listener's URL and, as the fallback for a
// browser that will not open it, the relay's URL on the host the page was
// loaded from; without a plain listener, that URL alone. Only this
// server's own pages may read it: no CORS header (a page of another origin
// cannot read the answer), a request a browser marks as cross-origin is
// refused outright, and so is a Host that is not this machine's loopback
// (a DNS-rebinding page would have its own name in Host).
func relayConfig(secret string, plainURL func() string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if r.Method != http.MethodGet {
			http.Error(w, "GET only", http.StatusMethodNotAllowed)
			return
		}
		if !loopbackHost(r.Host) || !sameOrigin(r) {
			http.Error(w, "for this server's own pages only", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(relay.NewSetting(secret, "wss://"+r.Host+"/relay", plainURL()))
	}
}

// loopbackHost reports whether a request's Host names this machine
// (rules.IsLoopback): a DNS-rebinding page's Host is its own name.
func loopbackHost(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = hostport
	}
	return rules.IsLoopback(strings.ToLower(host))
}

// sameOrigin says whether a request may come from this server's own page:
// browsers send Sec-Fetch-Site, and Origin on cross-origin requests.
func sameOrigin(r *http.Request) bool {
	if s := r.Header.Get("Sec-Fetch-Site"); s != "" && s != "same-origin" && s != "none" {
		return false
	}
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Host != r.Host {
			return false
		}
	}
	return true
}

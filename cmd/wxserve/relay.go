package main

import (
	"context"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"

	"wxsocket/internal/wstest"
	"wxsocket/relay"
)

// newRelay is the relay the harness uses at /relay: pages of this server
// only, the secret from $WXRELAY_SECRET or a new random one, and upstream
// certificates checked against the system's roots plus the dev CA, so that
// a page can reach this server's own wss endpoints through it.
//
// dial, when not nil, replaces the relay's name lookup and connect: tests
// route every name to 127.0.0.1 with it, as Chromium's resolver rules do.
func newRelay(cert *wstest.Cert, logf func(string, ...any), dial func(ctx context.Context, network, addr string) (net.Conn, error)) (*relay.Relay, string, error) {
	secret := os.Getenv("WXRELAY_SECRET")
	if secret == "" {
		b := make([]byte, 24)
		if _, err := rand.Read(b); err != nil {
			return nil, "", err
		}
		secret = base64.RawURLEncoding.EncodeToString(b)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	pool.AppendCertsFromPEM(cert.CAPEM)
	rl, err := relay.New(relay.Options{Secret: secret, RootCAs: pool, Logf: logf, DialContext: dial})
	return rl, secret, err
}

// routes is the dev server's site: the relay at /relay, what a page needs
// to use it at /relay-config, and site for everything else.
func routes(site, rl http.Handler, secret string) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/relay", rl)
	mux.Handle("/relay-config", relayConfig(secret))
	mux.Handle("/", site)
	return mux
}

// relayConfig answers GET /relay-config with {"url", "secret"}: the relay's
// URL on the host the page was loaded from, and its secret. Only this
// server's own pages may read it: no CORS header (a page of another origin
// cannot read the answer), a request a browser marks as cross-origin is
// refused outright, and so is a Host that is not this machine's loopback
// (a DNS-rebinding page would have its own name in Host).
func relayConfig(secret string) http.HandlerFunc {
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
		json.NewEncoder(w).Encode(map[string]string{"url": "wss://" + r.Host + "/relay", "secret": secret})
	}
}

func loopbackHost(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = hostport
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
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

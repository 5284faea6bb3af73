//go:build !js

package relay

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"
)

// How a program serves a relay to its pages, one way in cmd/wxrelay,
// cmd/wxserve, cmd/wxbench and wxrun: a secret (Secret, NewSecret); the
// relay over TLS on the program's own https server, and on a plain ws://
// listener on loopback (ListenPlain); and the setting the page gets as
// wxshim.relay (NewSetting), which names the plain URL first and the wss
// one as the fallback.
//
// Why plain: Chromium and Firefox let an https page open ws:// to loopback
// (it is "potentially trustworthy"), and the page's leg then costs no TLS
// at either end: a 64 KiB round trip through the relay about 1.1x direct,
// against 1.3 to 1.5x over wss (BENCHMARKS.md). WebKit refuses it, and the
// shim then takes the fallback. The secret crosses the plain leg in the
// page's first message, on loopback only (doc.go, the security model).

// SecretEnv is the environment variable a fixed secret comes from (Secret).
const SecretEnv = "WXRELAY_SECRET"

// Secret is given when it is not empty, else $WXRELAY_SECRET when that is
// set, else a new one (NewSecret): for a relay a person starts beside pages
// of their own, which may have a fixed secret written in.
func Secret(given string) (string, error) {
	if given != "" {
		return given, nil
	}
	if s := os.Getenv(SecretEnv); s != "" {
		return s, nil
	}
	return NewSecret()
}

// NewSecret is 24 random bytes in base64url (32 characters): for a relay
// whose pages get the secret from the program that starts it.
func NewSecret() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// Setting is what a page sets wxshim.relay to (SOCKET.md section 7).
type Setting struct {
	URL    string `json:"url"`
	Secret string `json:"secret"`
	// Fallback is the URL the shim takes when the browser refuses URL
	// (WebKit refuses ws:// from an https page).
	Fallback string `json:"fallback,omitempty"`
}

// NewSetting points a page at the relay on its plain listener, with the
// relay's wss URL as the fallback; with no plain listener (plainURL ""),
// at the wss URL alone.
func NewSetting(secret, wssURL, plainURL string) Setting {
	if plainURL == "" {
		return Setting{URL: wssURL, Secret: secret}
	}
	return Setting{URL: plainURL, Secret: secret, Fallback: wssURL}
}

// JS is the setting as a JavaScript object literal, for the lines a person
// copies into a page: {url: "...", secret: "...", fallback: "..."}.
func (s Setting) JS() string {
	q := func(v string) string { b, _ := json.Marshal(v); return string(b) } // a string always marshals
	js := "{url: " + q(s.URL) + ", secret: " + q(s.Secret)
	if s.Fallback != "" {
		js += ", fallback: " + q(s.Fallback)
	}
	return js + "}"
}

// Plain is a plain ws:// listener on loopback that serves relays, each at
// the path it was given (Handle), and 404 elsewhere. A nil *Plain is no
// listener: its URL is "" and Close does nothing.
type Plain struct {
	ln    net.Listener
	srv   *http.Server
	paths sync.Map // path -> *plainEntry
}

type plainEntry struct{ h http.Handler }

// ListenPlain listens on addr, which must be loopback (LoopbackAddr), and
// serves what Handle adds until Close.
func ListenPlain(addr string) (*Plain, error) {
	ln, err := ListenLoopback(addr)
	if err != nil {
		return nil, err
	}
	p := &Plain{ln: ln}
	p.srv = &http.Server{Handler: http.HandlerFunc(p.serve), ReadHeaderTimeout: 10 * time.Second}
	go p.srv.Serve(ln)
	return p, nil
}

func (p *Plain) serve(w http.ResponseWriter, r *http.Request) {
	if e, ok := p.paths.Load(r.URL.Path); ok {
		e.(*plainEntry).h.ServeHTTP(w, r)
		return
	}
	http.NotFound(w, r)
}

// Handle serves h at path (which starts with "/") until remove is called:
// a program that makes a relay per page (wxrun) takes each off when its
// page is over, so that its secret opens nothing afterwards.
func (p *Plain) Handle(path string, h http.Handler) (remove func()) {
	e := &plainEntry{h}
	p.paths.Store(path, e)
	return func() { p.paths.CompareAndDelete(path, e) }
}

// URL is the relay's URL at path: ws://127.0.0.1:port/path.
func (p *Plain) URL(path string) string {
	if p == nil {
		return ""
	}
	return "ws://" + p.ln.Addr().String() + "/" + strings.TrimPrefix(path, "/")
}

// Close stops listening. Relayed connections, which left the server at
// their upgrade, go on until either end closes them.
func (p *Plain) Close() error {
	if p == nil {
		return nil
	}
	return p.srv.Close()
}

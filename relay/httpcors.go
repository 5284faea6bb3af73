//go:build !js

package relay

import (
	"net/http"
	"net/url"
	"path"
	"strings"
)

// The page calls the relay from its own origin, another than the relay's
// (its plain listener is another port; the wss one, in cmd/wxrelay, another
// server), so the relay answers CORS: for the origins it serves, and for
// no other.
//
// A page's request needs no preflight: a POST whose body is text (or a
// Blob with no type), with no header of its own, is a "simple" request.
// A browser sends it without asking first, so the relay checks the Origin
// itself, before it reads anything: a page of another site gets 403 with
// no CORS header, and nothing is sent upstream. A preflight, when a
// browser sends one anyway (a page that sets a Content-Type of its own),
// is answered for the same origins, with Access-Control-Max-Age: 7200: a
// browser keeps the answer for its origin and the relay's URL, for at
// most 2 hours in Chromium, 24 in Firefox, 10 minutes in WebKit (their
// caps), so a page asks once in a while, not per request.

// HeadHeader is the relay's response header that carries the upstream's
// response head (status, headers, cookies, redirects, profile) as JSON.
// It is exposed to the page (Access-Control-Expose-Headers).
const HeadHeader = "Wx-Relay"

// preflightMaxAge is how long a browser may keep a preflight's answer.
const preflightMaxAge = "7200"

// originAllowed checks the Origin header as the socket side does
// (coder/websocket's AcceptOptions): none (not a browser), the relay's own
// origin, or one that OriginPatterns allows. It returns the Origin.
func originAllowed(r *http.Request, patterns []string) (string, bool) {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return "", true
	}
	u, err := url.Parse(origin)
	if err != nil {
		return origin, false
	}
	if strings.EqualFold(r.Host, u.Host) {
		return origin, true
	}
	for _, p := range patterns {
		target := u.Host
		if strings.Contains(p, "://") {
			target = u.Scheme + "://" + u.Host
		}
		if ok, _ := path.Match(strings.ToLower(p), strings.ToLower(target)); ok {
			return origin, true
		}
	}
	return origin, false
}

// allowOrigin lets the page of origin (allowed already) read the answer,
// and its head.
func allowOrigin(h http.Header, origin string) {
	h.Add("Vary", "Origin")
	if origin == "" {
		return
	}
	h.Set("Access-Control-Allow-Origin", origin)
	h.Set("Access-Control-Expose-Headers", HeadHeader)
}

// preflight answers a CORS preflight of an allowed origin: POST, with a
// Content-Type of the page's choosing. Chromium's Private Network Access
// asks a public page's preflight whether a loopback server agrees: it does,
// for the origins it serves.
func preflight(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Access-Control-Allow-Methods", "POST")
	h.Set("Access-Control-Allow-Headers", "Content-Type")
	h.Set("Access-Control-Max-Age", preflightMaxAge)
	if r.Header.Get("Access-Control-Request-Private-Network") == "true" {
		h.Set("Access-Control-Allow-Private-Network", "true")
	}
	w.WriteHeader(http.StatusNoContent)
}

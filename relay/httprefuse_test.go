package relay_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"wxsocket/internal/wstest"
	"wxsocket/relay"
)

// Every refusal here is checked twice, as for sockets: the page gets the
// relay's status and reason, and the upstream accepted no connection.

func TestRequestSecretMissingOrWrong(t *testing.T) {
	r := newRig(t, nil)
	for _, tc := range badSecrets {
		r.fetch(withSecret(req("/http/echo"), tc.secret), nil).refused(t, http.StatusUnauthorized, tc.want)
	}
	noSecretLogged(t, r)
}

func TestRequestMalformedHeads(t *testing.T) {
	r := newRig(t, nil)
	raw := func(body string) *answer {
		resp, err := r.post(context.Background(), r.srv.URL+"/relay", "", nil, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		return readAnswer(t, resp)
	}
	raw("").refused(t, 400, "no head")
	raw(`{"v":1,"secret":"`+secret+`","url":"https://x.test/"}`).refused(t, 400, "no head") // no newline
	raw("not json\nbody").refused(t, 400, "head: not JSON")
	raw("[1]\n").refused(t, 400, "head: not a JSON object")
	raw(`{"v":1} {}`+"\n").refused(t, 400, "data after the JSON object")
	raw(`{"v":1,"secret":1}`+"\n").refused(t, 400, "secret has the wrong type")
	raw(strings.Repeat(" ", relay.MaxRequestHead+1)+"\n").refused(t, 413, "head over 64 KiB")
	for _, tc := range []struct {
		key  string
		val  any
		code int
		want string
	}{
		{"v", 2, 400, "v must be 1"},
		{"url", "", 400, "no url"},
		{"url", "wss://x.test/", 422, `url must be http:// or https://, not "wss:"`},
		{"url", "ftp://x.test/", 422, "url must be http://"},
		{"url", "https:///path", 422, "url has no host"},
		{"url", "https://x.test:99999/", 422, "url has a bad port"},
		{"url", "https://x.test:0/", 422, "url has a bad port"},
		{"url", "https://a b/", 422, "url does not parse"},
		{"appid", "wx/../../evil", 422, "appid must be"},
		{"appVersion", "1?x=", 422, "appVersion must be"},
		{"redirect", "error", 422, "redirect must be"},
		{"timeout", -1, 422, "timeout must be"},
		{"timeout", "1", 400, "timeout has the wrong type"},
		{"header", []string{"a"}, 400, "header has the wrong type"},
		{"header", map[string]any{"X": 1}, 400, "header has the wrong type (number)"},
	} {
		h := req("/http/echo")
		h[tc.key] = tc.val
		r.fetch(h, nil).refused(t, tc.code, tc.want)
	}
	nothingDialed(t, r)
}

// A page that sends its head too slowly is cut off, as a socket's page
// that sends no first message: it holds nothing for long.
func TestRequestHeadDeadline(t *testing.T) {
	r := newRig(t, func(o *relay.Options, _ *wstest.Server) { o.FirstFrameTimeout = 200 * time.Millisecond })
	pr, pw := io.Pipe()
	defer pw.Close()
	go pw.Write([]byte(`{"v":1,`))
	resp, err := r.post(context.Background(), r.srv.URL+"/relay", "", nil, pr)
	if err != nil {
		t.Fatal(err)
	}
	readAnswer(t, resp).refused(t, 400, "no head")
	nothingDialed(t, r)
}

func TestRequestOrigin(t *testing.T) {
	r := newRig(t, func(o *relay.Options, _ *wstest.Server) {
		o.OriginPatterns = []string{"pages.example.com", "https://*.apps.test"}
	})
	own := "https://" + strings.TrimPrefix(r.srv.URL, "https://")
	for _, tc := range []struct {
		origin string
		ok     bool
	}{
		{"", true}, // not a browser
		{own, true},
		{"https://pages.example.com", true},
		{"http://pages.example.com", true}, // a host pattern allows any scheme, as for sockets
		{"https://a.apps.test", true},
		{"http://a.apps.test", false},
		{"https://evil.example", false},
		{"https://pages.example.com.evil.example", false},
		{"null", false},
	} {
		a := r.fetchAt(r.srv.URL+"/relay", tc.origin, req("/http/echo"), nil)
		acao := a.resp.Header.Get("Access-Control-Allow-Origin")
		switch {
		case tc.ok && tc.origin != "":
			a.ok(t)
			if acao != tc.origin || a.resp.Header.Get("Access-Control-Expose-Headers") != relay.HeadHeader ||
				!strings.Contains(a.resp.Header.Get("Vary"), "Origin") {
				t.Errorf("%s: CORS headers %v", tc.origin, a.resp.Header)
			}
		case tc.ok:
			a.ok(t)
			if acao != "" {
				t.Errorf("no Origin, yet Access-Control-Allow-Origin %q", acao)
			}
		default:
			a.refused(t, http.StatusForbidden, "this Origin is not allowed")
			if acao != "" || a.resp.Header.Get("Access-Control-Expose-Headers") != "" {
				t.Errorf("%s refused, yet CORS headers %v", tc.origin, a.resp.Header)
			}
		}
	}
	if n := r.up.Accepted(); n != 1 {
		t.Errorf("the upstream accepted %d connections; the allowed pages share one", n)
	}
}

// A refusal of an allowed page is readable by it (CORS on the refusal).
func TestRequestRefusalsAreReadableByAllowedPages(t *testing.T) {
	r := newRig(t, func(o *relay.Options, _ *wstest.Server) { o.OriginPatterns = []string{"pages.example.com"} })
	h := req("/http/echo")
	h["secret"] = "wrong"
	a := r.fetchAt(r.srv.URL+"/relay", "https://pages.example.com", h, nil)
	a.refused(t, http.StatusUnauthorized, "wrong secret")
	if a.resp.Header.Get("Access-Control-Allow-Origin") != "https://pages.example.com" {
		t.Errorf("headers %v", a.resp.Header)
	}
}

func TestRequestHostMustBeLoopback(t *testing.T) {
	r := newRig(t, nil)
	for _, host := range []string{"evil.example", "evil.example:443", "10.0.0.1"} {
		hreq, _ := http.NewRequest(http.MethodPost, r.srv.URL+"/relay", bytes.NewReader(append(mustJSON(req(r.up.URL+"/http/echo")), '\n')))
		hreq.Host = host
		resp, err := r.client.Do(hreq)
		if err != nil {
			t.Fatal(err)
		}
		readAnswer(t, resp).refused(t, http.StatusForbidden, "this Host is not served")
	}
	nothingDialed(t, r)
}

func TestRequestPreflight(t *testing.T) {
	r := newRig(t, func(o *relay.Options, _ *wstest.Server) { o.OriginPatterns = []string{"pages.example.com"} })
	preflight := func(origin string) *http.Response {
		hreq, _ := http.NewRequest(http.MethodOptions, r.srv.URL+"/relay", nil)
		hreq.Header.Set("Origin", origin)
		hreq.Header.Set("Access-Control-Request-Method", "POST")
		hreq.Header.Set("Access-Control-Request-Headers", "content-type")
		hreq.Header.Set("Access-Control-Request-Private-Network", "true")
		resp, err := r.client.Do(hreq)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	resp := preflight("https://pages.example.com")
	h := resp.Header
	if resp.StatusCode != http.StatusNoContent || h.Get("Access-Control-Allow-Origin") != "https://pages.example.com" ||
		h.Get("Access-Control-Allow-Methods") != "POST" || !strings.EqualFold(h.Get("Access-Control-Allow-Headers"), "content-type") ||
		h.Get("Access-Control-Max-Age") != "7200" || h.Get("Access-Control-Allow-Private-Network") != "true" {
		t.Errorf("allowed preflight: %s %v", resp.Status, h)
	}
	resp = preflight("https://evil.example")
	if resp.StatusCode != http.StatusForbidden || resp.Header.Get("Access-Control-Allow-Origin") != "" ||
		resp.Header.Get("Access-Control-Allow-Methods") != "" {
		t.Errorf("foreign preflight: %s %v", resp.Status, resp.Header)
	}
	nothingDialed(t, r)
}

// Methods other than POST and OPTIONS: a GET stays the socket side's (a
// WebSocket handshake, or its refusal), anything else is 405.
func TestRequestOtherMethods(t *testing.T) {
	r := newRig(t, nil)
	if resp, err := r.client.Head(r.srv.URL + "/relay"); err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("HEAD: %v %v", resp, err)
	}
	for _, m := range []string{"PUT", "DELETE", "PATCH"} {
		hreq, _ := http.NewRequest(m, r.srv.URL+"/relay", strings.NewReader("x"))
		resp, err := r.client.Do(hreq)
		if err != nil {
			t.Fatal(err)
		}
		readAnswer(t, resp).refused(t, http.StatusMethodNotAllowed, "a request to relay is a POST")
	}
	resp, err := r.client.Get(r.srv.URL + "/relay")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUpgradeRequired || resp.Header.Get(relay.HeadHeader) != "" {
		t.Errorf("GET without an upgrade: %s", resp.Status)
	}
	nothingDialed(t, r)
}

// Past MaxRequests in flight, a request gets 503 and nothing is sent.
func TestRequestBusy(t *testing.T) {
	defer func(n int64) { relay.MaxRequests = n }(relay.MaxRequests)
	relay.MaxRequests = 2
	r := newRig(t, nil)
	release := make(chan struct{})
	arrived := make(chan struct{}, 2)
	r.extra.HandleFunc("/wait", func(w http.ResponseWriter, _ *http.Request) {
		arrived <- struct{}{}
		<-release
	})
	done := make(chan *answer, 2)
	for range 2 {
		go func() { done <- r.fetch(req("/wait"), nil) }()
	}
	waitChan(t, arrived, "the first request upstream")
	waitChan(t, arrived, "the second request upstream")
	before := r.up.Accepted()
	r.fetch(req("/wait"), nil).refused(t, http.StatusServiceUnavailable, "the relay is busy")
	if r.up.Accepted() != before {
		t.Error("a request past the cap was sent")
	}
	close(release)
	for range 2 {
		(<-done).ok(t)
	}
	r.fetch(req("/http/echo"), nil).ok(t) // the cap frees as requests end
}

// On the plain listener (relay/wire.go), the relay's ws:// URL read as
// http:// takes requests, as a page of another origin sends them.
func TestRequestOnThePlainListener(t *testing.T) {
	r := newRig(t, func(o *relay.Options, _ *wstest.Server) { o.OriginPatterns = []string{"https://127.0.0.1:*"} })
	p, err := relay.ListenPlain("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	p.Handle("/relay", r.relay)
	u := "http" + strings.TrimPrefix(p.URL("/relay"), "ws")
	a := r.fetchAt(u, r.srv.URL, req("/http/echo"), []byte("over plain")).ok(t)
	if a.echo(t).Body != "over plain" || a.resp.Header.Get("Access-Control-Allow-Origin") != r.srv.URL {
		t.Errorf("echo %q, headers %v", a.body, a.resp.Header)
	}
}

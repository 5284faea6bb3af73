package relay_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
)

func TestRequestHeaderEntriesArrive(t *testing.T) {
	r := newRig(t, nil)
	h := req("https://api.example.com/http/echo?x=1&y=%E5%BE%AE") // Map routes it to the upstream
	h["method"] = "PUT"
	sent := pageHeader()
	sent["content-type"], sent["User-Agent"] = "application/json", "wx-test"
	h["header"] = sent
	e := r.fetch(h, []byte(`{"a":1}`)).ok(t).echo(t)
	want := arrivedHeader()
	want["Content-Type"], want["User-Agent"], want["Content-Length"] = "application/json", "wx-test", "7"
	wantEach(t, e.Header, want)
	if e.Method != "PUT" || e.URI != "/http/echo?x=1&y=%E5%BE%AE" || e.Host != "api.example.com" || e.Body != `{"a":1}` {
		t.Errorf("upstream got %s %s, Host %s, body %q", e.Method, e.URI, e.Host, e.Body)
	}
	if strings.Contains(r.logs.String(), "Bearer") || strings.Contains(r.logs.String(), "x=1") || strings.Contains(r.logs.String(), secret) {
		t.Errorf("a header value, query or secret reached the log:\n%s", r.logs)
	}
}

// The phone's Referer, whatever the page's header says; as for sockets.
func TestRequestRefererIsThePhones(t *testing.T) {
	r := newRig(t, nil)
	for _, tc := range refererCases {
		h := req("/http/echo")
		tc.set(h)
		tc.check(t, r.fetch(h, nil).ok(t).echo(t).Header)
	}
}

// The names the socket side drops are dropped here too (one rule,
// buildHeader): the request's own framing and Host are the relay's.
func TestRequestReservedHeadersCannotBeInjected(t *testing.T) {
	r := newRig(t, nil)
	h := req("https://api.example.com/http/echo")
	h["method"] = "POST"
	h["header"] = map[string]string{
		"Host":              "evil.example",
		"Connection":        "close, X-Kept",
		"upgrade":           "h2c",
		"Content-Length":    "5",
		"Transfer-Encoding": "chunked",
		"Sec-WebSocket-Key": "AAAAAAAAAAAAAAAAAAAAAA==",
		"X-Kept":            "yes",
	}
	e := r.fetch(h, []byte("hello world")).ok(t).echo(t)
	if e.Host != "api.example.com" || e.Body != "hello world" || e.Length != 11 {
		t.Errorf("Host %q, body %q (%d bytes)", e.Host, e.Body, e.Length)
	}
	for _, name := range []string{"Connection", "Upgrade", "Transfer-Encoding", "Sec-Websocket-Key"} {
		if v := e.Header.Values(name); v != nil {
			t.Errorf("%s reached the upstream: %q", name, v)
		}
	}
	if e.Header.Get("Content-Length") != "11" || e.Header.Get("X-Kept") != "yes" {
		t.Errorf("Content-Length %q, X-Kept %q", e.Header.Get("Content-Length"), e.Header.Get("X-Kept"))
	}
}

// CR, LF, NUL or another control character in a name or value is refused
// (422, as the socket side's 4422), never cleaned, and nothing is sent.
func TestRequestControlCharactersAreRefused(t *testing.T) {
	r := newRig(t, nil)
	for _, hdr := range []map[string]string{
		{"X-A": "a\r\nX-Injected: 1"},
		{"X-A": "a\nb"},
		{"X-A": "a\rb"},
		{"X-A": "a\x00b"},
		{"X-A": "a\x7fb"},
		{"X-A\r\nX-B": "1"},
		{"X-A\x00": "1"},
		{"X A": "1"},
		{"": "1"},
	} {
		h := req("/http/echo")
		h["header"] = hdr
		r.fetch(h, nil).refused(t, 422, "header")
	}
	for _, m := range []string{"GET\r\n", "G T", "CONNECT", "connect", "G\x00"} {
		h := req("/http/echo")
		h["method"] = m
		r.fetch(h, nil).refused(t, 422, "method")
	}
	nothingDialed(t, r)
}

func TestRequestStatusIsTheUpstreams(t *testing.T) {
	r := newRig(t, nil)
	for _, code := range []int{200, 201, 204, 301, 304, 400, 404, 418, 500, 503, 599} {
		h := req("/http/status?code=" + itoa(code) + "&header=X-Multi:a&header=X-Multi:b%20c&header=Location:/elsewhere")
		h["redirect"] = "manual"
		a := r.fetch(h, nil).ok(t)
		if a.head.Status != code || a.resp.StatusCode != http.StatusOK {
			t.Errorf("status %d: head says %d, relay %s", code, a.head.Status, a.resp.Status)
		}
		if got := a.head.Header["X-Multi"]; got != "a,b c" {
			t.Errorf("status %d: X-Multi %q, want the values joined with \",\"", code, got)
		}
		wantBody := "status " + itoa(code) + "\n"
		if code == 204 || code == 304 {
			wantBody = ""
		}
		if string(a.body) != wantBody {
			t.Errorf("status %d: body %q", code, a.body)
		}
	}
}

func TestRequestSetCookieAndNoJar(t *testing.T) {
	r := newRig(t, nil)
	a := r.fetch(req("/http/cookies"), nil).ok(t)
	want := []string{
		"sid=abc123; Path=/; HttpOnly",
		"lang=zh_CN; Expires=Wed, 21 Oct 2037 07:28:00 GMT; Path=/",
		"theme=dark",
	}
	if strings.Join(a.head.Cookies, "\n") != strings.Join(want, "\n") {
		t.Errorf("cookies %q, want %q", a.head.Cookies, want)
	}
	if got := a.head.Header["Set-Cookie"]; got != strings.Join(want, ",") {
		t.Errorf("header Set-Cookie %q", got)
	}
	if a := r.fetch(req("/http/status"), nil).ok(t); a.head.Cookies == nil || len(a.head.Cookies) != 0 {
		t.Errorf("no Set-Cookie: cookies %#v, want []", a.head.Cookies)
	}
	// No jar: the next request to the same server sends no cookie, and one
	// given in header is sent as given.
	if c := r.fetch(req("/http/echo"), nil).ok(t).echo(t).Header.Values("Cookie"); c != nil {
		t.Errorf("a cookie was kept: %q", c)
	}
	h := req("/http/echo")
	h["header"] = map[string]string{"Cookie": "mine=1"}
	if c := r.fetch(h, nil).ok(t).echo(t).Header.Values("Cookie"); len(c) != 1 || c[0] != "mine=1" {
		t.Errorf("Cookie %q", c)
	}
}

// A response header's value past ASCII reaches the page intact, in a head
// that is ASCII only (readAnswer checks).
func TestRequestHeadIsASCII(t *testing.T) {
	r := newRig(t, nil)
	r.extra.HandleFunc("/unicode", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Name", "微信 😀 café")
		w.Header().Set("X-Latin1", "caf\xe9") // not UTF-8
	})
	a := r.fetch(req("/unicode"), nil).ok(t)
	if got := a.head.Header["X-Name"]; got != "微信 😀 café" {
		t.Errorf("X-Name %q", got)
	}
	if got := a.head.Header["X-Latin1"]; got != "caf\ufffd" {
		t.Errorf("X-Latin1 %q", got)
	}
}

// The upstream's body is decoded when the relay asked for gzip (the page
// gave no Accept-Encoding: a phone's runtime asks and decodes); when the
// page asked for an encoding, the body passes as the server sent it.
func TestRequestGzip(t *testing.T) {
	r := newRig(t, nil)
	r.extra.HandleFunc("/gz", gzipHandler)
	// Content-Length goes with Content-Encoding: it counted the gzipped
	// bytes, not those the page gets (a download's progress would go past
	// 100 %); kept when the body passes as sent.
	a := r.fetch(req("/gz"), nil).ok(t)
	if string(a.body) != gzipText || a.head.Header["Content-Encoding"] != "" || a.head.Header["Content-Length"] != "" {
		t.Errorf("asked by the relay: body %q, header %v", a.body, a.head.Header)
	}
	h := req("/gz")
	h["header"] = map[string]string{"Accept-Encoding": "gzip"}
	a = r.fetch(h, nil).ok(t)
	if string(a.body) == gzipText || a.head.Header["Content-Encoding"] != "gzip" || string(gunzip(t, a.body)) != gzipText ||
		a.head.Header["Content-Length"] != strconv.Itoa(len(a.body)) {
		t.Errorf("asked by the page: header %v, %d bytes", a.head.Header, len(a.body))
	}
}

// A download's Content-Length is in the head as the upstream sent it, true
// or not (the page checks the bytes against it), and absent when the
// upstream sent none.
func TestRequestContentLengthAsSent(t *testing.T) {
	r := newRig(t, nil)
	for path, want := range map[string]string{
		"/http/file?size=1000":           "1000",
		"/http/file?size=1000&length=0":  "",
		"/http/file?size=1000&lie=short": "500",
	} {
		if a := r.fetch(req(path), nil).ok(t); a.head.Header["Content-Length"] != want {
			t.Errorf("%s: Content-Length %q, want %q", path, a.head.Header["Content-Length"], want)
		}
	}
}

func TestRequestOptionsAndHeadMethods(t *testing.T) {
	r := newRig(t, nil)
	for _, m := range []string{"OPTIONS", "DELETE", "PATCH", "TRACE", "M-SEARCH"} {
		h := req("/http/echo")
		h["method"] = m
		if e := r.fetch(h, []byte("b")).ok(t).echo(t); e.Method != m {
			t.Errorf("method %s arrived as %s", m, e.Method)
		}
	}
	h := req("/http/big?size=1000")
	h["method"] = "HEAD"
	a := r.fetch(h, nil).ok(t)
	if len(a.body) != 0 || a.head.Header["Content-Length"] != "1000" {
		t.Errorf("HEAD: %d bytes, header %v", len(a.body), a.head.Header)
	}
}

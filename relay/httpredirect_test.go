package relay_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"wxsocket/internal/wstest"
	"wxsocket/relay"
)

func TestRequestFollowsRedirectsAndReportsEach(t *testing.T) {
	r := newRig(t, func(o *relay.Options, up *wstest.Server) {
		o.Map["other.example.com"] = hostPort(up)
	})
	h := req("https://api.example.com/http/redirect?n=3")
	h["header"] = map[string]string{"Authorization": "Bearer t", "X-Kept": "1"}
	a := r.fetch(h, nil).ok(t)
	e := a.echo(t)
	if a.head.Status != 200 || a.head.URL != "https://api.example.com/http/echo" || e.URI != "/http/echo" {
		t.Errorf("final: %d %s", a.head.Status, a.head.URL)
	}
	if e.Header.Get("Referer") != "https://servicewechat.com/touristappid/0/page-frame.html" ||
		e.Header.Get("Authorization") != "Bearer t" || e.Header.Get("X-Kept") != "1" {
		t.Errorf("after redirects, the upstream got %v", e.Header)
	}
	want := []answerHop{
		{302, "https://api.example.com/http/redirect?n=3", "https://api.example.com/http/redirect?n=2"},
		{302, "https://api.example.com/http/redirect?n=2", "https://api.example.com/http/redirect?n=1"},
		{302, "https://api.example.com/http/redirect?n=1", "https://api.example.com/http/echo"},
	}
	if len(a.head.Redirects) != len(want) {
		t.Fatalf("redirects %+v", a.head.Redirects)
	}
	for i, h := range want {
		if a.head.Redirects[i] != h {
			t.Errorf("redirect %d: %+v, want %+v", i, a.head.Redirects[i], h)
		}
	}
	// Within one host, the profile has the redirects' times.
	if p := a.head.Profile; p["redirectStart"].(float64) == 0 || p["redirectEnd"].(float64) < p["redirectStart"].(float64) ||
		p["fetchStart"].(float64) < p["redirectEnd"].(float64) {
		t.Errorf("profile %v", p)
	}

	// To another host: each target is reported, for the shim to check
	// against the domain list; the redirect times stay 0 (WeChat counts
	// only redirects within a host).
	h = req("https://api.example.com/http/redirect?n=1&to=https://other.example.com/http/echo")
	h["header"] = map[string]string{"Authorization": "Bearer t", "X-Kept": "1"}
	a = r.fetch(h, nil).ok(t)
	e = a.echo(t)
	if len(a.head.Redirects) != 1 || a.head.Redirects[0].Location != "https://other.example.com/http/echo" ||
		a.head.URL != "https://other.example.com/http/echo" || e.Host != "other.example.com" {
		t.Errorf("cross-host: %+v", a.head)
	}
	if e.Header.Get("Referer") != "https://servicewechat.com/touristappid/0/page-frame.html" ||
		e.Header.Get("Authorization") != "" || e.Header.Get("X-Kept") != "1" {
		t.Errorf("after a redirect to another host, the upstream got %v", e.Header)
	}
	if a.head.Profile["redirectStart"].(float64) != 0 {
		t.Errorf("cross-host redirectStart %v", a.head.Profile["redirectStart"])
	}
	if a := r.fetch(req("/http/status"), nil).ok(t); a.head.Redirects == nil || len(a.head.Redirects) != 0 {
		t.Errorf("no redirect: %#v, want []", a.head.Redirects)
	}
}

func TestRequestRedirectLimitIs15(t *testing.T) {
	r := newRig(t, nil)
	a := r.fetch(req("/http/redirect?n=15"), nil).ok(t)
	if a.head.Status != 200 || len(a.head.Redirects) != 15 || a.head.TooManyRedirects {
		t.Errorf("15 redirects: %d after %d, tooMany %v", a.head.Status, len(a.head.Redirects), a.head.TooManyRedirects)
	}
	a = r.fetch(req("/http/redirect?n=16"), nil).ok(t)
	if a.head.Status != 302 || len(a.head.Redirects) != 15 || !a.head.TooManyRedirects ||
		a.head.Header["Location"] != "/http/echo" {
		t.Errorf("16 redirects: %d after %d, tooMany %v, Location %q", a.head.Status, len(a.head.Redirects), a.head.TooManyRedirects, a.head.Header["Location"])
	}
}

func TestRequestManualRedirectStopsAtThe3xx(t *testing.T) {
	r := newRig(t, nil)
	for _, code := range []string{"301", "302", "303", "307", "308"} {
		h := req("/http/redirect?n=2&code=" + code)
		h["redirect"] = "manual"
		a := r.fetch(h, nil).ok(t)
		if itoa(a.head.Status) != code || len(a.head.Redirects) != 0 || !strings.HasPrefix(a.head.Header["Location"], "/http/redirect?") {
			t.Errorf("manual %s: %d, %d redirects, Location %q", code, a.head.Status, len(a.head.Redirects), a.head.Header["Location"])
		}
	}
	if r.up.Accepted() > 1 {
		t.Errorf("the upstream accepted %d connections: the relay reuses its connection", r.up.Accepted())
	}
}

// 301, 302 and 303 turn a POST into a GET without a body; 307 and 308
// send the method and the body again (a body small enough to keep).
func TestRequestRedirectMethods(t *testing.T) {
	r := newRig(t, nil)
	for _, tc := range []struct{ code, method, body string }{
		{"301", "GET", ""}, {"302", "GET", ""}, {"303", "GET", ""}, {"307", "POST", "data"}, {"308", "POST", "data"},
	} {
		h := req("/http/redirect?n=1&code=" + tc.code)
		h["method"] = "POST"
		e := r.fetch(h, []byte("data")).ok(t).echo(t)
		if e.Method != tc.method || e.Body != tc.body {
			t.Errorf("%s: %s with %q, want %s with %q", tc.code, e.Method, e.Body, tc.method, tc.body)
		}
	}
	// A body too big to keep cannot be sent again: the 307 is the answer.
	h := req("/http/redirect?n=1&code=307")
	h["method"] = "POST"
	big := bytes.Repeat([]byte("x"), 100<<10)
	a := r.fetch(h, big).ok(t)
	if a.head.Status != http.StatusTemporaryRedirect || len(a.head.Redirects) != 0 {
		t.Errorf("307 after 100 KiB: %d, %d redirects", a.head.Status, len(a.head.Redirects))
	}
}

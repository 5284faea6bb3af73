package relay_test

import (
	"net/http"
	"sort"
	"strings"
	"testing"
)

func TestHeaderEntriesArrive(t *testing.T) {
	r := newRig(t, nil)
	m := first("/headers")
	m["header"] = pageHeader()
	c, _ := r.open(m)
	wantEach(t, handshake(t, c).Header, arrivedHeader())
	if strings.Contains(r.logs.String(), "Bearer") {
		t.Errorf("a header value reached the log:\n%s", r.logs)
	}
}

func TestRefererIsThePhones(t *testing.T) {
	r := newRig(t, nil)
	for _, tc := range refererCases {
		m := first("/headers")
		tc.set(m)
		c, _ := r.open(m)
		tc.check(t, handshake(t, c).Header)
		c.CloseNow()
	}
}

func TestReservedHeadersCannotBeInjected(t *testing.T) {
	r := newRig(t, nil)
	m := first("wss://api.example.com/headers") // Map routes it to the upstream
	m["header"] = map[string]string{
		"Host":                     "evil.example",
		"Connection":               "keep-alive",
		"upgrade":                  "h2c",
		"Sec-WebSocket-Key":        "AAAAAAAAAAAAAAAAAAAAAA==",
		"sec-websocket-version":    "8",
		"Sec-WebSocket-Protocol":   "admin",
		"Sec-WebSocket-Extensions": "permessage-deflate",
		"Sec-WebSocket-Accept":     "x",
		"Content-Length":           "5",
		"Transfer-Encoding":        "chunked",
		"X-Kept":                   "yes",
	}
	c, rep := r.open(m)
	h := handshake(t, c)
	if h.Host != "api.example.com" {
		t.Errorf("upstream saw Host %q, want the target's", h.Host)
	}
	for _, name := range []string{"Sec-Websocket-Protocol", "Sec-Websocket-Extensions", "Sec-Websocket-Accept", "Content-Length", "Transfer-Encoding"} {
		if v, ok := h.Header[name]; ok {
			t.Errorf("upstream got %s: %q", name, v)
		}
	}
	for name, want := range map[string]string{"Connection": "Upgrade", "Upgrade": "websocket", "Sec-Websocket-Version": "13"} {
		if got := h.Header.Values(name); len(got) != 1 || got[0] != want {
			t.Errorf("upstream got %s: %q, want %q", name, got, want)
		}
	}
	if k := h.Header.Get("Sec-Websocket-Key"); k == "AAAAAAAAAAAAAAAAAAAAAA==" || len(h.Header.Values("Sec-Websocket-Key")) != 1 {
		t.Errorf("upstream got the page's Sec-WebSocket-Key: %q", h.Header.Values("Sec-Websocket-Key"))
	}
	if h.Header.Get("X-Kept") != "yes" {
		t.Errorf("an allowed header was lost next to the reserved ones: %v", h.Header)
	}
	if rep.Protocol != "" {
		t.Errorf("negotiated %q from an injected header", rep.Protocol)
	}
}

func TestSubprotocolsNegotiate(t *testing.T) {
	r := newRig(t, nil)
	for _, tc := range []struct {
		page   []string
		server string
		want   string
	}{
		{[]string{"chat", "json"}, "json,chat", "json"}, // the server's preference
		{[]string{"chat", "json"}, "chat", "chat"},
		{[]string{"chat"}, "other", ""},
		{nil, "chat", ""},
	} {
		m := first("/headers?protocols=" + tc.server)
		if tc.page != nil {
			m["protocols"] = tc.page
		}
		c, rep := r.open(m)
		h := handshake(t, c)
		if rep.Protocol != tc.want || h.Protocol != tc.want {
			t.Errorf("page %v, server %s: open says %q, upstream chose %q, want %q", tc.page, tc.server, rep.Protocol, h.Protocol, tc.want)
		}
		if sent := h.Header.Get("Sec-Websocket-Protocol"); sent != strings.Join(tc.page, ",") {
			t.Errorf("upstream got Sec-WebSocket-Protocol %q, want %q", sent, strings.Join(tc.page, ","))
		}
		c.CloseNow()
	}
}

func TestOpenHeaderIsWhatUpstreamSent(t *testing.T) {
	r := newRig(t, nil)
	c, rep := r.open(first("/headers?protocols=chat"))
	sent := handshake(t, c).Response
	want := map[string]string{}
	for k, v := range sent {
		want[http.CanonicalHeaderKey(k)] = strings.Join(v, ", ")
	}
	if len(rep.Header) != len(want) {
		t.Errorf("open header has %v, upstream sent %v", keys(rep.Header), keys(want))
	}
	for k, v := range want {
		if rep.Header[k] != v {
			t.Errorf("open header %s = %q, upstream sent %q", k, rep.Header[k], v)
		}
	}
	if rep.Header["Set-Cookie"] != "a=1, b=2" || rep.Header["X-Upstream"] != "wstest" {
		t.Errorf("open header: %v", rep.Header)
	}
}

func keys(m map[string]string) []string {
	var k []string
	for n := range m {
		k = append(k, n)
	}
	sort.Strings(k)
	return k
}

// pageHeader is the header a page gives in the tests of entries that
// arrive: names in any case, an empty value, a tab, UTF-8.
func pageHeader() map[string]string {
	return map[string]string{
		"Authorization": "Bearer t",
		"X-N":           "5",
		"cookie":        "sid=1; lang=zh",
		"X-Empty":       "",
		"X-Tab":         "a\tb",
		"X-Unicode":     "微信",
	}
}

// arrivedHeader is pageHeader as the upstream must get it: the names
// canonical, the values as given.
func arrivedHeader() map[string]string {
	return map[string]string{
		"Authorization": "Bearer t", "X-N": "5", "Cookie": "sid=1; lang=zh",
		"X-Empty": "", "X-Tab": "a\tb", "X-Unicode": "微信",
	}
}

// wantEach checks that the upstream got each name of want once, with its value.
func wantEach(t *testing.T, got http.Header, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if vs := got[k]; len(vs) != 1 || vs[0] != v {
			t.Errorf("upstream got %s: %q, want %q", k, vs, v)
		}
	}
}

// refererCase is a page's appid, version and Referer header, and the
// Referer the upstream must get: the phone's, whatever the page's header
// says. Sockets and requests share the rule, and these cases.
type refererCase struct {
	appid, version any
	override       map[string]string
	want           string
}

var refererCases = []refererCase{
	{nil, nil, nil, "https://servicewechat.com/touristappid/0/page-frame.html"},
	{"wx1234567890abcdef", "12", nil, "https://servicewechat.com/wx1234567890abcdef/12/page-frame.html"},
	{"wx_a-b.c", "1.0.3", map[string]string{
		"Referer": "https://evil.example/", "referer": "https://evil.example/2", "REFERER": "x",
	}, "https://servicewechat.com/wx_a-b.c/1.0.3/page-frame.html"},
}

// set puts the case in a first message or a request's head.
func (tc refererCase) set(m map[string]any) {
	if tc.appid != nil {
		m["appid"], m["appVersion"] = tc.appid, tc.version
	}
	if tc.override != nil {
		m["header"] = tc.override
	}
}

// check checks the Referer the upstream got.
func (tc refererCase) check(t *testing.T, got http.Header) {
	t.Helper()
	if r := got.Values("Referer"); len(r) != 1 || r[0] != tc.want {
		t.Errorf("appid %v, version %v, header %v: Referer %q, want %q", tc.appid, tc.version, tc.override, r, tc.want)
	}
}

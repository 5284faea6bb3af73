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
	m["header"] = map[string]string{
		"Authorization": "Bearer t",
		"X-N":           "5",
		"cookie":        "sid=1; lang=zh",
		"X-Empty":       "",
		"X-Tab":         "a\tb",
		"X-Unicode":     "微信",
	}
	c, _ := r.open(m)
	got := handshake(t, c).Header
	want := map[string]string{
		"Authorization": "Bearer t", "X-N": "5", "Cookie": "sid=1; lang=zh",
		"X-Empty": "", "X-Tab": "a\tb", "X-Unicode": "微信",
	}
	for k, v := range want {
		if vs := got[k]; len(vs) != 1 || vs[0] != v {
			t.Errorf("upstream got %s: %q, want %q", k, vs, v)
		}
	}
	if strings.Contains(r.logs.String(), "Bearer") {
		t.Errorf("a header value reached the log:\n%s", r.logs)
	}
}

func TestRefererIsThePhones(t *testing.T) {
	r := newRig(t, nil)
	for _, tc := range []struct {
		appid, version any
		override       map[string]string
		want           string
	}{
		{nil, nil, nil, "https://servicewechat.com/touristappid/0/page-frame.html"},
		{"wx1234567890abcdef", "12", nil, "https://servicewechat.com/wx1234567890abcdef/12/page-frame.html"},
		{"wx_a-b.c", "1.0.3", map[string]string{
			"Referer": "https://evil.example/", "referer": "https://evil.example/2", "REFERER": "x",
		}, "https://servicewechat.com/wx_a-b.c/1.0.3/page-frame.html"},
	} {
		m := first("/headers")
		if tc.appid != nil {
			m["appid"], m["appVersion"] = tc.appid, tc.version
		}
		if tc.override != nil {
			m["header"] = tc.override
		}
		c, _ := r.open(m)
		got := handshake(t, c).Header.Values("Referer")
		if len(got) != 1 || got[0] != tc.want {
			t.Errorf("appid %v, version %v, header %v: Referer %q, want %q", tc.appid, tc.version, tc.override, got, tc.want)
		}
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

//go:build !js

package relay_test

import (
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/coder/websocket"

	"wxsocket/relay"
)

func TestSecret(t *testing.T) {
	t.Setenv(relay.SecretEnv, "from-the-env")
	if s, err := relay.Secret("given"); s != "given" || err != nil {
		t.Errorf("given: %q, %v", s, err)
	}
	if s, err := relay.Secret(""); s != "from-the-env" || err != nil {
		t.Errorf("env: %q, %v", s, err)
	}
	t.Setenv(relay.SecretEnv, "")
	a, err1 := relay.Secret("")
	b, err2 := relay.NewSecret()
	if err1 != nil || err2 != nil || len(a) != 32 || len(b) != 32 || a == b {
		t.Errorf("random: %q, %q (%v, %v): want two different 32-character secrets", a, b, err1, err2)
	}
}

func TestNewSetting(t *testing.T) {
	for _, c := range []struct {
		plain, json, js string
	}{
		{"ws://127.0.0.1:1/relay", `{"url":"ws://127.0.0.1:1/relay","secret":"s\"","fallback":"wss://localhost:2/relay"}`,
			`{url: "ws://127.0.0.1:1/relay", secret: "s\"", fallback: "wss://localhost:2/relay"}`},
		{"", `{"url":"wss://localhost:2/relay","secret":"s\""}`, `{url: "wss://localhost:2/relay", secret: "s\""}`},
	} {
		s := relay.NewSetting(`s"`, "wss://localhost:2/relay", c.plain)
		if b, err := json.Marshal(s); err != nil || string(b) != c.json {
			t.Errorf("plain %q: JSON %s, want %s", c.plain, b, c.json)
		}
		if s.JS() != c.js {
			t.Errorf("plain %q: JS %s, want %s", c.plain, s.JS(), c.js)
		}
	}
}

// TestPlain: a relay on the plain listener relays, at its path only, until
// it is taken off; the listener binds loopback only.
func TestPlain(t *testing.T) {
	if p, err := relay.ListenPlain("0.0.0.0:0"); err == nil {
		p.Close()
		t.Error("listened on every interface")
	}
	var none *relay.Plain
	if none.URL("/relay") != "" || none.Close() != nil {
		t.Error("a nil Plain is not no listener")
	}
	r := newRig(t, nil)
	p, err := relay.ListenPlain("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	u := p.URL("/a/relay")
	if !strings.HasPrefix(u, "ws://127.0.0.1:") || !strings.HasSuffix(u, "/a/relay") {
		t.Fatalf("URL %q", u)
	}
	remove := p.Handle("/a/relay", r.relay)
	c, _, err := websocket.Dial(ctxT(t), u, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	r.sendOnOpen(c, first("/echo"))
	c.Write(ctxT(t), websocket.MessageText, []byte("plain"))
	if _, b, err := c.Read(ctxT(t)); err != nil || string(b) != "plain" {
		t.Errorf("echo %q, %v", b, err)
	}

	status := func(u string) int {
		resp, err := http.Get("http" + strings.TrimPrefix(u, "ws"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if s := status(p.URL("/b/relay")); s != http.StatusNotFound {
		t.Errorf("a path nothing was given: %d", s)
	}
	p.Handle("/b/relay", r.relay)() // removed at once
	remove()
	if s := status(u); s != http.StatusNotFound {
		t.Errorf("a relay taken off: %d", s)
	}
	// The connection made before goes on.
	c.Write(ctxT(t), websocket.MessageText, []byte("still"))
	if _, b, err := c.Read(ctxT(t)); err != nil || string(b) != "still" {
		t.Errorf("after remove: %q, %v", b, err)
	}
	addr := strings.TrimPrefix(p.URL(""), "ws://")
	p.Close()
	if conn, err := net.Dial("tcp", strings.TrimSuffix(addr, "/")); err == nil {
		conn.Close()
		t.Error("still listening after Close")
	}
}

// sendOnOpen sends m on c and fails the test unless the relay says "open".
func (r *rig) sendOnOpen(c *websocket.Conn, m any) {
	r.t.Helper()
	if rep := r.sendOn(c, m); rep.Type != "open" {
		r.t.Fatalf("want open, got %s", rep.raw)
	}
}

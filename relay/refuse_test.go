package relay_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"wxsocket/internal/wstest"
	"wxsocket/relay"
)

// Every refusal here is checked twice: the page is told (a "failed" message
// and a close code), and the upstream accepted no connection at all.

func nothingDialed(t *testing.T, r *rig) {
	t.Helper()
	if n := r.up.Accepted(); n != 0 {
		t.Errorf("the upstream accepted %d connections for refused pages", n)
	}
}

// badSecrets are the secrets a page may get wrong, and what the relay says
// to each; sockets and requests share them.
var badSecrets = []struct {
	secret any // nil: none at all
	want   string
}{
	{nil, "missing secret"},
	{"", "missing secret"},
	{"test-secret-012345678", "wrong secret"}, // one character short
	{secret + "0", "wrong secret"},            // one too many
	{strings.ToUpper(secret), "wrong secret"}, // case matters
}

// withSecret sets a first message's or a request head's secret (nil: none).
func withSecret(m map[string]any, s any) map[string]any {
	if s == nil {
		delete(m, "secret")
	} else {
		m["secret"] = s
	}
	return m
}

// noSecretLogged checks that no secret reached the relay's log and that
// nothing was dialed.
func noSecretLogged(t *testing.T, r *rig) {
	t.Helper()
	if strings.Contains(r.logs.String(), secret[:8]) {
		t.Errorf("a secret reached the log:\n%s", r.logs)
	}
	nothingDialed(t, r)
}

func TestSecretMissingOrWrong(t *testing.T) {
	r := newRig(t, nil)
	for _, tc := range badSecrets {
		c, rep := r.send(withSecret(first("/echo"), tc.secret))
		r.wantFailed(c, rep, relay.StatusBadSecret, tc.want)
	}
	noSecretLogged(t, r)
}

func TestForeignOriginIs403(t *testing.T) {
	r := newRig(t, func(o *relay.Options, _ *wstest.Server) {
		o.OriginPatterns = []string{"pages.example.com", "https://*.apps.test"}
	})
	for _, tc := range []struct {
		origin string
		ok     bool
	}{
		{"https://evil.example", false},
		{"http://pages.example.com.evil.example", false},
		{"null", false},
		{"http://apps.test", false},
		{"https://pages.example.com", true},
		{"https://a.apps.test", true},
		{r.srv.URL, true}, // same origin as the relay
	} {
		c, resp, err := r.dialPage(tc.origin)
		if !tc.ok {
			if err == nil || resp == nil || resp.StatusCode != 403 {
				t.Errorf("Origin %s: want HTTP 403, got %v, %v", tc.origin, resp, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Origin %s: %v", tc.origin, err)
			continue
		}
		// Allowed pages still need the secret: nothing is dialed without it.
		m := first("/echo")
		m["secret"] = "nope"
		r.wantFailed(c, r.sendOn(c, m), relay.StatusBadSecret, "wrong secret")
	}
	nothingDialed(t, r)
}

func TestMalformedFirstMessage(t *testing.T) {
	r := newRig(t, nil)
	for _, tc := range []struct {
		name string
		msg  any
		want string
	}{
		{"not JSON", "hello", "not JSON"},
		{"truncated JSON", `{"v":1,"secret":"`, "not JSON"},
		{"empty", "", "empty"},
		{"an array", `[1,2]`, "not a JSON object"},
		{"two objects", `{"v":1} {"v":1}`, "data after the JSON object"},
		{"url a number", map[string]any{"v": 1, "secret": secret, "url": 5}, "url has the wrong type"},
		{"header values not strings", map[string]any{"v": 1, "secret": secret, "url": "/echo", "header": map[string]any{"X-N": 5}}, "has the wrong type"},
		{"protocols not a list", map[string]any{"v": 1, "secret": secret, "url": "/echo", "protocols": "chat"}, "protocols has the wrong type"},
		{"no url", map[string]any{"v": 1, "secret": secret}, "no url"},
		{"no v", map[string]any{"secret": secret, "url": "/echo"}, "v must be 1"},
		{"v 2", map[string]any{"v": 2, "secret": secret, "url": "/echo"}, "v must be 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, rep := r.send(tc.msg)
			r.wantFailed(c, rep, relay.StatusMalformed, tc.want)
		})
	}
	t.Run("binary", func(t *testing.T) {
		c, _, err := r.dialPage("")
		if err != nil {
			t.Fatal(err)
		}
		c.Write(ctxT(t), websocket.MessageBinary, mustJSON(first(r.up.WSS+"/echo")))
		_, b, _ := c.Read(ctxT(t))
		r.wantFailed(c, parseReply(t, b), relay.StatusMalformed, "first message must be text")
	})
	nothingDialed(t, r)
}

func TestOversizedFirstMessage(t *testing.T) {
	r := newRig(t, nil)
	// Exactly 16 KiB passes; one byte more does not, nor does 1 MiB.
	sized := func(n int) []byte {
		m := first(r.up.WSS + "/echo")
		m["header"] = map[string]string{"X-Pad": ""}
		b := mustJSON(m)
		m["header"] = map[string]string{"X-Pad": strings.Repeat("p", n-len(b))}
		return mustJSON(m)
	}
	c, rep := r.send(sized(relay.MaxFirstFrame))
	if rep.Type != "open" {
		t.Errorf("a first message of exactly 16 KiB: %s", rep.raw)
	}
	c.CloseNow()
	accepted := r.up.Accepted()
	for _, n := range []int{relay.MaxFirstFrame + 1, 1 << 20} {
		c, rep := r.send(sized(n))
		r.wantFailed(c, rep, relay.StatusTooBig, "over 16 KiB")
	}
	if r.up.Accepted() != accepted {
		t.Errorf("oversized first messages were dialed")
	}
}

func TestControlCharactersAndTokensInHeader(t *testing.T) {
	r := newRig(t, nil)
	for _, tc := range []struct {
		name, value, want string
	}{
		{"X-A\r", "v", "has CR, LF or NUL"},
		{"X-A\nX-B", "v", "has CR, LF or NUL"},
		{"X-A\x00", "v", "has CR, LF or NUL"},
		{"X-A", "v\r\nX-Injected: 1", "control character"},
		{"X-A", "v\nX-Injected: 1", "control character"},
		{"X-A", "v\rX", "control character"},
		{"X-A", "v\x00", "control character"},
		{"X-A", "v\x7f", "control character"},
		{"X-A", "v\x1b[31m", "control character"},
		{"X A", "v", "is not a token"},
		{"X-A:", "v", "is not a token"},
		{"", "v", "is not a token"},
		{"X-微信", "v", "is not a token"},
	} {
		m := first("/echo")
		m["header"] = map[string]string{tc.name: tc.value, "X-Fine": "ok"}
		c, rep := r.send(m)
		r.wantFailed(c, rep, relay.StatusRefused, tc.want)
	}
	nothingDialed(t, r)
}

func TestRefusedTargets(t *testing.T) {
	r := newRig(t, nil)
	for _, tc := range []struct {
		url, want string
	}{
		{"http://127.0.0.1/echo", `not "http:"`},
		{"https://127.0.0.1/echo", `not "https:"`},
		{"ftp://127.0.0.1/", `not "ftp:"`},
		{"javascript:alert(1)", `not "javascript:"`},
		{"127.0.0.1:443/echo", "does not parse"},
		{"wss://127.0.0.1:0/", "bad port"},
		{"//127.0.0.1/echo", "ws:// or wss://"},
		{"wss://", "no host"},
		{"wss:///echo", "no host"},
		{"wss://127.0.0.1:99999/", "bad port"},
		{"wss://[::1/", "does not parse"},
	} {
		c, rep := r.send(map[string]any{"v": 1, "secret": secret, "url": tc.url})
		r.wantFailed(c, rep, relay.StatusRefused, tc.want)
	}
	for _, tc := range []struct {
		key  string
		val  any
		want string
	}{
		{"appid", "wx/../../evil", "appid must be"},
		{"appid", "wx 1", "appid must be"},
		{"appid", strings.Repeat("a", 65), "appid must be"}, // the shim's limit too (rules.ValidAppName)
		{"appVersion", "1/2", "appVersion must be"},
		{"appVersion", "1?x=", "appVersion must be"},
		{"protocols", []string{"chat", "a b"}, "is not a token"},
		{"protocols", []string{"a,b"}, "is not a token"},
		{"protocols", []string{""}, "is not a token"},
		{"protocols", []string{"x\r\nX-Injected: 1"}, "is not a token"},
	} {
		m := first("/echo")
		m[tc.key] = tc.val
		c, rep := r.send(m)
		r.wantFailed(c, rep, relay.StatusRefused, tc.want)
	}
	nothingDialed(t, r)
}

func TestFirstMessageDeadline(t *testing.T) {
	r := newRig(t, func(o *relay.Options, _ *wstest.Server) { o.FirstFrameTimeout = 200 * time.Millisecond })
	t.Run("nothing sent", func(t *testing.T) {
		c, _, err := r.dialPage("")
		if err != nil {
			t.Fatal(err)
		}
		_, b, err := c.Read(ctxT(t))
		if err != nil {
			t.Fatal(err)
		}
		r.wantFailed(c, parseReply(t, b), relay.StatusNoFirstFrame, "no first message within 200ms")
	})
	t.Run("message never finished", func(t *testing.T) {
		c, _, err := r.dialPage("")
		if err != nil {
			t.Fatal(err)
		}
		// A frame without FIN, and nothing after it.
		w, err := c.Writer(context.Background(), websocket.MessageText)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(`{"v":1,`))
		_, b, err := c.Read(ctxT(t))
		if err != nil {
			t.Fatal(err)
		}
		r.wantFailed(c, parseReply(t, b), relay.StatusNoFirstFrame, "no first message within 200ms")
	})
	nothingDialed(t, r)
}

func parseReply(t *testing.T, b []byte) reply {
	t.Helper()
	var rep reply
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatalf("reply %q: %v", b, err)
	}
	rep.raw = b
	return rep
}

// TestRebindingHostIs403: a page whose own name now resolves to this
// machine sends an Origin that matches its Host; the Origin check alone
// would let it through, the Host check does not. Nothing is dialed.
func TestRebindingHostIs403(t *testing.T) {
	r := newRig(t, nil)
	for _, host := range []string{"evil.example", "evil.example:443", "127.0.0.1.evil.example"} {
		req, err := http.NewRequest("GET", r.srv.URL+"/relay", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = host
		req.Header.Set("Origin", "https://"+host)
		req.Header.Set("Connection", "Upgrade")
		req.Header.Set("Upgrade", "websocket")
		req.Header.Set("Sec-WebSocket-Version", "13")
		req.Header.Set("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
		resp, err := r.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("Host %s: HTTP %d, want 403", host, resp.StatusCode)
		}
	}
	nothingDialed(t, r)
}

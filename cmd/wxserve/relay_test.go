package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/coder/websocket"

	"wxsocket/internal/wstest"
)

// devServer is wxserve's site without a browser: the files, the relay (at
// /relay and on its plain listener) and /relay-config, and a client that
// trusts its certificate.
func devServer(t *testing.T) (*wstest.Server, *http.Client, *relays) {
	t.Helper()
	cert, err := wstest.NewCert()
	if err != nil {
		t.Fatal(err)
	}
	rl, err := newRelays(cert, nil, wstest.DialLoopback, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rl.close)
	srv, err := wstest.Start("127.0.0.1:0", cert, rl.routes(files(root)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	if err := rl.servePlain(srv.Port()); err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(cert.CAPEM)
	return srv, &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}, rl
}

func TestRelayConfig(t *testing.T) {
	srv, client, rl := devServer(t)
	secret := rl.secret
	get := func(mod func(*http.Request)) *http.Response {
		req, _ := http.NewRequest("GET", srv.URL+"/relay-config", nil)
		if mod != nil {
			mod(req)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { resp.Body.Close() })
		return resp
	}
	resp := get(func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "same-origin") })
	var cfg struct{ URL, Secret, Fallback string }
	if err := json.NewDecoder(resp.Body).Decode(&cfg); err != nil || resp.StatusCode != 200 {
		t.Fatalf("%s: %v", resp.Status, err)
	}
	if !strings.HasPrefix(cfg.URL, "ws://127.0.0.1:") || cfg.URL != rl.plainURL() || cfg.Fallback != srv.WSS+"/relay" ||
		cfg.Secret != secret || len(secret) < 32 {
		t.Errorf("config %+v, want url %s, fallback %s and the secret", cfg, rl.plainURL(), srv.WSS+"/relay")
	}
	if resp.Header.Get("Access-Control-Allow-Origin") != "" || resp.Header.Get("Cache-Control") != "no-store" ||
		!strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Errorf("headers: %v", resp.Header)
	}
	// The URL follows the name the page was loaded by, any loopback name
	// (rules.IsLoopback, the relay's own Host rule: *.localhost included).
	for _, name := range []string{"localhost", "app.localhost", "[::1]"} {
		resp = get(func(r *http.Request) { r.Host = name + srv.URL[strings.LastIndex(srv.URL, ":"):] })
		cfg.Fallback = ""
		json.NewDecoder(resp.Body).Decode(&cfg)
		if resp.StatusCode != 200 || !strings.HasPrefix(cfg.Fallback, "wss://"+name+":") || cfg.URL != rl.plainURL() {
			t.Errorf("loaded from %s: %s, config says %+v", name, resp.Status, cfg)
		}
	}
	for name, mod := range map[string]func(*http.Request){
		"cross-site fetch":   func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "cross-site") },
		"same-site fetch":    func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "same-site") },
		"foreign Origin":     func(r *http.Request) { r.Header.Set("Origin", "https://evil.example") },
		"DNS-rebinding Host": func(r *http.Request) { r.Host = "evil.example:443" },
		"POST":               func(r *http.Request) { r.Method = "POST" },
	} {
		if resp := get(mod); resp.StatusCode < 400 {
			t.Errorf("%s: %s", name, resp.Status)
		}
	}
}

// TestRelayThroughDevServer: a page-like client reads /relay-config, then
// goes through the relay, on either URL, to this server's own echo endpoint.
func TestRelayThroughDevServer(t *testing.T) {
	srv, client, _ := devServer(t)
	resp, err := client.Get(srv.URL + "/relay-config")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var cfg struct{ URL, Secret, Fallback string }
	json.NewDecoder(resp.Body).Decode(&cfg)
	for _, u := range []string{cfg.URL, cfg.Fallback} {
		t.Run(u[:strings.Index(u, ":")], func(t *testing.T) { relayEcho(t, client, u, cfg.Secret, srv.WSS+"/echo", srv.URL) })
	}
}

// relayEcho goes through the relay at u to target, as a page of origin.
func relayEcho(t *testing.T, client *http.Client, u, secret, target, origin string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, _, err := websocket.Dial(ctx, u, &websocket.DialOptions{HTTPClient: client, HTTPHeader: http.Header{"Origin": {origin}}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	first, _ := json.Marshal(map[string]any{"v": 1, "secret": secret, "url": target, "header": map[string]string{"Authorization": "Bearer t"}})
	c.Write(ctx, websocket.MessageText, first)
	if _, b, err := c.Read(ctx); err != nil || !strings.Contains(string(b), `"type":"open"`) {
		t.Fatalf("reply %s, %v", b, err)
	}
	c.Write(ctx, websocket.MessageBinary, []byte{1, 2, 3})
	if typ, b, err := c.Read(ctx); err != nil || typ != websocket.MessageBinary || string(b) != "\x01\x02\x03" {
		t.Errorf("echo %v %q %v", typ, b, err)
	}
	c.Close(websocket.StatusNormalClosure, "")
}

func init() {
	pages["relay.html"] = `<!doctype html><meta charset="utf-8"><script>
window.result = (async () => {
  const cfg = await (await fetch("/relay-config")).json();
  const ws = new WebSocket(cfg.url);
  const log = [new URL(cfg.url).protocol];
  await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = () => fail(new Error("relay socket failed")); });
  ws.send(JSON.stringify({v: 1, secret: cfg.secret, url: location.origin.replace("https", "wss") + "/echo", appid: "wx123"}));
  await new Promise((ok) => { ws.onmessage = (e) => { log.push(JSON.parse(e.data).type); ok(); }; });
  ws.send("through the relay");
  await new Promise((ok) => { ws.onmessage = (e) => { log.push(e.data); ok(); }; });
  ws.close(4001, "done");
  await new Promise((ok) => { ws.onclose = (e) => { log.push(e.code + " " + e.reason); ok(); }; });
  return log;
})();
</script>`
}

// TestRelayConfigInChromium: in a real browser, the server's own page reads
// /relay-config and relays through /relay; a page of another origin can do
// neither.
func TestRelayConfigInChromium(t *testing.T) {
	r := newRig(t)
	// Another origin on this machine (another port), trusted by the browser
	// (the same certificate).
	other, err := wstest.Start("127.0.0.1:0", r.srv.Cert, http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><meta charset="utf-8"><script>
window.result = (async () => {
  const out = {};
  try { await (await fetch("` + r.srv.URL + `/relay-config")).json(); out.fetch = "read"; } catch (e) { out.fetch = e.name; }
  const socket = (url) => new Promise((ok) => {
    const ws = new WebSocket(url);
    ws.onopen = () => ok("open");
    ws.onclose = (e) => ok("closed " + e.code);
  });
  out.socket = await socket("` + r.srv.WSS + `/relay");
  out.plain = await socket("` + r.relays.plainURL() + `");
  return out;
})();
</script>`))
	}))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()

	var own []string
	var foreign map[string]string
	r.run(t,
		chromedp.Navigate(r.srv.URL+"/t/relay.html"),
		chromedp.Evaluate(`window.result`, &own, awaitPromise),
		chromedp.Navigate(other.URL+"/"),
		chromedp.Evaluate(`window.result`, &foreign, awaitPromise),
	)
	// The own page is https and relay-config's url is ws://127.0.0.1:port:
	// Chromium opens it (loopback is potentially trustworthy).
	if strings.Join(own, "|") != "ws:|open|through the relay|4001 done" {
		t.Errorf("own page through the relay: %q", own)
	}
	if foreign["fetch"] != "TypeError" || foreign["socket"] != "closed 1006" || foreign["plain"] != "closed 1006" {
		t.Errorf("a page of another origin: %v (want its fetch refused and its sockets refused)", foreign)
	}
}

// TestRelayPlainListenerLoopbackOnly: the relay's plain listener binds
// loopback only, as the relay must: an address of another interface, or
// every interface, is refused before anything listens.
func TestRelayPlainListenerLoopbackOnly(t *testing.T) {
	cert, err := wstest.NewCert()
	if err != nil {
		t.Fatal(err)
	}
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0", "192.0.2.1:0", "example.com:0"} {
		if rl, err := newRelays(cert, nil, nil, addr); err == nil {
			rl.close()
			t.Errorf("%s: listened", addr)
		}
	}
	rl, err := newRelays(cert, nil, nil, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer rl.close()
	if u, err := url.Parse(rl.plainURL()); err != nil || !net.ParseIP(u.Hostname()).IsLoopback() {
		t.Errorf("listens at %s", rl.plainURL())
	}
}

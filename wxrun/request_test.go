package wxrun

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// From a real page: -serve's HTTP endpoints answer the page's fetch with
// CORS (a preflight too; /http/nocors none), and the run's relay takes the
// page's requests, on its plain listener (http://127.0.0.1, another
// origin) and on wxrun's own server (the https fallback), with no
// preflight, the head readable in Wx-Relay.
func TestServeAndRelayTakeRequests(t *testing.T) {
	res := Run(t, Script{Name: "requests.mjs", Kind: Module, Serve: true, Relay: true,
		Settings: Settings{AppID: "wxapp1", AppVersion: "7"},
		Source: `
const s = wxrun.serve.http;
const check = (ok, what) => { if (!ok) throw new Error(what); };

let r = await fetch(s.echo + "?q=1", {method: "POST", body: "hi", headers: {"X-Test": "1"}}); // preflight: X-Test
let e = await r.json();
check(e.method === "POST" && e.uri === "/http/echo?q=1" && e.body === "hi" && e.header["X-Test"][0] === "1", "echo " + JSON.stringify(e));
r = await fetch(s.status(404, ["X-Multi:a", "X-Multi:b"], "gone"));
check(r.status === 404 && r.headers.get("x-multi") === "a, b" && (await r.text()) === "gone", "status " + r.status);
r = await fetch(s.redirect(2));
check(r.redirected && (await r.json()).uri === "/http/echo", "redirect");
r = await fetch(s.chunked(3, 5));
check((await r.text()) === "aaaaabbbbbccccc", "chunked");
r = await fetch(s.big(100000));
check((await r.arrayBuffer()).byteLength === 100000, "big");
r = await fetch(s.count, {method: "POST", body: new Uint8Array(70000)});
check((await r.json()).length === 70000, "count");
r = await fetch(s.echoDelay(10));
check((await r.json()).uri === "/http/echo?delay=10", "echoDelay");
let broke = false;
try { await (await fetch(s.drop)).arrayBuffer(); } catch (err) { broke = true; }
check(broke, "drop gave a whole body");
let blocked = false;
try { await fetch(s.nocors); } catch (err) { blocked = true; }
check(blocked, "nocors was readable");

const rl = wxshim.relay;
check(rl && rl.url && rl.fallback, "no relay setting: " + JSON.stringify(rl));
for (const u of [rl.url, rl.fallback]) {
  const url = u.replace(/^ws/, "http");
  const head = {v: 1, secret: rl.secret, url: s.echo + "?x=1", method: "PUT", appid: "wxapp1", appVersion: "7",
    header: {"X-Token": "t", Referer: "https://evil.example/", "User-Agent": "wx-test", Cookie: "sid=1"}};
  r = await fetch(url, {method: "POST", body: JSON.stringify(head) + "\n" + "body via " + url});
  const h = JSON.parse(r.headers.get("Wx-Relay"));
  e = await r.json();
  check(r.status === 200 && h.status === 200, "relay " + r.status + " " + JSON.stringify(h));
  check(e.method === "PUT" && e.body === "body via " + url && e.header["X-Token"][0] === "t" &&
    e.header.Referer[0] === "https://servicewechat.com/wxapp1/7/page-frame.html" &&
    e.header["User-Agent"][0] === "wx-test" && e.header.Cookie[0] === "sid=1", "upstream got " + JSON.stringify(e));
  r = await fetch(url, {method: "POST", body: JSON.stringify({v: 1, secret: rl.secret, url: s.cookies()}) + "\n"});
  const c = JSON.parse(r.headers.get("Wx-Relay")).cookies;
  check(c.length === 3 && c[0] === "sid=abc123; Path=/; HttpOnly", "cookies " + JSON.stringify(c));
  r = await fetch(url, {method: "POST", body: JSON.stringify({v: 1, secret: "wrong", url: s.echo}) + "\n"});
  check(r.status === 401 && (await r.json()).reason === "wrong secret" && r.headers.get("Wx-Relay") === null, "wrong secret: " + r.status);
  console.log("through " + url.slice(0, url.indexOf(":")) + ": ok");
}
`})
	out := res.Output()
	if !strings.Contains(out, "through http: ok") || !strings.Contains(out, "through https: ok") {
		t.Errorf("output:\n%s", out)
	}
}

// A backend of the test's own (Script.Server, its certificate pinned):
// requests through the run's relay reach it as the page's sockets do, by
// the run's routes and trust, with the phone's Referer.
func TestRelayRequestReachesScriptServer(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Referer") != "https://servicewechat.com/wxapp1/0/page-frame.html" {
			http.Error(w, "who are you?", http.StatusUnauthorized)
			return
		}
		w.Header().Add("Set-Cookie", "session=s1")
		io.WriteString(w, "hello "+r.Host)
	}))
	defer srv.Close()
	res := Run(t, Script{Name: "api.mjs", Kind: Module, Server: srv, Host: "api.example.com", Relay: true,
		Settings: Settings{AppID: "wxapp1"},
		Source: `
const rl = wxshim.relay;
const r = await fetch(rl.url.replace(/^ws/, "http"), {method: "POST",
  body: JSON.stringify({v: 1, secret: rl.secret, url: "https://api.example.com/login", appid: "wxapp1"}) + "\n"});
const h = JSON.parse(r.headers.get("Wx-Relay"));
console.log(h.status, h.cookies.join(";"), await r.text());`})
	if out := res.Output(); !strings.Contains(out, "200 session=s1 hello api.example.com") {
		t.Errorf("output:\n%s", out)
	}
}

// From a real page: -serve's upload sink and downloads, by their
// wxrun.serve.http names, and a FormData upload through the run's relay
// (the body as the shim sends it: the head's line, then the multipart
// bytes), which reaches the sink whole with the phone's Referer, its
// progress asked of the relay meanwhile.
func TestServeTransfers(t *testing.T) {
	res := Run(t, Script{Name: "transfers.mjs", Kind: Module, Serve: true, Relay: true,
		Settings: Settings{AppID: "wxapp1"},
		Source: `
const s = wxrun.serve.http;
const check = (ok, what) => { if (!ok) throw new Error(what); };
const sha = async (b) => [...new Uint8Array(await crypto.subtle.digest("SHA-256", await b.arrayBuffer()))].map((x) => x.toString(16).padStart(2, "0")).join("");

const photo = new Blob([new Uint8Array(300000).map((_, i) => i % 251)], {type: "image/png"});
const fd = new FormData();
fd.append("user", "微信");
fd.append("photo", photo, "a.png");
let r = await fetch(s.uploadWith(201, 5), {method: "POST", body: fd, headers: {"X-Custom": "c"}});
let u = await r.json();
check(r.status === 201 && u.fields.user === "微信" && u.order.join() === "user,photo" && u.header["X-Custom"][0] === "c", "upload " + JSON.stringify(u));
check(u.files.length === 1 && u.files[0].field === "photo" && u.files[0].filename === "a.png" && u.files[0].contentType === "image/png" &&
  u.files[0].size === 300000 && u.files[0].sha256 === await sha(photo), "upload's file " + JSON.stringify(u.files));

r = await fetch(s.file(1000, {type: "image/png", name: "x.png"}));
let b = await r.blob();
check(r.headers.get("content-length") === "1000" && r.headers.get("content-type") === "image/png" && b.size === 1000 &&
  r.headers.get("content-disposition") === "attachment; filename=x.png", "file " + [...r.headers]);
r = await fetch(s.file(1000, {length: false}));
check(r.headers.get("content-length") === null && (await r.blob()).size === 1000, "file without length");
r = await fetch(s.file(100000, {ms: 1, chunk: 30000}));
check((await r.text()).slice(26, 29) === "abc", "slow file");
r = await fetch(s.file(1000, {lie: "short"}));
check((await r.blob()).size === 500, "lie=short");
for (const o of [{stopAt: 100}, {lie: "long"}]) {
  let broke = false;
  try { await (await fetch(s.file(1000, o))).blob(); } catch (err) { broke = true; }
  check(broke, JSON.stringify(o) + " gave a whole body");
}

const rl = wxshim.relay;
const relayURL = rl.url.replace(/^ws/, "http");
const multipart = new Response(fd);
const head = {v: 1, secret: rl.secret, url: s.uploadWith(200, 1000), method: "POST", appid: "wxapp1", progress: "page-upload-1",
  header: {"Content-Type": multipart.headers.get("content-type"), Cookie: "sid=1"}};
const sent = fetch(relayURL, {method: "POST", body: new Blob([JSON.stringify(head) + "\n", await multipart.blob()])});
// The relay's progress, asked from the page (another origin: CORS): the
// sink holds its answer 300 ms once it has read everything.
const progress = async () => (await fetch(relayURL, {method: "POST", body: JSON.stringify({v: 1, secret: rl.secret, progressOf: ["page-upload-1"]}) + "\n"})).json();
let p;
for (let i = 0; i < 100 && !(p = (await progress())["page-upload-1"]); i++) await new Promise((ok) => setTimeout(ok, 10));
r = await sent;
u = await r.json();
check(JSON.parse(r.headers.get("Wx-Relay")).status === 200 && u.files[0].sha256 === await sha(photo) && u.fields.user === "微信" &&
  u.header.Referer[0] === "https://servicewechat.com/wxapp1/0/page-frame.html" && u.header.Cookie[0] === "sid=1", "relayed upload " + JSON.stringify(u));
check(p && p.total === u.length && p.sent <= p.total, "progress during the upload " + JSON.stringify(p));
check(JSON.stringify(await progress()) === "{}", "progress after the upload");
console.log("transfers: ok");
`})
	if out := res.Output(); !strings.Contains(out, "transfers: ok") {
		t.Errorf("output:\n%s", out)
	}
}

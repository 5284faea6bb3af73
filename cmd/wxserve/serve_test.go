package main

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"wxsocket/internal/browsers"
	"wxsocket/internal/wstest"
)

// These tests load the harness and the loader the way people do: over
// https from this dev server, in headless Chromium (driven through
// chromedp), against its wss echo endpoint.

const root = "../.."

// pages are test pages served under /t/.
var pages = map[string]string{
	"early.html": `<!doctype html><meta charset="utf-8">
<script>window.wxshim = {urlCheck: false, libVersion: "2.10.4"};</script>
<script src="/wx.js"></script>
<script>` + scenarioJS + `
window.beforeReady = typeof wxshim.readyAt;
scenario();
</script>`,
	"late.html": `<!doctype html><meta charset="utf-8">
<script>window.wxshim = {urlCheck: false, libVersion: "2.10.4"};</script>
<script src="/wx.js"></script>
<script>` + scenarioJS + `
wxshim.ready.then(scenario);
</script>`,
	"module.html": `<!doctype html><meta charset="utf-8">
<script type="module">
import "/wx.js";
wxshim.urlCheck = false;
window.log = [];
const task = wx.connectSocket({url: location.origin.replace("https", "wss") + "/echo"});
task.onOpen(() => task.send({data: "from a module"}));
task.onMessage((res) => log.push(res.data));
</script>`,
}

// scenarioJS is mini-program code that starts before the shim may be ready.
const scenarioJS = `
window.log = [];
const r = (n) => (res) => log.push(res === undefined ? [n] : [n, res.errMsg || res.data || res.code || Object.keys(res).join()]);
function scenario() {
  const url = location.origin.replace("https", "wss") + "/echo";
  wx.onSocketOpen(r("global open"));
  wx.onSocketMessage(r("global message"));
  const task = wx.connectSocket({url, success: r("success"), complete: r("complete")});
  task.onOpen(() => { r("task open")(); task.send({data: "hello", success: r("sent")}); });
  task.onMessage(r("task message"));
  task.send({data: "too early", fail: r("send early")});
  const p = wx.sendSocketMessage({data: "no socket yet"});
  p.then(r("resolved"), r("rejected"));
  wx.closeSocket({code: 1001, fail: r("bad close")});
  log.push(["readyState", task.readyState]);
}`

type rig struct {
	ctx         context.Context
	srv         *wstest.Server
	out         string
	relaySecret string // the secret of the relay at /relay
	relays      *relays
}

func newRig(t *testing.T) *rig {
	t.Helper()
	if _, err := os.Stat(filepath.Join(root, "build", "wx.wasm")); err != nil {
		t.Fatalf("%v: run make build first (make test does)", err)
	}
	chromium, err := browsers.Find(browsers.Chromium)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := wstest.NewCert()
	if err != nil {
		t.Fatal(err)
	}
	site := files(root)
	// The relay dials every name on 127.0.0.1 (api.example.com on this
	// server's port), as Chromium resolves them here: nothing leaves the machine.
	var port string
	rl, err := newRelays(cert, nil, func(ctx context.Context, network, addr string) (net.Conn, error) {
		if host, _, err := net.SplitHostPort(addr); err == nil && host == "api.example.com" {
			addr = net.JoinHostPort(host, port)
		}
		return wstest.DialLoopback(ctx, network, addr)
	}, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rl.close)
	srv, err := wstest.Start("127.0.0.1:0", cert, rl.routes(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/t/slow-missing.wasm" {
			// A wasm that is not there, answered after the page's scripts ran.
			time.Sleep(300 * time.Millisecond)
			http.NotFound(w, r)
			return
		}
		if name := strings.TrimPrefix(r.URL.Path, "/t/"); pages[name] != "" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			if strings.HasSuffix(name, ".js") {
				w.Header().Set("Content-Type", "text/javascript")
			}
			if strings.HasPrefix(name, "csp") {
				// The usual policy of a wasm page: no eval, no inline script.
				w.Header().Set("Content-Security-Policy", "script-src 'self' 'wasm-unsafe-eval'")
			}
			w.Write([]byte(pages[name]))
			return
		}
		site.ServeHTTP(w, r)
	})))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	if err := rl.servePlain(srv.Port()); err != nil {
		t.Fatal(err)
	}
	port = srv.Port()
	// api.example.com, the README's server, is this one (port included);
	// every other name is 127.0.0.1.
	rules := "MAP api.example.com 127.0.0.1:" + srv.Port() + ", " + browsers.LoopbackHosts
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium))
	opts = append(opts, browsers.ChromedpFlags(browsers.ChromiumFlags(cert.SPKI, rules))...)
	if browsers.Ended() {
		t.Fatal("the test binary got SIGINT or SIGTERM: no more browsers")
	}
	// A TMPDIR of its own, removed after it: a Chromium that is killed
	// (as the allocator ends it) leaves its singleton directory there.
	tmp, err := os.MkdirTemp("", "wxs") // short: the singleton socket's path has room for 107 bytes
	if err != nil {
		t.Fatal(err)
	}
	opts = append(opts, chromedp.Env("TMPDIR="+tmp))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	// Closed, not killed: a killed Chromium's children still write to its
	// profile after chromedp removes it.
	var once sync.Once
	end := func() {
		once.Do(func() {
			chromedp.Cancel(ctx)
			cancel()
			cancelAlloc()
			chromedp.FromContext(actx).Allocator.Wait()
			os.RemoveAll(tmp)
		})
	}
	t.Cleanup(end)
	// SIGINT or SIGTERM to the test binary ends this Chromium as the
	// cleanup does: it would be killed (chromedp sets Pdeathsig) and leave
	// its profile and TMPDIR behind.
	t.Cleanup(browsers.OnSignal(end))
	ctx, cancel = context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(cancel)
	out := filepath.Join(root, "test-output")
	os.MkdirAll(out, 0o755)
	return &rig{ctx: ctx, srv: srv, out: out, relaySecret: rl.secret, relays: rl}
}

func (r *rig) run(t *testing.T, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(r.ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

func waitFor(expr string) chromedp.Action {
	return chromedp.Poll(expr, nil, chromedp.WithPollingTimeout(15*time.Second))
}

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }

func TestLoaderEarlyCallsMatchLateCalls(t *testing.T) {
	r := newRig(t)
	var early, late []any
	var before string
	var readyMs float64
	r.run(t,
		chromedp.Navigate(r.srv.URL+"/t/early.html"),
		waitFor(`log.some((e) => e[0] === "task message")`),
		chromedp.Sleep(100*time.Millisecond),
		chromedp.Evaluate(`log`, &early),
		chromedp.Evaluate(`beforeReady`, &before),
		chromedp.Evaluate(`wxshim.readyAt`, &readyMs),
		chromedp.Navigate(r.srv.URL+"/t/late.html"),
		waitFor(`log.some((e) => e[0] === "task message")`),
		chromedp.Sleep(100*time.Millisecond),
		chromedp.Evaluate(`log`, &late),
	)
	t.Logf("ready %.1f ms after navigation start", readyMs)
	if before != "undefined" {
		t.Errorf("the early scenario ran after the shim was ready (readyAt was %s)", before)
	}
	// Results are the same; only when they run differs: the early calls'
	// synchronous callbacks run when the shim becomes ready, after the
	// scenario's own last line. So compare without that line, then check it.
	e, _ := json.Marshal(without(early, "readyState"))
	l, _ := json.Marshal(without(late, "readyState"))
	if string(e) != string(l) {
		t.Errorf("early calls differ from late calls:\nearly %s\nlate  %s", e, l)
	}
	want := `[["success","connectSocket:ok"],["complete","connectSocket:ok"],` +
		`["send early","SocketTask.send:fail SocketTask.readyState is not OPEN"],` +
		`["bad close","closeSocket:fail The code must be either 1000, or between 3000 and 4999"],` +
		`["rejected","sendSocketMessage:fail WebSocket is not connected"],` +
		`["task open"],["sent","sendSocketMessage:ok"],["global open","header,profile"],["task message","hello"],["global message","hello"]]`
	if string(l) != want {
		t.Errorf("late calls:\ngot  %s\nwant %s", l, want)
	}
	for _, log := range [][]any{early, late} {
		if len(without(log, "readyState")) != len(log)-1 || !contains(log, `["readyState",0]`) {
			t.Errorf("readyState right after connectSocket should be 0 (CONNECTING): %v", log)
		}
	}
}

func without(log []any, name string) []any {
	var out []any
	for _, e := range log {
		if row, ok := e.([]any); ok && len(row) > 0 && row[0] == name {
			continue
		}
		out = append(out, e)
	}
	return out
}

func contains(log []any, row string) bool {
	for _, e := range log {
		if b, _ := json.Marshal(e); string(b) == row {
			return true
		}
	}
	return false
}

func TestLoaderAsModule(t *testing.T) {
	r := newRig(t)
	var got []string
	r.run(t,
		chromedp.Navigate(r.srv.URL+"/t/module.html"),
		waitFor(`window.log && log.length === 1`),
		chromedp.Evaluate(`log`, &got),
	)
	if len(got) != 1 || got[0] != "from a module" {
		t.Errorf("got %q", got)
	}
}

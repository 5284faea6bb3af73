package main

import (
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/coder/websocket"
)

// The loader's promises from the first line after its script tag: settings
// calls answered at once, one version gate, a strict CSP, a start that fails
// loudly, frozen page globals, and the browser's own mixed-content refusal.

func init() {
	pages["csp.html"] = `<!doctype html><meta charset="utf-8">
<script src="/wx.js"></script>
<script src="/t/csp.js"></script>`
	pages["csp.js"] = `
window.log = [];
wxshim.urlCheck = false;
const task = wx.connectSocket({url: location.origin.replace("https", "wss") + "/echo"});
task.onOpen(() => task.send({data: "under a strict CSP"}));
task.onMessage((res) => log.push(res.data));
wxshim.ready.then(() => log.push("ready"), (e) => log.push("rejected: " + e.message));`
	pages["settings-early.html"] = `<!doctype html><meta charset="utf-8">
<script src="/wx.js"></script>
<script>
window.early = {};
early.ready = typeof wxshim.readyAt;
early.configured = wxshim.configure({libVersion: "2.10.1", setting: {urlCheck: false}, networkTimeout: {connectSocket: 5000}});
early.beta = String((wxshim.libVersion = "2.10.2-beta", wx.sendSocketMessage({data: "x"})));
early.gatedPromise = (wxshim.libVersion = "2.10.2", wx.sendSocketMessage({data: "x"}));
early.gated = String(early.gatedPromise);
wxshim.libVersion = "2.10.1";
// A close queued at 1.6.0 that becomes 2.10.4 before ready keeps its answer (undefined: no Promise to reject).
wxshim.libVersion = "1.6.0";
early.closeAt160 = String(wx.closeSocket());
wxshim.libVersion = "2.10.1";
window.unhandled = 0;
addEventListener("unhandledrejection", () => { unhandled++; });
early.verdict = wxshim.checkUrl("ws://127.0.0.1/x");
early.sendReturns = String(wx.sendSocketMessage({data: "x"}));
wxshim.ready.then(async () => {
  window.late = {
    configured: wxshim.configure({libVersion: "2.10.1", setting: {urlCheck: false}, networkTimeout: {connectSocket: 5000}}),
    verdict: wxshim.checkUrl("ws://127.0.0.1/x"),
    sendReturns: String(wx.sendSocketMessage({data: "x"})),
    beta: String((wxshim.libVersion = "2.10.2-beta", wx.sendSocketMessage({data: "x"}))),
    gatedPromise: (wxshim.libVersion = "2.10.2", wx.sendSocketMessage({data: "x"})),
    closeAt160: "undefined",
  };
  late.gated = String(late.gatedPromise);
  wxshim.libVersion = "2.10.1";
  // The queued send keeps the answer it gave when it was made: a Promise
  // that settles as the same send after ready does (rejected: not connected).
  for (const o of [early, late]) o.gatedPromise = await o.gatedPromise.then((r) => "resolved " + JSON.stringify(r), (e) => "rejected " + JSON.stringify(e));
  await new Promise((r) => setTimeout(r, 50));
  early.unhandled = late.unhandled = unhandled;
  early.verdictIsPromise = early.verdict instanceof Promise;
  early.verdict = await early.verdict;
  early.configured = JSON.stringify(early.configured);
  late.configured = JSON.stringify(late.configured);
  window.done = true;
});
</script>`
	pages["nostart.html"] = `<!doctype html><meta charset="utf-8">
<script>window.wxshim = {wasmUrl: "/t/slow-missing.wasm", libVersion: "2.10.4", urlCheck: false};</script>
<script src="/wx.js"></script>
<script>
window.log = [];
const r = (n) => (res) => log.push([n, res && res.errMsg]);
const task = wx.connectSocket({url: "wss://x.test/", fail: r("connect fail"), success: r("connect success")});
task.send({data: "x", fail: r("early send fail")});
wx.sendSocketMessage({data: "x"}).then(r("resolved"), r("rejected"));
wxshim.ready.then(() => log.push(["ready"]), (e) => {
  log.push(["ready rejected", e.message]);
  log.push(["readyState", task.readyState]);
  wx.connectSocket({url: "wss://x.test/", fail: r("later connect fail")});
  window.done = true;
});
</script>`
	pages["frozen.html"] = `<!doctype html><meta charset="utf-8">
<script>
window.wxshim = Object.freeze({urlCheck: false, libVersion: "2.10.4"});
window.wx = Object.freeze({getSystemInfoSync() { return "kept"; }});
</script>
<script src="/wx.js"></script>
<script>
window.log = [];
const task = wx.connectSocket({url: location.origin.replace("https", "wss") + "/echo"});
task.onOpen((res) => { log.push(Object.keys(res).join()); task.send({data: "frozen ok"}); });
task.onMessage((res) => { log.push(res.data); log.push(wx.getSystemInfoSync()); });
</script>`
	pages["mixed.html"] = `<!doctype html><meta charset="utf-8">
<script src="/wx.js"></script>
<script>
window.log = [];
wxshim.urlCheck = false;
wxshim.libVersion = "2.10.4";
const port = location.port;
wxshim.ready.then(() => {
  const url = "ws://good.example.com:" + port + "/echo";
  let browser = "no error";
  try { new WebSocket(url).close(); } catch (e) { browser = e.message; }
  const r = (n) => (res) => log.push([n, res.errMsg]);
  const ret = wx.connectSocket({url, fail: r("fail"), complete: r("complete")});
  log.push(["returned", String(ret)]);
  window.browser = browser;
  window.done = true;
});
</script>`
	pages["warm.html"] = `<!doctype html><meta charset="utf-8">
<script>window.wxshim = {libVersion: "2.10.4", socketDomains: ["good.example.com"]};</script>
<script src="/wx.js"></script>
<script>
window.log = [];
for (const k of ["onSocketOpen", "onSocketMessage", "onSocketError", "onSocketClose"]) wx[k]((res) => log.push(k));
const origin = console.warn;
console.warn = (...a) => { log.push("warn " + a.join(" ")); origin(...a); };
wxshim.ready.then(async () => {
  const x0 = wxshim.crossings();
  await new Promise((r) => setTimeout(r, 600)); // the page is idle: the warm-up runs
  window.crossed = wxshim.crossings() - x0;
  window.settings = JSON.stringify(wxshim.settings());
  window.live = wxshim.liveSockets();
  const port = location.port;
  const task = wx.connectSocket({url: "wss://good.example.com:" + port + "/echo", success: (res) => { window.id = res.socketTaskId; }});
  task.onOpen(() => { log.push("task open"); window.done = true; });
});
</script>`
	pages["mixed-relay.html"] = `<!doctype html><meta charset="utf-8">
<script src="/wx.js"></script>
<script>
window.log = [];
(async () => {
  wxshim.relay = await (await fetch("/relay-config")).json();
  wxshim.urlCheck = false;
  wxshim.libVersion = "2.10.4";
  const url = "ws://127.0.0.1:" + new URLSearchParams(location.search).get("port") + "/";
  const task = wx.connectSocket({url, fail: (res) => log.push(res.errMsg)});
  task.onOpen(() => { log.push("open"); task.send({data: "ws:// from https"}); });
  task.onMessage((res) => { log.push(res.data); window.done = true; });
  task.onError((res) => { log.push(res.errMsg); window.done = true; });
})();
</script>`
	pages["early-fail.html"] = `<!doctype html><meta charset="utf-8">
<script>window.wxshim = {libVersion: "2.10.4"};</script>
<script src="/wx.js"></script>
<script>
window.log = [];
const task = wx.connectSocket({url: "http://not-a-socket.test/", fail: (res) => log.push(res.errMsg)});
task.send({data: "x", fail: (res) => log.push(res.errMsg)});
wxshim.ready.then(() => {
  task.close({fail: (res) => log.push(res.errMsg)});
  log.push(task.readyState);
  window.done = true;
});
</script>`
}

func TestLoaderUnderStrictCSP(t *testing.T) {
	r := newRig(t)
	var got []string
	r.run(t,
		chromedp.Navigate(r.srv.URL+"/t/csp.html"),
		waitFor(`window.log && log.length === 2`),
		chromedp.Evaluate(`log`, &got),
	)
	if strings.Join(got, "|") != "ready|under a strict CSP" {
		t.Errorf("got %q", got)
	}
}

// TestLoaderSettingsBeforeReady: every documented settings call works from
// the first line after the script tag, with the result it has after ready;
// checkUrl's answer comes as a Promise until Go is there. "2.10.2-beta" is
// not a version (one parser decides, before and after ready): no Promise;
// "2.10.2" is: a Promise, before and after ready.
func TestLoaderSettingsBeforeReady(t *testing.T) {
	r := newRig(t)
	var early, late map[string]any
	r.run(t,
		chromedp.Navigate(r.srv.URL+"/t/settings-early.html"),
		waitFor(`window.done === true`),
		chromedp.Evaluate(`early`, &early),
		chromedp.Evaluate(`late`, &late),
	)
	if early["ready"] != "undefined" {
		t.Errorf("the early calls ran after ready: %v", early)
	}
	if early["verdictIsPromise"] != true {
		t.Errorf("checkUrl before ready should give a Promise of the verdict: %v", early)
	}
	delete(early, "ready")
	delete(early, "verdictIsPromise")
	e, _ := json.Marshal(early)
	l, _ := json.Marshal(late)
	if string(e) != string(l) {
		t.Errorf("before ready:\n%s\nafter ready:\n%s", e, l)
	}
	if late["sendReturns"] != "undefined" || late["beta"] != "undefined" || late["gated"] != "[object Promise]" ||
		!strings.Contains(string(l), `\"urlCheck\":false`) {
		t.Errorf("after ready: %s", l)
	}
}

func TestLoaderStartFailure(t *testing.T) {
	r := newRig(t)
	var got [][]any
	r.run(t,
		chromedp.Navigate(r.srv.URL+"/t/nostart.html"),
		waitFor(`window.done === true`),
		chromedp.Evaluate(`log`, &got),
	)
	b, _ := json.Marshal(got)
	s := string(b)
	for _, want := range []string{
		`["connect fail","connectSocket:fail wxshim could not start: `,
		`["early send fail","sendSocketMessage:fail wxshim could not start: `,
		`["rejected","sendSocketMessage:fail wxshim could not start: `,
		`["ready rejected","wxshim could not start: `,
		`["readyState",3]`,
		`["later connect fail","connectSocket:fail wxshim could not start: `,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %s in %s", want, s)
		}
	}
	if strings.Contains(s, "connect success") || !strings.Contains(s, "slow-missing.wasm: HTTP 404") {
		t.Errorf("got %s", s)
	}
}

func TestLoaderFrozenPageGlobals(t *testing.T) {
	r := newRig(t)
	var got []string
	r.run(t,
		chromedp.Navigate(r.srv.URL+"/t/frozen.html"),
		waitFor(`window.log && log.length === 3`),
		chromedp.Evaluate(`log`, &got),
	)
	if strings.Join(got, "|") != "header,profile|frozen ok|kept" {
		t.Errorf("got %q", got)
	}
}

// TestMixedContentFailsSynchronously: a ws:// URL from an https page fails
// at once with the browser's own message (spec 2, step 5).
func TestMixedContentFailsSynchronously(t *testing.T) {
	r := newRig(t)
	var got [][]string
	var browser string
	r.run(t,
		chromedp.Navigate(r.srv.URL+"/t/mixed.html"),
		waitFor(`window.done === true`),
		chromedp.Evaluate(`log`, &got),
		chromedp.Evaluate(`browser`, &browser),
	)
	if browser == "no error" {
		t.Fatal("this browser allows ws:// from https here; the test needs one that refuses")
	}
	want := [][]string{{"fail", "connectSocket:fail " + browser}, {"complete", "connectSocket:fail " + browser}, {"returned", "undefined"}}
	if b, w := mustJSON(got), mustJSON(want); b != w {
		t.Errorf("got  %s\nwant %s", b, w)
	}
}

// TestEarlyConnectThatFails: a connectSocket made before ready that fails
// leaves a task that reads CLOSED, whose methods fail as a closed task's.
func TestEarlyConnectThatFails(t *testing.T) {
	r := newRig(t)
	var got []any
	r.run(t,
		chromedp.Navigate(r.srv.URL+"/t/early-fail.html"),
		waitFor(`window.done === true`),
		chromedp.Evaluate(`log`, &got),
	)
	want := `["connectSocket:fail invalid url \"http://not-a-socket.test/\"","SocketTask.send:fail SocketTask.readyState is not OPEN","closeSocket:fail taskID not exist",3]`
	if b := mustJSON(got); b != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestWarmUpIsInvisible: the warm-up that compiles the connect path when
// the page is first idle (glue.js, warmLater) runs, and leaves nothing a
// page can see: no global listener fires, no warning, no socket, the
// settings as they were, and the page's first socket is number 1.
func TestWarmUpIsInvisible(t *testing.T) {
	r := newRig(t)
	var log []string
	var crossed, id, live int
	var settings string
	r.run(t,
		chromedp.Navigate(r.srv.URL+"/t/warm.html"),
		waitFor(`window.done === true`),
		chromedp.Evaluate(`log`, &log),
		chromedp.Evaluate(`crossed`, &crossed),
		chromedp.Evaluate(`id`, &id),
		chromedp.Evaluate(`live`, &live),
		chromedp.Evaluate(`settings`, &settings),
	)
	if strings.Join(log, "|") != "task open|onSocketOpen" {
		t.Errorf("the page saw: %q", log)
	}
	if crossed < 4 {
		t.Errorf("the warm-up did not run: %d crossings while the page was idle", crossed)
	}
	if id != 1 || live != 0 {
		t.Errorf("first socketTaskId %d, live sockets before it %d", id, live)
	}
	if settings != `{"libVersion":"2.10.4","socketDomains":["good.example.com"]}` {
		t.Errorf("settings after the warm-up: %s", settings)
	}
}

// TestMixedContentThroughTheRelay: with a relay, a ws:// target from an
// https page is allowed when urlCheck is off (spec 2, step 5), as in
// devtools: the relay connects, not the browser.
func TestMixedContentThroughTheRelay(t *testing.T) {
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
		if err != nil {
			return
		}
		defer c.CloseNow()
		typ, b, err := c.Read(r.Context())
		if err == nil {
			c.Write(r.Context(), typ, b)
		}
	}))
	defer plain.Close()
	r := newRig(t)
	var got []string
	port := plain.Listener.Addr().(*net.TCPAddr).Port
	r.run(t,
		chromedp.Navigate(r.srv.URL+"/t/mixed-relay.html?port="+strconv.Itoa(port)),
		waitFor(`window.done === true`),
		chromedp.Evaluate(`log`, &got),
	)
	if len(got) < 2 || got[0] != "open" || got[1] != "ws:// from https" {
		t.Errorf("got %q", got)
	}
}

func init() {
	// wxshim.wasmModule (the hook wxrun's host page uses): a compiled module
	// from another window is used; anything else fails the start, in words
	// that name the setting.
	pages["module-given.html"] = `<!doctype html><meta charset="utf-8">
<iframe src="/t/module-maker.html" id="maker"></iframe>
<script>
window.result = new Promise((done) => {
  addEventListener("message", () => {
    window.wxshim = {wasmModule: document.getElementById("maker").contentWindow.made, urlCheck: false};
    const s = document.createElement("script");
    s.src = "/wx.js";
    s.onload = () => wxshim.ready.then(() => {
      const t = wx.connectSocket({url: location.origin.replace("https", "wss") + "/echo"});
      t.onOpen(() => done(["opened", "wasmModule" in wxshim]));
      t.onError((res) => done(["error", res.errMsg]));
    }, (e) => done(["rejected", e.message]));
    document.head.appendChild(s);
  }, {once: true});
});
</script>`
	pages["module-maker.html"] = `<!doctype html><meta charset="utf-8"><script>
window.made = WebAssembly.compileStreaming(fetch("/wx.wasm")).then((m) => (parent.postMessage("made", "*"), m));
</script>`
	pages["module-wrong.html"] = `<!doctype html><meta charset="utf-8">
<script>window.wxshim = {wasmModule: "/wx.wasm"};</script>
<script src="/wx.js"></script>
<script>window.result = wxshim.ready.then(() => ["ready"], (e) => ["rejected", e.message]);</script>`
}

func TestLoaderWasmModuleHook(t *testing.T) {
	r := newRig(t)
	var given, wrong []any
	r.run(t,
		chromedp.Navigate(r.srv.URL+"/t/module-given.html"),
		chromedp.Evaluate(`window.result`, &given, awaitPromise),
		chromedp.Navigate(r.srv.URL+"/t/module-wrong.html"),
		chromedp.Evaluate(`window.result`, &wrong, awaitPromise),
	)
	if len(given) != 2 || given[0] != "opened" || given[1] != false {
		t.Errorf("a module from another window: got %v, want [opened false] (the key removed)", given)
	}
	if len(wrong) != 2 || wrong[0] != "rejected" || !strings.Contains(wrong[1].(string), "wxshim.wasmModule is not a WebAssembly.Module (got string)") {
		t.Errorf("a URL as wasmModule: got %v", wrong)
	}
}

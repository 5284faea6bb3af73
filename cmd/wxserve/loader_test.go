package main

import (
	"bytes"
	"embed"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/coder/websocket"
)

// The loader's promises from the first line after its script tag: settings
// calls answered at once, one version gate, a strict CSP, a start that fails
// loudly, frozen page globals, and the browser's own mixed-content refusal.
// Their pages are testdata/pages/*.html and *.js, served under /t/.

//go:embed testdata/pages
var pageFiles embed.FS

func init() {
	entries, err := pageFiles.ReadDir("testdata/pages")
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		b, err := pageFiles.ReadFile("testdata/pages/" + e.Name())
		if err != nil {
			panic(err)
		}
		pages[e.Name()] = string(b)
	}
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
// the page is first idle (wasm/glue/warmup.js, warmLater) runs, and leaves nothing a
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

// wxshim.wasmModule (the hook wxrun's host page uses): a compiled module
// from another window is used; anything else fails the start, in words
// that name the setting.
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

// TestProductionBuildHasNoTestHooks: make build's build/ carries none of the
// test hooks (wxshim.debug, wxshim._go, the panic switch, the live-socket
// and crossing counts): not in wx.wasm's
// bytes, not on wxshim, not in the bridge Go hands the glue, where a script
// that wraps the glue's attach could find them. build/test/, the test
// build, has every one and they work: what shows that the checks can see
// them.
func TestProductionBuildHasNoTestHooks(t *testing.T) {
	markers := []string{"panicNext", "forgetWarnings", "forced by wxshim.debug.panicNext", "liveSockets", "crossings"}
	for _, c := range []struct {
		dir  string
		want bool
	}{{"build", false}, {"build/test", true}} {
		b, err := os.ReadFile(filepath.Join(root, c.dir, "wx.wasm"))
		if err != nil {
			t.Fatalf("%v: run make build first (make test does)", err)
		}
		for _, m := range markers {
			if bytes.Contains(b, []byte(m)) != c.want {
				t.Errorf("%s/wx.wasm: holds %q: %v, want %v", c.dir, m, !c.want, c.want)
			}
		}
	}

	type found struct {
		Debug  string   `json:"debug"`
		Go     bool     `json:"go"`
		Keys   []string `json:"keys"`
		Bridge []string `json:"bridge"`
		Forced string   `json:"forced"`
		Error  string   `json:"error"`
	}
	r := newRig(t)
	var prod, test found
	r.run(t,
		chromedp.Navigate(r.srv.URL+"/t/hooks.html"),
		chromedp.Evaluate(`window.found`, &prod, awaitPromise),
		chromedp.Navigate(r.srv.URL+"/t/hooks-test.html"),
		chromedp.Evaluate(`window.found`, &test, awaitPromise),
	)
	hooks := []string{"gc", "panicNext", "forgetWarnings", "liveSockets", "crossings"}
	if prod.Error != "" || prod.Debug != "undefined" || prod.Go || len(prod.Bridge) == 0 || !slices.Contains(prod.Bridge, "connect") {
		t.Errorf("production build: %+v", prod)
	}
	for _, h := range hooks {
		if slices.Contains(prod.Bridge, h) || slices.Contains(prod.Keys, h) {
			t.Errorf("production build: %s is reachable: %+v", h, prod)
		}
	}
	if test.Debug != "object" || !test.Go || test.Forced != "connectSocket:fail internal error: forced by wxshim.debug.panicNext" {
		t.Errorf("test build: %+v", test)
	}
	for _, h := range hooks {
		if !slices.Contains(test.Bridge, h) {
			t.Errorf("test build: no %s in the bridge %q", h, test.Bridge)
		}
	}
}

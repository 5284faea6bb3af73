package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// logText is every log of the harness (the page's and the panels') as a
// person reads it.
const logText = `Array.from(document.querySelectorAll("ol.log li"), (li) => li.textContent).join("\n")`

func logHas(s string) chromedp.Action {
	return waitFor(logText + `.includes(` + jsQuote(s) + `)`)
}

func jsQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

func setValue(sel, v string) chromedp.Action {
	return chromedp.Evaluate(`{ const e = document.querySelector(`+jsQuote(sel)+`); e.value = `+jsQuote(v)+`; e.dispatchEvent(new Event("change")); }`, nil)
}

// openHarness loads the harness and waits until the shim is ready.
func (r *rig) openHarness() chromedp.Tasks {
	return chromedp.Tasks{
		chromedp.Navigate(r.srv.URL + "/"),
		waitFor(`document.getElementById("status").textContent.startsWith("ready")`),
	}
}

// applyVersion sets the settings panel's libVersion, applies it, and waits
// until the page log says so.
func applyVersion(v string) chromedp.Tasks {
	return chromedp.Tasks{
		setValue("#libVersion", v),
		chromedp.Click("#apply", chromedp.ByQuery),
		logHas(`libVersion: "` + v + `"`),
	}
}

// abortWhen sends panel's call (its n-th), aborts it once the panel's state
// reads "#n state", and waits for the fail of api ("request",
// "downloadFile"...) that abort brings, in the log and the errMsg field.
func abortWhen(panel string, n int, state, api string) chromedp.Tasks {
	num := "#" + strconv.Itoa(n)
	return chromedp.Tasks{
		chromedp.Click(panel+" .send", chromedp.ByQuery),
		stateIs(panel, num+" "+state),
		chromedp.Click(panel+" .abort", chromedp.ByQuery),
		panelHas(panel, num+` fail{errMsg: "`+api+`:fail abort"}`),
		fieldIs(panel, "errMsg", api+":fail abort"),
	}
}

// hostileHTML runs, or becomes elements, if it is ever put into the page
// as HTML: what a server sends must stay text.
const hostileHTML = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`

// htmlSinks is what hostileHTML did to the page: read reads it, check
// says whether it did anything.
type htmlSinks struct{ pwned, elements string }

func (h *htmlSinks) read() chromedp.Tasks {
	return chromedp.Tasks{
		chromedp.Evaluate(`String(window.__pwned)`, &h.pwned),
		chromedp.Evaluate(`String(document.querySelectorAll("main img, main script").length)`, &h.elements),
	}
}

// check fails t if hostileHTML ran or became elements; what names what
// carried it ("payload", "body").
func (h *htmlSinks) check(t *testing.T, what string) {
	t.Helper()
	if h.pwned != "undefined" || h.elements != "0" {
		t.Errorf("a received %s became HTML: __pwned=%s, elements=%s", what, h.pwned, h.elements)
	}
}

func TestHarnessFlows(t *testing.T) {
	r := newRig(t)
	var sinks htmlSinks
	var log string
	r.run(t,
		chromedp.EmulateViewport(1280, 900),
		r.openHarness(),
		chromedp.Click("#socket-1 .connect", chromedp.ByQuery),
		logHas("task.onOpen"),
		logHas("wx.onSocketOpen"),
		// Text, including a payload that would run if it were put into HTML.
		setValue("#socket-1 .text", hostileHTML),
		chromedp.Click("#socket-1 .sendText", chromedp.ByQuery),
		logHas(`task.onMessage{data: "<img src=x`),
		// Binary, as hex and as base64.
		setValue("#socket-1 .bin", "01 02 ff"),
		chromedp.Click("#socket-1 .sendBin", chromedp.ByQuery),
		logHas("ArrayBuffer(3) 01 02 ff"),
		setValue("#socket-1 .binFormat", "base64"),
		setValue("#socket-1 .bin", "3q2+7w=="),
		chromedp.Click("#socket-1 .sendBin", chromedp.ByQuery),
		logHas("ArrayBuffer(4) de ad be ef"),
		// Close with a code and reason the server echoes back in its close frame.
		setValue("#socket-1 .code", "3001"),
		setValue("#socket-1 .reason", "see you"),
		chromedp.Click("#socket-1 .close", chromedp.ByQuery),
		logHas(`task.onClose{code: 3001, reason: "see you"}`),
		logHas(`close success{errMsg: "closeSocket:ok"}`),
		// The seed document's examples from the scenario box.
		chromedp.Click("#run", chromedp.ByQuery),
		logHas("收到服务器内容：queued 1"),
		logHas("收到服务器内容：queued 2"),
		setValue("#examples", "Seed: closeSocket inside onSocketOpen"),
		chromedp.Click("#run", chromedp.ByQuery),
		logHas("WebSocket 已关闭！"),
		sinks.read(),
		chromedp.Evaluate(logText, &log),
	)
	sinks.check(t, "payload")
	if !strings.Contains(log, `<img src=x onerror=\"window.__pwned=1\">`) {
		t.Errorf("the hostile payload is not shown as text:\n%s", log)
	}
}

// TestHarnessRelay: with the relay box ticked, header reaches the server
// with the phone's Referer, and onOpen shows the server's response headers.
func TestHarnessRelay(t *testing.T) {
	r := newRig(t)
	r.run(t,
		r.openHarness(),
		setValue("#libVersion", "2.10.4"),
		chromedp.Evaluate(`document.getElementById("relay").checked = true`, nil),
		chromedp.Click("#apply", chromedp.ByQuery),
		logHas(`relay: {url: "ws://127.0.0.1:`), // the plain listener; fallback: the wss URL
		setValue("#socket-1 .url", r.srv.WSS+"/headers"),
		setValue("#socket-1 .header", `{"Authorization": "Bearer harness"}`),
		chromedp.Click("#socket-1 .connect", chromedp.ByQuery),
		logHas(`X-Upstream: "wstest"`),
		logHas(`Bearer harness`),
		logHas(`https://servicewechat.com/touristappid/0/page-frame.html`),
	)
}

// TestHarnessNoHTMLSinks: the harness's scripts put nothing into the page
// as HTML, so nothing a server sends can become markup: every text is set
// with textContent (TestHarnessFlows and TestHarnessRequest send markup
// and check it stays text; this keeps a later edit from adding a sink).
func TestHarnessNoHTMLSinks(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(root, "web", "*.js"))
	if err != nil || len(files) < 4 {
		t.Fatalf("web/*.js: %v %v", files, err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, sink := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "DOMParser", "createContextualFragment", "srcdoc"} {
			if strings.Contains(string(b), sink) {
				t.Errorf("%s uses %s: set text with textContent", filepath.Base(f), sink)
			}
		}
	}
}

// runShow is r.run that, when a step fails, shows what the harness's logs
// and the request panel's result said by then.
func (r *rig) runShow(t *testing.T, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(r.ctx, actions...); err != nil {
		var logs string
		chromedp.Run(r.ctx, chromedp.Evaluate(`Array.from(document.querySelectorAll("ol.log"), (ol) => "-- " + ol.getAttribute("aria-label") + ":\n" + Array.from(ol.children, (li) => li.textContent).join("\n")).join("\n") + "\n-- result:\n" + document.querySelector("#request .result").innerText`, &logs))
		t.Fatalf("%v\n%s", err, logs)
	}
}

// TestHarnessScreenshot takes the README's picture of the harness
// (docs/harness.png is a copy of test-output/harness-1280.png): two
// sockets, a request, and the seed's examples with their Chinese.
func TestHarnessScreenshot(t *testing.T) {
	r := newRig(t)
	r.runShow(t,
		chromedp.EmulateViewport(1280, 900),
		r.openHarness(),
		applyVersion("2.10.4"),
		// The seed's example first: from 1.7.0 on, wx.onSocketOpen and the
		// other global functions are the first socket's.
		chromedp.Click("#run", chromedp.ByQuery),
		logHas("收到服务器内容：queued 2"),
		chromedp.Click("#addSocket", chromedp.ByQuery),
		chromedp.Click("#socket-1 .connect", chromedp.ByQuery),
		chromedp.Click("#socket-2 .connect", chromedp.ByQuery),
		stateIs("#socket-1", "OPEN"),
		stateIs("#socket-2", "OPEN"),
		setValue("#socket-1 .text", "你好"),
		chromedp.Click("#socket-1 .sendText", chromedp.ByQuery),
		chromedp.Click("#socket-2 .sendBin", chromedp.ByQuery),
		panelHas("#socket-1", `task.onMessage{data: "你好"}`),
		panelHas("#socket-2", `task.onMessage{data: ArrayBuffer(3) 01 02 ff}`),
		setValue("#request .method", "POST"),
		setValue("#request .header", `{"X-Token": "harness"}`),
		setValue("#request .bodyKind", "json"),
		setValue("#request .body", `{"code": "login"}`),
		send(),
		panelHas("#request", `#1 complete{errMsg: "request:ok"}`),
		setValue("#examples", "Seed: closeSocket inside onSocketOpen"),
	)
	for _, w := range []struct {
		name string
		w, h int64
	}{{"harness-1280.png", 1280, 900}, {"harness-390.png", 390, 844}} {
		var png []byte
		var width int64
		r.run(t, chromedp.EmulateViewport(w.w, w.h),
			chromedp.Evaluate(`document.documentElement.scrollWidth`, &width),
			chromedp.FullScreenshot(&png, 100))
		if width > w.w {
			t.Errorf("at %d px the page is %d px wide: something does not shrink", w.w, width)
		}
		if err := os.WriteFile(filepath.Join(r.out, w.name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

package main

import (
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"
)

// ddIs waits until the request panel's result field cls reads s.
func ddIs(cls, s string) chromedp.Action { return fieldIs("#request", cls, s) }

func ddHas(cls, s string) chromedp.Action { return fieldHas("#request", cls, s) }

func setChecked(sel string, on bool) chromedp.Action {
	v := "false"
	if on {
		v = "true"
	}
	return chromedp.Evaluate(`document.querySelector(`+jsQuote(sel)+`).checked = `+v, nil)
}

func send() chromedp.Action { return chromedp.Click("#request .send", chromedp.ByQuery) }

// needRequest opens the harness and checks that the shim has wx.request.
func needRequest(t *testing.T, r *rig) {
	t.Helper()
	var has bool
	r.run(t,
		r.openHarness(),
		chromedp.Evaluate(`typeof wx.request === "function"`, &has),
	)
	if !has {
		t.Fatal("the shim has no wx.request")
	}
}

// TestHarnessRequestInput: a header or a JSON body that is not JSON is
// said in the request panel's log, and nothing is sent.
func TestHarnessRequestInput(t *testing.T) {
	r := newRig(t)
	var log string
	r.runShow(t,
		r.openHarness(),
		waitFor(`document.querySelector("#request .url").value === location.origin + "/http/echo"`),
		setValue("#request .header", `{"X-Token": `),
		send(),
		panelHas("#request", `header{error: "not JSON: `),
		setValue("#request .header", `{"X-Token": "t"}`),
		setValue("#request .bodyKind", "json"),
		setValue("#request .body", `{a: 1}`),
		send(),
		panelHas("#request", `body{error: "not JSON: `),
		chromedp.Evaluate(panelLog("#request"), &log),
	)
	if want := 2; countLines(log) != want {
		t.Errorf("the request log has %d lines, want %d (the two mistakes, nothing sent):\n%s", countLines(log), want, log)
	}
}

func countLines(s string) int {
	if s == "" {
		return 0
	}
	n := 1
	for _, c := range s {
		if c == '\n' {
			n++
		}
	}
	return n
}

// TestHarnessRequest: the request panel sends what its fields say and
// shows the result and the task's events: a POST with a header and a JSON
// body (the echo server's account of it), a hostile body shown as text,
// an ArrayBuffer as hex, chunks, abort and timeout.
func TestHarnessRequest(t *testing.T) {
	r := newRig(t)
	needRequest(t, r)
	var sinks htmlSinks
	r.runShow(t,
		applyVersion("3.0.0"),
		// 1: POST, header, JSON body, a status other than 200.
		setValue("#request .method", "post"),
		setValue("#request .url", r.srv.URL+"/http/echo?status=201"),
		setValue("#request .header", `{"X-Token": "harness"}`),
		setValue("#request .bodyKind", "json"),
		setValue("#request .body", `{"a": 1}`),
		send(),
		panelHas("#request", `#1 complete{errMsg: "request:ok"}`),
		panelHas("#request", `#1 onHeadersReceived{`),
		ddIs("statusCode", "201"),
		ddIs("errMsg", "request:ok"),
		ddHas("data", `"method": "POST"`),
		ddHas("data", `"harness"`),
		ddHas("data", `"body": "{\"a\":1}"`),
		// 2: a body that would run if it were put into HTML.
		setValue("#request .method", "GET"),
		setValue("#request .bodyKind", "none"),
		setValue("#request .dataType", "text"),
		setValue("#request .url", r.srv.URL+"/http/status?code=200&body="+url.QueryEscape(hostileHTML)),
		send(),
		panelHas("#request", `#2 complete{errMsg: "request:ok"}`),
		ddIs("data", hostileHTML),
		// 3: an ArrayBuffer, as hex.
		setValue("#request .responseType", "arraybuffer"),
		setValue("#request .url", r.srv.URL+"/http/status?code=200&body=AB%FF"),
		send(),
		panelHas("#request", `#3 complete{errMsg: "request:ok"}`),
		ddIs("data", "ArrayBuffer(3) 41 42 ff"),
		// 4: chunks as they arrive; 3,000 bytes in all.
		setChecked("#request .enableChunked", true),
		setValue("#request .url", r.srv.URL+"/http/chunked?n=3&size=1000&ms=50"),
		send(),
		panelHas("#request", `#4 complete{errMsg: "request:ok"}`),
		panelHas("#request", `#4 onChunkReceived{bytes: `),
		panelHas("#request", `bytes: 3000}`),
		// 5: abort, on a server that never answers.
		setChecked("#request .enableChunked", false),
		setValue("#request .url", r.srv.URL+"/hang?ms=10000"),
		abortWhen("#request", 5, "sent", "request"),
		ddIs("statusCode", ""),
		// 6: timeout.
		setValue("#request .timeout", "300"),
		send(),
		panelHas("#request", `#6 fail{errMsg: "request:fail timeout"`),
		ddIs("errMsg", "request:fail timeout (errno 5)"),
		// The scenario that logs in with wx.request, then connects.
		setValue("#examples", "Log in with wx.request, then connect"),
		chromedp.Click("#run", chromedp.ByQuery),
		logHas(`login 200 POST`),
		logHas(`收到服务器内容：hello with token-21`),
		sinks.read(),
	)
	sinks.check(t, "body")
}

// TestHarnessRequestRelay: with the relay box ticked, a request carries
// its header and the phone's Referer, and the result has the cookies a
// page alone cannot read.
func TestHarnessRequestRelay(t *testing.T) {
	r := newRig(t)
	needRequest(t, r)
	r.runShow(t,
		setValue("#libVersion", "3.0.0"),
		setChecked("#relay", true),
		chromedp.Click("#apply", chromedp.ByQuery),
		logHas(`relay: {url: "ws://127.0.0.1:`),
		setValue("#request .header", `{"X-Token": "through the relay"}`),
		send(),
		panelHas("#request", `#1 complete{errMsg: "request:ok"}`),
		ddHas("data", `"through the relay"`),
		ddHas("data", `https://servicewechat.com/touristappid/0/page-frame.html`),
		setValue("#request .url", r.srv.URL+"/http/cookies"),
		send(),
		panelHas("#request", `#2 complete{errMsg: "request:ok"}`),
		ddHas("cookies", "sid=abc123"),
	)
}

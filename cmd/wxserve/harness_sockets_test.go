package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// panelLog is the log of one panel (a selector such as "#socket-2").
func panelLog(panel string) string {
	return `Array.from(document.querySelectorAll(` + jsQuote(panel+" ol.log li") + `), (li) => li.textContent).join("\n")`
}

func panelHas(panel, s string) chromedp.Action {
	return waitFor(panelLog(panel) + `.includes(` + jsQuote(s) + `)`)
}

func stateIs(panel, s string) chromedp.Action {
	return waitFor(`document.querySelector(` + jsQuote(panel+" .state") + `).textContent === ` + jsQuote(s))
}

// liveIs waits until the server has n sockets open (at most 10 s).
func (r *rig) liveIs(t *testing.T, n int64) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); r.srv.Live() != n; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("the server has %d sockets open, want %d", r.srv.Live(), n)
		}
	}
}

// TestHarnessSockets: three socket panels at once, each with its own
// task and its own log; closing one leaves the others open; Remove closes
// its socket; protocols reach the server.
func TestHarnessSockets(t *testing.T) {
	r := newRig(t)
	r.runShow(t,
		r.openHarness(),
		applyVersion("2.10.4"),
		chromedp.Click("#addSocket", chromedp.ByQuery),
		chromedp.Click("#addSocket", chromedp.ByQuery),
		waitFor(`document.querySelectorAll("#sockets > section.socket").length === 3`),
		setValue("#socket-2 .url", r.srv.WSS+"/headers?protocols=json,chat"),
		setValue("#socket-2 .protocols", "chat, json"),
		chromedp.Click("#socket-1 .connect", chromedp.ByQuery),
		chromedp.Click("#socket-2 .connect", chromedp.ByQuery),
		chromedp.Click("#socket-3 .connect", chromedp.ByQuery),
		stateIs("#socket-1", "OPEN"),
		stateIs("#socket-2", "OPEN"),
		stateIs("#socket-3", "OPEN"),
		// The server chose among the two protocols the panel offered.
		panelHas("#socket-2", `\"protocol\":\"json\"`),
		setValue("#socket-1 .text", "one"),
		chromedp.Click("#socket-1 .sendText", chromedp.ByQuery),
		setValue("#socket-3 .text", "three"),
		chromedp.Click("#socket-3 .sendText", chromedp.ByQuery),
		panelHas("#socket-1", `task.onMessage{data: "one"}`),
		panelHas("#socket-3", `task.onMessage{data: "three"}`),
	)
	r.liveIs(t, 3)
	var one, three string
	r.runShow(t,
		chromedp.Evaluate(panelLog("#socket-1"), &one),
		chromedp.Evaluate(panelLog("#socket-3"), &three),
	)
	if strings.Contains(one, "three") || strings.Contains(three, `"one"`) || strings.Contains(one, "protocol") {
		t.Errorf("a panel logged another's events:\nsocket 1:\n%s\nsocket 3:\n%s", one, three)
	}
	r.runShow(t,
		setValue("#socket-1 .code", "3001"),
		setValue("#socket-1 .reason", "first"),
		chromedp.Click("#socket-1 .close", chromedp.ByQuery),
		panelHas("#socket-1", `task.onClose{code: 3001, reason: "first"}`),
		stateIs("#socket-1", "CLOSED"),
		// The others are still open and still theirs.
		setValue("#socket-3 .text", "still here"),
		chromedp.Click("#socket-3 .sendText", chromedp.ByQuery),
		panelHas("#socket-3", `task.onMessage{data: "still here"}`),
		stateIs("#socket-2", "OPEN"),
	)
	r.liveIs(t, 2)
	r.runShow(t,
		chromedp.Click("#socket-3 .remove", chromedp.ByQuery),
		waitFor(`document.getElementById("socket-3") === null`),
	)
	r.liveIs(t, 1)
}

//go:build js && wasm

package main

import (
	"strings"
	"testing"
)

// badCase is one hostile call: setup is "" (no socket), "task" (an open
// SocketTask named task) or "bound" (an open socket the globals act on);
// want lists the callbacks that must run, as "name:errMsg".
type badCase struct {
	name, setup, call string
	want              []string
}

const badPrelude = `
wxshim.urlCheck = false;
const r = rec();
const cb = (o) => Object.assign(o, {success: r("success"), fail: r("fail"), complete: r("complete")});
const boom = (k, o = {}) => Object.defineProperty(o, k, {get() { throw new Error("boom"); }, enumerable: true});
const trap = () => new Proxy({}, {get() { throw new Error("trap"); }});
const revoked = () => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; };
`

func failComplete(msg string) []string { return []string{"fail:" + msg, "complete:" + msg} }

func badInputCases() []badCase {
	var cs []badCase
	urlType := func(typ string) []string {
		return failComplete("connectSocket:fail parameter error: parameter.url should be String instead of " + typ + ";")
	}
	for _, c := range []struct{ v, typ string }{
		{"NaN", "Number"}, {"-1", "Number"}, {"1e308", "Number"}, {"Symbol('u')", "Symbol"}, {"10n", "BigInt"},
		{"new Proxy({}, {})", "Object"}, {"() => 1", "Function"}, {"Object.freeze({})", "Object"},
	} {
		cs = append(cs, badCase{"connectSocket url " + c.v, "", `wx.connectSocket(cb({url: ` + c.v + `}))`, urlType(c.typ)})
	}
	ok := []string{"success:connectSocket:ok", "complete:connectSocket:ok"}
	cs = append(cs,
		badCase{"connectSocket url getter throws", "", `wx.connectSocket(cb(boom("url")))`,
			failComplete("connectSocket:fail parameter error: parameter.url could not be read: boom")},
		badCase{"connectSocket options Proxy that throws", "", `wx.connectSocket(trap())`, nil},
		badCase{"connectSocket revoked Proxy", "", `wx.connectSocket(revoked())`, nil},
		badCase{"connectSocket options a number", "", `wx.connectSocket(42)`, nil},
		badCase{"connectSocket options a Symbol", "", `wx.connectSocket(Symbol())`, nil},
		badCase{"connectSocket frozen options", "", `wx.connectSocket(Object.freeze(cb({url: echo()})))`, ok},
		badCase{"connectSocket timeout NaN", "", `wx.connectSocket(cb({url: echo(), timeout: NaN}))`, ok},
		badCase{"connectSocket timeout negative", "", `wx.connectSocket(cb({url: echo(), timeout: -5}))`, ok},
		badCase{"connectSocket timeout huge", "", `wx.connectSocket(cb({url: echo(), timeout: 1e300}))`, ok},
		badCase{"connectSocket timeout a string", "", `wx.connectSocket(cb({url: echo(), timeout: "100"}))`, ok},
		badCase{"connectSocket protocols an object", "", `wx.connectSocket(cb({url: echo(), protocols: {}}))`,
			failComplete("connectSocket:fail parameter error: parameter.protocols should be Array instead of Object;")},
		badCase{"connectSocket protocols a BigInt", "", `wx.connectSocket(cb({url: echo(), protocols: 1n}))`,
			failComplete("connectSocket:fail parameter error: parameter.protocols should be Array instead of BigInt;")},
		badCase{"connectSocket header a string", "", `wx.connectSocket(cb({url: echo(), header: "x"}))`, ok},
		badCase{"connectSocket header Proxy that throws", "", `wx.connectSocket(cb({url: echo(), header: new Proxy({}, {ownKeys() { throw new Error("keys"); }})}))`, ok},
		badCase{"connectSocket callbacks not functions", "", `wx.connectSocket({url: echo(), success: 5, fail: "x", complete: r("complete")})`,
			[]string{"complete:connectSocket:ok"}},
		badCase{"connectSocket a 1 MiB url", "", `wxshim.urlCheck = true; wx.connectSocket(cb({url: "wss://x.test/" + "a".repeat(1 << 20)}))`,
			failComplete("connectSocket:fail url not in domain list")},
	)
	unknown := failComplete("sendSocketMessage:fail unknown data")
	for _, d := range []string{"NaN", "-0", "10n", "Symbol()", "new Uint8Array(4)", "new DataView(new ArrayBuffer(4))",
		"new Blob(['x'])", "{}", "Object.freeze({byteLength: 4})", "new Proxy(new ArrayBuffer(4), {})", "new String('s')", "[1, 2]", "null"} {
		cs = append(cs, badCase{"task.send data " + d, "task", `task.send(cb({data: ` + d + `}))`, unknown})
	}
	sent := []string{"success:sendSocketMessage:ok", "complete:sendSocketMessage:ok"}
	cs = append(cs,
		badCase{"task.send data getter throws", "task", `task.send(cb(boom("data")))`, failComplete("sendSocketMessage:fail parameter error: boom")},
		badCase{"task.send options Proxy that throws", "task", `task.send(trap())`, nil},
		badCase{"task.send no options", "task", `task.send()`, nil},
		badCase{"task.send options a number", "task", `task.send(5)`, nil},
		badCase{"task.send empty string", "task", `task.send(cb({data: ""}))`, sent},
		badCase{"task.send empty ArrayBuffer", "task", `task.send(cb({data: new ArrayBuffer(0)}))`, sent},
		badCase{"task.send lone surrogate", "task", `task.send(cb({data: "\uD800"}))`, sent},
	)
	code := failComplete("closeSocket:fail The code must be either 1000, or between 3000 and 4999")
	for _, c := range []string{"NaN", "-1", "1e20", `"3000"`, "Symbol()", "10n", "{}", "3000.5"} {
		cs = append(cs, badCase{"task.close code " + c, "task", `task.close(cb({code: ` + c + `}))`, code})
	}
	for _, c := range []struct{ v, typ string }{{"5", "Number"}, {"Symbol()", "Symbol"}, {"{}", "Object"}} {
		cs = append(cs, badCase{"task.close reason " + c.v, "task", `task.close(cb({code: 3000, reason: ` + c.v + `}))`,
			failComplete("closeSocket:fail parameter error: parameter.reason should be String instead of " + c.typ + ";")})
	}
	cs = append(cs,
		badCase{"task.close reason of lone surrogates (126 UTF-8 bytes)", "task", `task.close(cb({code: 3000, reason: "\uD800".repeat(42)}))`,
			failComplete("closeSocket:fail The close reason must not be greater than 123 UTF-8 bytes")},
		badCase{"task.close code getter throws", "task", `task.close(cb(boom("code")))`,
			failComplete("closeSocket:fail parameter error: parameter.code could not be read: boom")},
		badCase{"wx.sendSocketMessage data BigInt", "bound", `wx.sendSocketMessage(cb({data: 10n}))`, unknown},
		badCase{"wx.sendSocketMessage data Symbol", "bound", `wx.sendSocketMessage(cb({data: Symbol()}))`, unknown},
		badCase{"wx.sendSocketMessage options a Symbol", "bound", `wx.sendSocketMessage(Symbol())`, nil},
		badCase{"wx.sendSocketMessage success getter throws", "bound", `wx.sendSocketMessage(boom("success", {data: "x"}))`, nil},
		badCase{"wx.closeSocket code NaN", "bound", `wx.closeSocket(cb({code: NaN}))`, code},
		badCase{"wx.closeSocket reason BigInt", "bound", `wx.closeSocket(cb({reason: 10n}))`,
			failComplete("closeSocket:fail parameter error: parameter.reason should be String instead of BigInt;")},
		badCase{"wx.closeSocket options Proxy that throws", "bound", `wx.closeSocket(trap())`, nil},
	)
	for _, c := range []string{"wx.onSocketOpen(undefined)", "wx.onSocketMessage(Symbol())", "wx.onSocketError(new Proxy(function () {}, {}))",
		"wx.onSocketClose(10n)", "task.onMessage({})", "task.onClose(null)", "task.onOpen(trap())", "task.onError(revoked())"} {
		cs = append(cs, badCase{c, "task", c, nil})
	}
	for _, c := range []string{"wxshim.libVersion = 10n", `wxshim.socketDomains = "good.example.com"`, "wxshim.socketDomains = [5]",
		`wxshim.rewrites = new Proxy({}, {ownKeys() { throw new Error("keys"); }})`,
		`wxshim.networkTimeout = {get connectSocket() { throw new Error("x"); }}`, "wxshim.maxConnections = NaN",
		"wxshim.closeBeforeOpen = {}", "wxshim.configure(5)", "wxshim.configure(trap())", "wxshim.checkUrl(Symbol())"} {
		cs = append(cs, badCase{"settings: " + c, "", c, nil})
	}
	return cs
}

func TestReliabilityBadInput(t *testing.T) {
	var rows []scenario
	for _, c := range badInputCases() {
		setup := ""
		switch c.setup {
		case "task":
			setup = "const task = wx.connectSocket({url: echo()});\nawait until(() => task.readyState === 1);"
		case "bound":
			setup = "await openGlobal();"
		}
		want := "[]"
		if len(c.want) > 0 {
			want = `["` + strings.Join(c.want, `","`) + `"]`
		}
		rows = append(rows, scenario{c.name, badPrelude + setup + `
let threw = null;
try { ` + c.call + `; } catch (e) { threw = String(e); }
await sleep(0);
return [threw, r.log.map((e) => e[0] + ":" + (e[1] && e[1].errMsg))];`, `[null,` + want + `]`})
	}
	rows = append(rows, scenario{"the runtime still answers after all of them", `
wxshim.urlCheck = false;
const task = wx.connectSocket({url: echo()});
let got;
task.onOpen(() => task.send({data: "alive"}));
task.onMessage((res) => { got = res.data; });
await until(() => got);
return [got, wxshim.checkUrl("wss://good.example.com").ok];`, `["alive",true]`})
	group(t, "bad input", rows)
}

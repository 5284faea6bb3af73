//go:build js && wasm

package main

import "testing"

// Hostile URLs against a legal-domain list holding good.example.com. The
// decision is made without connecting (wxshim.checkUrl); for each URL the
// test also asks the browser's own URL parser which host it would connect
// to, and checks that the shim judged that host. Only names are ever
// connected to, and Chromium resolves every name to 127.0.0.1 here.
func TestReliabilityHostileURLs(t *testing.T) {
	cases := []struct {
		url string
		ok  bool
	}{
		{"wss://good.example.com", true},
		{"wss://GOOD.example.COM", true},
		{"WSS://good.example.com/ws", true},
		{"wss://good.example.com:8443/path?q=1", true},
		{"wss://good.example.com.evil.test", false},
		{"wss://evil.test#good.example.com", false},
		{"wss://good.example.com@evil.test", false},
		{"wss://evil.test:443@good.example.com", true}, // userinfo; the host really is good.example.com
		{"wss://evil.test/?good.example.com", false},
		{"wss://evil.test\\@good.example.com", false}, // a backslash is a path separator in ws URLs
		{"wss://evil.test\\.good.example.com", false},
		{"wss://good.example.com.", false}, // trailing dot: not the listed host
		{"wss://sub.good.example.com", false},
		{"wss://xgood.example.com", false},
		{"wss://g\u043e\u043ed.example.com", false},          // Cyrillic o: punycode look-alike
		{"wss://\u0261ood.example.com", false},               // Latin script g
		{"wss://xn--gd-mlca.example.com", false},             // the same look-alike, written in punycode
		{"wss://\uff47\uff4f\uff4f\uff44.example.com", true}, // fullwidth letters map to good.example.com
		{"wss://good\u3002example\u3002com", true},           // ideographic full stops map to dots
		{"wss://good%2Eexample.com", true},                   // percent-decoded to the listed host
		{"wss://good.example.com%00.evil.test", false},       // cannot be parsed: invalid url
		{"wss://good.example.com:99999", false},              // invalid port
		{"wss:// good.example.com", false},
		{" wss://good.example.com", false},
		{"wss://go\nod.example.com", true}, // the parser drops the newline: this is good.example.com
		{"wss://good.example.com\t", true},
		{"ws://good.example.com", false},
		{"wss://localhost", false},
		{"wss://LOCALHOST.", false},
		{"wss://good.example.com.localhost", false},
		{"wss://127.0.0.1", false},
		{"wss://127.1", false},
		{"wss://0x7f000001", false},
		{"wss://2130706433", false},
		{"wss://0.0.0.0", false},
		{"wss://[::1]", false},
		{"wss://[::]", false},
		{"wss://[::ffff:127.0.0.1]", false},
		{"wss://[0:0:0:0:0:0:0:1]:8443", false},
		{"wss://[2001:db8::1]", false},
		{"wss://192.168.1.20", true}, // LAN addresses pass on a phone
		{"wss://10.1.2.3:9000", true},
		{"wss://172.16.0.1", true},
		{"wss://172.31.255.255", true},
		{"wss://172.32.0.1", false},
		{"wss://0xc0a80101", true}, // 192.168.1.1 written in hex
		{"wss://11.0.0.1", false},
	}
	var rows []scenario
	for _, c := range cases {
		want := "false"
		if c.ok {
			want = "true"
		}
		rows = append(rows, scenario{"checkUrl " + jsString(c.url), `
wxshim.socketDomains = ["good.example.com"];
const u = ` + jsString(c.url) + `;
const v = wxshim.checkUrl(u);
let browserHost = null;
try { browserHost = new URL(u).hostname; } catch (e) {}
// A URL the browser would open must be judged by the host it would open.
const agrees = browserHost === null || !/^wss?:\/\//i.test(u) ? !v.ok : v.host === browserHost;
// No bypass: whatever passes goes to the listed host or a LAN address.
const allowed = !v.ok || v.host === "good.example.com" || /^(10|172|192)\./.test(v.host);
return [v.ok, agrees, allowed];`, `[` + want + `,true,true]`})
	}
	rows = append(rows,
		scenario{"a legal name connects; an illegal one never reaches the server", `
wxshim.socketDomains = ["good.example.com"];
await serverIdle();
const live0 = (await (await fetch(ORIGIN + "/live")).json()).live;
const r = rec();
wx.connectSocket({url: "wss://good.example.com.evil.test:" + PORT + "/echo", fail: r("fail")});
wx.connectSocket({url: "wss://evil.test:" + PORT + "/echo#good.example.com", fail: r("fail")});
await sleep(100);
const live1 = (await (await fetch(ORIGIN + "/live")).json()).live;
wx.onSocketOpen(r("open"));
wx.connectSocket({url: "wss://GOOD.example.com:" + PORT + "/echo"});
await until(() => r.log.length === 3);
return [r.log.map((e) => e[0]), live1 - live0];`, `[["fail","fail","open"],0]`},
		scenario{"at 1.7.0 a refused URL is reported on the task and never connects", `
wxshim.libVersion = "1.7.0";
wxshim.socketDomains = ["good.example.com"];
const r = rec();
const task = wx.connectSocket({url: "wss://good.example.com@evil.test:" + PORT + "/echo", success: r("success")});
task.onError(r("error"));
task.onOpen(r("open"));
await sleep(100);
return r.log;`, `[["success",{"errMsg":"connectSocket:ok","socketTaskId":"<id>"}],["error",{"errMsg":"createSocketTask:fail url not in domain list"}]]`},
	)
	group(t, "hostile URLs", rows)
}

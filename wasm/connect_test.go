//go:build js && wasm

package main

import "testing"

// Spec section 2, wx.connectSocket, at the default version 1.6.0.

func TestConnectURLType(t *testing.T) {
	rows := []scenario{}
	for _, c := range []struct{ name, arg, typ string }{
		{"missing options", ``, "Undefined"},
		{"url missing", `{}`, "Undefined"},
		{"url number", `{url: 5}`, "Number"},
		{"url null", `{url: null}`, "Null"},
		{"url object", `{url: {}}`, "Object"},
		{"url array", `{url: ["wss://a"]}`, "Array"},
		{"url boolean", `{url: true}`, "Boolean"},
		{"url String object", `{url: new String("wss://a")}`, "String"},
		{"url symbol", `{url: Symbol("x")}`, "Symbol"},
	} {
		arg := c.arg
		if arg == "" {
			rows = append(rows, scenario{c.name, `return [wx.connectSocket()];`, `[null]`})
			continue
		}
		rows = append(rows, scenario{c.name, `
const r = rec(), o = ` + arg + `;
o.success = r("success"); o.fail = r("fail"); o.complete = r("complete");
const ret = wx.connectSocket(o);
r.log.push(["returned", show(ret)]);
return r.log;`, `[["fail",{"errMsg":"connectSocket:fail parameter error: parameter.url should be String instead of ` + c.typ + `;"}],` +
			`["complete",{"errMsg":"connectSocket:fail parameter error: parameter.url should be String instead of ` + c.typ + `;"}],["returned","undefined"]]`})
	}
	// A call with no options at all has nowhere to report: it returns undefined and throws nothing.
	rows[0].want = `["undefined"]`
	runAll(t, rows)
}

func TestConnectInvalidURL(t *testing.T) {
	var rows []scenario
	for _, u := range []string{"test.php", "http://example.com", "https://good.example.com", "wss://", "ws:/x", "wss:x", " wss://a", "wss://\nx", "wss://\u2028x", ""} {
		rows = append(rows, scenario{"url " + u, `
const r = rec(), u = ` + jsString(u) + `;
const ret = wx.connectSocket({url: u, fail: r("fail"), complete: r("complete"), success: r("success")});
return [r.log.map((e) => e[0]), r.log[0][1].errMsg === 'connectSocket:fail invalid url "' + u + '"', show(ret)];`,
			`[["fail","complete"],true,"undefined"]`})
	}
	// The check is case-insensitive, like WeChat's /^(ws|wss):\/\/.+/i.
	rows = append(rows, scenario{"WSS:// upper case passes the form check", `
wxshim.urlCheck = false;
const r = rec();
wx.connectSocket({url: ECHO.replace("wss://", "WSS://") + "/echo", success: r("success")});
return r.log.map((e) => e[0]);`, `["success"]`})
	runAll(t, rows)
}

func TestConnectDomainCheck(t *testing.T) {
	runAll(t, []scenario{
		{"loopback fails before 1.7.0, warns once, returns undefined", `
const r = rec();
const a = wx.connectSocket({url: echo(), fail: r("fail"), complete: r("complete")});
const b = wx.connectSocket({url: echo(), fail: r("fail")});
return [r.log, show(a), show(b), warns.filter((w) => w.includes("legal-domain")).length, wxshim.liveSockets()];`,
			`[[["fail",{"errMsg":"connectSocket:fail url not in domain list"}],["complete",{"errMsg":"connectSocket:fail url not in domain list"}],["fail",{"errMsg":"connectSocket:fail url not in domain list"}]],"undefined","undefined",1,0]`},
		{"a legal domain connects (the name routed to 127.0.0.1)", `
wxshim.socketDomains = ["wss://good.example.com"];
const r = rec();
wx.onSocketOpen(r("open"));
wx.connectSocket({url: "wss://good.example.com:" + PORT + "/echo", success: r("success")});
await until(() => r.log.length === 2);
return r.log.map((e) => e[0]);`, `["success","open"]`},
		{"ws:// to a legal domain fails", `
wxshim.socketDomains = ["good.example.com"];
const r = rec();
wx.connectSocket({url: "ws://good.example.com:" + PORT + "/echo", fail: r("fail")});
return r.log;`, `[["fail",{"errMsg":"connectSocket:fail url not in domain list"}]]`},
		{"a host not in the list fails", `
wxshim.socketDomains = ["good.example.com"];
const r = rec();
wx.connectSocket({url: "wss://other.example.com:" + PORT + "/echo", fail: r("fail")});
return r.log;`, `[["fail",{"errMsg":"connectSocket:fail url not in domain list"}]]`},
		{"urlCheck off allows ws:// and loopback", `
wxshim.urlCheck = false;
const r = rec();
wx.connectSocket({url: "ws://127.0.0.1:" + PORT + "/echo", success: r("ok1")});
wx.connectSocket({url: echo(), success: r("ok2")});
return r.log.map((e) => e[0]);`, `["ok1","ok2"]`},
		{"from 1.7.0: success, then onError on the task", `
wxshim.libVersion = "1.7.0";
const r = rec();
wx.onSocketError(r("global error"));
const task = wx.connectSocket({url: echo(), success: r("success"), fail: r("fail")});
task.onError(r("task error"));
task.onClose(r("task close"));
r.log.push(["returned", task.readyState]);
await sleep(50);
return [r.log, task.readyState];`,
			`[[["success",{"errMsg":"connectSocket:ok","socketTaskId":"<id>"}],["returned",0],["task error",{"errMsg":"createSocketTask:fail url not in domain list"}],["global error",{"errMsg":"createSocketTask:fail url not in domain list"}]],3]`},
	})
}

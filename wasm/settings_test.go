//go:build js && wasm

package main

import "testing"

// The wxshim settings global: shapes, validation, rewrites.

func TestSettings(t *testing.T) {
	runAll(t, []scenario{
		{"project.config.json and app.json shapes", `
wxshim.configure({libVersion: "2.10.4", setting: {urlCheck: false}});
wxshim.configure({networkTimeout: {connectSocket: 1234, request: 5}});
const s = wxshim.settings();
return [s.libVersion, s.urlCheck, s.networkTimeout.connectSocket];`, `["2.10.4",false,1234]`},
		{"bad values warn and leave the default in force", `
wxshim.libVersion = "banana";
wxshim.maxConnections = -3;
wxshim.urlCheck = "yes";
const r = rec();
const t = wx.connectSocket({url: echo(), fail: r("fail")});
return [r.log, show(t), warns.filter((w) => w.includes("setting")).length];`,
			`[[["fail",{"errMsg":"connectSocket:fail url not in domain list"}]],"undefined",3]`},
		{"settings are never on wx", `
return ["libVersion", "urlCheck", "socketDomains", "configure"].map((k) => k in wx);`, `[false,false,false,false]`},
		{"a rewrite connects elsewhere; the domain check sees the original URL", `
wxshim.socketDomains = ["api.example.com"];
wxshim.rewrites = {"wss://api.example.com": ECHO};
const r = rec();
const task = wx.connectSocket({url: "wss://api.example.com/echo?id=rw", success: r("success")});
task.onOpen(r("open"));
await until(() => r.log.length === 2);
task.send({data: "via rewrite"});
task.onMessage(r("message"));
await until(() => r.log.length === 3);
// A rewrite does not make an illegal URL legal.
wx.connectSocket({url: "wss://other.example.com/ws", fail: r("fail")});
wxshim.rewrites = {"wss://other.example.com": ECHO};
wx.connectSocket({url: "wss://other.example.com/echo", fail: r("fail")});
return r.log.map((e) => e[0]);`, `["success","open","message","fail","fail"]`},
		{"a rewrite keeps path and query, and a path prefix of its own", `
wxshim.urlCheck = false;
wxshim.rewrites = {"wss://api.example.com": ECHO + "/"};
const r = rec();
const a = wx.connectSocket({url: "wss://api.example.com/echo?id=rw1"});
a.onOpen(() => a.close({code: 3001, reason: "a"}));
a.onClose(r("a"));
await until(() => r.log.length === 1);
return [r.log, await serverSaw("rw1")];`, `[[["a",{"code":3001,"reason":"a"}]],{"code":3001,"reason":"a","seen":true}]`},
		{"rewrite rules are origins: a rule with a path, or not ws(s), is refused", `
wxshim.rewrites = {"wss://api.example.com/ws": ECHO};
const a = wxshim.settings().rewrites;
wxshim.rewrites = {"https://api.example.com": ECHO};
const b = wxshim.settings().rewrites;
return [show(a), show(b)];`, `["undefined","undefined"]`},
	})
}

// The wxshim settings global: shapes, validation, rewrites.

// @test project.config.json and app.json shapes
// @want ["2.10.4",false,1234]
wxshim.configure({libVersion: "2.10.4", setting: {urlCheck: false}});
wxshim.configure({networkTimeout: {connectSocket: 1234, request: 5}});
const s = wxshim.settings();
return [s.libVersion, s.urlCheck, s.networkTimeout.connectSocket];

// @test bad values warn and leave the default in force
// @want [[["fail",{"errMsg":"connectSocket:fail url not in domain list"}]],"undefined",3]
wxshim.libVersion = "banana";
wxshim.maxConnections = -3;
wxshim.urlCheck = "yes";
const r = rec();
const t = wx.connectSocket({url: echo(), fail: r("fail")});
return [r.log, show(t), warns.filter((w) => w.includes("setting")).length];

// @test settings are never on wx
// @want [false,false,false,false]
return ["libVersion", "urlCheck", "socketDomains", "configure"].map((k) => k in wx);

// @test a rewrite connects elsewhere; the domain check sees the original URL
// @want ["success","open","message","fail","fail"]
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
return r.log.map((e) => e[0]);

// @test a rewrite keeps path and query, and a path prefix of its own
// @want [[["a",{"code":3001,"reason":"a"}]],{"code":3001,"reason":"a","seen":true}]
wxshim.urlCheck = false;
wxshim.rewrites = {"wss://api.example.com": ECHO + "/"};
const r = rec();
const a = wx.connectSocket({url: "wss://api.example.com/echo?id=rw1"});
a.onOpen(() => a.close({code: 3001, reason: "a"}));
a.onClose(r("a"));
await until(() => r.log.length === 1);
return [r.log, await serverSaw("rw1")];

// @test rewrite rules are origins: a rule with a path, or not ws(s), is refused
// @want ["undefined","undefined"]
wxshim.rewrites = {"wss://api.example.com/ws": ECHO};
const a = wxshim.settings().rewrites;
wxshim.rewrites = {"https://api.example.com": ECHO};
const b = wxshim.settings().rewrites;
return [show(a), show(b)];

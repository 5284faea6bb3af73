// Spec section 2, steps 4 to 8, at 1.6.0.

// @test success and complete run before connectSocket returns
// @want [["success",{"errMsg":"connectSocket:ok","socketTaskId":"<id>"}],["complete",{"errMsg":"connectSocket:ok","socketTaskId":"<id>"}],
// @want ["returned","object",0]]
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: echo(), success: r("success"), complete: r("complete")});
r.log.push(["returned", typeof task, task.readyState]);
return r.log;

// @test before 1.7.0 a new connectSocket closes the old socket with 1000
// @want [[["first open",{}],["first close",{"code":1000,"reason":""}],["second open",{}]],1000,1]
wxshim.urlCheck = false;
const r = rec();
const first = wx.connectSocket({url: echo("replace1")});
first.onOpen(r("first open"));
first.onClose(r("first close"));
wx.onSocketClose(r("global close"));
await until(() => first.readyState === 1);
const second = wx.connectSocket({url: echo("replace2")});
second.onOpen(r("second open"));
await until(() => r.log.length >= 3);
const saw = await serverSaw("replace1");
return [r.log, saw.code, wxshim.debug.liveSockets()];

// @test the browser's constructor error becomes fail, in the browser's own words
// @want [[["fail",true],["complete",true],["fail2",true]],"undefined","undefined"]
wxshim.urlCheck = false;
const said = (protocols) => { try { new WebSocket(echo(), protocols).close(); return "no error"; } catch (e) { return "connectSocket:fail " + e.message; } };
const r = rec();
const same = (name, protocols) => (res) => r(name)(res.errMsg === said(protocols) || res.errMsg);
const a = wx.connectSocket({url: echo(), protocols: ["bad protocol"], fail: same("fail", ["bad protocol"]), complete: same("complete", ["bad protocol"])});
const b = wx.connectSocket({url: echo(), protocols: ["a", "a"], fail: same("fail2", ["a", "a"])});
return [r.log, show(a), show(b)];

// @test protocols: a string, an array, and a wrong type
// @want ["string","array","connectSocket:fail parameter error: parameter.protocols should be Array instead of Number;"]
wxshim.urlCheck = false;
const r = rec();
wx.connectSocket({url: echo(), protocols: "chat", success: r("string")});
wx.connectSocket({url: echo(), protocols: ["chat", "superchat"], success: r("array")});
wx.connectSocket({url: echo(), protocols: 5, fail: r("number")});
return r.log.map((e) => e[0] === "number" ? e[1].errMsg : e[0]);

// @test header, Referer, method and data are dropped with one warning each (header is sent, without warning, when a relay is set)
// @want [2,["header","header.Referer","method","data"]]
wxshim.urlCheck = false;
const r = rec();
const opts = {url: echo(), header: {"content-type": "application/json", Referer: "https://x"}, method: "POST", data: {x: ""}, success: r("success")};
wx.connectSocket(opts);
wx.connectSocket(opts);
const said = warns.filter((w) => w.includes("connectSocket:")).map((w) => w.split(":")[2].trim().split(" ")[0]);
// With a relay, header is sent, not dropped: no warning, which the row then reads as the one it expects without.
if (wxshim.relay) said.unshift(said.includes("header") ? "a header warning although the relay sends it" : "header");
return [r.log.length, said];

// @test networkTimeout.connectSocket: onError timeout, then onClose 1006
// @want [[["error",{"errMsg":"createSocketTask:fail timeout"}],["global error",{"errMsg":"createSocketTask:fail timeout"}],
// @want ["close",{"code":1006,"reason":"timeout"}],["global close",{"code":1006,"reason":"timeout"}]],true,3]
wxshim.urlCheck = false;
wxshim.networkTimeout = {connectSocket: 300};
const r = rec();
wx.onSocketError(r("global error"));
wx.onSocketClose(r("global close"));
const task = wx.connectSocket({url: ECHO + "/hang", timeout: 5000});
task.onError(r("error"));
task.onClose(r("close"));
const t0 = Date.now();
await until(() => r.log.length === 4);
return [r.log, Date.now() - t0 >= 250, task.readyState];

// @test the URL is parsed once, by the browser's URL parser: {{1}}
// @each as given | echo("parse1") | 1
// @each rewritten (the rewritten URL is another one) | "wss://api.example.com/echo?id=parse2" | 2
// @want [{{3}},[["open",{}]]]
wxshim.urlCheck = false;
wxshim.rewrites = {"wss://api.example.com": ECHO};
const r = rec();
const before = urlParses; // page.js counts them
const t = wx.connectSocket({url: {{2}}});
t.onOpen(r("open"));
t.onError(r("error"));
await until(() => r.log.length > 0);
const parsed = urlParses - before;
t.close();
return [parsed, r.log];

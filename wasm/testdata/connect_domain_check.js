// Spec section 2, the legal-domain check of wx.connectSocket, at the default version 1.6.0.

// @test loopback fails before 1.7.0, warns once, returns undefined
// @want [[["fail",{"errMsg":"connectSocket:fail url not in domain list"}],["complete",{"errMsg":"connectSocket:fail url not in domain list"}],
// @want ["fail",{"errMsg":"connectSocket:fail url not in domain list"}]],"undefined","undefined",1,0]
const r = rec();
const a = wx.connectSocket({url: echo(), fail: r("fail"), complete: r("complete")});
const b = wx.connectSocket({url: echo(), fail: r("fail")});
return [r.log, show(a), show(b), warns.filter((w) => w.includes("legal-domain")).length, wxshim.debug.liveSockets()];

// @test a legal domain connects (the name routed to 127.0.0.1)
// @want ["success","open"]
wxshim.socketDomains = ["wss://good.example.com"];
const r = rec();
wx.onSocketOpen(r("open"));
wx.connectSocket({url: "wss://good.example.com:" + PORT + "/echo", success: r("success")});
await until(() => r.log.length === 2);
return r.log.map((e) => e[0]);

// @test ws:// to a legal domain fails
// @want [["fail",{"errMsg":"connectSocket:fail url not in domain list"}]]
wxshim.socketDomains = ["good.example.com"];
const r = rec();
wx.connectSocket({url: "ws://good.example.com:" + PORT + "/echo", fail: r("fail")});
return r.log;

// @test a host not in the list fails
// @want [["fail",{"errMsg":"connectSocket:fail url not in domain list"}]]
wxshim.socketDomains = ["good.example.com"];
const r = rec();
wx.connectSocket({url: "wss://other.example.com:" + PORT + "/echo", fail: r("fail")});
return r.log;

// @test urlCheck off allows ws:// and loopback
// @want ["ok1","ok2"]
wxshim.urlCheck = false;
const r = rec();
wx.connectSocket({url: "ws://127.0.0.1:" + PORT + "/echo", success: r("ok1")});
wx.connectSocket({url: echo(), success: r("ok2")});
return r.log.map((e) => e[0]);

// @test from 1.7.0: success, then onError on the task
// @want [[["success",{"errMsg":"connectSocket:ok","socketTaskId":"<id>"}],["returned",0],
// @want ["task error",{"errMsg":"createSocketTask:fail url not in domain list"}],["global error",{"errMsg":"createSocketTask:fail url not in domain list"}]],
// @want 3]
wxshim.libVersion = "1.7.0";
const r = rec();
wx.onSocketError(r("global error"));
const task = wx.connectSocket({url: echo(), success: r("success"), fail: r("fail")});
task.onError(r("task error"));
task.onClose(r("task close"));
r.log.push(["returned", task.readyState]);
await sleep(50);
return [r.log, task.readyState];

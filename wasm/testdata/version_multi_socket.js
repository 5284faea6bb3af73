// Spec section 1: from 1.7.0 a page holds several sockets (five by default),
// each with its own messages; the globals act on the first. Every row runs
// at each version below, in a subtest named for it.

// @each 1.7.0
// @each 2.10.2
// @each 3.4.1

// @test five sockets at once, the sixth fails, each gets its own messages
// @want [[["sixth fail",{"errMsg":"connectSocket:fail fail reach max websocket connect count 5"}],
// @want ["sixth complete",{"errMsg":"connectSocket:fail fail reach max websocket connect count 5"}]],"undefined",[["0:0","0:1","0:2"],["1:0","1:1","1:2"],
// @want ["2:0","2:1","2:2"],["3:0","3:1","3:2"],["4:0","4:1","4:2"]]]
wxshim.libVersion = "{{1}}";
wxshim.urlCheck = false;
const r = rec();
const tasks = [];
for (let i = 0; i < 5; i++) tasks.push(wx.connectSocket({url: echo()}));
const sixth = wx.connectSocket({url: echo(), fail: r("sixth fail"), complete: r("sixth complete")});
const got = tasks.map(() => []);
tasks.forEach((t, i) => t.onMessage((res) => got[i].push(res.data)));
await until(() => tasks.every((t) => t.readyState === 1));
tasks.forEach((t, i) => { for (let k = 0; k < 3; k++) t.send({data: i + ":" + k}); });
await until(() => got.every((g) => g.length === 3));
return [r.log, show(sixth), got];

// @test maxConnections is settable; CONNECTING counts
// @want [["third",{"errMsg":"connectSocket:fail fail reach max websocket connect count 2"}]]
wxshim.libVersion = "{{1}}";
wxshim.urlCheck = false;
wxshim.maxConnections = 2;
const r = rec();
wx.connectSocket({url: echo()});
wx.connectSocket({url: echo()});
wx.connectSocket({url: echo(), fail: r("third")});
return r.log;

// @test no auto-close: an older socket stays open
// @want [1,1]
wxshim.libVersion = "{{1}}";
wxshim.urlCheck = false;
const a = wx.connectSocket({url: echo()});
await until(() => a.readyState === 1);
const b = wx.connectSocket({url: echo()});
await until(() => b.readyState === 1);
return [a.readyState, b.readyState];

// @test globals act on the first; once it closes, on none until the next connectSocket
// @want [[["sent",{"errMsg":"sendSocketMessage:ok"}],["global message",{"data":"to a"}],["b message",{"data":"to b"}],
// @want ["send fail",{"errMsg":"sendSocketMessage:fail WebSocket is not connected"}],["close fail",{"errMsg":"closeSocket:fail WebSocket is not connected"}],
// @want ["global message",{"data":"to c"}]],1]
wxshim.libVersion = "{{1}}";
wxshim.urlCheck = false;
const r = rec();
wx.onSocketMessage((res) => r("global message")(res));
const a = wx.connectSocket({url: echo()});
const b = wx.connectSocket({url: echo()});
b.onMessage(r("b message"));
await until(() => a.readyState === 1 && b.readyState === 1);
wx.sendSocketMessage({data: "to a", success: r("sent")});
await until(() => r.log.length === 2);
b.send({data: "to b"});
await until(() => r.log.length === 3);
a.close();
await until(() => a.readyState === 3);
wx.sendSocketMessage({data: "none", fail: r("send fail")});
const bBefore = b.readyState;
// closeSocket fails (none bound), and still closes every other socket.
wx.closeSocket({fail: r("close fail")});
await until(() => b.readyState === 3);
const c = wx.connectSocket({url: echo()});
await until(() => c.readyState === 1);
wx.sendSocketMessage({data: "to c"});
await until(() => r.log.length === 6);
return [r.log, bBefore];

// @test closeSocket closes every socket connectSocket made
// @want [["success",{"errMsg":"closeSocket:ok"}],[["close0",{"code":3100,"reason":"all"}],["close1",{"code":1000,"reason":""}],
// @want ["close2",{"code":1000,"reason":""}]],["3100 all","1000 ","1000 "]]
wxshim.libVersion = "{{1}}";
wxshim.urlCheck = false;
const r = rec();
const ids = ["all1", "all2", "all3"].map((s) => s + Math.random());
const tasks = ids.map((id) => wx.connectSocket({url: echo(id)}));
tasks.forEach((t, i) => t.onClose(r("close" + i)));
await until(() => tasks.every((t) => t.readyState === 1));
wx.closeSocket({code: 3100, reason: "all", success: r("success")});
await until(() => r.log.length === 4);
const saw = [];
for (const id of ids) saw.push(await serverSaw(id));
return [r.log[0], r.log.slice(1).sort(), saw.map((s) => s.code + " " + s.reason)];

// @test a task without onClose frees its slot when the server closes it
// @want ["success"]
wxshim.libVersion = "{{1}}";
wxshim.urlCheck = false;
wxshim.maxConnections = 1;
const a = wx.connectSocket({url: echo()});
await until(() => a.readyState === 1);
a.send({data: "__ctl close 1000 go"});
await until(() => a.readyState === 3);
const r = rec();
const b = wx.connectSocket({url: echo(), success: r("success")});
return r.log.map((e) => e[0]);

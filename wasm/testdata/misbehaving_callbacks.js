// @group callbacks that throw, recurse or close
// Callbacks that throw hostile values, call back into the shim, close or reconnect.

// @test close inside onMessage: no message after it, onClose once
// @want [10,[["close",{"code":3001,"reason":"enough"}]],3]
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: ECHO + "/flood?n=1000&tag=c"});
let n = 0;
task.onMessage(() => { n++; if (n === 10) task.close({code: 3001, reason: "enough"}); });
task.onClose(r("close"));
await until(() => r.log.length === 1);
await sleep(100);
return [n, r.log, task.readyState];

// @test a listener that throws a hostile value is reported, the next still runs
// @want [["second"],true]
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: echo()});
task.onOpen(() => { throw new Proxy({}, {get() { throw new Error("trap"); }}); });
task.onOpen(r("second"));
await until(() => r.log.length === 1);
return [r.log.map((e) => e[0]), errors.some((e) => e.includes("unprintable exception"))];

// @test connectSocket inside connectSocket's success at 1.6.0
// @want [["inner","open"],1]
wxshim.urlCheck = false;
const r = rec();
wx.onSocketOpen(r("open"));
wx.connectSocket({url: echo(), success() { wx.connectSocket({url: echo(), success: r("inner")}); }});
await until(() => r.log.length === 2);
await sleep(50);
return [r.log.map((e) => e[0]), wxshim.debug.liveSockets()];

// @test 200 nested fail callbacks, each calling back into the shim
// @want [200,"still fine"]
wxshim.urlCheck = false;
let depth = 0;
const again = () => { if (++depth < 200) wx.sendSocketMessage({data: 1, fail: again}); };
await openGlobal();
wx.sendSocketMessage({data: 1, fail: again});
let echoed;
wx.onSocketMessage((res) => { echoed = res.data; });
wx.sendSocketMessage({data: "still fine"});
await until(() => echoed);
return [depth, echoed];

// @test 500 nested success callbacks on the fast path
// @want 500
wxshim.urlCheck = false;
let depth = 0;
const again = () => { if (++depth < 500) wx.sendSocketMessage({data: "x", success: again}); };
await openGlobal();
let n = 0;
wx.onSocketMessage(() => { n++; });
wx.sendSocketMessage({data: "x", success: again});
await until(() => n === 500, 20000);
return depth;

// @test onOpen that sends then throws: the message still goes
// @want "before the throw"
wxshim.urlCheck = false;
let got;
wx.onSocketMessage((res) => { got = res.data; });
wx.onSocketOpen(() => { wx.sendSocketMessage({data: "before the throw"}); throw new Error("after"); });
wx.connectSocket({url: echo()});
await until(() => got);
return got;

// @test closeSocket inside onClose, reconnect inside onClose
// @want [["open","close","close fail","open","close","close fail","open","close","close fail"],0]
wxshim.urlCheck = false;
const r = rec();
let rounds = 0;
wx.onSocketOpen(() => { r("open")(); if (rounds < 3) wx.closeSocket(); });
wx.onSocketClose(() => { r("close")(); wx.closeSocket({fail: r("close fail")}); if (++rounds < 3) wx.connectSocket({url: echo()}); });
wx.connectSocket({url: echo()});
await until(() => rounds === 3);
await sleep(50);
return [r.log.map((e) => e[0]), wxshim.debug.liveSockets()];

//go:build js && wasm

package main

import "testing"

// Load and order, and callbacks that misbehave.

func TestReliabilityLoad(t *testing.T) {
	group(t, "load and order", []scenario{
		{"100,000 messages each way: none lost, duplicated or reordered", `
wxshim.urlCheck = false;
const n = 100000;
const task = wx.connectSocket({url: echo()});
let next = 0, bad = 0, sent = 0;
task.onMessage((res) => { if (res.data !== String(next)) bad++; next++; });
await until(() => task.readyState === 1);
// Send in slices so the browser's send buffer stays small.
while (sent < n) {
  for (let k = 0; k < 5000 && sent < n; k++, sent++) task.send({data: String(sent)});
  await until(() => next >= sent - 20000, 30000);
}
await until(() => next >= n, 60000);
await sleep(100);
return [next, bad];`, `[100000,0]`},
		{"100,000 mixed text and binary messages through the global API keep their order", `
wxshim.urlCheck = false;
const n = 100000;
let next = 0, bad = 0, sent = 0;
wx.onSocketMessage((res) => {
  const v = typeof res.data === "string" ? +res.data : new Uint32Array(res.data)[0];
  if (v !== next) bad++;
  next++;
});
await openGlobal();
while (sent < n) {
  for (let k = 0; k < 5000 && sent < n; k++, sent++) {
    wx.sendSocketMessage({data: sent % 2 ? String(sent) : new Uint32Array([sent]).buffer});
  }
  await until(() => next >= sent - 20000, 30000);
}
await until(() => next >= n, 60000);
return [next, bad];`, `[100000,0]`},
		{"1,000 rapid connectSocket calls at 1.6.0: one live connection, no message of a replaced socket", `
wxshim.urlCheck = false;
const tags = new Set();
wx.onSocketMessage((res) => tags.add(res.data.split(":")[0]));
let last;
await serverIdle();
const t0 = Date.now();
for (let i = 0; i < 1000; i++) last = wx.connectSocket({url: ECHO + "/flood?n=3&tag=s" + i});
const maxLive = [];
while (last.readyState !== 1 && Date.now() - t0 < 20000) {
  maxLive.push((await (await fetch(ORIGIN + "/live")).json()).live);
}
await until(() => tags.size > 0);
await sleep(300);
maxLive.push((await (await fetch(ORIGIN + "/live")).json()).live);
return [Array.from(tags), Math.max(...maxLive), wxshim.liveSockets(), last.readyState];`, `[["s999"],1,1,1]`},
		{"six concurrent sockets at 1.7.0 each get only their own messages", `
wxshim.libVersion = "1.7.0";
wxshim.urlCheck = false;
wxshim.maxConnections = 6;
const got = [];
const tasks = [];
for (let i = 0; i < 6; i++) {
  const t = wx.connectSocket({url: ECHO + "/flood?n=500&tag=t" + i});
  got.push([]);
  t.onMessage((res) => got[i].push(res.data));
  tasks.push(t);
}
await until(() => got.every((g) => g.length === 500), 20000);
return got.map((g, i) => g.every((m, k) => m === "t" + i + ":" + k));`, `[true,true,true,true,true,true]`},
	})
}

func TestReliabilityCallbacks(t *testing.T) {
	group(t, "callbacks that throw, recurse or close", []scenario{
		{"close inside onMessage: no message after it, onClose once", `
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: ECHO + "/flood?n=1000&tag=c"});
let n = 0;
task.onMessage(() => { n++; if (n === 10) task.close({code: 3001, reason: "enough"}); });
task.onClose(r("close"));
await until(() => r.log.length === 1);
await sleep(100);
return [n, r.log, task.readyState];`, `[10,[["close",{"code":3001,"reason":"enough"}]],3]`},
		{"a listener that throws a hostile value is reported, the next still runs", `
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: echo()});
task.onOpen(() => { throw new Proxy({}, {get() { throw new Error("trap"); }}); });
task.onOpen(r("second"));
await until(() => r.log.length === 1);
return [r.log.map((e) => e[0]), errors.some((e) => e.includes("unprintable exception"))];`, `[["second"],true]`},
		{"connectSocket inside connectSocket's success at 1.6.0", `
wxshim.urlCheck = false;
const r = rec();
wx.onSocketOpen(r("open"));
wx.connectSocket({url: echo(), success() { wx.connectSocket({url: echo(), success: r("inner")}); }});
await until(() => r.log.length === 2);
await sleep(50);
return [r.log.map((e) => e[0]), wxshim.liveSockets()];`, `[["inner","open"],1]`},
		{"200 nested fail callbacks, each calling back into the shim", `
wxshim.urlCheck = false;
let depth = 0;
const again = () => { if (++depth < 200) wx.sendSocketMessage({data: 1, fail: again}); };
await openGlobal();
wx.sendSocketMessage({data: 1, fail: again});
let echoed;
wx.onSocketMessage((res) => { echoed = res.data; });
wx.sendSocketMessage({data: "still fine"});
await until(() => echoed);
return [depth, echoed];`, `[200,"still fine"]`},
		{"500 nested success callbacks on the fast path", `
wxshim.urlCheck = false;
let depth = 0;
const again = () => { if (++depth < 500) wx.sendSocketMessage({data: "x", success: again}); };
await openGlobal();
let n = 0;
wx.onSocketMessage(() => { n++; });
wx.sendSocketMessage({data: "x", success: again});
await until(() => n === 500, 20000);
return depth;`, `500`},
		{"onOpen that sends then throws: the message still goes", `
wxshim.urlCheck = false;
let got;
wx.onSocketMessage((res) => { got = res.data; });
wx.onSocketOpen(() => { wx.sendSocketMessage({data: "before the throw"}); throw new Error("after"); });
wx.connectSocket({url: echo()});
await until(() => got);
return got;`, `"before the throw"`},
		{"closeSocket inside onClose, reconnect inside onClose", `
wxshim.urlCheck = false;
const r = rec();
let rounds = 0;
wx.onSocketOpen(() => { r("open")(); if (rounds < 3) wx.closeSocket(); });
wx.onSocketClose(() => { r("close")(); wx.closeSocket({fail: r("close fail")}); if (++rounds < 3) wx.connectSocket({url: echo()}); });
wx.connectSocket({url: echo()});
await until(() => rounds === 3);
await sleep(50);
return [r.log.map((e) => e[0]), wxshim.liveSockets()];`,
			`[["open","close","close fail","open","close","close fail","open","close","close fail"],0]`},
	})
}

// @group load and order
// Load and order: many messages, many sockets, many calls.

// @test 100,000 messages each way: none lost, duplicated or reordered
// @want [100000,0]
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
return [next, bad];

// @test 100,000 mixed text and binary messages through the global API keep their order
// @want [100000,0]
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
return [next, bad];

// @test 1,000 rapid connectSocket calls at 1.6.0: one live connection, no message of a replaced socket
// @want [["s999"],1,1,1]
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
return [Array.from(tags), Math.max(...maxLive), wxshim.debug.liveSockets(), last.readyState];

// @test six concurrent sockets at 1.7.0 each get only their own messages
// @want [true,true,true,true,true,true]
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
return got.map((g, i) => g.every((m, k) => m === "t" + i + ":" + k));

// @group faults
// Faults from the server and the network: each row records every event of a
// socket that meets one, then checks that a fresh connectSocket still works.

// @setup
// faultCase connects to path, records every event until the socket is
// closed (plus a quiet 100 ms for stragglers), then checks that a fresh
// connectSocket still works. It returns [events, next works].
async function faultCase(path) {
  wxshim.urlCheck = false;
  const r = rec();
  const task = wx.connectSocket({url: ECHO + path});
  task.onOpen(r("open"));
  task.onError((res) => r("error")(res.errMsg.startsWith("createSocketTask:fail ") ? (res.errMsg.includes("timeout") ? res : "createSocketTask:fail ...") : res));
  task.onClose(r("close"));
  task.onMessage((res) => r("message")(typeof res.data === "string" ? res.data.length : res.data.byteLength));
  await until(() => task.readyState === 3, 10000);
  await sleep(100);
  const next = wx.connectSocket({url: echo()});
  let echoed = false;
  next.onOpen(() => next.send({data: "again"}));
  next.onMessage((res) => { echoed = res.data === "again"; });
  await until(() => echoed);
  return [r.log, echoed];
}

// @test handshake refused with {{1}}
// @each 403
// @each 500
// @want [[["error","createSocketTask:fail ..."],["close",{"code":1006,"reason":""}]],true]
return faultCase("/refuse?status={{1}}");

// @test handshake never answered: the connect timeout
// @want [[["error",{"errMsg":"createSocketTask:fail timeout"}],["close",{"code":1006,"reason":"timeout"}]],true]
wxshim.networkTimeout = {connectSocket: 300};
return faultCase("/hang");

// @test TCP dropped in the middle of a message
// @want [[["open",{}],["error","createSocketTask:fail ..."],["close",{"code":1006,"reason":""}]],true]
return faultCase("/drop");

// @test closed right after open with {{1}}
// @each 1000
// @each 1001
// @each 1008
// @each 1011
// @each 3000
// @each 4999
// @want [[["open",{}],["close",{"code":{{1}},"reason":"r{{1}}"}]],true]
return faultCase("/closeafteropen?code={{1}}&reason=r{{1}}");

// @test a 16 MiB {{1}} message from the server, then 16 MiB back
// @each text | "string" | "abcmn"
// @each binary | "object" | [109,110]
// @want [{{2}},16777216,{{3}},[["sent",{"errMsg":"sendSocketMessage:ok"}]],true]
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: ECHO + "/big?size=16777216&type={{1}}"});
const got = [];
task.onMessage((res) => got.push(res.data));
await until(() => got.length === 1, 30000);
const first = got[0];
const n = typeof first === "string" ? first.length : first.byteLength;
const sample = typeof first === "string" ? first.slice(0, 3) + first.slice(-2) : Array.from(new Uint8Array(first, first.byteLength - 2));
task.send({data: first, success: r("sent")});
await until(() => got.length === 2, 30000);
const back = got[1];
const same = typeof first === "string" ? back === first : back.byteLength === first.byteLength && new Uint8Array(back)[12345] === new Uint8Array(first)[12345];
return [typeof first, n, sample, r.log, same];

// @test echo with a 200 ms delay
// @want true
wxshim.urlCheck = false;
const task = wx.connectSocket({url: ECHO + "/echo?delay=200"});
let t0, ms;
task.onOpen(() => { t0 = Date.now(); task.send({data: "slow"}); });
task.onMessage(() => { ms = Date.now() - t0; });
await until(() => ms !== undefined);
return ms >= 190;

// @test a flood of 100,000 numbered messages arrives whole and in order
// @want [100000,0]
wxshim.urlCheck = false;
const n = 100000;
const task = wx.connectSocket({url: ECHO + "/flood?n=" + n + "&tag=f"});
let next = 0, bad = 0;
task.onMessage((res) => { if (res.data !== "f:" + next) bad++; next++; });
await until(() => next >= n, 60000);
await sleep(100);
return [next, bad];

// NETWORK.md sections 1 and 4, the UploadTask: onProgressUpdate from the
// body's progress (XMLHttpRequest.upload), onHeadersReceived, abort in each
// phase, the methods each version has, timeouts.
//
// @setup
wxshim.configure({urlCheck: false, libVersion: "3.0.0"});
const r = rec();
const cbs = {success: r("success"), fail: r("fail"), complete: r("complete")};
const SINK = ORIGIN + "/http/upload";
const METHODS = ["abort", "onHeadersReceived", "offHeadersReceived", "onChunkReceived", "offChunkReceived", "onProgressUpdate", "offProgressUpdate"];
const small = () => wxshim.files.add(new Blob(["x"]), "a.txt");

// @test onProgressUpdate: integers, rising, at most one per percent, the last 100 with the body's size twice
// @want [true,true,true,100,true,"success"]
const p = wxshim.files.add(new Blob([new Uint8Array(4 << 20)]), "a.bin");
const ev = [];
const t = wx.uploadFile(Object.assign({url: SINK, filePath: p, name: "f"}, cbs));
t.onProgressUpdate((x) => ev.push(x));
await until(() => r.log.length === 2, 30000);
const ps = ev.map((x) => x.progress), last = ev[ev.length - 1];
return [ev.length > 0 && ps.every((x) => Number.isInteger(x) && x >= 0 && x <= 100), ps.every((x, i) => i === 0 || x > ps[i - 1]),
  ev.every((x) => x.totalBytesSent <= x.totalBytesExpectedToSend), last.progress,
  last.totalBytesSent === last.totalBytesExpectedToSend && last.totalBytesSent > (4 << 20), r.log[0][0]];

// @test onHeadersReceived: {header, cookies, statusCode}, before success
// @want ["headers","success","complete"]
const order = [];
const t = wx.uploadFile({url: SINK + "?status=201", filePath: small(), name: "f", success: () => order.push("success"), complete: () => order.push("complete")});
t.onHeadersReceived((h) => { if (h.statusCode === 201 && Array.isArray(h.cookies) && typeof h.header === "object") order.push("headers"); });
await until(() => order.includes("complete"));
return order;

// @test abort in the call's own turn: fail abort after abort() returns, nothing sent
// @want [["returned"],["fail",{"errMsg":"uploadFile:fail abort"}],["complete",{"errMsg":"uploadFile:fail abort"}],false]
performance.clearResourceTimings();
const t = wx.uploadFile(Object.assign({url: SINK + "?id=up-abort-now", filePath: small(), name: "f"}, cbs));
t.abort();
r.log.push(["returned"]);
await until(() => r.log.length === 3);
await sleep(50);
return [...r.log, performance.getEntriesByType("resource").some((e) => e.name.includes("up-abort-now"))];

// @test abort while the server holds the answer: fail abort
// @want [["returned"],["fail",{"errMsg":"uploadFile:fail abort"}],["complete",{"errMsg":"uploadFile:fail abort"}]]
const t = wx.uploadFile(Object.assign({url: SINK + "?delay=60000", filePath: small(), name: "f"}, cbs));
await sleep(150);
t.abort();
r.log.push(["returned"]);
await until(() => r.log.length === 3);
await sleep(50);
return r.log;

// @test abort while the body goes (in onProgressUpdate): fail abort, no success
// @want ["fail","uploadFile:fail abort",2]
const p = wxshim.files.add(new Blob([new Uint8Array(16 << 20)]), "a.bin");
const t = wx.uploadFile(Object.assign({url: SINK, filePath: p, name: "f"}, cbs));
t.onProgressUpdate(() => t.abort());
await until(() => r.log.length === 2, 30000);
await sleep(100);
return [r.log[0][0], r.log[0][1].errMsg, r.log.length];

// @test abort after the end: nothing happens
// @want [["success","complete"],["success","complete"]]
const t = wx.uploadFile(Object.assign({url: SINK, filePath: small(), name: "f"}, cbs));
await until(() => r.log.length === 2);
const before = r.log.map((e) => e[0]);
t.abort();
await sleep(100);
return [before, r.log.map((e) => e[0])];

// @test methods at {{1}}
// @each 1.3.0 | []
// @each 1.4.0 | ["abort","onProgressUpdate"]
// @each 2.1.0 | ["abort","onHeadersReceived","offHeadersReceived","onProgressUpdate","offProgressUpdate"]
// @each 2.30.3 | ["abort","onHeadersReceived","offHeadersReceived","onChunkReceived","offChunkReceived","onProgressUpdate","offProgressUpdate"]
// @want {{2}}
wxshim.libVersion = "{{1}}";
const t = wx.uploadFile({url: SINK, filePath: small(), name: "f", complete() {}});
await until(() => wxshim.debug.requestsOpen() === 0);
return METHODS.filter((m) => typeof t[m] === "function");

// @test the timeout option: fails "timeout", errno 5
// @want [["fail",{"errMsg":"uploadFile:fail timeout","errno":5}],["complete",{"errMsg":"uploadFile:fail timeout","errno":5}]]
wx.uploadFile(Object.assign({url: SINK + "?delay=60000", filePath: small(), name: "f", timeout: 200}, cbs));
await until(() => r.log.length === 2);
return r.log;

// @test networkTimeout.uploadFile applies
// @want "uploadFile:fail timeout"
wxshim.networkTimeout = {uploadFile: 200};
let res;
wx.uploadFile({url: SINK + "?delay=60000", filePath: small(), name: "f", complete: (x) => { res = x; }});
await until(() => res !== undefined);
return res.errMsg;

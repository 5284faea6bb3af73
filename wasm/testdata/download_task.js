// NETWORK.md sections 1 and 3, the DownloadTask: onProgressUpdate (integer
// percent, at most one event per percent, byte counts; 0 and 0 when the
// length is unknown), onHeadersReceived before success, abort in each
// phase, the listener sets, the methods each version has, timeouts.
//
// @setup
wxshim.configure({urlCheck: false, libVersion: "3.0.0"});
const r = rec();
const cbs = {success: r("success"), fail: r("fail"), complete: r("complete")};
const METHODS = ["abort", "onHeadersReceived", "offHeadersReceived", "onChunkReceived", "offChunkReceived", "onProgressUpdate", "offProgressUpdate"];
const SLOW = ORIGIN + "/http/file?size=40000&chunk=1000&ms=25";

// @test onProgressUpdate: integers 0-100, rising, one per percent at most, the last 100 with the totals
// @want [true,true,true,100,300000,300000,"success"]
const ev = [];
const t = wx.downloadFile(Object.assign({url: ORIGIN + "/http/file?size=300000&chunk=3000&ms=2"}, cbs));
t.onProgressUpdate((p) => ev.push(p));
await until(() => r.log.length === 2, 20000);
const ps = ev.map((p) => p.progress);
const last = ev[ev.length - 1];
return [ps.every((p) => Number.isInteger(p) && p >= 0 && p <= 100), ps.every((p, i) => i === 0 || p > ps[i - 1]),
  ev.every((p) => p.totalBytesExpectedToWrite === 300000 && p.totalBytesWritten <= 300000), last.progress, last.totalBytesWritten,
  last.totalBytesExpectedToWrite, r.log[0][0]];

// @test onProgressUpdate with no Content-Length: progress 0, expected 0, the bytes counted
// @want [true,true,20000]
const ev = [];
const t = wx.downloadFile(Object.assign({url: ORIGIN + "/http/file?size=20000&length=0&chunk=2000&ms=5"}, cbs));
t.onProgressUpdate((p) => ev.push(p));
await until(() => r.log.length === 2, 20000);
return [ev.length > 0, ev.every((p) => p.progress === 0 && p.totalBytesExpectedToWrite === 0), ev[ev.length - 1].totalBytesWritten];

// @test onHeadersReceived: {header, cookies, statusCode}, before any progress and before success
// @want ["headers","progress","success","complete"]
const order = [];
const t = wx.downloadFile({url: ORIGIN + "/http/file?size=5000", success: () => order.push("success"), complete: () => order.push("complete")});
t.onHeadersReceived((h) => { if (Array.isArray(h.cookies) && h.statusCode === 200 && typeof h.header === "object") order.push("headers"); });
t.onProgressUpdate(() => { if (!order.includes("progress")) order.push("progress"); });
await until(() => order.includes("complete"));
return order;

// @test onProgressUpdate added in onHeadersReceived: the body is read as it arrives, progress up to 100
// @want [true,100,40000]
const ev = [];
const t = wx.downloadFile(Object.assign({url: SLOW}, cbs));
t.onHeadersReceived(() => t.onProgressUpdate((p) => ev.push(p)));
await until(() => r.log.length === 2, 20000);
return [ev.length > 1, ev[ev.length - 1].progress, ev[ev.length - 1].totalBytesWritten];

// @test no listener at the head, one added while the body arrives: the body is read whole, one event (100, the totals)
// @want ["success",[{"progress":100,"totalBytesWritten":40000,"totalBytesExpectedToWrite":40000}],40000]
const ev = [];
const t = wx.downloadFile(Object.assign({url: SLOW}, cbs));
let head = false;
t.onHeadersReceived(() => { head = true; });
await until(() => head, 20000);
await sleep(150);
t.onProgressUpdate((p) => ev.push(p));
await until(() => r.log.length === 2, 20000);
return [r.log[0][0], ev, wxshim.files.get(r.log[0][1].tempFilePath).size];

// @test a listener added after the end gets nothing
// @want ["success",0]
const ev = [];
const t = wx.downloadFile(Object.assign({url: ORIGIN + "/http/file?size=5000"}, cbs));
await until(() => r.log.length === 2);
t.onProgressUpdate((p) => ev.push(p));
await sleep(100);
return [r.log[0][0], ev.length];

// @test abort while the body is read whole (no listener): fail abort, nothing stored
// @want [["fail",{"errMsg":"downloadFile:fail abort"}],["complete",{"errMsg":"downloadFile:fail abort"}],0]
const before = wxshim.debug.filesHeld();
const t = wx.downloadFile(Object.assign({url: SLOW}, cbs));
let head = false;
t.onHeadersReceived(() => { head = true; });
await until(() => head, 20000);
await sleep(150);
t.abort();
await until(() => r.log.length === 2);
await sleep(50);
return [...r.log, wxshim.debug.filesHeld() - before];

// @test abort in the call's own turn: fail abort after abort() returns, never sent
// @want [["returned"],["fail",{"errMsg":"downloadFile:fail abort"}],["complete",{"errMsg":"downloadFile:fail abort"}],false]
performance.clearResourceTimings();
const t = wx.downloadFile(Object.assign({url: ORIGIN + "/http/file?size=10&id=abort-now"}, cbs));
t.abort();
r.log.push(["returned"]);
await until(() => r.log.length === 3);
await sleep(50);
return [...r.log, performance.getEntriesByType("resource").some((e) => e.name.includes("abort-now"))];

// @test abort before the headers: fail abort, nothing stored
// @want [["returned"],["fail",{"errMsg":"downloadFile:fail abort"}],["complete",{"errMsg":"downloadFile:fail abort"}],0]
const before = wxshim.debug.filesHeld();
const t = wx.downloadFile(Object.assign({url: ORIGIN + "/http/echo?delay=60000"}, cbs));
await sleep(100);
t.abort();
r.log.push(["returned"]);
await until(() => r.log.length === 3);
await sleep(50);
return [...r.log, wxshim.debug.filesHeld() - before];

// @test abort in onHeadersReceived: fail abort, no success, nothing stored
// @want [["headers","fail","complete"],"downloadFile:fail abort",0]
const before = wxshim.debug.filesHeld();
const t = wx.downloadFile(Object.assign({url: SLOW}, cbs));
t.onHeadersReceived(() => { r.log.push(["headers"]); t.abort(); });
await until(() => r.log.length === 3);
await sleep(50);
return [r.log.map((e) => e[0]), r.log[1][1].errMsg, wxshim.debug.filesHeld() - before];

// @test abort while the body arrives (in onProgressUpdate): fail abort, no more progress, nothing stored
// @want ["fail","downloadFile:fail abort",true,0]
const before = wxshim.debug.filesHeld();
const t = wx.downloadFile(Object.assign({url: SLOW}, cbs));
let n = 0, after = 0;
t.onProgressUpdate((p) => { n++; if (r.log.length > 0) after++; if (p.progress >= 10 && n < 1000) { t.abort(); } });
await until(() => r.log.length === 2);
await sleep(200);
return [r.log[0][0], r.log[0][1].errMsg, after === 0, wxshim.debug.filesHeld() - before];

// @test abort after the end: nothing happens; the file stays
// @want [["success","complete"],["success","complete"],true]
const t = wx.downloadFile(Object.assign({url: ORIGIN + "/http/file?size=10"}, cbs));
await until(() => r.log.length === 2);
const before = r.log.map((e) => e[0]);
t.abort(); t.abort();
await sleep(100);
return [before, r.log.map((e) => e[0]), wxshim.files.get(r.log[0][1].tempFilePath) !== undefined];

// @test the same listener twice fires once; offProgressUpdate(fn) removes it; off() removes all
// @want [true,0,0]
const a = [], b = [], c = [];
const fa = () => a.push(1), fb = () => b.push(1), fc = () => c.push(1);
const t = wx.downloadFile(Object.assign({url: SLOW}, cbs));
t.onProgressUpdate(fa); t.onProgressUpdate(fa);
t.onProgressUpdate(fb); t.offProgressUpdate(fb);
const u = wx.downloadFile({url: SLOW, complete() {}});
u.onProgressUpdate(fc); u.offProgressUpdate();
await until(() => r.log.length === 2 && wxshim.debug.requestsOpen() === 0, 20000);
return [a.length > 0 && a.length <= 101, b.length, c.length];

// @test on{{1}} with a non-function: ignored, with a console error
// @each ProgressUpdate
// @each HeadersReceived
// @want ["success",true]
const t = wx.downloadFile(Object.assign({url: ORIGIN + "/http/file?size=10"}, cbs));
t.on{{1}}("not a function");
await until(() => r.log.length === 2);
return [r.log[0][0], errors.some((e) => e.includes("DownloadTask.on{{1}}"))];

// @test a listener that throws is reported, and the download goes on
// @want ["success",true]
const t = wx.downloadFile(Object.assign({url: ORIGIN + "/http/file?size=1000"}, cbs));
t.onProgressUpdate(() => { throw new Error("listener boom"); });
await until(() => r.log.length === 2);
return [r.log[0][0], errors.some((e) => e.includes("listener boom"))];

// @test methods at {{1}}: {{2}}
// @want {{3}}
// @each 1.3.0 | none | []
// @each 1.4.0 | abort and onProgressUpdate | ["abort","onProgressUpdate"]
// @each 2.0.0 | abort and onProgressUpdate | ["abort","onProgressUpdate"]
// @each 2.1.0 | and offProgressUpdate, on/offHeadersReceived | ["abort","onHeadersReceived","offHeadersReceived","onProgressUpdate","offProgressUpdate"]
// @each 2.30.3 | all seven | ["abort","onHeadersReceived","offHeadersReceived","onChunkReceived","offChunkReceived","onProgressUpdate","offProgressUpdate"]
wxshim.libVersion = "{{1}}";
const t = wx.downloadFile({url: ORIGIN + "/http/file?size=1", complete() {}});
await until(() => wxshim.debug.requestsOpen() === 0);
return METHODS.filter((m) => typeof t[m] === "function");

// @test the timeout option (2.10.0): fails "timeout", errno 5
// @want [["fail",{"errMsg":"downloadFile:fail timeout","errno":5}],["complete",{"errMsg":"downloadFile:fail timeout","errno":5}]]
wx.downloadFile(Object.assign({url: ORIGIN + "/http/echo?delay=60000", timeout: 150}, cbs));
await until(() => r.log.length === 2);
return r.log;

// @test a timeout while the body arrives: fails "timeout", nothing stored
// @want ["downloadFile:fail timeout",0]
const before = wxshim.debug.filesHeld();
wx.downloadFile(Object.assign({url: SLOW, timeout: 300}, cbs));
await until(() => r.log.length === 2);
return [r.log[0][1].errMsg, wxshim.debug.filesHeld() - before];

// @test a timeout after the head, while the body is read whole (no listener): fails "timeout", nothing stored
// @want [true,"downloadFile:fail timeout",0]
const before = wxshim.debug.filesHeld();
const t = wx.downloadFile(Object.assign({url: SLOW, timeout: 400}, cbs));
let head = false;
t.onHeadersReceived(() => { head = true; });
await until(() => r.log.length === 2);
return [head, r.log[0][1].errMsg, wxshim.debug.filesHeld() - before];

// @test networkTimeout.downloadFile applies; networkTimeout.request does not
// @want ["downloadFile:fail timeout","downloadFile:ok"]
wxshim.networkTimeout = {downloadFile: 150, request: 100000};
let a, b;
wx.downloadFile({url: ORIGIN + "/http/echo?delay=60000", complete: (x) => { a = x; }});
wxshim.networkTimeout = {request: 100};
wx.downloadFile({url: ORIGIN + "/http/echo?delay=300", complete: (x) => { b = x; }});
await until(() => a !== undefined && b !== undefined);
return [a.errMsg, b.errMsg];

// @test below 2.10.0 the timeout option is ignored
// @want ["downloadFile:ok"]
wxshim.libVersion = "2.9.0";
let res;
wx.downloadFile({url: ORIGIN + "/http/echo?delay=300", timeout: 50, complete: (x) => { res = x; }});
await until(() => res !== undefined);
return [res.errMsg];

// NETWORK.md section 1 for wx.downloadFile and wx.uploadFile: at most 10
// tasks of each API in flight, the 11th queued (not failed) and sent when
// one ends, oldest first; one queue per API (10 downloads in flight queue
// no upload and no request); abort while queued; 1,000 queued transfers.
// Each row holds 10 transfers at once, spread over 6 names the test
// certificate holds that every engine reaches (all sent to 127.0.0.1; at
// most 2 to a name; Firefox refuses the .test ones, and WebKit, through its
// proxy, any name outside the certificate), so that no browser limit per
// host (6) queues them instead of the shim; every row aborts what it holds.
//
// Not in the relay pass (relay_rows_test.go): through the relay every
// transfer goes to one host, where a browser keeps at most 6 in flight
// (request_inflight.js says more).

// @setup
wxshim.libVersion = "3.0.0";
wxshim.urlCheck = false;
const r = rec();
const cbs = {success: r("success"), fail: r("fail"), complete: r("complete")};
const NAMES = ["127.0.0.1", "localhost", "example.com", "good.example.com", "other.example.com", "api.example.com"];
const hostOf = (i) => NAMES[i % NAMES.length] + ":" + PORT;
const FILE = ORIGIN + "/http/file?size=3";
// hold puts n transfers of api in flight that the server holds for a minute.
function hold(api, n, tag) {
  const tasks = [];
  for (let i = 0; i < n; i++) {
    const url = "https://" + hostOf(i) + (api === "downloadFile" ? "/http/echo?delay=60000&tag=" : "/http/upload?delay=60000&tag=") + tag;
    const o = {url, fail() {}};
    if (api === "uploadFile") Object.assign(o, {filePath: wxshim.files.add(new Blob(["x"])), name: "f"});
    tasks.push(wx[api](o));
  }
  return tasks;
}
async function holding(api, n, tag, body) {
  const held = hold(api, n, tag);
  try { await sleep(100); return await body(held); } finally { held.forEach((t) => t && t.abort()); }
}
function up(o) { return wx.uploadFile(Object.assign({url: ORIGIN + "/http/upload", filePath: wxshim.files.add(new Blob(["x"])), name: "f"}, o)); }

// @test {{1}}: with 10 in flight, the 11th is queued, not failed, and sent when one ends
// @each downloadFile
// @each uploadFile
// @want [[],["success","complete"]]
return holding("{{1}}", 10, "q-{{1}}", async (held) => {
  if ("{{1}}" === "downloadFile") wx.downloadFile(Object.assign({url: FILE}, cbs));
  else up(cbs);
  await sleep(300);
  const waiting = r.log.map((e) => e[0]);
  held[3].abort();
  await until(() => r.log.length === 2, 20000);
  return [waiting, r.log.map((e) => e[0])];
});

// @test one queue per API: 10 downloads in flight queue no upload and no request
// @want ["uploadFile:ok","request:ok"]
return holding("downloadFile", 10, "per-api", async () => {
  let u, q;
  up({complete: (x) => { u = x.errMsg; }});
  wx.request({url: ORIGIN + "/http/echo", complete: (x) => { q = x.errMsg; }});
  await until(() => u && q, 20000);
  return [u, q];
});

// @test queued downloads are sent oldest first
// @want [1,2,3,4,5]
return holding("downloadFile", 10, "order", async (held) => {
  const order = [];
  for (let i = 1; i <= 5; i++) wx.downloadFile({url: FILE + "&n=" + i, complete() { order.push(i); }});
  await sleep(100);
  held[0].abort();
  await until(() => order.length === 5, 20000);
  return order;
});

// @test abort while queued: fail abort after abort() returns, never sent, no slot freed
// @want [["returned"],["fail",{"errMsg":"uploadFile:fail abort"}],["complete",{"errMsg":"uploadFile:fail abort"}],false]
performance.clearResourceTimings();
return holding("uploadFile", 10, "qa", async () => {
  const t = wx.uploadFile(Object.assign({url: ORIGIN + "/http/upload?id=queued-up", filePath: wxshim.files.add(new Blob(["x"])), name: "f"}, cbs));
  await sleep(50);
  t.abort();
  r.log.push(["returned"]);
  await until(() => r.log.length === 3);
  await sleep(100);
  return [...r.log, performance.getEntriesByType("resource").some((e) => e.name.includes("queued-up"))];
});

// @test 1,000 downloads at once: every one ends in success, at most 10 open at a time, the table holds 1,000 files
// @want [1000,0,true,1000]
const before = wxshim.debug.filesHeld();
let ok = 0, bad = 0, seen = 0;
const paths = [];
for (let i = 0; i < 1000; i++) {
  wx.downloadFile({url: FILE + "&i=" + i, success: (x) => { ok++; paths.push(x.tempFilePath); }, fail: () => { bad++; }});
}
await until(() => ok + bad === 1000, 60000);
const held = wxshim.debug.filesHeld() - before;
for (const p of paths) wxshim.files.remove(p);
return [ok, bad, new Set(paths).size === 1000, held];

// @test 1,000 uploads queued, then aborted: each fails abort once, none is sent later
// @want [1000,0]
let aborted = 0, other = 0;
const tasks = [];
for (let i = 0; i < 1000; i++) tasks.push(up({url: ORIGIN + "/http/upload?delay=60000", fail: (x) => { if (x.errMsg === "uploadFile:fail abort") aborted++; else other++; }, success: () => { other++; }}));
await sleep(100);
for (const t of tasks) t.abort();
await until(() => aborted + other === 1000, 30000);
await sleep(100);
return [aborted, other];

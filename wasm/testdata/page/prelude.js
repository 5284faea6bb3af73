// The prelude: run (page_test.go) puts it before the body of every row.
// With page.js, it gives every row:
//
//   ECHO, ORIGIN     the wss and https base URLs of the test server (set by TestMain)
//   PORT, echo(id)   the server's port; the URL of its echo endpoint, with an id
//   sleep(ms), until(fn, ms)
//   rec()            a recorder: rec("name") is a callback that logs [name, payload]
//   show(v)          v as JSON-friendly data (ArrayBuffer -> "AB:<hex>", a socketTaskId -> "<id>")
//   serverSaw(id), serverIdle(), openGlobal(url)
//   errors, warns    what console.error / console.warn got since the last reset
//   liveRefs()       how many JS values Go holds (page.js)
//   urlParses        how many times the page has run new URL (page.js)
//
// and, for the wx.request rows (request_*.js):
//
//   ECHO_HTTP          the test server's /http/echo, which answers a request as it received it
//   request(o), ended(o)  wx.request(o), resolved after complete
//   headerValue(h, name)  a response header's value, whatever the name's case
//   CERT_NAMES, certHost(i), hold(n, tag), holding(n, tag, body)  requests held in flight
//
// A row's value is compared as JSON with its @want: the body's result goes
// through show, then JSON.stringify.
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(fn, ms = 8000) {
  const t = Date.now();
  while (!fn()) { if (Date.now() - t > ms) throw new Error("timed out waiting for " + fn); await sleep(2); }
}
function show(v) {
  if (v instanceof ArrayBuffer) return "AB:" + Array.from(new Uint8Array(v)).map((b) => b.toString(16).padStart(2, "0")).join("");
  if (v instanceof Promise) return "Promise";
  if (v === undefined) return "undefined";
  if (typeof v === "function") return "function";
  if (Array.isArray(v)) return v.map(show);
  if (v && typeof v === "object") {
    const o = {};
    for (const k of Object.keys(v)) o[k] = k === "socketTaskId" && Number.isInteger(v[k]) && v[k] > 0 ? "<id>" : show(v[k]);
    return o;
  }
  return v;
}
const PORT = new URL(ECHO).port;
const echo = (id) => ECHO + "/echo" + (id ? "?id=" + id : "");
// The code and reason the server got from the client of echo(id).
async function serverSaw(id) {
  let r;
  for (let i = 0; i < 400; i++) { r = await (await fetch(ORIGIN + "/closed?id=" + id)).json(); if (r.seen) break; await sleep(10); }
  return r;
}
// serverIdle waits until the test server has no WebSocket connection open.
async function serverIdle() {
  for (let i = 0; i < 200; i++) {
    if ((await (await fetch(ORIGIN + "/live")).json()).live === 0) return;
    await sleep(10);
  }
  throw new Error("the server still has connections open");
}
// openGlobal connects the task-less way and waits for onSocketOpen.
async function openGlobal(url) {
  let opened = false;
  wx.onSocketOpen(() => { opened = true; });
  wx.connectSocket({url: url || echo()});
  await until(() => opened);
}
function rec() {
  const log = [];
  const r = (name) => (res) => { log.push(res === undefined ? [name] : [name, show(res)]); };
  r.log = log;
  return r;
}

// ECHO_HTTP answers a request as it received it (internal/wstest/requests.go:
// method, uri as on the request line, header with Go's canonical names, body
// or bodyBase64, length).
const ECHO_HTTP = ORIGIN + "/http/echo";
// request runs wx.request(o) and resolves, after complete, with the names
// of the callbacks that ran; .res is the result of success or fail.
function request(o) {
  return new Promise((resolve) => {
    const got = [];
    wx.request(Object.assign({}, o, {
      success(res) { got.push("success"); got.res = res; },
      fail(res) { got.push("fail"); got.res = res; },
      complete() { got.push("complete"); resolve(got); },
    }));
  });
}
// ended runs wx.request(o) and resolves, after complete, with how it ended:
// ["success", statusCode], or ["fail", errMsg] and the errno if there is one.
async function ended(o) {
  const g = await request(o);
  if (g[0] === "success") return ["success", g.res.statusCode];
  if (g[0] === "fail") return ["fail", g.res.errMsg].concat("errno" in g.res ? [g.res.errno] : []);
}
// headerValue is the value of name (lower-case) in a response header,
// whatever the case the header writes it in.
const headerValue = (h, name) => { for (const k of Object.keys(h || {})) if (k.toLowerCase() === name) return h[k]; return null; };
// CERT_NAMES are the names every engine here takes the test certificate for
// (WebKit trusts it per exact name, internal/browsers.DefaultTrustHosts;
// Firefox takes no wildcard for *.test), none of them loopback, all sent to
// 127.0.0.1; certHost(i) is the i-th, round the list, with the port.
const CERT_NAMES = ["good.example.com", "other.example.com", "api.example.com", "example.com"];
const certHost = (i) => CERT_NAMES[i % CERT_NAMES.length] + ":" + PORT;
// hold puts n requests in flight that the server holds for a minute and
// returns their tasks: on four names, at most three to one, so that no
// browser limit per host (6 HTTP/1.1 connections, NETWORK.md section 6)
// queues them instead of the shim.
function hold(n, tag) {
  const tasks = [];
  for (let i = 0; i < n; i++) tasks.push(wx.request({url: "https://" + certHost(i) + "/http/echo?delay=60000&held=" + tag + i, fail() {}}));
  return tasks;
}
// holding runs body while n requests are held, and aborts them after it,
// whatever happens.
async function holding(n, tag, body) {
  const held = hold(n, tag);
  try { await sleep(50); return await body(held); } finally { held.forEach((t) => t && t.abort()); }
}

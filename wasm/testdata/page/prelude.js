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

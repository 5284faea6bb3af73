// glue.js: the data plane of the shim. Go evaluates this file once at start-up
// (see glue.go) and keeps every rule and every piece of state a rule reads.
// This file does only what would otherwise cost a JS->Go crossing per message
// (about 15 us each): it owns each browser WebSocket's message handler, runs
// the send fast path, and runs user callbacks inside the try/catch that a
// phone's runtime puts around them. Anything unusual goes to Go.
//
// Inputs: bridge, the Go functions; str, the errMsg strings Go builds.
"use strict";

const toStr = Object.prototype.toString;
const abByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;

// isAB is a brand check that runs no user code: Proxies, typed arrays and
// SharedArrayBuffers all fail it.
function isAB(v) {
  if (typeof v !== "object" || v === null) return false;
  try { abByteLength.call(v); return true; } catch (e) { return false; }
}

function typeName(v) {
  try { return toStr.call(v).slice(8, -1); } catch (e) { return "Object"; }
}

function report(where, err) {
  let text;
  try { text = err instanceof Error ? err.stack || String(err) : String(err); } catch (e) { text = "unprintable exception"; }
  console.error("thirdScriptError\n" + text + "\n    at " + where, err);
}

function call1(fn, arg, where) {
  try { fn(arg); } catch (e) { report(where, e); }
}

function callAll(fns, names, arg) {
  for (let i = 0; i < fns.length; i++) call1(fns[i], arg, names[i]);
}

// finish runs success or fail, then complete; or, when promise is set and no
// callback was given, returns a Promise instead and calls nothing.
function finish(where, s, f, c, ok, res, promise) {
  const fs = typeof s === "function", ff = typeof f === "function", fc = typeof c === "function";
  if (promise && !fs && !ff && !fc) return ok ? Promise.resolve(res) : Promise.reject(res);
  if (ok) { if (fs) call1(s, res, where + " success callback"); }
  else if (ff) call1(f, res, where + " fail callback");
  if (fc) call1(c, res, where + " complete callback");
  return undefined;
}

const glue = { bound: null, promises: false, typeName, isAB, callAll, finish, report };

// send is SocketTask.send and wx.sendSocketMessage. It reads the options once,
// the callbacks first so that a data getter that throws can still be
// reported to them; the common case (open socket, string or ArrayBuffer)
// never leaves JavaScript.
function send(S, o, global) {
  let d, s, f, c, err;
  if (o !== undefined && o !== null) {
    try { s = o.success; f = o.fail; c = o.complete; d = o.data; } catch (e) { err = e; }
  }
  if (err === undefined && S !== null && S.open && S.ws.readyState === 1 && (typeof d === "string" || isAB(d))) {
    try { S.ws.send(d); } catch (e) { return bridge.send(global, S.id, d, s, f, c, undefined, e); }
    return finish(global ? "wx.sendSocketMessage" : "SocketTask.send", s, f, c, true,
      { errMsg: str.sendOk }, global && glue.promises);
  }
  return bridge.send(global, S === null ? -1 : S.id, d, s, f, c, err);
}

class SocketTask {
  #s;
  constructor(s) { this.#s = s; }
  get readyState() {
    const s = this.#s;
    return s.state === 1 && s.ws !== null && s.ws.readyState === 2 ? 2 : s.state;
  }
  send(o) { send(this.#s, o, false); }
  close(o) { bridge.taskClose(this.#s.id, o); }
  onOpen(cb) { bridge.taskOn(this.#s.id, 0, cb); }
  onMessage(cb) { bridge.taskOn(this.#s.id, 1, cb); }
  onError(cb) { bridge.taskOn(this.#s.id, 2, cb); }
  onClose(cb) { bridge.taskOn(this.#s.id, 3, cb); }
}
for (const [k, v] of [["CONNECTING", 0], ["OPEN", 1], ["CLOSING", 2], ["CLOSED", 3]]) {
  Object.defineProperty(SocketTask.prototype, k, { value: v, enumerable: true });
}

// newSocket makes the per-socket record both sides share. Go writes state,
// open, msg and msgWhere; the handlers below only read them.
glue.newSocket = function (id) {
  const S = { id, ws: null, state: 0, open: false, msg: [], msgWhere: [], timer: 0, t0: 0, t1: 0, task: null };
  S.task = new SocketTask(S);
  return S;
};

// open creates the browser WebSocket; it returns "" or the browser's message.
glue.open = function (S, url, protocols) {
  let ws;
  S.t0 = performance.now();
  try {
    ws = protocols === undefined ? new WebSocket(url) : new WebSocket(url, protocols);
  } catch (e) {
    return String(e && e.message ? e.message : e);
  }
  ws.binaryType = "arraybuffer";
  S.ws = ws;
  ws.onopen = () => { S.t1 = performance.now(); bridge.event(S.id, 0, 0, "", false); };
  ws.onerror = () => bridge.event(S.id, 2, 0, "", false);
  ws.onclose = (e) => bridge.event(S.id, 3, e.code, e.reason, e.wasClean);
  ws.onmessage = (e) => {
    const L = S.msg;
    if (L.length === 0) return;
    const W = S.msgWhere, res = { data: e.data };
    for (let i = 0; i < L.length; i++) call1(L[i], res, W[i]);
  };
  return "";
};

glue.detach = function (S) {
  clearTimeout(S.timer);
  const ws = S.ws;
  if (ws !== null) ws.onopen = ws.onerror = ws.onclose = ws.onmessage = null;
};

glue.close = function (S, code, reason) {
  try { if (code === undefined) S.ws.close(); else S.ws.close(code, reason); return ""; }
  catch (e) { return String(e && e.message ? e.message : e); }
};

// later calls Go's event kind for S after ms (the connect timeout, or 0 for
// an error that must reach listeners registered after connectSocket returns).
glue.later = function (S, kind, ms) {
  clearTimeout(S.timer);
  S.timer = setTimeout(() => bridge.event(S.id, kind, 0, "", false), ms);
};

glue.parseURL = function (u) {
  try { const p = new URL(u); return [p.protocol, p.hostname]; } catch (e) { return null; }
};

glue.protocolsOK = function (p) {
  return Array.isArray(p);
};

// The settings global: every key is an accessor whose setter tells Go, so Go
// parses settings once per change, never per call.
const KEYS = ["libVersion", "urlCheck", "socketDomains", "networkTimeout", "maxConnections", "closeBeforeOpen", "rewrites"];
const store = {};
let cfg = globalThis.wxshim;
if (typeof cfg !== "object" || cfg === null) cfg = {};
for (const k of KEYS) {
  store[k] = cfg[k];
  delete cfg[k];
  Object.defineProperty(cfg, k, {
    get() { return store[k]; },
    set(v) { store[k] = v; bridge.configure(); },
    enumerable: true, configurable: true,
  });
}
cfg.configure = function (o) {
  if (typeof o === "object" && o !== null) bridge.configure(o);
  return cfg.settings();
};
cfg.settings = function () {
  const out = {};
  for (const k of KEYS) out[k] = store[k];
  return out;
};
cfg.checkUrl = (u) => bridge.checkUrl(u);
cfg.liveFuncs = () => bridge.liveFuncs();
cfg.liveSockets = () => bridge.liveSockets();
cfg.crossings = () => bridge.crossings();
cfg.debug = { panicNext: (api) => bridge.panicNext(api), gc: () => bridge.gc() };
glue.store = store;
glue.settingsKeys = KEYS;
globalThis.wxshim = cfg;

const wx = typeof globalThis.wx === "object" && globalThis.wx !== null ? globalThis.wx : {};
wx.connectSocket = function connectSocket(o) { return bridge.connect(o); };
wx.closeSocket = function closeSocket(o) { return bridge.closeSocket(o); };
wx.sendSocketMessage = function sendSocketMessage(o) { return send(glue.bound, o, true); };
wx.onSocketOpen = function onSocketOpen(cb) { bridge.on(0, cb); };
wx.onSocketMessage = function onSocketMessage(cb) { bridge.on(1, cb); };
wx.onSocketError = function onSocketError(cb) { bridge.on(2, cb); };
wx.onSocketClose = function onSocketClose(cb) { bridge.on(3, cb); };
globalThis.wx = wx;

return glue;

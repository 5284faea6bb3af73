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

// report is what the phone's runtime does with an exception from user code
// (its "thirdScriptError"). It must not throw itself, whatever was thrown
// and whatever the page did to console.
function report(where, err) {
  let text;
  try { text = err instanceof Error ? err.stack || String(err) : String(err); } catch (e) { text = "unprintable exception"; }
  const line = "thirdScriptError\n" + text + "\n    at " + where;
  try { console.error(line, err); } catch (e) {
    try { console.error(line); } catch (e2) { /* nowhere left to say it */ }
  }
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
  if (err === undefined && S !== null && S.state === 1 && S.ws.readyState === 1 && (typeof d === "string" || isAB(d))) {
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
// msg and msgWhere; the handlers below only read them.
glue.newSocket = function (id) {
  const S = { id, ws: null, cancelled: false, state: 0, msg: [], msgWhere: [], timer: 0, t0: 0, t1: 0, task: null };
  S.task = new SocketTask(S);
  return S;
};

// open checks what the browser's WebSocket constructor would refuse and
// returns its message, or "" and starts the socket at the end of the
// current task. A socket that is replaced or closed before then (a
// connectSocket loop at 1.6.0) never touches the network: Chromium queues
// every WebSocket handshake to a host behind the one before, and 1,000
// started and aborted handshakes stalled the 1,001st for over five minutes.
glue.open = function (S, url, protocols) {
  const checked = check(url, protocols);
  if (typeof checked === "string") return checked;
  queueMicrotask(() => start(S, url, checked));
  return "";
};

const CTOR = "Failed to construct 'WebSocket': ";

// check mirrors the WebSocket constructor's synchronous checks and messages
// (Chromium's, pinned by a test against the constructor itself). It returns
// the message, or the protocols as a list of strings (or undefined).
function check(url, protocols) {
  let u;
  try { u = new URL(url); } catch (e) { return CTOR + "The URL '" + url + "' is invalid."; }
  const scheme = u.protocol.slice(0, -1);
  if (scheme !== "ws" && scheme !== "wss" && scheme !== "http" && scheme !== "https") {
    return CTOR + "The URL's scheme must be either 'http', 'https', 'ws', or 'wss'. '" + scheme + "' is not allowed.";
  }
  const hash = u.href.indexOf("#");
  if (hash >= 0) {
    return CTOR + "The URL contains a fragment identifier ('" + u.href.slice(hash + 1) +
      "'). Fragment identifiers are not allowed in WebSocket URLs.";
  }
  if (protocols === undefined) return undefined;
  const list = [];
  try { for (const p of protocols) list.push("" + p); } catch (e) { return CTOR + (e && e.message); }
  for (const p of list) if (!validProtocol(p)) return CTOR + "The subprotocol '" + encodeProtocol(p) + "' is invalid.";
  const seen = new Set();
  for (const p of list) {
    if (seen.has(p)) return CTOR + "The subprotocol '" + encodeProtocol(p) + "' is duplicated.";
    seen.add(p);
  }
  return list;
}

// A subprotocol is an HTTP token: visible ASCII but the separators.
function validProtocol(p) {
  if (p === "") return false;
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c < 0x21 || c > 0x7e || '"(),/:;<=>?@[\\]{}'.includes(p[i])) return false;
  }
  return true;
}

function encodeProtocol(p) {
  let out = "";
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) out += "\\u" + c.toString(16).toUpperCase().padStart(4, "0");
    else if (c === 0x5c) out += "\\\\";
    else out += p[i];
  }
  return out;
}

function start(S, url, protocols) {
  if (S.cancelled) return;
  S.t0 = performance.now();
  let ws;
  try {
    ws = protocols === undefined ? new WebSocket(url) : new WebSocket(url, protocols);
  } catch (e) {
    // check() let through what the constructor refused: report it as a failed connection.
    bridge.event(S.id, 2, 0, "", false);
    bridge.event(S.id, 3, 1006, "", false);
    return;
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
}

glue.disarm = function (S) {
  clearTimeout(S.timer);
};

glue.detach = function (S) {
  clearTimeout(S.timer);
  const ws = S.ws;
  if (ws !== null) ws.onopen = ws.onerror = ws.onclose = ws.onmessage = null;
};

// close closes S's WebSocket with code and reason. A socket not started yet
// is cancelled instead, and its close is reported with code unstarted, as
// the browser would report it had it started (1000 for a replaced socket,
// 1006 for an aborted handshake).
glue.close = function (S, code, reason, unstarted) {
  if (S.ws === null) {
    if (!S.cancelled) {
      S.cancelled = true;
      setTimeout(() => bridge.event(S.id, 3, unstarted, "", unstarted === 1000), 0);
    }
    return "";
  }
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

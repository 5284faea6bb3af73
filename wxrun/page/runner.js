/* runner.js: the page side of wxrun. It loads before the shim and the
 * user's file, and decides when the file is finished:
 *
 *   - the file's top-level code has run (and a module's default export,
 *     when it is a function, has settled);
 *   - nothing is left that can run the file's code again: no WebSocket
 *     open or connecting, no timer or interval the file set, no fetch in
 *     flight, and the shim is ready (calls made before it are queued);
 *   - or the file ended itself: wxrun.pass(), wxrun.fail(reason),
 *     wxrun.done(err).
 *
 * Then it reports through the binding wxrun added (__wxrunReport). An
 * uncaught error or an unhandled rejection fails the file; wxrun also sees
 * them over the DevTools protocol, which prints them with their location.
 * It also gives CommonJS files require(), as a mini-program does.
 */
(function () {
  "use strict";
  const g = globalThis;
  const cfg = g.wxrun || {};
  const send = g.__wxrunReport; // the binding; removed from the page's view below
  try { delete g.__wxrunReport; } catch (e) { /* keep it */ }

  const setT = g.setTimeout, clearT = g.clearTimeout;
  const setI = g.setInterval, clearI = g.clearInterval;
  const mine = cfg.prefix; // URLs of the user's files start with this

  // What can still run the file's code.
  const timers = new Map(); // id -> {kind, ms, where}
  const sockets = new Set();
  let fetches = 0;
  let topDone = false, exportRunning = false, shimReady = false;
  let activity = 0, finished = false;
  let errors = 0;
  const rejections = new Map(); // promise -> text

  // site is where the file called a timer function: the first frame outside
  // this file, when it is one of the user's files; null for the shim's own
  // timers (wasm_exec.js schedules Go's), which never keep a page busy.
  function site() {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 4;
    const stack = String(new Error().stack);
    Error.stackTraceLimit = limit;
    const lines = stack.split("\n").slice(1);
    for (const l of lines) {
      if (l.includes("/wxrun/runner.js")) continue;
      return mine && l.includes(mine) ? l.trim().replace(/^at /, "") : null;
    }
    return null;
  }

  function touch() {
    activity++;
    if (!finished) setT(check, 0);
  }

  function forget(id) {
    if (timers.delete(id)) touch();
  }

  g.setTimeout = function setTimeout(fn, ms, ...args) {
    const where = site();
    if (where === null) return setT(fn, ms, ...args);
    let id;
    const f = typeof fn === "function"
      ? function () { forget(id); return fn.apply(this, arguments); }
      : function () { forget(id); (0, eval)(String(fn)); };
    id = setT(f, ms, ...args);
    timers.set(id, { kind: "timer", ms: Number(ms) || 0, where });
    touch();
    return id;
  };
  g.setInterval = function setInterval(fn, ms, ...args) {
    const where = site();
    const id = setI(fn, ms, ...args);
    if (where !== null) { timers.set(id, { kind: "interval", ms: Number(ms) || 0, where }); touch(); }
    return id;
  };
  g.clearTimeout = function clearTimeout(id) { forget(id); return clearT(id); };
  g.clearInterval = function clearInterval(id) { forget(id); return clearI(id); };

  // Every WebSocket, the shim's included (it makes the user's sockets).
  const WS = g.WebSocket;
  class WebSocket extends WS {
    constructor() {
      super(...arguments);
      sockets.add(this);
      touch();
      this.addEventListener("close", () => { sockets.delete(this); touch(); });
    }
  }
  Object.defineProperty(g, "WebSocket", { value: WebSocket, writable: true, configurable: true });

  // hold counts p as work in flight until it settles.
  function hold(p) {
    fetches++;
    const end = () => { fetches--; touch(); };
    p.then(end, end);
    return p;
  }
  const F = g.fetch;
  g.fetch = function fetch() { return hold(F.apply(this, arguments)); };

  function text(v) {
    try {
      if (v instanceof Error) return v.stack || String(v);
      if (typeof v === "object" && v !== null) return JSON.stringify(v);
      return String(v);
    } catch (e) { return "(unprintable)"; }
  }

  // failing: an uncaught error, or a rejection nothing has handled yet.
  const failing = () => errors > 0 || rejections.size > 0;
  function failed() {
    touch();
    // A failing page may never go quiet (a heartbeat keeps going): give it
    // a moment for the rest of its output, then end it.
    setT(() => { if (failing()) finish("fail", ""); }, 1000);
  }
  g.addEventListener("error", () => { errors++; failed(); });
  g.addEventListener("unhandledrejection", (e) => { rejections.set(e.promise, text(e.reason)); failed(); });
  g.addEventListener("rejectionhandled", (e) => { rejections.delete(e.promise); touch(); });

  function pending() {
    let n = sockets.size + fetches;
    for (const t of timers.values()) if (t) n++;
    if (!shimReady || exportRunning) n++;
    return n;
  }

  // describe says what keeps the page from finishing (wxrun asks on a timeout).
  function describe() {
    const out = [];
    if (!topDone && !errors) out.push("the file's top-level code has not finished (a top-level await that never settles?)");
    if (exportRunning) out.push("the default export has not settled");
    if (topDone && !shimReady) out.push("the shim is not ready");
    const st = ["CONNECTING", "OPEN", "CLOSING", "CLOSED"];
    for (const s of sockets) out.push("a WebSocket to " + s.url + " (" + st[s.readyState] + ")");
    for (const t of timers.values()) {
      out.push(t.kind === "interval" ? "an interval every " + t.ms + " ms, set at " + t.where
        : "a " + t.ms + " ms timer, set at " + t.where);
    }
    if (fetches) out.push(fetches + " fetch(es) in flight");
    return out.join("; ");
  }

  function check() {
    if (finished || pending() > 0) return;
    if (!topDone && !failing()) return;
    // Quiet now; quiet still after the next turns (a close event may
    // schedule a reconnect)? Then the file is finished.
    const a = activity;
    setT(() => setT(() => {
      if (activity === a && pending() === 0) finish(failing() ? "fail" : "pass", "");
    }, 10), 0);
  }

  function finish(status, reason) {
    if (finished) return;
    finished = true;
    const unhandled = Array.from(rejections.values());
    if (status === "pass" && (errors || unhandled.length)) status = "fail";
    const msg = { status, reason, errors, unhandled };
    try { send(JSON.stringify(msg)); } catch (e) { /* wxrun's timeout reports it */ }
  }

  // The wxrun global a file may use.
  const api = {
    pass() { finish("pass", ""); },
    fail(reason) { finish("fail", reason === undefined ? "wxrun.fail() called" : text(reason)); },
    done(err) { if (err === undefined || err === null) api.pass(); else api.fail(err); },
    vars: cfg.vars || {},
  };
  if (cfg.serve) api.serve = serveURLs(cfg.serve);
  Object.defineProperty(api, "_describe", { value: describe });
  Object.defineProperty(api, "_top", {
    value() {
      topDone = true;
      const ready = g.wxshim && g.wxshim.ready;
      if (ready && typeof ready.then === "function") {
        ready.then(() => { shimReady = true; touch(); },
          (e) => { console.error("wxrun: the shim did not load:", e); errors++; shimReady = true; failed(); });
      } else { shimReady = true; }
      touch();
    },
  });
  // _module runs a module's default export, when it is a function; a throw
  // or a rejection stays uncaught, so it is reported like any other.
  Object.defineProperty(api, "_module", {
    async value(m) {
      api._top();
      if (typeof m.default !== "function") return;
      exportRunning = true;
      try { await m.default(); } finally { exportRunning = false; touch(); }
    },
  });
  g.wxrun = api;

  // The -serve endpoints (internal/wstest), by name.
  function serveURLs(o) {
    const q = (path, params) => o + path + "?" + new URLSearchParams(params).toString();
    const https = o.replace(/^wss:/, "https:");
    return {
      origin: o,
      echo: o + "/echo",
      refuse403: q("/refuse", { status: 403 }),
      refuse: (status = 403) => q("/refuse", { status }),
      hang: o + "/hang",
      hangFor: (ms) => q("/hang", { ms }),
      drop: o + "/drop",
      closeWith: (code = 1000, reason = "") => q("/closeafteropen", { code, reason }),
      flood: (n, tag = "m") => q("/flood", { n, tag }),
      big: (size, type = "binary") => q("/big", { size, type }),
      echoDelay: (ms) => q("/echo", { delay: ms }),
      echoID: (id) => q("/echo", { id }),
      headers: (protocols) => (protocols ? q("/headers", { protocols }) : o + "/headers"),
      closed: (id) => hold(F(https + "/closed?id=" + encodeURIComponent(id)).then((r) => r.json())),
      live: () => hold(F(https + "/live").then((r) => r.json()).then((j) => j.live)),
      // For wx.request: https URLs (internal/wstest/requests.go), CORS
      // answered for the page, except nocors.
      http: {
        origin: https,
        echo: https + "/http/echo",
        echoDelay: (ms) => hq("/http/echo", { delay: ms }),
        status: (code, headers = [], body) => hq("/http/status", [["code", code], ...headers.map((h) => ["header", h]), ...(body === undefined ? [] : [["body", body]])]),
        redirect: (n, code = 302, to) => hq("/http/redirect", to === undefined ? { n, code } : { n, code, to }),
        big: (size, chunked = false) => hq("/http/big", chunked ? { size, chunked: 1 } : { size }),
        chunked: (n, size, ms = 0) => hq("/http/chunked", { n, size, ms }),
        cookies: (...set) => (set.length ? hq("/http/cookies", set.map((c) => ["set", c])) : https + "/http/cookies"),
        count: https + "/http/count",
        drop: https + "/http/drop",
        hang: (ms = 2000) => hq("/hang", { ms }),
        nocors: https + "/http/nocors",
      },
    };
    function hq(path, params) { return https + path + "?" + new URLSearchParams(params).toString(); }
  }

  // require() for CommonJS files, resolved as a mini-program resolves it:
  // relative to the requiring file, ".js" added when missing.
  const modules = new Map();
  function makeRequire(from) {
    return function require(name) {
      if (typeof name !== "string" || !/^\.{0,2}\//.test(name)) {
        throw new Error("require(" + JSON.stringify(name) + "): wxrun loads files by relative path (./x.js), as a mini-program does");
      }
      let url = new URL(name, from).href;
      if (!/\.(js|json)$/.test(url)) url += ".js";
      if (!mine || !url.startsWith(mine)) throw new Error("require(" + JSON.stringify(name) + "): outside the files wxrun serves");
      const cached = modules.get(url);
      if (cached) return cached.exports;
      const x = new XMLHttpRequest();
      x.open("GET", url, false);
      x.send();
      if (x.status !== 200) throw new Error("Cannot find module '" + name + "' (" + url.slice(mine.length) + ")");
      const m = { exports: {}, id: url };
      modules.set(url, m);
      if (url.endsWith(".json")) { m.exports = JSON.parse(x.responseText); return m.exports; }
      // The wrapper stays on the file's first line, so line numbers in
      // stacks are the file's; wxrun corrects that line's columns.
      try { send(JSON.stringify({ wrapped: url })); } catch (e) { /* only columns suffer */ }
      const code = cfg.wrap + x.responseText + "\n})\n//# sourceURL=" + url;
      let fn;
      try {
        fn = (0, eval)(code);
      } catch (e) {
        if (!(e instanceof SyntaxError)) throw e;
        // eval's SyntaxError says nothing of where. The same text loaded
        // as a script is reported with its line and column (and does not
        // run: it does not parse).
        const el = document.createElement("script");
        el.src = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
        try { send(JSON.stringify({ wrapped: url, alias: el.src })); } catch (e2) { /* a blob: URL, then */ }
        el.onload = el.onerror = () => { URL.revokeObjectURL(el.src); el.remove(); };
        document.head.appendChild(el);
        throw new SyntaxError("require(" + JSON.stringify(name) + "): " + e.message);
      }
      fn.call(m.exports, m, m.exports, makeRequire(url));
      return m.exports;
    };
  }
  if (cfg.main) {
    g.require = makeRequire(cfg.main);
    g.module = { exports: {} };
    g.exports = g.module.exports;
  }
})();

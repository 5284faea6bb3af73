/* runner.js: the page side of wxrun. It loads before the shim and the
 * user's file, and decides when the file is finished:
 *
 *   - the file's top-level code has run (and a module's default export,
 *     when it is a function, has settled);
 *   - nothing is left that can run the file's code again: no WebSocket
 *     open or connecting, no timer, interval or animation frame the file
 *     set, no work in flight that ends in an event or settles a promise
 *     (fetch, XMLHttpRequest, WebCrypto, IndexedDB, the Cache API,
 *     FileReader and Blob reads, image loads and decodes, ...: `work`
 *     below), no Worker left running, no load of the run's own files (a
 *     dynamic import: asked of wxrun's server, /quiet), and the shim is
 *     ready (calls made before it are queued);
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
  const quiet = g.fetch; // the original: asking /quiet is not the file's work
  // sessionStorage is the tab's, shared by the frames each file runs in
  // (wxrun/slot.go): empty, as a new page's is.
  try { g.sessionStorage.clear(); } catch (e) { /* storage disabled */ }

  const setT = g.setTimeout, clearT = g.clearTimeout;
  const setI = g.setInterval, clearI = g.clearInterval;
  // What runner.js uses after the file has run, taken before it does.
  const apply = Reflect.apply, then = Promise.prototype.then, P = Promise, Err = Error;
  const mine = cfg.prefix; // URLs of the user's files start with this

  // What can still run the file's code.
  const timers = new Map(); // id -> {kind, ms, where}
  const sockets = new Set();
  const work = new Map(); // n -> {what, where}: see begin
  let works = 0;
  let topDone = false, exportRunning = false, shimReady = false;
  let activity = 0, finished = false;
  let errors = 0;
  const rejections = new Map(); // promise -> text

  // site is where the file called a timer function or started work: the
  // first frame outside this file, when it is one of the user's files; null
  // for the shim's own (wasm_exec.js schedules Go's timers, the loader
  // compiles the wasm), which never keep a page busy.
  function site() {
    const limit = Err.stackTraceLimit;
    Err.stackTraceLimit = 4;
    const stack = String(new Err().stack);
    Err.stackTraceLimit = limit;
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

  // begin counts one piece of work in flight (what it is, and where the
  // file started it) until the function it returns is called.
  function begin(what, where) {
    const n = ++works;
    work.set(n, { what, where });
    touch();
    return () => { if (work.delete(n)) touch(); };
  }

  // hold counts the promise p as work in flight until it settles, and
  // returns the promise the caller gets instead: it settles as p does, one
  // step later, so a rejection nobody handles is still one (p itself is
  // handled here).
  function hold(p, what, where) {
    if (p === null || (typeof p !== "object" && typeof p !== "function")) return p;
    let end;
    try { end = begin(what, where === undefined ? site() : where); } catch (e) { return p; }
    try {
      return apply(then, p, [(v) => { end(); return v; }, (e) => { end(); throw e; }]);
    } catch (e) { end(); return p; }
  }

  // until counts target's work as in flight until one of its events.
  function until(target, events, what, where) {
    const end = begin(what, where);
    for (const ev of events) target.addEventListener(ev, end, { once: true });
    return end;
  }

  // wrap replaces proto[name] (a method) with one that calls it and hands
  // what it returned to after(result, this, where); where is the file's
  // line that called it, or null for the shim's own calls (left alone).
  function wrap(proto, name, after) {
    const d = proto && Object.getOwnPropertyDescriptor(proto, name);
    if (!d || typeof d.value !== "function") return;
    const f = d.value;
    const w = { [name](...args) {
      const where = site();
      const r = apply(f, this, args);
      return where === null ? r : after(r, this, where, args);
    } }[name];
    Object.defineProperty(w, "length", { value: f.length });
    Object.defineProperty(proto, name, { ...d, value: w });
  }
  const methods = (proto) => (proto ? Object.getOwnPropertyNames(proto).filter((k) => {
    const d = Object.getOwnPropertyDescriptor(proto, k);
    return k !== "constructor" && d && typeof d.value === "function";
  }) : []);
  const iface = (name) => { const c = g[name]; return typeof c === "function" ? c.prototype : null; };

  // Work that settles a promise: every method of these interfaces (or the
  // ones named) that returns one.
  const promised = {
    SubtleCrypto: null, CacheStorage: null, Cache: null, StorageManager: null, LockManager: null,
    FileSystemHandle: null, FileSystemFileHandle: null, FileSystemDirectoryHandle: null, FileSystemWritableFileStream: null,
    ServiceWorkerContainer: null, Clipboard: null, Permissions: null, CredentialsContainer: null, MediaCapabilities: null,
    Blob: ["arrayBuffer", "bytes", "text"],
    Response: ["arrayBuffer", "blob", "bytes", "formData", "json", "text"],
    Request: ["arrayBuffer", "blob", "bytes", "formData", "json", "text"],
    HTMLImageElement: ["decode"], ImageDecoder: ["decode"], OffscreenCanvas: ["convertToBlob"],
    IDBFactory: ["databases"], FontFace: ["load"], FontFaceSet: ["load"], BaseAudioContext: ["decodeAudioData"],
  };
  for (const [name, only] of Object.entries(promised)) {
    const proto = iface(name);
    for (const m of only || methods(proto)) {
      wrap(proto, m, (r, self, where) => (r instanceof P ? hold(r, name + "." + m, where) : r));
    }
  }
  for (const [owner, name, names] of [[g, "", ["createImageBitmap", "fetch"]],
    [g.WebAssembly, "WebAssembly.", ["compile", "compileStreaming", "instantiate", "instantiateStreaming"]]]) {
    for (const m of names) {
      const f = owner && owner[m];
      if (typeof f !== "function") continue;
      owner[m] = { [m](...args) {
        const where = site();
        const r = apply(f, this, args);
        return where === null ? r : hold(r, name + m, where);
      } }[m];
    }
  }
  const F = fetch; // wrapped: wxrun.serve's helpers are the file's work too

  // Work that ends in an event. IndexedDB: a request until it succeeds or
  // fails (a cursor's, again at each continue), a transaction until it
  // completes or aborts.
  const IDBRequest = g.IDBRequest, IDBTransaction = g.IDBTransaction;
  function idb(r, self, where) {
    if (IDBRequest && r instanceof IDBRequest) until(r, ["success", "error"], "an IndexedDB request", where);
    else if (IDBTransaction && r instanceof IDBTransaction) until(r, ["complete", "abort"], "an IndexedDB transaction", where);
    return r;
  }
  for (const name of ["IDBFactory", "IDBDatabase", "IDBObjectStore", "IDBIndex", "IDBCursor"]) {
    for (const m of methods(iface(name))) wrap(iface(name), m, idb);
  }
  for (const m of ["advance", "continue", "continuePrimaryKey"]) {
    wrap(iface("IDBCursor"), m, (r, self, where) => { until(self.request, ["success", "error"], "an IndexedDB cursor", where); return r; });
  }
  for (const m of methods(iface("FileReader")).filter((k) => k.startsWith("readAs"))) {
    wrap(iface("FileReader"), m, (r, self, where) => { until(self, ["loadend"], "a FileReader." + m, where); return r; });
  }
  { // XMLHttpRequest: from send until loadend (a synchronous one ends in send).
    const proto = iface("XMLHttpRequest"), xhrSend = proto && proto.send;
    if (xhrSend) {
      proto.send = function send(...args) {
        const where = site();
        const end = where === null ? null : until(this, ["loadend"], "an XMLHttpRequest", where);
        try { return apply(xhrSend, this, args); } catch (e) { if (end) end(); throw e; }
      };
    }
  }
  { // An image's src: until it loads or fails.
    const d = iface("HTMLImageElement") && Object.getOwnPropertyDescriptor(iface("HTMLImageElement"), "src");
    if (d && d.set) {
      Object.defineProperty(iface("HTMLImageElement"), "src", { ...d, set(v) {
        const where = site();
        apply(d.set, this, [v]);
        if (where !== null && !this.complete) until(this, ["load", "error"], "an image load", where);
      } });
    }
  }
  // Animation frames and idle callbacks, as timers.
  for (const [set, clear, kind] of [["requestAnimationFrame", "cancelAnimationFrame", "an animation frame"],
    ["requestIdleCallback", "cancelIdleCallback", "an idle callback"]]) {
    const s = g[set], c = g[clear];
    if (typeof s !== "function") continue;
    const ends = new Map();
    g[set] = { [set](fn, ...rest) {
      const where = typeof fn === "function" ? site() : null;
      if (where === null) return apply(s, this, [fn, ...rest]);
      let id;
      const end = begin(kind, where);
      id = apply(s, this, [function () { ends.delete(id); end(); return apply(fn, this, arguments); }, ...rest]);
      ends.set(id, end);
      return id;
    } }[set];
    g[clear] = { [clear](id) { const end = ends.get(id); if (end) { ends.delete(id); end(); } return apply(c, this, [id]); } }[clear];
  }
  // Modules the page imports (a dynamic import() above all, which nothing
  // here sees begin): wxrun's server says when one is on its way, before it
  // sends it, and the module says when it has run, in a line the server
  // adds at its end (wxrun/loads.go).
  const imports = new Map(); // url -> ends of its loads
  Object.defineProperty(g, Symbol.for("wxrun.load"), { value(url) {
    const ends = imports.get(url) || [];
    ends.push(begin("the module " + url + " (loading, or loaded and not yet run)", ""));
    imports.set(url, ends);
  } });
  Object.defineProperty(g, Symbol.for("wxrun.loaded"), { value(url) {
    const ends = imports.get(url);
    const end = ends && ends.shift();
    if (end) end();
  } });
  { // A Worker can call the file's code (onmessage) until it is terminated.
    const W = g.Worker;
    if (typeof W === "function") {
      const ends = new WeakMap();
      class Worker extends W {
        constructor() {
          super(...arguments);
          ends.set(this, begin("a Worker (terminate() it when done)", site() || "the page"));
        }
        terminate() {
          const end = ends.get(this);
          if (end) end();
          return super.terminate();
        }
      }
      Object.defineProperty(g, "Worker", { value: Worker, writable: true, configurable: true });
    }
  }

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

  // shimTasks: the shim's HTTP tasks (wx.request, downloadFile, uploadFile)
  // not ended. Their fetches, body
  // reads and timers are the shim's (site() leaves them alone), so the
  // shim counts them; check looks again while there are any.
  function shimTasks() {
    try { return shimReady && g.wxshim && typeof g.wxshim.__tasksOpen === "function" ? g.wxshim.__tasksOpen() : 0; } catch (e) { return 0; }
  }

  function pending() {
    let n = sockets.size + work.size + shimTasks();
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
    const tasks = shimTasks();
    if (tasks > 0) out.push(tasks + (tasks === 1 ? " HTTP task" : " HTTP tasks") + " (wx.request, wx.downloadFile, wx.uploadFile) not ended");
    for (const t of timers.values()) {
      out.push(t.kind === "interval" ? "an interval every " + t.ms + " ms, set at " + t.where
        : "a " + t.ms + " ms timer, set at " + t.where);
    }
    for (const w of work.values()) out.push(w.where ? w.what + " in flight, started at " + w.where : w.what);
    return out.join("; ");
  }

  function check() {
    if (!finished && shimTasks() > 0) { setT(check, 10); return; } // a task's end calls no runner code
    if (finished || pending() > 0) return;
    if (!topDone && !failing()) return;
    // Quiet now; quiet still after the next turns (a close event may
    // schedule a reconnect), and none of the run's files on its way from
    // wxrun's server (a dynamic import: asked meanwhile)? Then the file is
    // finished.
    const a = activity;
    setT(() => {
      if (finished || activity !== a || pending() !== 0) return;
      let answered = false, waited = false;
      const last = () => {
        if (!answered || !waited) return;
        setT(() => {
          if (finished) return;
          if (activity === a && pending() === 0) finish(failing() ? "fail" : "pass", "");
          else check();
        }, 0);
      };
      const answer = () => { answered = true; last(); };
      try { apply(then, quiet(cfg.quiet), [answer, answer]); } catch (e) { answer(); }
      setT(() => {
        if (finished || activity !== a || pending() !== 0) return;
        if (failing()) { finish("fail", ""); return; }
        waited = true;
        last();
      }, 10);
    }, 0);
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
      closed: (id) => F(https + "/closed?id=" + encodeURIComponent(id)).then((r) => r.json()),
      live: () => F(https + "/live").then((r) => r.json()).then((j) => j.live),
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
        // For wx.uploadFile and wx.downloadFile (internal/wstest/transfers.go).
        upload: https + "/http/upload",
        uploadWith: (status = 200, delay = 0) => hq("/http/upload", { status, delay }),
        file: (size, o = {}) => hq("/http/file", Object.entries({ size, ...o, length: o.length === undefined ? undefined : Number(Boolean(o.length)) })
          .filter(([, v]) => v !== undefined)),
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
        const end = begin("the report of a syntax error in " + url, "");
        el.onload = el.onerror = () => { URL.revokeObjectURL(el.src); el.remove(); end(); };
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

/* wx.js: the loader. One script tag (classic or module) installs `wx` and
 * `wxshim` at once; the Go/wasm shim loads behind them. Calls made before it
 * is ready are kept in order and carried out when it is, with the same
 * results; SocketTasks returned early forward to the real ones.
 *
 *   <script src="/wx.js"></script>
 *   <script>wx.connectSocket({url: "wss://api.example.com/ws"})</script>
 *
 * wxshim.ready is a Promise that resolves when the shim is installed.
 * make build puts wasm_exec.js in front of this file in build/wx.js; used
 * alone, this file loads wasm_exec.js itself. Set wxshim.wasmUrl /
 * wxshim.execUrl before this script to load from elsewhere; by default both
 * sit beside wx.js.
 */
(function () {
  "use strict";
  const g = globalThis;
  if (g.wxshim && g.wxshim.ready) return; // loaded twice: keep the first
  const cfg = g.wxshim && typeof g.wxshim === "object" ? g.wxshim : {};
  g.wxshim = cfg;

  function base() {
    const cs = document.currentScript;
    if (cs && cs.src) return cs.src;
    // An ES module import has no currentScript: find wx.js among the loads.
    const e = performance.getEntriesByType("resource").filter((r) => /\/wx\.js(\?|$)/.test(r.name)).pop();
    return e ? e.name : location.href;
  }
  const here = base();
  const wasmUrl = new URL(cfg.wasmUrl || "wx.wasm", here).href;
  const execUrl = new URL(cfg.execUrl || "wasm_exec.js", here).href;

  // The queue of calls made before the shim is ready.
  const queue = [];
  let real = null; // the installed wx, once ready

  function later(name, args) {
    let settle;
    const p = new Promise((ok, bad) => { settle = [ok, bad]; });
    p.catch(() => {}); // the caller may never look at it
    queue.push({ name, args, settle });
    return p;
  }

  // An early SocketTask: records its calls and, once the real task exists,
  // forwards them and every later one.
  function earlyTask(entry) {
    const calls = [];
    const t = {
      CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3,
      get readyState() { return entry.task ? entry.task.readyState : 0; },
    };
    for (const m of ["send", "close", "onOpen", "onMessage", "onError", "onClose"]) {
      t[m] = function (o) {
        if (entry.task) return entry.task[m](o);
        if (entry.done) return undefined; // connectSocket failed: no task exists
        calls.push([m, o]);
      };
    }
    entry.flush = () => { for (const [m, o] of calls) entry.task[m](o); calls.length = 0; };
    return t;
  }

  function promises() {
    const v = String(cfg.libVersion || "1.6.0").split(".").map((n) => parseInt(n, 10) || 0);
    const w = [2, 10, 2];
    for (let i = 0; i < 3; i++) if ((v[i] || 0) !== w[i]) return (v[i] || 0) > w[i];
    return true;
  }
  function callbacks(o) {
    try {
      return !!o && ["success", "fail", "complete"].some((k) => typeof o[k] === "function");
    } catch (e) { return false; }
  }

  const wx = g.wx && typeof g.wx === "object" ? g.wx : {};
  for (const name of ["connectSocket", "closeSocket", "sendSocketMessage",
    "onSocketOpen", "onSocketMessage", "onSocketError", "onSocketClose"]) {
    wx[name] = function (o) {
      if (real) return real[name](o);
      if (name === "connectSocket") {
        const entry = { name, args: [o], task: null, done: false };
        queue.push(entry);
        return earlyTask(entry);
      }
      const p = later(name, [o]);
      // Only sendSocketMessage/closeSocket return a Promise, from 2.10.2 and
      // when no callback is given: the same answer the shim would give.
      return (name === "sendSocketMessage" || name === "closeSocket") && promises() && !callbacks(o) ? p : undefined;
    };
  }
  g.wx = wx;

  let resolveReady, rejectReady;
  cfg.ready = new Promise((ok, bad) => { resolveReady = ok; rejectReady = bad; });

  g.__wxshimReady = function () {
    delete g.__wxshimReady;
    real = {};
    for (const k of Object.keys(wx)) real[k] = wx[k];
    for (const e of queue) {
      const r = real[e.name].apply(wx, e.args);
      if (e.name === "connectSocket") { e.task = r || null; e.done = true; if (e.task) e.flush(); }
      else if (e.settle) {
        if (r && typeof r.then === "function") r.then(e.settle[0], e.settle[1]);
        else e.settle[0](r);
      }
    }
    queue.length = 0;
    cfg.readyAt = performance.now();
    resolveReady(wx);
  };

  function loadScript(src) {
    return new Promise((ok, bad) => {
      const s = document.createElement("script");
      s.src = src;
      s.onload = ok;
      s.onerror = () => bad(new Error("wxshim: could not load " + src));
      document.head.appendChild(s);
    });
  }

  // Marks for make bench: where the time to ready goes.
  const mark = (n) => { try { performance.mark("wxshim:" + n); } catch (e) { /* old browsers */ } };
  mark("start");
  // Compile the wasm while wasm_exec.js loads: the two do not depend on
  // each other until instantiation.
  const compiled = WebAssembly.compileStreaming(fetch(wasmUrl)).catch(async () =>
    // A server that does not send application/wasm: compile from bytes.
    WebAssembly.compile(await (await fetch(wasmUrl)).arrayBuffer()));
  (async () => {
    if (typeof g.Go !== "function") await loadScript(execUrl);
    mark("exec");
    const go = new g.Go();
    // For diagnostics (make bench reads how many JS values Go holds).
    Object.defineProperty(cfg, "_go", { value: go });
    const instance = await WebAssembly.instantiate(await compiled, go.importObject);
    mark("instantiated");
    go.run(instance);
  })().catch((e) => { console.error(e); rejectReady(e); });
})();

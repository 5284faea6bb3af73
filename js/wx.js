/* wx.js: the loader. build/wx.js is wasm_exec.js (of the Go that built the
 * wasm), then the glue (wasm/glue/, which installs `wx` and `wxshim` at once and
 * queues calls made before the shim is ready), then this file, which loads
 * the Go half: one script tag, classic or module, and no eval, so a page
 * whose Content-Security-Policy is `script-src 'self' 'wasm-unsafe-eval'`
 * runs it.
 *
 *   <script src="/wx.js"></script>
 *   <script>wx.connectSocket({url: "wss://api.example.com/ws"})</script>
 *
 * wxshim.ready resolves when the shim is installed, and rejects when it
 * cannot start (the wasm missing, a failed compile, Go exiting): then every
 * queued call and every later one fails with "<api>:fail wxshim could not
 * start: <why>". Set wxshim.wasmUrl / wxshim.execUrl before this script to
 * load from elsewhere; by default both sit beside wx.js (beside wx.mjs, or
 * where a bundler put it, for the ES module entry: js/module.js).
 *
 * A page that already holds the shim's compiled wasm sets
 * wxshim.wasmModule (a WebAssembly.Module of this wx.wasm, or a promise of
 * one, from any same-origin window) before this script: the loader
 * instantiates it instead of fetching and compiling wasmUrl, and removes
 * the key. wxrun's host page does so for each file's frame (wxrun/page/host.js):
 * the 2 MB are compiled once per browser page, not once per file.
 */
(function () {
  "use strict";
  const g = globalThis;
  const glue = g.__wxshimGlue;
  if (!glue || glue.loading) return; // loaded twice, or already started: keep the first
  glue.loading = true;
  const cfg = g.wxshim;

  function base() {
    // A page or a worker has a location; Node has none.
    if (typeof location === "undefined") throw new Error("not in a browser page");
    const cs = typeof document !== "undefined" ? document.currentScript : null;
    if (cs && cs.src) return cs.src;
    // An ES module import has no currentScript: find wx.js among the loads.
    const e = performance.getEntriesByType("resource").filter((r) => /\/wx\.js(\?|$)/.test(r.name)).pop();
    return e ? e.name : location.href;
  }
  // wxshim.wasmUrl first; then the URL the ES module entry (build/wx.mjs,
  // js/module.js) worked out from import.meta.url; then beside wx.js.
  // Outside a page (a server-side render, a test runner in Node, which
  // import the npm package too) ready rejects, and nothing throws.
  let wasmUrl, execUrl;
  try {
    const here = base();
    wasmUrl = new URL(cfg.wasmUrl || glue.wasmUrl || "wx.wasm", here).href;
    execUrl = new URL(cfg.execUrl || "wasm_exec.js", here).href;
  } catch (e) {
    fail(e);
    return;
  }

  function loadScript(src) {
    return new Promise((ok, bad) => {
      const s = document.createElement("script");
      s.src = src;
      s.onload = ok;
      s.onerror = () => bad(new Error("could not load " + src));
      document.head.appendChild(s);
    });
  }

  function fail(e) {
    const why = e && e.message ? e.message : String(e);
    try { console.error("wxshim: could not start: " + why); } catch (x) { /* */ }
    glue.fail(why);
  }

  // Marks for make bench: where the time to ready goes.
  const mark = (n) => { try { performance.mark("wxshim:" + n); } catch (e) { /* old browsers */ } };
  mark("start");
  // Compile the wasm while wasm_exec.js loads (when it is not carried): the
  // two do not depend on each other until instantiation.
  const given = cfg.wasmModule;
  if (given !== undefined) delete cfg.wasmModule; // a hook, not a setting
  const compiled = given !== undefined ? Promise.resolve(given) : (async () => {
    const res = await fetch(wasmUrl);
    if (!res.ok) throw new Error(wasmUrl + ": HTTP " + res.status);
    try {
      return await WebAssembly.compileStreaming(res.clone());
    } catch (e) {
      // A server that does not send application/wasm: compile from bytes.
      return WebAssembly.compile(await res.arrayBuffer());
    }
  })();
  (async () => {
    if (typeof g.Go !== "function") await loadScript(execUrl);
    mark("exec");
    const go = new g.Go();
    // A given module may come from another window, so it is checked by its
    // tag, not instanceof; anything else (a URL, bytes, null) is refused
    // before V8 would compile or word it.
    const module = await compiled;
    if (given !== undefined && Object.prototype.toString.call(module) !== "[object WebAssembly.Module]") {
      throw new Error("wxshim.wasmModule is not a WebAssembly.Module (got " + (module === null ? "null" : typeof module) + ")");
    }
    const instance = await WebAssembly.instantiate(module, go.importObject);
    mark("instantiated");
    // run settles when Go exits: before it attached, that is a failed start.
    go.run(instance).then(() => fail(new Error("the Go program exited (code " + go.exitCode + ")")), fail);
  })().catch(fail);
})();

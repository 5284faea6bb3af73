/* host.js: the page that stays. wxrun keeps one host page per parallel
 * worker, each in its own browser context (slot.go). The host compiles the
 * shim's wasm once; each file then runs in a fresh same-origin frame made
 * here, whose page (page.go) hands this compiled module to the loader
 * (wxshim.wasmModule, js/wx.js): V8 shares the compiled code between the
 * instances of one module, so a file pays for an instance, not a compile.
 *
 * When the file is finished, wxrun calls end(): the frame goes (its
 * timers, sockets and globals with it) and the origin's storage is
 * cleared, so the next file finds what a fresh page would. wxrun clears
 * the rest over DevTools (cookies, IndexedDB, caches) and cuts the
 * proxy's connections.
 */
(function () {
  "use strict";
  const g = globalThis;
  const module = (async () => {
    const res = await fetch("/wxrun/wx.wasm");
    if (!res.ok) throw new Error("/wxrun/wx.wasm: HTTP " + res.status);
    return WebAssembly.compileStreaming(res);
  })();
  module.catch(() => { /* each file's loader reports it, in the file's output */ });

  let frame = null;
  function remove() {
    if (frame !== null) {
      frame.remove();
      frame = null;
    }
  }

  // What a file could leave in this origin's storage (DevTools clears the
  // rest: sessionStorage belongs to this page, which DevTools does not reach).
  function clearStorage() {
    for (const s of ["localStorage", "sessionStorage"]) {
      try { g[s].clear(); } catch (e) { /* storage disabled */ }
    }
  }

  const host = Object.freeze({
    module,
    // start runs a file: its page in a new frame, the size of this page.
    start(url) {
      remove();
      frame = document.createElement("iframe");
      frame.style.cssText = "position:fixed;inset:0;width:100%;height:100%;border:0";
      frame.src = url;
      document.body.appendChild(frame);
      return "started";
    },
    // describe says what the file's page is still waiting for.
    describe() {
      try {
        const w = frame === null ? null : frame.contentWindow;
        if (w !== null && typeof w.wxrun === "object" && w.wxrun !== null && w.wxrun._describe) return w.wxrun._describe();
      } catch (e) { /* the frame went to another origin */ }
      return "the page had not started";
    },
    end() {
      remove();
      clearStorage();
      return "clean";
    },
  });
  // Frozen and fixed: a file's frame can reach parent, but not replace this.
  Object.defineProperty(g, "__wxrunHost", { value: host, enumerable: false, writable: false, configurable: false });
})();

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
  // Each file's loader reports a failed compile in the file's output; the
  // host then answers "dirty" at end(), so wxrun makes a new one.
  let compileFailed = false;
  module.catch(() => { compileFailed = true; });

  // The DOM methods end() relies on, taken before any file runs: a file
  // can reach this page through parent and replace the prototypes' own.
  const removeChild = Node.prototype.removeChild;
  const appendChild = Node.prototype.appendChild;
  const childCount = Object.getOwnPropertyDescriptor(Element.prototype, "childElementCount").get;
  const bodyOf = Object.getOwnPropertyDescriptor(Document.prototype, "body").get;
  const body = () => bodyOf.call(document); // this script runs before <body>
  const frames = (Object.getOwnPropertyDescriptor(g, "length") || {}).get;
  const frameCount = () => (frames ? frames.call(g) : g.length);

  let frame = null;
  function remove() {
    if (frame !== null) {
      try { removeChild.call(frame.parentNode || body(), frame); } catch (e) { /* moved or gone: end() checks */ }
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
      appendChild.call(body(), frame);
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
    // end lets the file go. "clean" only when nothing of it is left in this
    // page (no frame, no element a file added through parent) and the
    // module compiled: else wxrun replaces the host page.
    end() {
      remove();
      clearStorage();
      return !compileFailed && frameCount() === 0 && childCount.call(body()) === 0 ? "clean" : "dirty";
    },
  });
  // Frozen and fixed: a file's frame can reach parent, but not replace this.
  Object.defineProperty(g, "__wxrunHost", { value: host, enumerable: false, writable: false, configurable: false });
})();

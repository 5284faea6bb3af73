/* host.js: the page a slot's tab shows (wxrun/slot.go), one per parallel
 * worker, each in its own browser context. Each file runs in a new frame
 * made here, sandboxed ("allow-scripts allow-same-origin") and from
 * another origin than this page's: wxrun serves this page on a port of its
 * own and the files' pages on another, so the two are the same site (one
 * renderer process, a frame as cheap as it is) but not the same origin.
 * A file's page cannot reach this one (parent and top are cross-origin:
 * no global, no prototype, no DOM, no function of this page is in reach),
 * cannot navigate it or open windows (the sandbox), and this page holds
 * nothing a file could use: no compiled module, no reporting function
 * (the file's own document reports over DevTools, slot.go), no state that
 * outlives a file but the frame it is in.
 *
 * When the file is finished, wxrun calls end(): the frame goes (its
 * document, timers, sockets, workers and globals with it). wxrun clears
 * the files' origin's storage and the context's cookies over DevTools;
 * runner.js empties sessionStorage (the tab's) before each file.
 */
(function () {
  "use strict";
  const g = globalThis;
  const removeChild = Node.prototype.removeChild;
  const appendChild = Node.prototype.appendChild;
  const bodyOf = Object.getOwnPropertyDescriptor(Document.prototype, "body").get;
  const body = () => bodyOf.call(document); // this script runs before <body>
  const childCount = Object.getOwnPropertyDescriptor(Element.prototype, "childElementCount").get;

  let frame = null;
  function remove() {
    if (frame !== null) {
      try { removeChild.call(frame.parentNode || body(), frame); } catch (e) { /* gone: end() checks */ }
      frame = null;
    }
  }

  const host = Object.freeze({
    // start runs a file: its page in a new frame, the size of this page.
    start(url) {
      remove();
      frame = document.createElement("iframe");
      frame.setAttribute("sandbox", "allow-scripts allow-same-origin");
      frame.style.cssText = "position:fixed;inset:0;width:100%;height:100%;border:0";
      frame.src = url;
      appendChild.call(body(), frame);
      return "started";
    },
    // end lets the file go: "clean" when nothing of it is left here.
    end() {
      remove();
      return g.length === 0 && childCount.call(body()) === 0 ? "clean" : "dirty";
    },
  });
  Object.defineProperty(g, "__wxrunHost", { value: host, enumerable: false, writable: false, configurable: false });
})();

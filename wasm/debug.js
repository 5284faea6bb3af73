/* debug.js: the test build's hooks, for test pages and make bench; a
 * production wx.js does not carry this file, and a production wx.wasm has
 * no hook behind it (debug.go is built with -tags wxdebug only). make build
 * puts it after the loader in build/test/wx.js; the browser suite's page
 * (page_test.go) loads it after the glue.
 *
 *   wxshim.debug.panicNext(api)   the next call of api panics inside Go
 *                                 (the test of guard's recover boundary)
 *   wxshim.debug.gc()             runs Go's GC, so that leak checks count
 *                                 only what Go still holds
 *   wxshim.debug.forgetWarnings() the next row starts with no warning given
 *   wxshim.debug.liveSockets()    the sockets Go holds (not yet CLOSED)
 *   wxshim.debug.crossings()      the JS->Go calls taken so far (messages
 *                                 take none)
 *   wxshim.debug.requestsOpen()   the wx.request tasks not yet ended
 *   wxshim._go                    wasm_exec.js's Go instance, whose value
 *                                 table make bench reads
 *
 * It takes Go's functions as Go hands them to the glue (attach), and the Go
 * instance when the loader runs it: both come after this file runs, the
 * loader's start being asynchronous.
 */
(function () {
  "use strict";
  const g = globalThis;
  const glue = g.__wxshimGlue, cfg = g.wxshim;
  if (!glue || !cfg) return; // the glue already started, or is not there
  let bridge = null, inner = null;
  const attach = glue.attach;
  glue.attach = function (goBridge, goStr) {
    bridge = goBridge;
    inner = attach.call(this, goBridge, goStr);
    return inner;
  };
  Object.defineProperty(cfg, "debug", {
    value: Object.freeze({
      panicNext: (api) => bridge.panicNext(api),
      gc: () => bridge.gc(),
      forgetWarnings: () => bridge.forgetWarnings(),
      liveSockets: () => (bridge === null ? 0 : bridge.liveSockets()),
      crossings: () => (bridge === null ? 0 : bridge.crossings()),
      requestsOpen: () => (inner === null ? 0 : inner.requestsOpen()),
    }),
  });
  if (typeof g.Go === "function") {
    const run = g.Go.prototype.run;
    g.Go.prototype.run = function () {
      if (!("_go" in cfg)) Object.defineProperty(cfg, "_go", { value: this });
      return run.apply(this, arguments);
    };
  }
})();

  // ---- Attaching Go, or failing to. ----
  let resolveReady, rejectReady;
  const ready = new Promise((ok, bad) => { resolveReady = ok; rejectReady = bad; });
  Object.defineProperty(cfg, "ready", { value: ready, enumerable: true });

  g.__wxshimGlue = {
    // attach is called once by Go (contract.go) when it starts: it hands
    // over Go's functions and errMsg strings and gets the glue's; then
    // start() parses the settings, runs what was queued and resolves ready.
    attach(goBridge, goStr) {
      bridge = enter(goBridge);
      str = goStr;
      return glue;
    },
    start() {
      delete g.__wxshimGlue;
      started = true;
      bridge.configure();
      for (const e of queue.splice(0)) {
        try { e.run(); } catch (err) { report("a call made before wxshim was ready", err); }
      }
      try { cfg.readyAt = performance.now(); } catch (e) { /* */ }
      resolveReady(wx);
      warmLater();
    },
    contract: CONTRACT,
    // fail is called by the loader when the wasm cannot be loaded or Go
    // exits before attaching: ready rejects, every queued call fails with
    // a clear errMsg, and so does every later one.
    fail(why) {
      if (started || startFailure !== "") return;
      bridge = null; // attached, maybe, but never started
      startFailure = why || "unknown reason";
      for (const e of queue.splice(0)) e.fail();
      rejectReady(new Error("wxshim could not start: " + startFailure));
    },
  };
  ready.catch(() => {}); // reported by the loader; a page may never look

  g.wxshim = cfg;
  g.wx = wx;
  if (g.wxshim !== cfg || g.wx !== wx) {
    g.__wxshimGlue.loading = true; // the loader need not load what cannot be installed
    g.__wxshimGlue.fail("the page's wx or wxshim global cannot be replaced");
    console.error("wxshim: the page's wx or wxshim global cannot be replaced (defined read-only?)");
  }
})();

  // warmLater: V8 compiles a wasm function on its first call (Liftoff, on
  // the main thread), and a fresh page's first connectSocket compiled about
  // 40 Go functions before its WebSocket constructor ran (2.4 ms against
  // raw's 0.04). When the page is first idle after ready, one connect, open
  // and close run here on a socket that never starts, called as a page
  // calls them, so the page's own first connect finds the code compiled.
  // Nothing of the page's sees it: the global slots are set aside, Go sets
  // its settings and ids aside (warm), and it is skipped if the page has
  // connected already. Run before ready instead, it delayed ready by more
  // than it saved.
  let dry = null;
  function warmLater() {
    const run = () => {
      if (!bridge.warm(true)) return;
      const saved = slots.slice();
      slots.fill(undefined);
      let S = null;
      dry = (s) => { S = s; };
      try {
        const t = settle(bridge.connect({ url: "wss://warm-up.invalid/", success() {} }));
        if (S !== null) {
          t.onOpen(() => {}); t.onMessage(() => {}); t.onClose(() => {});
          S.t1 = S.t0 = performance.now();
          bridge.event(S.id, K.open, 0, "", false);
          bridge.event(S.id, K.close, 1000, "", true);
        }
      } finally {
        dry = null;
        for (let i = 0; i < slots.length; i++) slots[i] = saved[i];
        bridge.warm(false);
      }
    };
    if (typeof requestIdleCallback === "function") requestIdleCallback(run, { timeout: 200 });
    else setTimeout(run, 0);
  }

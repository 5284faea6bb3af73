  // room: an overflow inside the wasm leaves Go's scheduler half-way, and
  // every later call throws "Go program has already exited". So before each
  // call into Go, enter's wrappers call room(ROOM), which recurses and
  // unwinds: where the stack cannot hold that, the engine throws its own
  // stack-overflow error (what the page's plain recursion gets) here, before
  // Go is entered. A call into Go was measured to need up to 60 frames of
  // room() (30 were too few for a forced panic in Firefox and WebKit, 40 for
  // a connect at 1.6.0 in WebKit; a GC at the edge of the stack fit in 40);
  // ROOM is several times that. The "+ 1" keeps the call out of tail
  // position: JavaScriptCore has proper tail calls and would reuse one frame.
  const ROOM = 400;
  function room(n) { return n === 0 ? 0 : room(n - 1) + 1; }
  function enter(go) {
    const b = {};
    for (const k of Object.keys(go)) {
      const fn = go[k];
      b[k] = function (a0, a1, a2, a3, a4) { return room(ROOM) < 0 ? undefined : fn(a0, a1, a2, a3, a4); };
    }
    return b;
  }

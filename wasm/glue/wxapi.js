  // ---- wx: exactly the WeChat surface. The page's own wx (maybe frozen) is
  // read, never changed. ----
  const pageWx = typeof g.wx === "object" && g.wx !== null ? g.wx : {};
  const wx = {};
  for (const k of Object.keys(pageWx)) { try { wx[k] = pageWx[k]; } catch (e) { /* a throwing getter */ } }
  wx.connectSocket = function connectSocket(o) {
    if (bridge !== null) return settle(bridge.connect(o));
    if (startFailure !== "") { failNow("connectSocket", "wx.connectSocket", o, false); return undefined; }
    const entry = { task: null, done: false, flush: null };
    queue.push({
      run() {
        const r = settle(bridge.connect(o));
        entry.task = r === undefined || r === null ? null : r;
        entry.done = true;
        entry.flush();
      },
      fail() { entry.done = true; failNow("connectSocket", "wx.connectSocket", o, false); entry.flush(); },
    });
    return earlyTask(entry);
  };
  wx.closeSocket = function closeSocket(o) {
    if (bridge !== null) return settle(bridge.closeSocket(o));
    return early("closeSocket", "wx.closeSocket", o, (promise) => settle(bridge.closeSocket(o, promise)));
  };
  wx.sendSocketMessage = function sendSocketMessage(o) {
    if (bridge !== null) return send(glue.bound, o, true);
    return early("sendSocketMessage", "wx.sendSocketMessage", o, (promise) => send(glue.bound, o, true, promise));
  };
  // The global slots: one each, a second call replaces the first, a
  // non-function is ignored (spec 4). Kept here; Go decides which socket
  // is bound, emit reads the slot.
  const onGlobal = (kind) => function (cb) { if (typeof cb === "function") slots[kind] = cb; };
  wx.onSocketOpen = onGlobal(K.open);
  wx.onSocketMessage = onGlobal(K.message);
  wx.onSocketError = onGlobal(K.error);
  wx.onSocketClose = onGlobal(K.close);

  // early queues a send or close made before Go is ready. It returns what
  // the same call returns once ready: a Promise from 2.10.2 when no callback
  // is given (the one promise gate, on the one parsed version), else undefined.
  // The decision is made once, here, and the queued call keeps to it.
  function early(api, where, o, run) {
    const promise = promises();
    if (startFailure !== "") return failNow(api, where, o, promise);
    const cb = callbacksOf(o);
    if (promise && typeof cb.s !== "function" && typeof cb.f !== "function" && typeof cb.c !== "function") {
      return later(() => run(true), () => ({ errMsg: startFailMsg(api) }));
    }
    queue.push({ run: () => run(false), fail: () => failNow(api, where, o, false) });
    return undefined;
  }

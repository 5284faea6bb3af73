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

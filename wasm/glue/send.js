  // ---- Sending: all of it here, so payloads never cross into Go. ----
  // promise, when given, is the decision an early call made when it was queued.
  function send(S, o, global, promise) {
    const where = global ? "wx.sendSocketMessage" : "SocketTask.send";
    const cb = callbacksOf(o);
    if (promise === undefined) promise = global && promises();
    let d, err = cb.err;
    if (err === undefined && o !== undefined && o !== null) {
      try { d = o.data; } catch (e) { err = e; }
    }
    const fail = (msg) => finish(where, cb.s, cb.f, cb.c, false, { errMsg: msg }, promise);
    if (err !== undefined) return fail(str.sendParamError + message(err));
    if (S === null || S.state !== ST.open || S.ws === null || S.ws.readyState !== 1) {
      return fail(global ? str.sendNotConnected : str.sendNotOpen);
    }
    if (typeof d !== "string" && !isAB(d)) return fail(str.sendUnknownData);
    try { S.ws.send(d); } catch (e) { return fail(str.sendFail + message(e)); }
    return finish(where, cb.s, cb.f, cb.c, true, { errMsg: str.sendOk }, promise);
  }

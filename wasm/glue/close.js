  // detach unhooks S from its WebSocket and timer.
  function detach(S) {
    disarm(S);
    const ws = S.ws;
    if (ws !== null) unhook(ws);
  }
  glue.detach = detach;

  // close closes S's WebSocket with code and reason once it is open, and
  // makes S CLOSING; or returns the browser's message, S left as it was.
  glue.close = function (S, code, reason, unopened) {
    const ws = S.ws;
    if (ws === null || ws.readyState === 0 || S.viaRelay && S.relayed === null) {
      // Not open yet (not started, still connecting, or waiting for the
      // relay's "open"): its close is the one the shim reports, unopened
      // (1000 for a socket replaced before 1.7.0, 1006 for an aborted
      // handshake), whatever the browser or the relay would make of it.
      if (ws !== null) {
        unhook(ws);
        try { ws.close(); } catch (e) { /* closing what never opened */ }
      }
      if (!S.cancelled) {
        S.cancelled = true;
        setTimeout(() => bridge.event(S.id, K.close, unopened, "", unopened === 1000), 0);
      }
      S.state = ST.closing;
      return "";
    }
    try { if (code === undefined) S.ws.close(); else S.ws.close(code, reason); } catch (e) { return message(e); }
    S.state = ST.closing;
    return "";
  };

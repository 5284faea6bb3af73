  // startRelay reaches url through the relay (spec section 7): the first
  // frame carries the target, header, protocols and secret; the relay's
  // "open" frame is the socket's open, and after it frames pass unchanged.
  // Any close before "open" is a failed connection, with the relay's reason.
  //
  // A relay may be reached two ways (R.fallback): its plain ws:// listener
  // on loopback, whose page leg costs no TLS (Chromium and Firefox let an
  // https page open ws:// to 127.0.0.1 and localhost), else its wss://
  // URL (WebKit refuses that ws:// with an error event). A relay WebSocket
  // that fails before its own open event is tried once more on the
  // fallback; once the fallback has opened where the URL failed, this page
  // goes to the fallback first.
  function startRelay(S, url, protocols, R, retry) {
    if (S.cancelled) return;
    const fallback = typeof R.fallback === "string" ? R.fallback : "";
    const to = retry || fallback !== "" && relayRefused.has(R.url) ? fallback : R.url;
    const canRetry = !retry && to === R.url && fallback !== "";
    if (!retry) S.t0 = performance.now();
    let ws;
    try { ws = new WebSocket(to); } catch (e) {
      if (canRetry) { startRelay(S, url, protocols, R, true); return; }
      connectFailed(S, "the relay " + to + " cannot be used: " + message(e));
      return;
    }
    ws.binaryType = "arraybuffer";
    S.ws = ws;
    S.viaRelay = true;
    let reached = false;
    ws.onopen = () => {
      reached = true;
      if (retry) relayRefused.add(R.url);
      ws.send(JSON.stringify({
        v: 1, secret: R.secret, url, header: R.header, protocols: protocols === undefined ? [] : protocols,
        appid: R.appid, appVersion: R.appVersion,
      }));
    };
    ws.onmessage = (e) => {
      let m = null;
      try { m = typeof e.data === "string" ? JSON.parse(e.data) : null; } catch (x) { m = null; }
      if (m !== null && m.type === "open") {
        S.t1 = performance.now();
        S.relayed = m;
        ws.onmessage = messages(S);
        bridge.event(S.id, K.open, 0, "", false);
      } else if (m !== null && m.type === "failed") {
        S.failReason = String(m.reason);
      }
    };
    // Every engine makes a WebSocket that cannot connect CLOSED before its
    // error event; WebKit sends no close event after it for mixed content.
    ws.onerror = () => {
      if (canRetry && !reached && ws.readyState === 3) {
        unhook(ws);
        startRelay(S, url, protocols, R, true);
        return;
      }
      closeOwed(S, ws); // no fallback left
    };
    ws.onclose = (e) => {
      if (S.relayed === null) {
        const why = S.failReason || (e.reason ? "the relay refused: " + e.reason + " (" + e.code + ")" :
          "the relay " + to + " could not be reached (" + e.code + ")");
        connectFailed(S, why);
        return;
      }
      bridge.event(S.id, K.close, e.code, e.reason, e.wasClean);
    };
  }

  // relayRefused: the relay URLs this page could not open while their
  // fallback opened.
  const relayRefused = new Set();

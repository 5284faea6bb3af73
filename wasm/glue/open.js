  // ---- Opening. ----
  const BAD_PORTS = new Set([1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95,
    101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512,
    513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720,
    1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080]);

  // open starts S towards url: "" when it will start at the end of the
  // current task, or the browser's own message when its WebSocket
  // constructor refuses the URL or the protocols (spec 2, step 5).
  //
  // The browser is the judge of its constructor: refuses() predicts a
  // refusal from the WHATWG rules (URL, scheme, fragment, subprotocols, bad
  // ports, mixed content), and only then is the constructor called, at once,
  // for its message in this engine's words. If it does not throw after all
  // (engines differ: WebKit takes duplicate subprotocols, some allow ws:// to
  // loopback from https), that WebSocket is the socket. Otherwise the socket
  // starts at the end of the task: one replaced or closed before then (a
  // connectSocket loop at 1.6.0) never touches the network. Chromium queues
  // every handshake to a host behind the one before, and 1,000 started and
  // aborted handshakes stalled the 1,001st for over five minutes.
  //
  // Through a relay the relay connects, so what only the browser's own
  // connection would refuse (mixed content, its blocked ports) no longer
  // applies; the rest still fails as the constructor says. The constructor
  // is then asked with the target's URL only when the URL itself is what it
  // refuses (it throws before connecting), and with the relay's URL for the
  // protocols: a WebSocket it makes after all goes to the relay, never
  // around it, and is closed at once.
  //
  // url was parsed by Go's check a moment before (parseURL): refuses() finds
  // that parse kept, so a connect parses its URL once (a rewritten URL,
  // which is another URL, once more).
  glue.open = function (S, url, protocols, relay) {
    let list = protocols, refused = false;
    if (protocols !== undefined) {
      list = [];
      try { for (const p of protocols) list.push("" + p); } catch (e) { list = protocols; refused = true; }
    }
    if (refused || refuses(url, list, relay === null)) {
      const to = relay === null || refuses(url, undefined, false) ? url : relay.url;
      let ws;
      try { ws = list === undefined ? new WebSocket(to) : new WebSocket(to, list); } catch (e) { return message(e); }
      if (relay === null) {
        S.t0 = performance.now();
        hook(S, ws);
        return "";
      }
      unhook(ws);
      ws.close();
    }
    if (dry !== null) { dry(S); return ""; } // the warm-up's socket never starts
    if (relay !== null) {
      // The relay gets the URL as this browser's parser reads it: the one
      // its WebSocket would connect to and the domain check judged ("%2e",
      // tabs, backslashes and ideographic full stops written out, the host
      // in lower case and punycode). Given the raw string, the relay refused
      // some and looked others up past its -map.
      const u = parse(url), href = u === null ? url : u.href;
      queueMicrotask(() => startRelay(S, href, list, relay));
    } else queueMicrotask(() => start(S, url, list));
    return "";
  };

  // refuses predicts whether the WebSocket constructor throws for url and
  // protocols; direct adds what only the browser's own connection refuses.
  function refuses(url, protocols, direct) {
    const u = parse(url);
    if (u === null) return true;
    const scheme = u.protocol;
    if (scheme !== "ws:" && scheme !== "wss:" && scheme !== "http:" && scheme !== "https:") return true;
    if (u.hash !== "" || url.indexOf("#") >= 0) return true;
    if (direct && u.port !== "" && BAD_PORTS.has(+u.port)) return true;
    if (direct && (scheme === "ws:" || scheme === "http:") && g.location && g.location.protocol === "https:") return true;
    if (protocols === undefined) return false;
    const seen = new Set();
    for (const p of protocols) {
      if (!validProtocol(p) || seen.has(p)) return true;
      seen.add(p);
    }
    return false;
  }

  // A subprotocol is an HTTP token: visible ASCII but the separators. A copy
  // of internal/rules' IsToken, checked at start.
  function validProtocol(p) {
    if (p === "") return false;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      if (c < 0x21 || c > 0x7e || '"(),/:;<=>?@[\\]{}'.includes(p[i])) return false;
    }
    return true;
  }

  function start(S, url, protocols) {
    if (S.cancelled) return;
    S.t0 = performance.now();
    let ws;
    try {
      ws = protocols === undefined ? new WebSocket(url) : new WebSocket(url, protocols);
    } catch (e) {
      // refuses() let through what the constructor refused: a failed connection.
      connectFailed(S, message(e));
      return;
    }
    hook(S, ws);
  }

  function hook(S, ws) {
    ws.binaryType = "arraybuffer";
    S.ws = ws;
    ws.onopen = () => { S.t1 = performance.now(); bridge.event(S.id, K.open, 0, "", false); };
    ws.onerror = () => {
      bridge.event(S.id, K.error, 0, "", false);
      closeOwed(S, ws);
    };
    ws.onclose = (e) => bridge.event(S.id, K.close, e.code, e.reason, e.wasClean);
    ws.onmessage = messages(S);
  }

  // unhook takes the glue's handlers off ws: nothing ws does from then on
  // reaches S (a replaced, closed or abandoned WebSocket).
  function unhook(ws) {
    ws.onopen = ws.onerror = ws.onclose = ws.onmessage = null;
  }

  // connectFailed tells Go that S's connection failed before it opened, as a
  // browser's WebSocket does: an error event (why, for onError's errMsg),
  // then close 1006.
  function connectFailed(S, why) {
    bridge.event(S.id, K.error, 0, why, false);
    bridge.event(S.id, K.close, 1006, "", false);
  }

  // closeOwed: WebKit leaves some failed sockets CLOSED after their error
  // event with no close event at all (mixed content, blocked ports): the
  // close the browser owes comes from here, unless its own arrives first.
  function closeOwed(S, ws) {
    if (ws.readyState !== 3) return;
    setTimeout(() => { if (S.ws === ws && ws.onclose !== null) ws.onclose({ code: 1006, reason: "", wasClean: false }); }, 100);
  }

  function messages(S) {
    return (e) => emit(S, K.message, { data: e.data });
  }

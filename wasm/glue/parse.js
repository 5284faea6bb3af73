  // parseURL gives scheme, host, port, and path and query, as the browser's
  // URL parser (the one its WebSocket uses) reads u, or null. One string,
  // the parts joined by "\n" (which a parsed URL never holds: the parser
  // drops tabs and newlines and percent-encodes the rest): Go reads it in
  // one crossing, where an array cost four reads of four crossings each.
  glue.parseURL = function (u) {
    const p = parse(u);
    return p === null ? null : p.protocol + "\n" + p.hostname + "\n" + p.port + "\n" + p.pathname + p.search;
  };

  // parse is new URL(u), or null. It keeps the last URL it parsed, so that
  // a connect parses its URL once: Go's check asks first (parseURL), then
  // open gets the same string. A URL object is never handed out, so the
  // one kept cannot be changed behind it.
  let lastInput = null, lastURL = null;
  function parse(u) {
    if (u !== lastInput || typeof u !== "string") {
      let p = null;
      try { p = new URL(u); } catch (e) { /* not a URL */ }
      lastInput = u;
      lastURL = p;
    }
    return lastURL;
  }

  glue.parseVersion = parseVersion;
  glue.validProtocol = validProtocol;
  glue.typeName = typeName;
  glue.outcome = (where, s, f, c, ok, res, promise, value) => new Outcome(where, s, f, c, ok, res, promise, value);
  // outcomeOf is outcome with the callbacks of F, an HTTP API's facts
  // (readArg's reading: functions or undefined), which Go never reads.
  glue.outcomeOf = (where, F, ok, res, promise, value) => new Outcome(where, F.success, F.fail, F.complete, ok, res, promise, value);

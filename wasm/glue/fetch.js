  // ---- A request from the page alone (NETWORK.md section 6): fetch, and
  // the reading of a response that the relay's path shares. ----

  // fetchSend sends R where Go said: v, a URL, from the page alone;
  // else through the relay (its verdict: {url, follow}).
  function fetchSend(R, v) {
    if (typeof v === "string") pageFetch(R, v);
    else relayFetch(R, v.url, relaySettings(v.follow));
  }

  // pageFetch sends R to url with the browser's fetch: no cookies of the
  // browser's (a phone keeps no jar), no Referer (a phone sends its own,
  // which a page cannot), the HTTP cache only with enableCache. Headers a
  // browser refuses are left out by the browser itself (Go warned); a
  // method or header value it refuses fails with its own message. fetch
  // follows redirects itself (up to 20) without showing them; "manual"
  // gives an opaque response, reported as status 0 with no header.
  function pageFetch(R, url) {
    const ctl = new AbortController();
    R.ctl = ctl;
    R.fetchURL = url;
    // The browser drops the headers it forbids by itself; User-Agent,
    // which Chromium drops and Firefox and WebKit send, is dropped here, so
    // that every engine sends what Go's warning said (rules.BrowserRefusedHeader).
    const headers = {};
    for (const k of Object.keys(R.header)) if (k.toLowerCase() !== "user-agent") headers[k] = R.header[k];
    let req;
    try {
      req = new Request(url, {
        method: R.method, headers, body: R.body, signal: ctl.signal, mode: "cors",
        credentials: "omit", referrerPolicy: "no-referrer",
        cache: (R.flags & RF.cache) !== 0 ? "default" : "no-store",
        redirect: (R.flags & RF.manual) !== 0 ? "manual" : "follow",
      });
    } catch (e) {
      R.ctl = null;
      // Deferred: a task's fail never runs inside the call that sent it.
      queueMicrotask(() => endTask(R, false, failRes(R, msg(R, "Fail") + message(e), ERRNO.network)));
      return;
    }
    R.times.fetch = performance.now();
    fetch(req).then((resp) => {
      if (R.ctl !== ctl) return;
      if (resp.redirected && !redirectAllowed(R, resp.url)) return;
      const opaque = resp.type === "opaqueredirect";
      const header = {};
      if (!opaque) resp.headers.forEach((v, k) => { header[k] = v; });
      received(R, ctl, opaque ? 0 : resp.status, header, [], opaque ? null : resp, null);
    }, () => {
      if (R.ctl !== ctl) return;
      failTask(R, "BeforeResponse", R.url);
    });
  }

  // redirectAllowed checks where fetch's redirects ended, url, against
  // the domain list (Go's requestSend, with urlCheck on); a URL it refuses
  // fails R as the first URL would have. A page sees no hop but the last:
  // the ones between were followed unchecked, and the last was asked for
  // before it could be checked (README's table of differences; through the
  // relay every hop is checked before it is sent). A redirect within the
  // origin fetched (a rewritten one included) stays where the first URL
  // was judged, and is not asked about.
  function redirectAllowed(R, url) {
    let same = false;
    try { same = new URL(url).origin === new URL(R.fetchURL).origin; } catch (e) { same = false; }
    if (same) return true;
    const v = verdictURL(bridge.requestSend(url, R.api.index), url);
    if (isFail(v)) {
      cancelTask(R);
      endTask(R, false, v);
      return false;
    }
    return true;
  }

  // received is a response's head: onHeadersReceived, then the body,
  // read within R.max, then R's API makes success's result of it (done).
  // resp is the Response whose body is the answer's (null: none); relayed
  // is the relay's head (its profile and redirects), or null.
  function received(R, ctl, status, header, cookies, resp, relayed) {
    R.times.head = performance.now();
    const len = headerValue(header, "content-length");
    if (len !== "" && +len > R.max) {
      tooBig(R);
      return;
    }
    const withCookies = (R.flags & RF.cookies) !== 0;
    const head = withCookies ? { header, cookies, statusCode: status } : { header, statusCode: status };
    emitTask(R, 0, head);
    if (R.state !== RQ.sent || R.ctl !== ctl) return; // a listener aborted it
    readBody(R, ctl, resp, len === "" ? -1 : +len).then((got) => {
      if (got === null || R.ctl !== ctl) return;
      R.ctl = null;
      R.times.end = performance.now();
      R.times.bytes = got.n;
      const res = R.api.done(R, got, status, header);
      if (res === null) return; // it failed R
      res.statusCode = status;
      res.header = header;
      if (withCookies) res.cookies = cookies;
      if ((R.flags & RF.profile) !== 0) {
        if (relayed !== null) res.profile = relayProfile(R, relayed);
        else lazyProfile(res, R.times, R.fetchURL);
      }
      res.errMsg = msg(R, "Ok");
      endTask(R, true, res);
    });
  }

  // headerValue is header[name] in any case, or "".
  function headerValue(header, name) {
    for (const k of Object.keys(header)) if (k.toLowerCase() === name) return String(header[k]);
    return "";
  }

  // readBody reads resp's body to its end, within R.max, as {parts, n}:
  // the reads (bytes, or Blobs of them) and their bytes. Read whole
  // (readsWhole) when nothing needs it as it arrives; else streamed: with
  // enableChunked each read goes to onChunkReceived as it arrives; a
  // download's progress goes to onProgressUpdate (of expected bytes, 0
  // when not known), and the cap is checked on the bytes as they arrive.
  // expected is Content-Length (-1: none). null when R ended meanwhile
  // (abort, timeout) or the read failed (R fails).
  async function readBody(R, ctl, resp, expected) {
    let parts = [];
    let n = 0;
    const body = resp === null ? null : resp.body;
    if (body === null || body === undefined) return { parts, n };
    if (readsWhole(R, expected)) return R.api === DOWNLOAD ? readBlob(R, ctl, resp, expected) : readWhole(R, ctl, resp);
    const reader = body.getReader(), names = R.api.progress, fold = R.api === DOWNLOAD;
    const folded = [];
    let unfolded = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (R.ctl !== ctl) { reader.cancel().catch(() => {}); return null; }
        if (done) break;
        n += value.byteLength;
        if (n > R.max) {
          reader.cancel().catch(() => {});
          tooBig(R);
          return null;
        }
        parts.push(value);
        unfolded += value.byteLength;
        if (fold && unfolded >= FOLD_BYTES) {
          folded.push(new Blob(parts));
          parts = [];
          unfolded = 0;
        }
        if ((R.flags & RF.chunked) !== 0) emitTask(R, 1, { data: value.slice().buffer });
        if (names !== null) progressTask(R, n, expected >= n ? expected : 0, names);
        if (R.ctl !== ctl) { reader.cancel().catch(() => {}); return null; } // a listener aborted it
      }
    } catch (e) {
      if (R.ctl === ctl) failTask(R, "BrokenOff", R.url);
      return null;
    }
    return { parts: folded.length === 0 ? parts : folded.concat(parts), n };
  }

  // readsWhole says R's body is read whole: nothing wants it as it
  // arrives (no enableChunked; for a download, no onProgressUpdate
  // listener when the head arrived: one added later gets the end's 100,
  // readBlob) and Content-Length says how much comes (already under R.max:
  // received checked it). With no Content-Length the body is streamed, so
  // the cap is checked as the bytes arrive, never after a body of any size
  // was received.
  function readsWhole(R, expected) {
    if ((R.flags & RF.chunked) !== 0 || expected < 0) return false;
    return R.api.progress === null || (R.on !== null && R.on[2].length === 0);
  }

  // readWhole reads resp's body at once (arrayBuffer: no read per chunk,
  // no copy to join them; Chromium's reader of a fetch body costs a task
  // and a promise per 64 KiB read). The cap is checked on the bytes too: a
  // compressed body's Content-Length is not the size it decodes to.
  async function readWhole(R, ctl, resp) {
    let buf;
    try { buf = await resp.arrayBuffer(); } catch (e) {
      if (R.ctl === ctl) failTask(R, "BrokenOff", R.url);
      return null;
    }
    if (R.ctl !== ctl) return null;
    if (buf.byteLength > R.max) { tooBig(R); return null; }
    return { parts: [new Uint8Array(buf)], n: buf.byteLength };
  }

  // tooBig fails R: its body is over R.max.
  function tooBig(R) {
    cancelTask(R);
    endTask(R, false, failRes(R, msg(R, "TooBig"), ERRNO.network));
  }

  // requestDone is wx.request's success result of the body read: data.
  function requestDone(R, got) {
    let bytes = got.parts.length === 1 ? got.parts[0] : null;
    if (bytes === null) {
      bytes = new Uint8Array(got.n);
      let at = 0;
      for (const p of got.parts) { bytes.set(p, at); at += p.byteLength; }
    }
    return { data: responseData(R, bytes) };
  }

  // responseData is success's data: an ArrayBuffer with responseType
  // "arraybuffer"; else the text as UTF-8, one leading BOM dropped
  // (TextDecoder drops one, and only one), then with dataType "json" the
  // parsed value when JSON.parse takes it, the text when it does not.
  const utf8 = new TextDecoder(); // stateless without {stream: true}: one for every response
  function responseData(R, bytes) {
    if ((R.flags & RF.arraybuffer) !== 0) {
      return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
    }
    const text = utf8.decode(bytes);
    if ((R.flags & RF.json) === 0) return text;
    try { return JSON.parse(text); } catch (e) { return text; }
  }

  // The fields of miniprogram-api-typings' RequestProfile, in its order:
  // stamps in epoch ms, the rest numbers, peerIP and protocol strings.
  const PROFILE_FIELDS = ["redirectStart", "redirectEnd", "fetchStart", "domainLookUpStart", "domainLookUpEnd",
    "connectStart", "connectEnd", "SSLconnectionStart", "SSLconnectionEnd", "requestStart", "requestEnd",
    "responseStart", "responseEnd", "rtt", "estimate_nettype", "httpRttEstimate", "transportRttEstimate",
    "downstreamThroughputKbpsEstimate", "throughputKbps", "peerIP", "port", "socketReused", "sendBytesCount",
    "receivedBytedCount", "protocol"];
  function emptyProfile() {
    const p = {};
    for (const k of PROFILE_FIELDS) p[k] = k === "peerIP" || k === "protocol" ? "" : k === "socketReused" ? false : 0;
    return p;
  }

  // lazyProfile gives res a profile (pageProfile's of the fetch of url at
  // the times T) made when it is first read, then kept as a plain data
  // property in the same place: finding the Resource Timing entry cost
  // about 50 us a request (BENCHMARKS.md), as much as the rest of the
  // glue's work on it, and few pages read profile.
  function lazyProfile(res, T, url) {
    const keep = (v) => { Object.defineProperty(res, "profile", { value: v, writable: true, enumerable: true, configurable: true }); };
    Object.defineProperty(res, "profile", {
      get() { const p = pageProfile(T, url); keep(p); return p; },
      set: keep, enumerable: true, configurable: true,
    });
  }

  // pageProfile is what a page can measure of its own fetch of url: its
  // own moments T (fetch called, head arrived, body read), then, where the
  // browser's Resource Timing entry for it is there and readable (same
  // origin, or Timing-Allow-Origin), its DNS, connect, TLS and request
  // moments and protocol. The entry is the one that started nearest the
  // fetch, between it and its head (1 ms either side: Firefox and WebKit
  // give whole milliseconds), so that one read after later fetches of the
  // same URL is still its own. The radio's estimates, the peer's IP and
  // the bytes sent are not known to a page: 0 and "".
  function pageProfile(T, url) {
    const p = emptyProfile(), o = performance.timeOrigin;
    const at = (t) => (t > 0 ? Math.trunc(o + t) : 0);
    p.fetchStart = at(T.fetch);
    p.responseStart = at(T.head);
    p.responseEnd = at(T.end);
    const d = T.end - T.head;
    p.throughputKbps = d > 0 ? Math.round((T.bytes * 8) / d) : 0;
    p.receivedBytedCount = T.bytes;
    let u = null;
    try { u = new URL(url); } catch (e) { /* */ }
    if (u !== null) p.port = +(u.port || (u.protocol === "https:" ? 443 : 80));
    let e = null;
    try {
      const list = performance.getEntriesByName(url, "resource");
      let off = Infinity;
      for (const x of list) {
        const d = Math.abs(x.startTime - T.fetch);
        if (x.startTime >= T.fetch - 1 && x.startTime <= T.head + 1 && d < off) { e = x; off = d; }
      }
    } catch (x) { /* no Resource Timing */ }
    if (e !== null) {
      if (e.redirectStart > 0) { p.redirectStart = at(e.redirectStart); p.redirectEnd = at(e.redirectEnd); }
      if (e.domainLookupStart > 0) { p.domainLookUpStart = at(e.domainLookupStart); p.domainLookUpEnd = at(e.domainLookupEnd); }
      if (e.connectStart > 0) { p.connectStart = at(e.connectStart); p.connectEnd = at(e.connectEnd); }
      if (e.secureConnectionStart > 0) { p.SSLconnectionStart = at(e.secureConnectionStart); p.SSLconnectionEnd = at(e.connectEnd); }
      if (e.requestStart > 0) { p.requestStart = at(e.requestStart); p.requestEnd = at(e.requestStart); }
      if (e.responseStart > 0) p.responseStart = at(e.responseStart);
      if (typeof e.nextHopProtocol === "string") p.protocol = e.nextHopProtocol;
      p.socketReused = e.connectStart > 0 && e.connectStart === e.connectEnd && e.domainLookupStart === e.connectStart;
    }
    return p;
  }


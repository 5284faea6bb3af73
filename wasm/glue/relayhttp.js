  // ---- A request through the relay (relay/doc.go, "Requests"; NETWORK.md
  // section 6): one POST to the relay's URL read as HTTP, the head as one
  // line of JSON and then the body; the answer's Wx-Relay header is the
  // upstream's head (status, headers, Set-Cookie, redirects, timings) and
  // its body the upstream's, streamed. The relay sends every header given
  // but Referer (it writes the phone's), with no CORS on the way. ----

  const MAX_HOPS = 15; // old Android's redirect limit: a 16th 3xx is the answer

  // relaySettings is the relay as the store holds it (Go dropped any value
  // it refused, and said there is one), its URLs read as HTTP (ws: is
  // http:, wss: https:), with the app that names the phone's Referer.
  function relaySettings(follow) {
    const r = store.relay, http = (u) => (typeof u === "string" ? u.replace(/^ws(s?):/i, "http$1:") : "");
    return {
      url: http(r.url), fallback: http(r.fallback), secret: r.secret, follow,
      appid: store.appid === undefined ? "" : String(store.appid),
      appVersion: store.appVersion === undefined ? "" : String(store.appVersion),
    };
  }

  // relayFetch sends R to url through the relay G ({url, fallback, secret,
  // appid, appVersion}); G.follow says the shim follows redirects itself,
  // each target checked by Go first (urlCheck on: the list is the shim's).
  function relayFetch(R, url, G) {
    let u;
    try { u = new URL(url); } catch (e) {
      queueMicrotask(() => endTask(R, false, failRes(R, msg(R, "Fail") + message(e), ERRNO.network)));
      return;
    }
    R.fetchURL = u.href;
    R.hops = 0;
    relayPost(R, u.href, R.method, R.body, G, false);
  }

  // relayPost is one POST to the relay for url. A relay whose plain URL
  // cannot be fetched (WebKit refuses http://127.0.0.1 from an https page)
  // is tried once more at its fallback, and the page keeps to the fallback
  // from then on (relayRefused, as for sockets).
  function relayPost(R, url, method, body, G, retry) {
    const ctl = new AbortController();
    R.ctl = ctl;
    const { to, canRetry } = relayTarget(G, retry);
    const head = relayHead(R, url, method, G);
    if (R.times.fetch === 0) R.times.fetch = performance.now();
    fetch(to, {
      method: "POST", body: relayBody(head, body), signal: ctl.signal, mode: "cors", credentials: "omit",
      referrerPolicy: "no-referrer", cache: "no-store",
    }).then((resp) => {
      if (R.ctl !== ctl) return;
      if (retry) relayRefused.add(G.url);
      const h = resp.headers.get("Wx-Relay");
      if (h === null) { relayRefusal(R, ctl, resp, to); return; }
      const m = relayAnswer(R, h);
      if (m === null) return;
      if (G.follow === true && (R.flags & RF.manual) === 0 && isRedirect(m.status) && R.hops < MAX_HOPS) {
        const loc = headerValue(m.header || {}, "location");
        if (loc !== "") { relayFollow(R, ctl, resp, url, method, body, G, m.status, loc); return; }
      }
      received(R, ctl, m.status, relayHeader(m), relayCookies(m), resp, m);
    }, () => {
      if (R.ctl !== ctl) return;
      if (canRetry) { relayPost(R, url, method, body, G, true); return; }
      failTask(R, "Fail", "the relay " + to + " could not be reached");
    });
  }

  // relayBody is the POST's body: the head, then the request's body. Bytes
  // when that is text or none: Chromium hands a Blob body through its blob
  // registry (a round trip to the browser process per request), which a
  // small request felt. A Blob of the two otherwise (an ArrayBuffer's body
  // is not copied once more). The same bytes either way: a Blob encodes
  // its strings as UTF-8, as TextEncoder does.
  const utf8out = new TextEncoder();
  function relayBody(head, body) {
    if (body === undefined || body === null) return utf8out.encode(head);
    if (typeof body === "string") return utf8out.encode(head + body);
    return new Blob([head, body]);
  }

  function relayHeader(m) { return m.header && typeof m.header === "object" ? m.header : {}; }
  function relayCookies(m) { return Array.isArray(m.cookies) ? splitCookies(m.cookies.map(String)) : []; }

  // relayTarget is where a POST goes: the relay's URL, or its fallback
  // (on the retry, and from then on once the URL was refused); canRetry
  // says a failure may be tried at the fallback.
  function relayTarget(G, retry) {
    const fallback = typeof G.fallback === "string" ? G.fallback : "";
    const to = retry || (fallback !== "" && relayRefused.has(G.url)) ? fallback : G.url;
    return { to, canRetry: !retry && to === G.url && fallback !== "" };
  }

  // relayHead is the POST's first line: R's request as JSON, every header
  // but Referer (the relay writes the phone's), and a newline.
  // progress, when not "", names an upload for the relay's progress
  // queries (relayProgress).
  function relayHead(R, url, method, G, progress) {
    const header = {};
    for (const k of Object.keys(R.header)) if (k.toLowerCase() !== "referer") header[k] = R.header[k];
    const manual = (R.flags & RF.manual) !== 0 || G.follow === true;
    const head = {
      v: 1, secret: G.secret, url, method, header, appid: G.appid, appVersion: G.appVersion,
      redirect: manual ? "manual" : "follow", timeout: 0,
    };
    if (progress) head.progress = progress;
    return JSON.stringify(head) + "\n";
  }

  // relayProgress asks the relay, every PROGRESS_MS while R's upload id is
  // in flight (R.ctl is ctl), how much of its body the relay has handed to
  // the upstream (relay/doc.go step 7): what a phone counts, where the
  // page's own socket to the relay takes megabytes at once. One query at a
  // time; each holds no connection. got(sent, total) takes each answer.
  const PROGRESS_MS = 100;
  function relayProgress(R, ctl, G, id, got) {
    const ask = () => {
      if (R.ctl !== ctl) return;
      fetch(relayTarget(G, false).to, {
        method: "POST", body: JSON.stringify({ v: 1, secret: G.secret, progressOf: [id] }) + "\n", mode: "cors",
        credentials: "omit", referrerPolicy: "no-referrer", cache: "no-store",
      }).then((resp) => resp.json()).then((m) => {
        const p = m !== null && typeof m === "object" ? m[id] : undefined;
        if (R.ctl === ctl && p && typeof p.sent === "number") got(p.sent, p.total);
      }).catch(() => { /* the upload's own answer says how it ended */ }).finally(() => {
        if (R.ctl === ctl) setTimeout(ask, PROGRESS_MS);
      });
    };
    setTimeout(ask, PROGRESS_MS);
  }

  // relayAnswer reads the relay's head of the upstream's answer (the
  // Wx-Relay header's JSON, h), or fails R and returns null.
  function relayAnswer(R, h) {
    let m;
    try { m = JSON.parse(h); } catch (e) { m = null; }
    if (m === null || typeof m !== "object" || typeof m.status !== "number") {
      failTask(R, "Fail", "the relay's answer could not be read");
      return null;
    }
    return m;
  }

  function isRedirect(s) { return s === 301 || s === 302 || s === 303 || s === 307 || s === 308; }

  // relayFollow follows one redirect in the shim: Go checks the target
  // (and rewrites it) before anything is sent there. 301, 302 and 303 go
  // on as a GET without a body (a HEAD stays a HEAD), 307 and 308 with the
  // method and the body, as browsers and the relay do.
  function relayFollow(R, ctl, resp, url, method, body, G, status, loc) {
    try { resp.body && resp.body.cancel().catch(() => {}); } catch (e) { /* */ }
    let next;
    try { next = new URL(loc, url).href; } catch (e) {
      failTask(R, "Fail", "invalid redirect location: " + loc);
      return;
    }
    R.hops++;
    if (status !== 307 && status !== 308 && method !== "HEAD") { method = "GET"; body = undefined; }
    const v = verdictURL(bridge.requestSend(next, R.api.index), next);
    if (R.ctl !== ctl) return;
    if (isFail(v)) { R.ctl = null; endTask(R, false, v); return; }
    if (typeof v === "string") { R.ctl = null; pageFetch(R, v); return; } // the relay was unset meanwhile
    R.fetchURL = v.url;
    relayPost(R, v.url, method, body, G, false);
  }

  // relayRefusal: the relay answered with its own status and {reason},
  // or a 502 with {reason, cause} when the request found no answer.
  function relayRefusal(R, ctl, resp, to) {
    resp.text().then((t) => {
      if (R.ctl !== ctl) return;
      let m = null;
      try { m = JSON.parse(t); } catch (e) { m = null; }
      const reason = m !== null && typeof m.reason === "string" ? m.reason : "status " + resp.status;
      const cause = m !== null && typeof m.cause === "string" ? m.cause : "";
      R.ctl = null;
      let text = msg(R, "Fail") + (resp.status === 502 ? reason : "the relay " + to + " refused: " + reason + " (" + resp.status + ")");
      if (cause === "tls") text = msg(R, "SSL");
      endTask(R, false, failRes(R, text, cause === "timeout" ? ERRNO.timeout : ERRNO.network));
    }, () => {
      if (R.ctl !== ctl) return;
      failTask(R, "Fail", "the relay " + to + " refused (" + resp.status + ")");
    });
  }

  // relayProfile is the relay's profile of the head, with what the page
  // measures of the body: its end, its bytes and the throughput.
  function relayProfile(R, m) {
    const p = emptyProfile(), T = R.times;
    if (m.profile && typeof m.profile === "object") for (const k of PROFILE_FIELDS) if (k in m.profile) p[k] = m.profile[k];
    p.responseEnd = Math.trunc(performance.timeOrigin + T.end);
    const d = T.end - T.head;
    p.throughputKbps = d > 0 ? Math.round((T.bytes * 8) / d) : 0;
    return p;
  }

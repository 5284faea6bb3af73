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
      queueMicrotask(() => endRequest(R, false, failRes(R, str.requestFail + message(e), ERRNO.network)));
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
    const fallback = typeof G.fallback === "string" ? G.fallback : "";
    const to = retry || (fallback !== "" && relayRefused.has(G.url)) ? fallback : G.url;
    const canRetry = !retry && to === G.url && fallback !== "";
    const header = {};
    for (const k of Object.keys(R.header)) if (k.toLowerCase() !== "referer") header[k] = R.header[k];
    const manual = (R.flags & RF.manual) !== 0 || G.follow === true;
    const head = JSON.stringify({
      v: 1, secret: G.secret, url, method, header, appid: G.appid, appVersion: G.appVersion,
      redirect: manual ? "manual" : "follow", timeout: 0,
    });
    const parts = body === undefined || body === null ? [head + "\n"] : [head + "\n", body];
    if (R.times.fetch === 0) R.times.fetch = performance.now();
    fetch(to, {
      method: "POST", body: new Blob(parts), signal: ctl.signal, mode: "cors", credentials: "omit",
      referrerPolicy: "no-referrer", cache: "no-store",
    }).then((resp) => {
      if (R.ctl !== ctl) return;
      if (retry) relayRefused.add(G.url);
      const h = resp.headers.get("Wx-Relay");
      if (h === null) { relayRefusal(R, ctl, resp, to); return; }
      let m;
      try { m = JSON.parse(h); } catch (e) { m = null; }
      if (m === null || typeof m !== "object" || typeof m.status !== "number") {
        R.ctl = null;
        endRequest(R, false, failRes(R, str.requestFail + "the relay's answer could not be read", ERRNO.network));
        return;
      }
      if (G.follow === true && (R.flags & RF.manual) === 0 && isRedirect(m.status) && R.hops < MAX_HOPS) {
        const loc = headerValue(m.header || {}, "location");
        if (loc !== "") { relayFollow(R, ctl, resp, url, method, body, G, m.status, loc); return; }
      }
      const header = m.header && typeof m.header === "object" ? m.header : {};
      const cookies = Array.isArray(m.cookies) ? splitCookies(m.cookies.map(String)) : [];
      received(R, ctl, m.status, header, cookies, resp.body, m);
    }, () => {
      if (R.ctl !== ctl) return;
      if (canRetry) { relayPost(R, url, method, body, G, true); return; }
      R.ctl = null;
      endRequest(R, false, failRes(R, str.requestFail + "the relay " + to + " could not be reached", ERRNO.network));
    });
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
      R.ctl = null;
      endRequest(R, false, failRes(R, str.requestFail + "invalid redirect location: " + loc, ERRNO.network));
      return;
    }
    R.hops++;
    if (status !== 307 && status !== 308 && method !== "HEAD") { method = "GET"; body = undefined; }
    const v = bridge.requestSend(next);
    if (R.ctl !== ctl) return;
    if (typeof v === "object" && v !== null && typeof v.errMsg === "string") { R.ctl = null; endRequest(R, false, v); return; }
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
      let msg = str.requestFail + (resp.status === 502 ? reason : "the relay " + to + " refused: " + reason + " (" + resp.status + ")");
      if (cause === "tls") msg = str.requestSSL;
      endRequest(R, false, failRes(R, msg, cause === "timeout" ? ERRNO.timeout : ERRNO.network));
    }, () => {
      if (R.ctl !== ctl) return;
      R.ctl = null;
      endRequest(R, false, failRes(R, str.requestFail + "the relay " + to + " refused (" + resp.status + ")", ERRNO.network));
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

  // ---- wx.request's body, GET query and cookies, on the page's own values
  // (NETWORK.md section 2). Go chose which rule applies (CONTRACT.bodies);
  // these are the rules, written from the spec's table. ----
  const BODY = CONTRACT.bodies;

  // makeBody is the body data makes, of the kind Go chose.
  function makeBody(data, kind) {
    switch (kind) {
      case BODY.asIs: return data;
      case BODY.form: return formEncode(data);
      case BODY.json: return JSON.stringify(data); // undefined for a Symbol: no body
    }
    return undefined;
  }

  // formEncode: each own enumerable key as encodeURIComponent(k) "="
  // encodeURIComponent(String(v)), joined by "&" (a nested object is
  // "[object Object]", encoded). A number, boolean or null has no keys:
  // the body is empty.
  function formEncode(data) {
    if (typeof data !== "object" || data === null) return "";
    return Object.keys(data).map((k) => encodeURIComponent(k) + "=" + encodeURIComponent(data[k])).join("&");
  }

  // mergeQuery puts a GET's object data into url's query as the runtime
  // does, its quirks included: the pairs already there are kept as written
  // (a bare "flag" becomes "flag=undefined", what follows a second "=" or
  // "?" is lost), a key of data replaces the same key where it stands, a
  // value is encodeURIComponent'd (an object's JSON.stringify), keys that
  // read as integers come first (an object's key order), and a "#fragment"
  // before the query swallows it. No own keys: url as it is.
  function mergeQuery(url, data) {
    if (typeof data !== "object" || data === null) return url;
    const keys = Object.keys(data);
    if (keys.length === 0) return url;
    const parts = url.split("?");
    const pairs = Object.create(null); // a "__proto__" key is a key
    for (const p of (parts[1] || "").split("&")) {
      if (p.length === 0) continue;
      const kv = p.split("=");
      pairs[kv[0]] = kv[1];
    }
    for (const k of keys) {
      const v = data[k];
      pairs[encodeURIComponent(k)] = encodeURIComponent(typeof v === "object" ? JSON.stringify(v) : v);
    }
    return parts[0] + "?" + Object.keys(pairs).map((k) => k + "=" + pairs[k]).join("&");
  }

  // splitCookies is res.cookies from Set-Cookie values as the runtime
  // makes them: the values joined by "," (as a phone's native side joins
  // one header's values), then split at each "," that starts a new
  // "name=": a comma inside a cookie (an Expires date's) is dropped, and
  // its two halves joined; a first part that starts no cookie is dropped.
  function splitCookies(values) {
    const out = [];
    for (const part of values.join(",").split(",")) {
      if (/^\s*[^\s=;,]+=/.test(part)) out.push(part.trim());
      else if (out.length > 0) out[out.length - 1] += part;
    }
    return out;
  }

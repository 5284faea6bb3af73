  // ---- wx.request's tasks (NETWORK.md sections 1, 2 and 6), on the task
  // base (task.js): reading the options for Go, and the task of Go's plan,
  // its body made here from the page's values. ----
  const REQUEST = httpAPI("request", RequestTask, fetchSend, (R, got) => requestDone(R, got), null);
  wx.request = function request(o) { return httpCall(REQUEST, o); };

  // readRequest reads wx.request's argument once, for Go to decide on
  // (contract.go's readRequest): every property in a try (a getter that
  // throws is a parameter error), and the header as the runtime rewrites
  // it, on the page's own values: a non-object is {} (Go warns), a value
  // is kept when a string, String(v) when a number, else
  // Object.prototype.toString's "[object Boolean]"; the key that is
  // content-type in any case is written "content-type" (the last such key
  // wins, where the first stood), and application/json is the default.
  glue.readRequest = function (o) {
    const F = {
      argType: "", readName: "", readMsg: "", urlType: "Undefined", url: "", data: undefined, dataType: "undefined",
      dataAB: false, stringifies: true, header: null, headerOK: true, contentType: "", headerNames: "",
      methodString: false, method: "", dataTypeJSON: true, responseType: "text", chunked: false, cache: false,
      noProfile: false, manual: false, ignored: "", timeout: undefined,
      success: undefined, fail: undefined, complete: undefined,
    };
    const get = readArg(F, o);
    if (get === null) return packFacts(F);
    const url = get("url"), data = get("data"), header = get("header"), method = get("method");
    const dataType = get("dataType"), responseType = get("responseType"), timeout = get("timeout");
    F.chunked = get("enableChunked") === true;
    F.cache = get("enableCache") === true;
    F.noProfile = get("enableProfile") === false;
    F.manual = get("redirect") === "manual";
    const ignored = [];
    for (const k of REQUEST_IGNORED) { const v = get(k); if (v !== undefined && v !== false) ignored.push(k); }
    F.ignored = ignored.join("\n");
    readURL(F, url);
    F.data = data;
    F.dataType = data === null ? "null" : typeof data;
    F.dataAB = typeName(data) === "ArrayBuffer";
    try { JSON.stringify(data); } catch (e) { F.stringifies = false; }
    readHeader(F, header);
    F.methodString = typeof method === "string";
    if (F.methodString) F.method = method.toUpperCase(); // the runtime's own upper-casing
    F.dataTypeJSON = !dataType || dataType === "json";
    F.responseType = typeof responseType === "string" ? responseType.toLowerCase() : responseType ? "throw" : "text";
    if (typeof timeout === "number") F.timeout = timeout;
    return packFacts(F);
  };

  // packFacts sets F.pack, the facts Go decides on in one string, and
  // returns F: Go reads the string once (contract.go's readFacts), where a
  // property at a time cost it 3 calls back into JavaScript each, about 50
  // a request, and most of the time wx.request took (BENCHMARKS.md). The
  // bits of CONTRACT.factBits that are true, in decimal; then each of
  // CONTRACT.factStrings after a NUL, a NUL or \x01 within it written
  // \x01 then "0" or "1".
  function packFacts(F) {
    let bits = 0, out = "";
    FACT_BITS.forEach((k, i) => { if (F[k] === true) bits |= 1 << i; });
    for (const k of FACT_STRINGS) {
      const v = typeof F[k] === "string" ? F[k] : "";
      out += "\0" + (FACT_ESCAPE.test(v) ? v.replace(FACT_ESCAPES, (c) => (c === "\0" ? "\x010" : "\x011")) : v);
    }
    F.pack = bits + out;
    return F;
  }
  const FACT_BITS = CONTRACT.factBits, FACT_STRINGS = CONTRACT.factStrings;
  const FACT_ESCAPE = /[\0\x01]/, FACT_ESCAPES = /[\0\x01]/g;

  // readArg reads what every API reads first of its argument o into F:
  // success, fail and complete (an array or a function carries callbacks
  // too: the runtime's type check reads them, and its fail names the type;
  // a primitive carries none), and argType when o is not an Object (then
  // it returns null). Else it returns get(k): o[k] in a try, a getter that
  // throws noted in F.readName and F.readMsg (a parameter error), once.
  function readArg(F, o) {
    const get = (k) => {
      if (o === undefined || o === null) return undefined;
      try { return o[k]; } catch (e) {
        if (F.readName === "") { F.readName = k; F.readMsg = message(e); }
        return undefined;
      }
    };
    const fn = (v) => (typeof v === "function" ? v : undefined);
    const carrier = o !== undefined && (typeof o === "object" && o !== null || typeof o === "function");
    if (carrier || o === undefined) { F.success = fn(get("success")); F.fail = fn(get("fail")); F.complete = fn(get("complete")); }
    if (o !== undefined && typeName(o) !== "Object") { F.argType = typeName(o); return null; }
    return get;
  }

  // readURL reads url as readString does, and parses it (parse.js's
  // parseURL: "" when the browser's parser refuses it) for Go's domain
  // check made at the call (request.go's presend), which so asks no more.
  function readURL(F, url) {
    readString(F, "url", url);
    if (F.urlType === "String") F.parsedURL = glue.parseURL(F.url) || "";
  }

  // readString sets F[k + "Type"] to v's type name and, for a string or a
  // String object, F[k] to String(v) (whose throwing is a read error).
  function readString(F, k, v) {
    F[k + "Type"] = typeName(v);
    if (F[k + "Type"] !== "String") return;
    try { F[k] = String(v); } catch (e) { if (F.readName === "") { F.readName = k; F.readMsg = message(e); } }
  }

  // The options a browser cannot honour: accepted, and warned about once
  // each by Go (README's table of differences).
  const REQUEST_IGNORED = ["enableHttp2", "enableQuic", "enableHttpDNS", "httpDNSServiceId", "forceCellularNetwork",
    "useHighPerformanceMode"];

  function readHeader(F, h) {
    const out = Object.create(null), names = []; // a "__proto__" key is a header
    let ct = null;
    F.headerOK = eachString(h, (k, v) => {
      if (k.toLowerCase() === "content-type") {
        if (ct !== null) { out[ct] = v; return; }
        k = ct = "content-type";
      }
      if (!own(out, k)) names.push(k);
      out[k] = v;
    });
    if (ct === null) { out["content-type"] = "application/json"; names.push("content-type"); }
    F.header = out;
    F.contentType = out["content-type"];
    F.headerNames = names.join("\n");
  }

  // eachString calls fn(key, value) for each own key of the object h, the
  // value as the runtime stringifies a header's or a form's (a string
  // kept, a number String(v), else Object.prototype.toString's
  // "[object Boolean]"); a key whose getter throws is left out. false
  // when h is given and not an object (nothing is called).
  function eachString(h, fn) {
    if (h === undefined) return true;
    if (typeName(h) !== "Object") return false;
    let keys = [];
    try { keys = Object.keys(h); } catch (e) { keys = []; }
    for (const k of keys) {
      let v;
      try { v = h[k]; } catch (e) { continue; }
      fn(k, typeof v === "string" ? v : typeof v === "number" ? String(v) : "[object " + typeName(v) + "]");
    }
    return true;
  }

  // newRequest makes the task of one plan (request.go's requestPlan), to
  // F.url, with the data, header and callbacks of its facts F, the method
  // F's (ownMethod) or GET, and admits it a few microtasks later; sent is
  // Go's verdict made at the call (task.js's sendTask). The body is made
  // here, on the page's values, the way Go chose (body, query).
  glue.newRequest = function (F, ownMethod, body, query, flags, timeout, max, sent) {
    const url = F.url;
    const R = newRecord(REQUEST, F, url, ownMethod ? F.method : "GET", flags, timeout, max, sent);
    try {
      R.body = makeBody(F.data, body);
      if (query) R.url = mergeQuery(url, F.data);
    } catch (e) {
      R.prep = [str.requestFail + message(e), ERRNO.network]; // a toJSON that threw the second time: the fail says so
    }
    return startTask(R);
  };

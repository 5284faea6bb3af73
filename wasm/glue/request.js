  // ---- wx.request's tasks (NETWORK.md sections 1, 2 and 6). Go makes
  // every synchronous decision and hands over a plan (glue.newRequest); from
  // then on the task lives here alone: its record R, its listener sets, the
  // queue of 10, the timer, the fetch (fetch.js) or the relay's POST
  // (relayhttp.js), and its end. Go is asked once more, when the task
  // leaves the queue (requestSend: the domain check, rewrites, the relay).
  // A body never crosses into Go. ----
  const RF = CONTRACT.requestFlags, ERRNO = CONTRACT.errno;
  const MAX_IN_FLIGHT = 10; // per API, the runtime's pool (NETWORK.md section 1)
  // A record's states: made (admitted a few microtasks after the call, as
  // the runtime builds its task), queued, sent (in flight), done.
  const RQ = { made: 0, queued: 1, sent: 2, done: 3 };
  const requests = { inFlight: 0, waiting: [], open: 0 };

  wx.request = function request(o) {
    if (bridge !== null) return settle(bridge.request(o));
    if (startFailure !== "") { failNow("request", "wx.request", o, false); return undefined; }
    const entry = { task: null, done: false, calls: [] };
    queue.push({
      run() {
        const t = settle(bridge.request(o));
        entry.task = t === undefined || t === null ? null : t;
        entry.done = true;
        for (const [m, a] of entry.calls.splice(0)) if (entry.task !== null && typeof entry.task[m] === "function") entry.task[m](a);
      },
      fail() { entry.done = true; failNow("request", "wx.request", o, false); },
    });
    return earlyRequestTask(entry);
  };

  // earlyRequestTask stands in for a RequestTask until Go has run the call
  // (made before the wasm was ready): it records calls and replays them, in
  // order, on the task Go made; on none if the call failed.
  function earlyRequestTask(entry) {
    const t = Object.create(RequestTask.prototype);
    for (const m of TASK_METHOD_NAMES) {
      Object.defineProperty(t, m, {
        value(a) {
          if (entry.task !== null) { if (typeof entry.task[m] === "function") entry.task[m](a); } else if (!entry.done) entry.calls.push([m, a]);
        },
      });
    }
    return t;
  }

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
    const get = (k) => {
      if (o === undefined || o === null) return undefined;
      try { return o[k]; } catch (e) {
        if (F.readName === "") { F.readName = k; F.readMsg = message(e); }
        return undefined;
      }
    };
    const fn = (v) => (typeof v === "function" ? v : undefined);
    // An array or a function carries callbacks too (the runtime's type
    // check reads them): its fail names the type. A primitive carries none.
    const carrier = o !== undefined && (typeof o === "object" && o !== null || typeof o === "function");
    if (carrier || o === undefined) { F.success = fn(get("success")); F.fail = fn(get("fail")); F.complete = fn(get("complete")); }
    if (o !== undefined && typeName(o) !== "Object") { F.argType = typeName(o); return F; }
    const url = get("url"), data = get("data"), header = get("header"), method = get("method");
    const dataType = get("dataType"), responseType = get("responseType"), timeout = get("timeout");
    F.chunked = get("enableChunked") === true;
    F.cache = get("enableCache") === true;
    F.noProfile = get("enableProfile") === false;
    F.manual = get("redirect") === "manual";
    const ignored = [];
    for (const k of REQUEST_IGNORED) { const v = get(k); if (v !== undefined && v !== false) ignored.push(k); }
    F.ignored = ignored.join("\n");
    F.urlType = typeName(url);
    if (F.urlType === "String") {
      try { F.url = String(url); } catch (e) { if (F.readName === "") { F.readName = "url"; F.readMsg = message(e); } }
    }
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
    return F;
  };

  // The options a browser cannot honour: accepted, and warned about once
  // each by Go (README's table of differences).
  const REQUEST_IGNORED = ["enableHttp2", "enableQuic", "enableHttpDNS", "httpDNSServiceId", "forceCellularNetwork",
    "useHighPerformanceMode"];

  function readHeader(F, h) {
    const out = Object.create(null), names = []; // a "__proto__" key is a header
    let ct = null;
    if (h !== undefined && typeName(h) !== "Object") F.headerOK = false;
    else if (h !== undefined) {
      let keys = [];
      try { keys = Object.keys(h); } catch (e) { keys = []; }
      for (let k of keys) {
        let v;
        try { v = h[k]; } catch (e) { continue; }
        v = typeof v === "string" ? v : typeof v === "number" ? String(v) : "[object " + typeName(v) + "]";
        if (k.toLowerCase() === "content-type") {
          if (ct !== null) { out[ct] = v; continue; }
          k = ct = "content-type";
        }
        if (!own(out, k)) names.push(k);
        out[k] = v;
      }
    }
    if (ct === null) { out["content-type"] = "application/json"; names.push("content-type"); }
    F.header = out;
    F.contentType = out["content-type"];
    F.headerNames = names.join("\n");
  }

  // newRequest makes the task of one plan (request.go's requestPlan), with
  // the data, header and callbacks of its facts F, and admits it a few
  // microtasks later. The body is made here, on the page's values, the
  // way Go chose (body, query).
  glue.newRequest = function (F, url, method, body, query, flags, timeout, max) {
    const R = {
      state: RQ.made, aborted: false, url, method, header: F.header, body: undefined, flags, timeout, max,
      s: F.success, f: F.fail, c: F.complete, on: [[], [], []], ctl: null, timer: 0, due: 0, fetchURL: "", prep: "",
      hops: 0, times: { invoke: performance.now(), send: 0, fetch: 0, head: 0, end: 0, bytes: 0 },
    };
    try {
      R.body = makeBody(F.data, body);
      if (query) R.url = mergeQuery(url, F.data);
    } catch (e) {
      R.prep = message(e); // a toJSON that threw the second time: the fail says so
    }
    requests.open++;
    queueMicrotask(() => admitRequest(R));
    return newTask(R, flags);
  };

  glue.consoleError = function (msg) {
    try { apply(consoleError, konsole, [msg]); } catch (e) { /* nowhere to say it */ }
  };
  // requestsOpen: the tasks not yet ended (the test build's wxshim.debug).
  glue.requestsOpen = () => requests.open;

  function admitRequest(R) {
    if (R.aborted) { endRequest(R, false, failRes(R, str.requestAbort, 0)); return; }
    if (requests.inFlight >= MAX_IN_FLIGHT) {
      R.state = RQ.queued;
      requests.waiting.push(R);
      return;
    }
    sendRequest(R);
  }

  // pumpRequests sends the oldest queued tasks while there is room.
  function pumpRequests() {
    while (requests.inFlight < MAX_IN_FLIGHT && requests.waiting.length > 0) sendRequest(requests.waiting.shift());
  }

  // send takes R out of the queue: Go checks its URL against the domain
  // list and says where it goes; then the timer starts and the request.
  function sendRequest(R) {
    R.state = RQ.sent;
    requests.inFlight++;
    R.times.send = performance.now();
    if (R.prep !== "") { endRequest(R, false, failRes(R, str.requestFail + R.prep, ERRNO.network)); return; }
    const v = bridge.requestSend(R.url);
    if (typeof v !== "string" && (typeof v !== "object" || v === null)) {
      // Go reported an internal error (its recover boundary): the task fails, the queue goes on.
      endRequest(R, false, failRes(R, str.requestFail + "internal error", ERRNO.network));
      return;
    }
    if (typeof v.errMsg === "string") { endRequest(R, false, v); return; }
    armRequest(R);
    if (typeof v === "string") pageFetch(R, v);
    else relayFetch(R, v.url, relaySettings(v.follow));
  }

  // armRequest starts R's timeout: however long (chained timers, as for a
  // connect's), then the fetch is cancelled and the task fails "timeout".
  function armRequest(R) {
    R.due = performance.now() + R.timeout;
    const arm = () => {
      const left = R.due - performance.now();
      if (left > MAX_TIMER) { R.timer = setTimeout(arm, MAX_TIMER); return; }
      R.timer = setTimeout(() => {
        if (R.state !== RQ.sent) return;
        cancelRequest(R);
        endRequest(R, false, failRes(R, str.requestTimeout, ERRNO.timeout));
      }, Math.max(0, left));
    };
    arm();
  }

  // cancel stops R's request, if it has one in flight.
  function cancelRequest(R) {
    const ctl = R.ctl;
    R.ctl = null;
    if (ctl !== null) { try { ctl.abort(); } catch (e) { /* */ } }
  }

  // end is R's one end: its slot goes to the oldest queued task (in a
  // microtask, after these callbacks), its listeners go, and success or
  // fail, then complete, run with res.
  function endRequest(R, ok, res) {
    if (R.state === RQ.done) return;
    const wasSent = R.state === RQ.sent;
    R.state = RQ.done;
    clearTimeout(R.timer);
    R.on = null;
    requests.open--;
    if (wasSent) {
      requests.inFlight--;
      queueMicrotask(pumpRequests);
    }
    finish("wx.request", R.s, R.f, R.c, ok, res, false);
  }

  // failRes is a fail's result: {errMsg}, and errno from 2.24.0 when the
  // spec gives one (0: none, as for abort).
  function failRes(R, msg, errno) {
    return (R.flags & RF.errno) !== 0 && errno !== 0 ? { errMsg: msg, errno } : { errMsg: msg };
  }

  // abort (NETWORK.md section 1): a task not yet sent fails without
  // touching the network, one in flight is cancelled; either fails "abort"
  // after abort() has returned, never inside it. After the end, nothing.
  function abortRequest(R) {
    switch (R.state) {
      case RQ.made:
        R.aborted = true; // admit fails it
        return;
      case RQ.queued: {
        const i = requests.waiting.indexOf(R);
        if (i >= 0) requests.waiting.splice(i, 1);
        R.state = RQ.made; // out of the queue, never sent
        R.aborted = true;
        queueMicrotask(() => endRequest(R, false, failRes(R, str.requestAbort, 0)));
        return;
      }
      case RQ.sent:
        cancelRequest(R);
        R.aborted = true;
        queueMicrotask(() => endRequest(R, false, failRes(R, str.requestAbort, 0)));
    }
  }

  // ---- RequestTask: methods by version (below its version a method is
  // absent; the flags say which), listeners in sets. ----
  class RequestTask {}
  const taskRecord = new WeakMap(); // task -> R
  const LISTEN = ["HeadersReceived", "ChunkReceived", "ProgressUpdate"];
  const LISTEN_FLAGS = [RF.headers, RF.chunks, RF.progress];
  const TASK_METHOD_NAMES = ["abort"];
  for (const n of LISTEN) TASK_METHOD_NAMES.push("on" + n, "off" + n);
  const taskProtos = new Map(); // the method flags -> the prototype with those methods

  function newTask(R, flags) {
    const mask = flags & (RF.abort | RF.headers | RF.chunks | RF.progress);
    let proto = taskProtos.get(mask);
    if (proto === undefined) {
      proto = Object.create(RequestTask.prototype);
      if (mask & RF.abort) def(proto, "abort", function abort() { const R = taskRecord.get(this); if (R) abortRequest(R); });
      LISTEN.forEach((n, kind) => {
        if (!(mask & LISTEN_FLAGS[kind])) return;
        def(proto, "on" + n, function (cb) { const R = taskRecord.get(this); if (R) listenRequest(R, kind, cb, "RequestTask.on" + n); });
        def(proto, "off" + n, function (cb) { const R = taskRecord.get(this); if (R) unlistenRequest(R, kind, cb); });
      });
      taskProtos.set(mask, proto);
    }
    const t = Object.create(proto);
    taskRecord.set(t, R);
    return t;
  }
  function def(o, k, fn) { Object.defineProperty(o, k, { value: fn, writable: true, configurable: true }); }

  // A listener set: the same function twice is called once; a non-function
  // is refused with a console error, as the runtime's emitter does. After
  // the end the set is gone and nothing is added.
  function listenRequest(R, kind, cb, where) {
    if (typeof cb !== "function") {
      glue.consoleError(where + ": the callback must be a function (it is ignored)");
      return;
    }
    if (R.on !== null && !R.on[kind].includes(cb)) R.on[kind].push(cb);
  }
  // off(fn) removes fn; off() or off(non-function) removes all.
  function unlistenRequest(R, kind, cb) {
    if (R.on === null) return;
    if (typeof cb !== "function") { R.on[kind].length = 0; return; }
    const i = R.on[kind].indexOf(cb);
    if (i >= 0) R.on[kind].splice(i, 1);
  }
  // emitRequest calls R's listeners of kind with res, those there when it
  // starts; one that ends the task (abort) stops the rest.
  function emitRequest(R, kind, res) {
    if (R.on === null) return;
    const L = R.on[kind].slice();
    for (const fn of L) {
      if (R.on === null) return;
      call1(fn, res, "RequestTask.on" + LISTEN[kind]);
    }
  }

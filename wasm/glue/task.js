  // ---- The task base wx.request, wx.downloadFile and wx.uploadFile share
  // (NETWORK.md section 1). Go makes every synchronous decision and hands
  // over a plan; from then on a task lives here alone: its record R, its
  // listener sets, its API's queue of 10, the timer, the transfer (fetch.js,
  // relayhttp.js, transfer.js) and its end. When the task leaves the queue,
  // Go's verdict on where it goes (the domain check of its API's list,
  // rewrites, the relay), made at the call, stands if no setting changed
  // since; else Go is asked again (requestSend). A body never crosses into
  // Go. ----
  const RF = CONTRACT.requestFlags, ERRNO = CONTRACT.errno;
  const MAX_IN_FLIGHT = 10; // per API, the runtime's pool (NETWORK.md section 1)
  // A record's states: made (admitted a few microtasks after the call, as
  // the runtime builds its request task), queued, sent (in flight), done.
  const RQ = { made: 0, queued: 1, sent: 2, done: 3 };

  // The task classes; a task's methods are on a prototype per class and
  // per set of methods its version has (apiOf's protos).
  class RequestTask {}
  class DownloadTask {}
  class UploadTask {}

  // HTTP_APIS: one entry per API: its name (errMsg's and glueStrings'
  // prefix), its index in Go's domain lists (CONTRACT.apis), its class,
  // its queue of 10 and the tasks not yet ended. send(R, v) starts R's
  // transfer once Go said where (v: the URL, or the relay's verdict);
  // done(R, body, status, header) makes success's own fields of a body
  // read (fetch.js's received); progress names onProgressUpdate's two
  // byte counts (null: no progress events).
  const HTTP_APIS = [];
  function httpAPI(name, cls, send, done, progress) {
    const A = {
      name, index: CONTRACT.apis[name], where: "wx." + name, cls, send, done, progress,
      inFlight: 0, waiting: [], open: 0, protos: new Map(),
    };
    HTTP_APIS[A.index] = A;
    return A;
  }

  // msg is R's API's message of the given kind (errmsg.go's httpStrings):
  // its ":ok" message for "Ok"; else its ":fail " prefix, then the reason
  // of that kind ("Abort", "Timeout", "TooBig", "BeforeResponse", "SSL",
  // "BrokenOff", "NoFile"; none for "Fail"). A file API's "TooBig" is the
  // file's reason.
  function msg(R, kind) {
    const A = R.api;
    if (kind === "Ok") return str[A.name + "Ok"];
    if (kind === "TooBig" && A !== REQUEST) kind = "FileTooBig";
    return str[A.name + "Fail"] + (kind === "Fail" ? "" : str[kind]);
  }

  // httpCall is an API call: Go's, once Go is there; before, a stand-in
  // task that records the calls made on it and replays them, in order, on
  // the task Go makes (on none if the call failed).
  function httpCall(A, o) {
    if (bridge !== null) return settle(bridge[A.name](o));
    if (startFailure !== "") { failNow(A.name, A.where, o, false); return undefined; }
    const entry = { task: null, done: false, calls: [] };
    queue.push({
      run() {
        const t = settle(bridge[A.name](o));
        entry.task = t === undefined || t === null ? null : t;
        entry.done = true;
        for (const [m, a] of entry.calls.splice(0)) if (entry.task !== null && typeof entry.task[m] === "function") entry.task[m](a);
      },
      fail() { entry.done = true; failNow(A.name, A.where, o, false); },
    });
    const t = Object.create(A.cls.prototype);
    for (const m of TASK_METHOD_NAMES) {
      Object.defineProperty(t, m, {
        value(a) {
          if (entry.task !== null) { if (typeof entry.task[m] === "function") entry.task[m](a); } else if (!entry.done) entry.calls.push([m, a]);
        },
      });
    }
    return t;
  }

  // newRecord is the record of one task of A, from Go's plan and the
  // facts F the glue read (header, callbacks).
  function newRecord(A, F, url, method, flags, timeout, max, verdict) {
    return {
      api: A, state: RQ.made, aborted: false, url, method, header: F.header, body: undefined, flags, timeout, max,
      verdict, gen: settingsGen, // Go's verdict made at the call, and the settings it was made on
      s: F.success, f: F.fail, c: F.complete, on: [[], [], []], ctl: null, timer: 0, due: 0, fetchURL: "", prep: null,
      hops: 0, times: { invoke: performance.now(), send: 0, fetch: 0, head: 0, end: 0, bytes: 0 },
      sent: -1, // the last progress percent given (at most one event per percent)
    };
  }

  // startTask admits R a few microtasks after the call, as the runtime
  // builds its task, and returns R's task.
  function startTask(R) {
    R.api.open++;
    queueMicrotask(() => admitTask(R));
    return newTask(R);
  }

  // requestsOpen: the tasks not yet ended (the test build's wxshim.debug).
  glue.requestsOpen = () => HTTP_APIS.reduce((n, A) => n + A.open, 0);
  glue.consoleError = function (m) {
    try { apply(consoleError, konsole, [m]); } catch (e) { /* nowhere to say it */ }
  };

  function admitTask(R) {
    if (R.aborted) { endTask(R, false, failRes(R, msg(R, "Abort"), 0)); return; }
    if (R.api.inFlight >= MAX_IN_FLIGHT) {
      R.state = RQ.queued;
      R.api.waiting.push(R);
      return;
    }
    sendTask(R);
  }

  // pumpTasks sends A's oldest queued tasks while there is room.
  function pumpTasks(A) {
    while (A.inFlight < MAX_IN_FLIGHT && A.waiting.length > 0) sendTask(A.waiting.shift());
  }

  // sendTask takes R out of the queue: a failure found before (R.prep)
  // ends it there; else Go checks its URL against its API's domain list
  // and says where it goes; then the timer starts, and the transfer.
  function sendTask(R) {
    R.state = RQ.sent;
    R.api.inFlight++;
    R.times.send = performance.now();
    if (R.prep !== null) { endTask(R, false, failRes(R, R.prep[0], R.prep[1])); return; }
    // Go's verdict made at the call stands while no setting changed (it
    // reads nothing else): the send then costs no call into Go.
    const v = verdictURL(R.verdict !== null && R.gen === settingsGen ? R.verdict : bridge.requestSend(R.url, R.api.index), R.url);
    R.verdict = null;
    if (typeof v !== "string" && (typeof v !== "object" || v === null)) {
      // Go reported an internal error (its recover boundary): the task fails, the queue goes on.
      endTask(R, false, failRes(R, msg(R, "Fail") + "internal error", ERRNO.network));
      return;
    }
    if (isFail(v)) { endTask(R, false, v); return; }
    armTask(R);
    R.api.send(R, v);
  }
  // verdictURL is Go's verdict v for url (contract.go's sendVerdict) with
  // true, "url as it is" (alone, or as the relay verdict's url), written
  // out.
  function verdictURL(v, url) {
    if (v === true) return url;
    if (typeof v === "object" && v !== null && v.url === true) v.url = url;
    return v;
  }
  function isFail(v) { return typeof v === "object" && v !== null && typeof v.errMsg === "string"; }

  // armTask starts R's timeout: however long (chained timers, as for a
  // connect's), then the transfer is cancelled and the task fails "timeout".
  function armTask(R) {
    R.due = performance.now() + R.timeout;
    const arm = () => {
      const left = R.due - performance.now();
      if (left > MAX_TIMER) { R.timer = setTimeout(arm, MAX_TIMER); return; }
      R.timer = setTimeout(() => {
        if (R.state !== RQ.sent) return;
        cancelTask(R);
        endTask(R, false, failRes(R, msg(R, "Timeout"), ERRNO.timeout));
      }, Math.max(0, left));
    };
    arm();
  }

  // cancelTask stops R's transfer, if it has one in flight (R.ctl: an
  // AbortController, or anything with abort()).
  function cancelTask(R) {
    const ctl = R.ctl;
    R.ctl = null;
    if (ctl !== null) { try { ctl.abort(); } catch (e) { /* */ } }
  }

  // endTask is R's one end: its slot goes to the oldest queued task of its
  // API (in a microtask, after these callbacks), its listeners go, and
  // success or fail, then complete, run with res.
  function endTask(R, ok, res) {
    if (R.state === RQ.done) return;
    const wasSent = R.state === RQ.sent, A = R.api;
    R.state = RQ.done;
    clearTimeout(R.timer);
    R.on = null;
    A.open--;
    if (wasSent) {
      A.inFlight--;
      queueMicrotask(() => pumpTasks(A));
    }
    finish(A.where, R.s, R.f, R.c, ok, res, false);
  }

  // failRes is a fail's result: {errMsg}, and errno from 2.24.0 when the
  // spec gives one (0: none, as for abort).
  function failRes(R, m, errno) {
    return (R.flags & RF.errno) !== 0 && errno !== 0 ? { errMsg: m, errno } : { errMsg: m };
  }

  // failTask ends R, in flight, with a network failure of kind (msg's).
  function failTask(R, kind, more) {
    R.ctl = null;
    endTask(R, false, failRes(R, msg(R, kind) + more, ERRNO.network));
  }

  // abortTask (NETWORK.md section 1): a task not yet sent fails without
  // touching the network, one in flight is cancelled; either fails "abort"
  // after abort() has returned, never inside it. After the end, nothing.
  function abortTask(R) {
    switch (R.state) {
      case RQ.made:
        R.aborted = true; // admit fails it
        return;
      case RQ.queued: {
        const i = R.api.waiting.indexOf(R);
        if (i >= 0) R.api.waiting.splice(i, 1);
        R.state = RQ.made; // out of the queue, never sent
        R.aborted = true;
        queueMicrotask(() => endTask(R, false, failRes(R, msg(R, "Abort"), 0)));
        return;
      }
      case RQ.sent:
        cancelTask(R);
        R.aborted = true;
        queueMicrotask(() => endTask(R, false, failRes(R, msg(R, "Abort"), 0)));
    }
  }

  // ---- The tasks' methods by version (below its version a method is
  // absent; the flags say which), listeners in sets. ----
  const taskRecord = new WeakMap(); // task -> R
  const LISTEN = ["HeadersReceived", "ChunkReceived", "ProgressUpdate"];
  const LISTEN_ON = [RF.headers, RF.chunks, RF.progress];
  const LISTEN_OFF = [RF.headers, RF.chunks, RF.offProgress];
  const TASK_METHOD_NAMES = ["abort"];
  for (const n of LISTEN) TASK_METHOD_NAMES.push("on" + n, "off" + n);
  const METHOD_FLAGS = RF.abort | RF.headers | RF.chunks | RF.progress | RF.offProgress;

  function newTask(R) {
    const A = R.api, mask = R.flags & METHOD_FLAGS, cls = A.cls.name;
    let proto = A.protos.get(mask);
    if (proto === undefined) {
      proto = Object.create(A.cls.prototype);
      if (mask & RF.abort) def(proto, "abort", function abort() { const r = taskRecord.get(this); if (r) abortTask(r); });
      LISTEN.forEach((n, kind) => {
        if (mask & LISTEN_ON[kind]) def(proto, "on" + n, function (cb) { const r = taskRecord.get(this); if (r) listenTask(r, kind, cb, cls + ".on" + n); });
        if (mask & LISTEN_OFF[kind]) def(proto, "off" + n, function (cb) { const r = taskRecord.get(this); if (r) unlistenTask(r, kind, cb); });
      });
      A.protos.set(mask, proto);
    }
    const t = Object.create(proto);
    taskRecord.set(t, R);
    return t;
  }
  function def(o, k, fn) { Object.defineProperty(o, k, { value: fn, writable: true, configurable: true }); }

  // A listener set: the same function twice is called once; a non-function
  // is refused with a console error, as the runtime's emitter does. After
  // the end the set is gone and nothing is added.
  function listenTask(R, kind, cb, where) {
    if (typeof cb !== "function") {
      glue.consoleError(where + ": the callback must be a function (it is ignored)");
      return;
    }
    if (R.on !== null && !R.on[kind].includes(cb)) R.on[kind].push(cb);
  }
  // off(fn) removes fn; off() or off(non-function) removes all.
  function unlistenTask(R, kind, cb) {
    if (R.on === null) return;
    if (typeof cb !== "function") { R.on[kind].length = 0; return; }
    const i = R.on[kind].indexOf(cb);
    if (i >= 0) R.on[kind].splice(i, 1);
  }
  // emit calls R's listeners of kind with res, those there when it
  // starts; one that ends the task (abort) stops the rest.
  function emitTask(R, kind, res) {
    if (R.on === null) return;
    const L = R.on[kind].slice();
    for (const fn of L) {
      if (R.on === null) return;
      call1(fn, res, R.api.cls.name + ".on" + LISTEN[kind]);
    }
  }

  // progress gives R's onProgressUpdate listeners n bytes of total (0:
  // not known) under the names of its API, at most once per percent; with
  // no total known, progress is 0 and each call gives one (choice).
  function progressTask(R, n, total, names) {
    if (R.on === null || R.on[2].length === 0) return;
    const p = total > 0 ? Math.min(100, Math.floor((n * 100) / total)) : 0;
    if (total > 0 && p === R.sent) return;
    R.sent = p;
    emitTask(R, 2, { progress: p, [names[0]]: n, [names[1]]: total });
  }

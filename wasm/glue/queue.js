  // ---- Calls made before Go is ready: kept in order, carried out when it
  // is. Each entry has run() (once Go is there) and fail() (if it never is). ----
  const queue = [];

  // whenReady queues run and returns a Promise of its result (or of
  // failWith's, or startFailure's, if Go never starts).
  function whenReady(run, failWith) {
    let settle;
    const p = new Promise((ok, bad) => { settle = [ok, bad]; });
    queue.push({
      run() {
        const r = run();
        if (r && typeof r.then === "function") r.then(settle[0], settle[1]);
        else settle[0](r);
      },
      fail() { settle[1](failWith ? failWith() : new Error("wxshim could not start: " + startFailure)); },
    });
    return p;
  }

  // earlyTask stands in for a SocketTask until connectSocket has really run:
  // it records calls, then forwards them and every later one. If the
  // connect failed, it reads CLOSED and its methods fail as a closed task's.
  function earlyTask(entry) {
    const calls = [];
    const t = {
      get readyState() { return entry.task !== null ? entry.task.readyState : entry.done ? ST.closed : ST.connecting; },
    };
    Object.setPrototypeOf(t, SocketTask.prototype);
    for (const m of ["send", "close", "onOpen", "onMessage", "onError", "onClose"]) {
      Object.defineProperty(t, m, {
        value(o) {
          if (entry.task !== null) return entry.task[m](o);
          if (entry.done) return dead(m, o);
          calls.push([m, o]);
          return undefined;
        },
      });
    }
    entry.flush = () => {
      for (const [m, o] of calls) { if (entry.task !== null) entry.task[m](o); else dead(m, o); }
      calls.length = 0;
    };
    return t;
  }

  // dead is a method of a task whose connectSocket failed.
  function dead(m, o) {
    if (m !== "send" && m !== "close") return undefined;
    const cb = callbacksOf(o);
    const where = m === "send" ? "SocketTask.send" : "SocketTask.close";
    const msg = startFailure !== "" ? startFailMsg(m === "send" ? "sendSocketMessage" : "closeSocket") :
      m === "send" ? str.sendNotOpen : str.closeNoTask;
    finish(where, cb.s, cb.f, cb.c, false, { errMsg: msg }, false);
    return undefined;
  }

  // startFailMsg is the errMsg of every call when the Go half could not
  // start (Go never ran, so this is the one errMsg written here).
  function startFailMsg(api) { return api + ":fail wxshim could not start: " + startFailure; }

  function failNow(api, where, o, promise) {
    const cb = callbacksOf(o);
    return finish(where, cb.s, cb.f, cb.c, false, { errMsg: startFailMsg(api) }, promise);
  }

  // early queues a send or close made before Go is ready. It returns what
  // the same call returns once ready: a Promise from 2.10.2 when no callback
  // is given (the one promise gate, on the one parsed version), else undefined.
  // The decision is made once, here, and the queued call keeps to it.
  function early(api, where, o, run) {
    const promise = promises();
    if (startFailure !== "") return failNow(api, where, o, promise);
    const cb = callbacksOf(o);
    if (promise && typeof cb.s !== "function" && typeof cb.f !== "function" && typeof cb.c !== "function") {
      return whenReady(() => run(true), () => ({ errMsg: startFailMsg(api) }));
    }
    queue.push({ run: () => run(false), fail: () => failNow(api, where, o, false) });
    return undefined;
  }

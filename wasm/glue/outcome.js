  // An Outcome is the result of one API call: the callbacks it owes, with
  // res, and the value the page gets after them (the SocketTask). Go's API
  // functions return one, and so the callbacks run here, after Go has
  // returned: a callback that calls the API again (a reconnect loop in
  // fail, synchronous as on a phone) nests JavaScript frames only. Run from
  // inside Go, each try nested a JS->Go->JS round, and the wasm stack
  // overflowed at depth 376: the Go runtime was gone for the page's life.
  class Outcome {
    constructor(where, s, f, c, ok, res, promise, value) {
      this.where = where; this.s = s; this.f = f; this.c = c;
      this.ok = ok; this.res = res; this.promise = promise; this.value = value;
    }
  }

  // settle runs what r owes: success or fail, then complete, and returns
  // r's value; or, when promise is set and no callback was given, returns a
  // Promise instead and calls nothing. Anything else is returned as it is.
  // The one place an API call's callbacks run. It has its own try blocks and
  // is called straight from the API functions: each frame between a
  // callback and the next call is one level less for a page's loop.
  function settle(r) {
    if (!(r instanceof Outcome)) return r;
    const fs = typeof r.s === "function", ff = typeof r.f === "function", fc = typeof r.c === "function";
    if (r.promise && !fs && !ff && !fc) return r.ok ? Promise.resolve(r.res) : Promise.reject(r.res);
    if (r.ok ? fs : ff) {
      try { (r.ok ? r.s : r.f)(r.res); } catch (e) { fault(r.where + (r.ok ? " success callback" : " fail callback"), e); }
    }
    if (fc) {
      try { r.c(r.res); } catch (e) { fault(r.where + " complete callback", e); }
    }
    return r.value;
  }

  // finish is settle for the calls the glue answers alone (sends, and
  // calls made when Go could not start).
  function finish(where, s, f, c, ok, res, promise) {
    return settle(new Outcome(where, s, f, c, ok, res, promise, undefined));
  }

  // callbacksOf reads success/fail/complete once; a getter that throws is
  // returned as err.
  function callbacksOf(o) {
    const cb = { s: undefined, f: undefined, c: undefined, err: undefined };
    if (o !== undefined && o !== null) {
      try { cb.s = o.success; cb.f = o.fail; cb.c = o.complete; } catch (e) { cb.err = e; }
    }
    return cb;
  }

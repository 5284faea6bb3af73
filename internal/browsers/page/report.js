// report.js: the page's side of the channel to the Go process that started
// the browser. Everything goes out over HTTP POST, in order, one request at
// a time; nothing is read back but the acknowledgement.
"use strict";

const wxReport = (() => {
  let queue = [];  // [stream, text] not sent yet
  let sending = Promise.resolve();
  let timer = 0;

  function post(path, body) {
    return fetch(path, { method: "POST", body: JSON.stringify(body) }).then((r) => {
      if (!r.ok) throw new Error(path + ": " + r.status);
    });
  }

  // flush sends what is queued, after what was sent before.
  function flush() {
    timer = 0;
    if (queue.length === 0) return sending;
    const batch = queue;
    queue = [];
    sending = sending.then(() => post("/out", batch));
    return sending;
  }

  return {
    // out queues text on stream (1 stdout, 2 stderr) and sends it soon.
    out(stream, text) {
      if (text === "") return;
      queue.push([stream, text]);
      if (!timer) timer = setTimeout(flush, 20);
    },
    // done sends what is left, then the result, and settles when the Go side has both.
    done(body) {
      clearTimeout(timer);
      return flush().then(() => post("/done", body));
    },
    post,
  };
})();

addEventListener("error", (e) => wxReport.out(2, "page error: " + (e.error && e.error.stack || e.message) + "\n"));
addEventListener("unhandledrejection", (e) => wxReport.out(2, "unhandled rejection: " + (e.reason && e.reason.stack || e.reason) + "\n"));

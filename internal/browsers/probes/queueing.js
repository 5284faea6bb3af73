// Whether a handshake waits for another one to the same host to finish:
// two sockets to /hang (never answered), then one to /echo on the same
// host:port. Chromium opens one WebSocket handshake at a time per host.
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const hangs = [new WebSocket(ECHO + "/hang"), new WebSocket(ECHO + "/hang")];
await sleep(100);
const t0 = performance.now();
const ws = new WebSocket(ECHO + "/echo");
const r = await new Promise((ok) => {
  ws.onopen = () => ok("opened after " + Math.round(performance.now() - t0) + " ms");
  ws.onerror = () => ok("error");
  setTimeout(() => ok("not open after 3000 ms (queued behind the pending handshakes)"), 3000);
});
const t1 = performance.now();
hangs.forEach((h) => h.close());
const after = ws.readyState === 1 ? "" : await new Promise((ok) => {
  ws.onopen = () => ok("opened " + Math.round(performance.now() - t1) + " ms after the pending ones were closed");
  setTimeout(() => ok("still not open 3 s after"), 3000);
});
ws.close();
return [r, after].filter(Boolean);

// Whether a handshake the page gave up on (close() while CONNECTING, the
// server silent) still holds a connection: eight times, a handshake to
// /hang is aborted after 200 ms, then a socket to /echo on the same
// host:port must open. Firefox keeps each aborted connection until the
// server answers, and opens at most 6 per server.
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const tryOpen = async () => {
  const t0 = performance.now(), ws = new WebSocket(ECHO + "/echo");
  const r = await new Promise((ok) => { ws.onopen = () => ok(Math.round(performance.now() - t0) + "ms"); ws.onerror = () => ok("error"); setTimeout(() => ok("> 2000"), 2000); });
  ws.close(); return r;
};
const out = [];
for (let i = 1; i <= 8; i++) {
  const h = new WebSocket(ECHO + "/hang?ms=60000");
  await sleep(200);
  h.close();
  await sleep(100);
  out.push(i + " aborted: open " + await tryOpen());
}

return out;

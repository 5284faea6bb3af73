// How long a handshake to a host:port takes after earlier ones to it
// failed: RFC 6455 section 7.2.3 asks clients to back off after abnormal
// closures, and Firefox does (network.websocket.delay-failed-reconnects).
// Each figure: ms from the constructor to open (or to close, for a refused
// handshake); "> 5000" when nothing came in 5 s.
const within = (ws, ev) => new Promise((ok) => {
  const t0 = performance.now();
  const t = setTimeout(() => { ok("> 5000"); ws.close(); }, 5000);
  ws.addEventListener(ev, () => { clearTimeout(t); ok(Math.round(performance.now() - t0)); if (ev === "open") ws.close(); });
});
const open = () => within(new WebSocket(ECHO + "/echo"), "open");
const refuse = () => within(new WebSocket(ECHO + "/refuse?status=403"), "close");
const out = { "open, no failure before": await open() };
const refused = [];
for (let i = 0; i < 6; i++) refused.push(await refuse());
out["6 refused handshakes in a row, each"] = refused;
out["open after them"] = await open();
out["open again"] = await open();
return out;

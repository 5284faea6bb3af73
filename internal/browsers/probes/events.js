// The events a socket fires when a handshake is refused, when TLS fails,
// when it is closed before it opens, when the server closes it with a code,
// when the connection drops; what the server saw of the client's close; the
// messages of close() and send() misuse.
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const plainPort = new URL(PLAIN_ECHO).port;
let n = 0;

// watch opens url, runs then(ws) right after the constructor, and records
// every event until close (or 5 s): {events: [[type], [close, code,
// reason, wasClean], ...]}.
async function watch(url, then) {
  const ws = new WebSocket(url);
  const events = [];
  const log = (e) => events.push(e.type === "close" ? [e.type, e.code, e.reason, e.wasClean] : [e.type]);
  ws.onopen = log;
  ws.onerror = log;
  ws.onmessage = (e) => events.push(["message", String(e.data).slice(0, 40)]);
  let timer;
  const closed = new Promise((ok) => {
    ws.onclose = (e) => { log(e); ok(); };
    timer = setTimeout(() => { events.push(["no close after 5 s"]); ok(); }, 5000);
  });
  if (then) {
    try { await then(ws); } catch (e) { events.push(["threw " + e.name + ": " + e.message]); }
  }
  await closed;
  clearTimeout(timer);
  return { events };
}

async function serverSaw(id) {
  for (let i = 0; i < 100; i++) {
    const r = await (await fetch(ORIGIN + "/closed?id=" + id)).json();
    if (r.seen) return "close frame " + r.code + (r.reason ? " " + JSON.stringify(r.reason) : "");
    await sleep(20);
  }
  return "no close frame";
}

const out = {};
out["refused handshake 403"] = await watch(ECHO + "/refuse?status=403");
out["refused handshake 500"] = await watch(ECHO + "/refuse?status=500");
out["TLS failure (certificate not trusted)"] = await watch(UNTRUSTED + "/echo");
out["TLS to a plain-http port"] = await watch("wss://127.0.0.1:" + plainPort + "/echo");
out["connection refused (closed port 2)"] = await watch("wss://127.0.0.1:2/");
out["close() before open"] = await watch(ECHO + "/echo?id=cbo1", (ws) => ws.close());
out["close() before open: what the server saw"] = await serverSaw("cbo1");
out["close(3001, 'x') before open"] = await watch(ECHO + "/echo?id=cbo2", (ws) => ws.close(3001, "x"));
out["close() during a handshake never answered (/hang)"] = await watch(ECHO + "/hang", async (ws) => { await sleep(300); ws.close(); });
for (const code of [1000, 1001, 1008, 1011, 3000, 4999]) {
  out["server closes with " + code] = await watch(ECHO + "/closeafteropen?code=" + code + "&reason=why+" + code);
}
out["TCP dropped mid-message (/drop)"] = await watch(ECHO + "/drop");
for (const [name, args] of [["close(3001, 'done')", [3001, "done"]], ["close()", []], ["close(1000)", [1000]]]) {
  const id = "cc" + (++n);
  out["client " + name + " after open"] = await watch(ECHO + "/echo?id=" + id, async (ws) => { await new Promise((r) => ws.addEventListener("open", r)); ws.close(...args); });
  out["client " + name + ": what the server saw"] = await serverSaw(id);
}
const ws = new WebSocket(ECHO + "/echo");
for (const [name, f] of [
  ["send() while CONNECTING", () => ws.send("x")],
  ["close(999)", () => ws.close(999)],
  ["close(1005)", () => ws.close(1005)],
  ["close(5000)", () => ws.close(5000)],
  ["close(1000, 124-byte reason)", () => ws.close(1000, "x".repeat(124))],
  ["close(3000, lone surrogate)", () => ws.close(3000, "\ud800")],
]) {
  try { f(); out[name] = "no error"; } catch (e) { out[name] = { threw: { name: e.name, message: e.message } }; }
}
ws.close();
await new Promise((r) => { ws.onclose = r; setTimeout(r, 3000); });
const ws2 = new WebSocket(ECHO + "/echo");
await new Promise((r) => { ws2.onopen = r; });
ws2.close();
try { ws2.send("after close"); out["send() after close()"] = "no error, bufferedAmount " + ws2.bufferedAmount; } catch (e) { out["send() after close()"] = { threw: { name: e.name, message: e.message } }; }
out["binaryType default"] = ws2.binaryType;
return out;

// What the WebSocket constructor does with each input: the exception it
// throws (name, message, code), or the events the socket then fires.
// Run on an https page (the default) and on an http page (-http).
const port = new URL(ECHO).port, plainPort = new URL(PLAIN_ECHO).port;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function attempt(args) {
  let ws;
  try {
    ws = new WebSocket(...args);
  } catch (e) {
    return { threw: { name: e.name, message: e.message, code: e.code } };
  }
  const t0 = performance.now(), events = [];
  const log = (e) => events.push([e.type, e.code, e.reason, e.wasClean, Math.round(performance.now() - t0)].filter((x) => x !== undefined));
  ws.onopen = (e) => { log(e); ws.close(1000); };
  ws.onerror = log;
  await new Promise((ok) => { ws.onclose = (e) => { log(e); ok(); }; setTimeout(ok, 4000); });
  return { constructed: { url: ws.url.length > 80 ? ws.url.slice(0, 40) + "...(" + ws.url.length + " chars)" : ws.url, protocol: ws.protocol }, events };
}

const echo = ECHO + "/echo";
const cases = {
  "invalid URL: wss://": ["wss://"],
  "invalid URL: not a url": ["not a url"],
  "invalid URL: port 99999": ["wss://127.0.0.1:99999/echo"],
  "invalid URL: 1 MiB path": ["wss://x.test/" + "a".repeat(1 << 20)],
  "bad scheme: ftp": ["ftp://127.0.0.1:" + port + "/echo"],
  "bad scheme: file": ["file:///echo"],
  "bad scheme: javascript": ["javascript:alert(1)"],
  "https scheme (converted to wss)": [ORIGIN + "/echo"],
  "http scheme (converted to ws)": [PLAIN_ORIGIN + "/echo"],
  "fragment #frag": [echo + "#frag"],
  "empty fragment #": [echo + "#"],
  "subprotocol 'a b'": [echo, ["a b"]],
  "subprotocol ''": [echo, [""]],
  "subprotocol 'é'": [echo, ["é"]],
  "subprotocol 'a,b'": [echo, ["a,b"]],
  "subprotocol Symbol()": [echo, [Symbol()]],
  "duplicate subprotocols a, a": [echo, ["a", "a"]],
  "duplicate subprotocols a, b, a": [echo, ["a", "b", "a"]],
  "subprotocols differing in case: a, A": [echo, ["a", "A"]],
  "subprotocol the server does not select: chat": [echo, ["chat"]],
  "blocked port 25 (wss)": ["wss://127.0.0.1:25/"],
  "blocked port 6000 (ws)": ["ws://127.0.0.1:6000/"],
  "blocked port 10080 (wss)": ["wss://127.0.0.1:10080/"],
  "closed port 2 (wss)": ["wss://127.0.0.1:2/"],
  "ws://127.0.0.1 (mixed content on an https page)": [PLAIN_ECHO + "/echo"],
  "ws://localhost (mixed content on an https page)": ["ws://localhost:" + plainPort + "/echo"],
  "ws://good.example.com (mixed content on an https page)": ["ws://good.example.com:" + plainPort + "/echo"],
  "ws://[::1] (mixed content on an https page)": ["ws://[::1]:" + plainPort + "/echo"],
};
const out = { page: location.protocol };
for (const [name, args] of Object.entries(cases)) out[name] = await attempt(args);
return out;

// @group hostile use, second run
// What the second adversarial run (issue 19) broke. Each fix has rows that
// failed before it; the rows of relay URLs on this machine and of a trailing
// dot through the relay held before too, and guard the fixes from going too far
// (the trailing dot's map is relay/hostform_test.go's).
// @setup
wxshim.libVersion = "2.30.3";
// overflow is the name of the error this engine throws when the JavaScript
// stack runs out (RangeError; InternalError in Firefox).
const overflow = (() => { try { (function f() { f(); })(); } catch (e) { return e.name; } return ""; })();
// goAlive: a call that reaches Go answers as it should.
const goAlive = () => {
  let msg = "";
  try { wx.connectSocket({url: "nope", fail: (r) => { msg = r.errMsg; }}); } catch (e) { msg = String(e); }
  return msg;
};

// @test a reconnect loop in fail ({{2}}), {{1}} deep: JavaScript frames only, as deep as the stack allows (not 376), the overflow is the engine's own error, Go lives
// @each 5000 | invalid url
// @each 10000 | invalid url
// @each 5000 | max count
// @each 10000 | max count
// @each 5000 | connect in success at 1.6.0
// @want [true,true,"connectSocket:fail invalid url \"nope\"",true]
await sleep(0); // from a task of its own, as a page's loop starts
const N = {{1}}, kind = "{{2}}";
wxshim.urlCheck = false;
if (kind === "max count") {
  wxshim.maxConnections = 1;
  wx.connectSocket({url: ECHO + "/hang"});
}
if (kind === "connect in success at 1.6.0") wxshim.libVersion = "1.6.0";
let depth = 0, thrown = "", last = null;
function again() {
  const o = {url: kind === "invalid url" ? "not a url" : ECHO + "/hang"};
  o[kind.startsWith("connect in success") ? "success" : "fail"] = (r) => { last = r.errMsg; if (++depth < N) again(); };
  return wx.connectSocket(o);
}
let ret;
try { ret = again(); } catch (e) { thrown = String(e); }
await sleep(0); // an overflow is reported once the stack has unwound
const ended = depth === N || errors.some((e) => e.startsWith("thirdScriptError") && e.includes(overflow + ":"));
console.log("reconnect loop (" + kind + "), " + N + " asked: " + depth + " deep");
const wants = {"invalid url": 'connectSocket:fail invalid url "not a url"', "max count": "connectSocket:fail fail reach max websocket connect count 1"};
return [ended && thrown === "", depth >= 1000, goAlive(), last === (wants[kind] || "connectSocket:ok") && (kind !== "connect in success at 1.6.0" || typeof ret.onOpen === "function")];

// @test a page's own recursion that calls wx.connectSocket at every level ends with the engine's own error, caught by the page; Go lives
// @want [true,true,"connectSocket:fail invalid url \"nope\""]
await sleep(0);
wxshim.urlCheck = false;
let depth = 0, failed = 0;
function deeper() { depth++; wx.connectSocket({url: "not a url", fail() { failed++; }}); deeper(); }
let name = "";
try { deeper(); } catch (e) { name = e.name; }
console.log("page recursion calling connectSocket: " + depth + " deep");
return [name === overflow, failed >= depth - 1 && depth > 1000, goAlive()];

// @test a networkTimeout {{1}} is copied once into plain values, with a warning for what is left out; settings(), configure() and reads keep working, and the rest is in force
// @each with a circular extra key | (() => { const o = {connectSocket: 300}; o.self = o; return o; })() | {"connectSocket":300} | networkTimeout.self refers back to itself
// @each with a throwing getter on an extra key | {connectSocket: 300, get request() { throw new Error("getter"); }} | {"connectSocket":300} | networkTimeout.request could not be read (getter)
// @each nested too deep | {connectSocket: 300, a: {b: {c: {d: {e: {}}}}}} | {"connectSocket":300,"a":{"b":{"c":{"d":{}}}}} | networkTimeout.a.b.c.d.e is nested more than four levels deep
// @want [{{3}},{{3}},{{3}},300,1,"createSocketTask:fail timeout"]
wxshim.urlCheck = false;
wxshim.networkTimeout = {{2}};
// JSON.stringify throws on a cycle: what is handed out must be plain data.
const shown = [wxshim.networkTimeout, wxshim.settings().networkTimeout, wxshim.configure({}).networkTimeout].map((x) => JSON.parse(JSON.stringify(x)));
let err = "";
const t = wx.connectSocket({url: ECHO + "/hang"});
t.onError((r) => { err = r.errMsg; });
await until(() => err !== "");
return [...shown, wxshim.networkTimeout.connectSocket, warns.filter((w) => w.includes("setting {{4}}")).length, err];

// @test a networkTimeout whose connectSocket getter throws: left out with a warning (it was dropped silently), the default in force
// @want [{},1]
wxshim.networkTimeout = {get connectSocket() { throw new Error("getter"); }};
return [wxshim.settings().networkTimeout, warns.filter((w) => w.includes("setting networkTimeout.connectSocket could not be read (getter)")).length];

// @test a networkTimeout with 50 keys whose getters throw is one warning, not 50; the readable key is in force
// @want [1,true,{"connectSocket":300}]
const o = {connectSocket: 300};
for (let i = 0; i < 50; i++) Object.defineProperty(o, "k" + i, {get() { throw new Error("boom"); }, enumerable: true});
wxshim.networkTimeout = o;
return [warns.length, warns[0].includes("setting networkTimeout.k0 could not be read (boom), networkTimeout.k1") && warns[0].includes("and 45 more; they are left out."),
  wxshim.settings().networkTimeout];

// @test configure() with a throwing networkTimeout getter: warned (it was dropped silently), the rest taken, networkTimeout left as it was
// @want ["2.10.4",{"connectSocket":500},1]
wxshim.networkTimeout = {connectSocket: 500};
const s = wxshim.configure({get networkTimeout() { throw new Error("top"); }, libVersion: "2.10.4"});
return [s.libVersion, s.networkTimeout, warns.filter((w) => w.includes("setting networkTimeout could not be read (top)")).length];

// @test a relay URL {{1}} is refused with a warning, before anything is sent (decided without connecting)
// @each wss://relay.example.test/relay
// @each ws://10.0.0.1:8444/relay
// @each ws://0.0.0.0:8444/relay
// @each ws://[::]:8444/relay
// @each ws://localhost.example.test:8444/relay
// @each ws://127.0.0.1.example.test:8444/relay
// @each ws://[::ffff:7f00:1]:8444/relay
// @want [true,true,1]
wxshim.relay = {url: "{{1}}", secret: "s3cret"};
const refused = wxshim.settings().relay === undefined;
wxshim.relay = {url: RELAY, secret: "s3cret", fallback: "{{1}}"};
return [refused, wxshim.settings().relay === undefined, warns.filter((w) => w.includes("setting relay ignored") && w.includes("not on this machine")).length];

// @test a relay URL on this machine ({{1}}) is taken, without a warning
// @each ws://127.0.0.1:8444/relay
// @each ws://127.0.0.9:8444/relay
// @each ws://127.1:8444/relay
// @each ws://[::1]:8444/relay
// @each ws://localhost:8444/relay
// @each wss://relay.localhost:8443/relay
// @want [true,0]
wxshim.relay = {url: "{{1}}", secret: "s3cret"};
return [wxshim.settings().relay !== undefined, warns.length];

// @test a relay that is not on this machine never gets the secret or a header, even after the page's 1,000 warnings ran out; the socket goes direct
// @want [1001,true,1,[],"open"]
wxshim.socketDomains = ["good.example.com"];
wxshim.libVersion = "1.6.0";
for (let i = 0; i < 1200; i++) wx.connectSocket({url: "wss://h" + i + ".evil.test/x", fail() {}});
const used = warns.length;
wxshim.libVersion = "2.30.3";
wxshim.urlCheck = false;
const urls = [];
const Real = WebSocket;
// Only loopback is ever opened here, whatever the shim asks for.
globalThis.WebSocket = function (u, p) {
  urls.push(String(u));
  if (!/^wss?:\/\/127\.0\.0\.1[:/]/.test(String(u))) throw new DOMException("this test opens loopback only", "SyntaxError");
  return p === undefined ? new Real(u) : new Real(u, p);
};
try {
  wxshim.relay = {url: "wss://relay.example.test/relay", secret: "s3cret"};
  let opened = "";
  const t = wx.connectSocket({url: echo(), header: {"X-Token": "t0ken"}});
  t.onOpen(() => { opened = "open"; });
  t.onError((r) => { opened = r.errMsg; });
  await until(() => opened !== "");
  t.close();
  return [used, warns[used - 1].includes("no more are shown"),
    warns.slice(used).filter((w) => w.includes("relay.example.test")).length, urls.filter((u) => !u.startsWith(ECHO)), opened];
} finally { globalThis.WebSocket = Real; }

// @test a header of 10,000 keys is one warning, not 998; warnings of other kinds still show after it
// @want [1,true,1]
wxshim.urlCheck = false;
const header = {};
for (let i = 0; i < 10000; i++) header["X-H" + i] = "v";
wx.connectSocket({url: echo(), header});
const one = warns.length;
const said = warns[0];
wxshim.urlCheck = true;
wxshim.socketDomains = ["good.example.com"];
wx.connectSocket({url: "wss://another.evil.test/x"});
return [one, said.startsWith("wxshim: connectSocket: header X-H0, X-H1, X-H2, X-H3, X-H4 and 995 more are dropped"),
  warns.slice(one).filter((w) => w.includes("legal-domain check")).length];

// @test through the relay, {{1}}: the relay gets the URL as the browser parsed it, and the socket opens
// @each %2e in the host | wss://api%2eexample.com:PORT/echo?id=rh1
// @each a tab in the host | wss://api.exa\tmple.com:PORT/echo?id=rh2
// @each ideographic full stops | wss://api\u3002example\u3002com:PORT/echo?id=rh3
// @each a trailing dot | wss://api.example.com.:PORT/echo?id=rh4
// @each upper case | WSS://API.Example.COM:PORT/echo?id=rh5
// @want [true,"open"]
wxshim.urlCheck = false;
wxshim.relay = {url: RELAY, secret: RELAY_SECRET, fallback: RELAY_TLS};
const raw = "{{2}}".replace("PORT", PORT);
const sent = [];
const send = WebSocket.prototype.send;
WebSocket.prototype.send = function (d) {
  try { const m = JSON.parse(d); if (m && m.v === 1) sent.push(m.url); } catch (e) { /* not the first frame */ }
  return send.call(this, d);
};
try {
  let got = "";
  const t = wx.connectSocket({url: raw});
  t.onOpen(() => { got = "open"; });
  t.onError((r) => { got = r.errMsg; });
  await until(() => got !== "");
  t.close();
  return [sent.length > 0 && sent.every((u) => u === new URL(raw).href) || sent, got];
} finally { WebSocket.prototype.send = send; }

// @test through the relay, {{1}}: the relay is asked for the host the browser and the domain check saw
// @each a backslash before "@" | wss://good.example.com:PORT\\@evil.test/echo | wss://good.example.com:PORT/@evil.test/echo
// @want [["{{3}}"],true]
wxshim.socketDomains = ["good.example.com"];
wxshim.relay = {url: RELAY, secret: RELAY_SECRET, fallback: RELAY_TLS};
const raw = "{{2}}".replace("PORT", PORT);
const sent = [];
const send = WebSocket.prototype.send;
WebSocket.prototype.send = function (d) {
  try { const m = JSON.parse(d); if (m && m.v === 1) sent.push(m.url); } catch (e) { /* not the first frame */ }
  return send.call(this, d);
};
try {
  let got = "";
  const t = wx.connectSocket({url: raw});
  t.onOpen(() => { got = "open"; });
  t.onError((r) => { got = r.errMsg; });
  await until(() => got !== "");
  return [sent.map((u) => u.replace(PORT, "PORT")), wxshim.checkUrl(raw).ok];
} finally { WebSocket.prototype.send = send; }

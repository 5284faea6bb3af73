// The relay (spec section 7), from the page: what the server sees, what
// the page gets, and how failures read. RELAY (ws://, the relay's plain
// listener), RELAY_TLS (wss://) and RELAY_SECRET come from the native
// runner (run_test.go), which serves the relay on 127.0.0.1.
// @setup
const useRelay = () => { wxshim.relay = {url: RELAY, secret: RELAY_SECRET, fallback: RELAY_TLS}; };
// firstMessage connects through the relay and returns [task, the first message as JSON].
async function handshake(url, options) {
  wxshim.urlCheck = false;
  wxshim.libVersion = "2.30.3";
  useRelay();
  let first = null, opened = null;
  const t = wx.connectSocket(Object.assign({url}, options || {}));
  t.onOpen((res) => { opened = res; });
  t.onMessage((res) => { if (first === null) first = JSON.parse(res.data); });
  await until(() => first !== null && opened !== null);
  return [t, first, opened];
}

// @test header entries arrive; Referer is the phone's and cannot be overridden; handshake fields cannot be injected
// @want [["Bearer t0k"],["5"],["https://servicewechat.com/wx1234/7/page-frame.html"],true,true,["websocket"],["Upgrade"],"touristappid"]
wxshim.appid = "wx1234";
wxshim.appVersion = 7;
const [t, hs] = await handshake(ECHO + "/headers", {header: {
  Authorization: "Bearer t0k", "X-Num": 5, Referer: "https://evil.test/", referer: "https://evil.test/",
  Host: "evil.test", "Sec-WebSocket-Key": "AAAAAAAAAAAAAAAAAAAAAA==", Upgrade: "h2c", Connection: "close"}});
const h = hs.header;
wxshim.appid = undefined;
return [h.Authorization, h["X-Num"], h.Referer, hs.host === new URL(ECHO).host,
  h["Sec-Websocket-Key"][0] !== "AAAAAAAAAAAAAAAAAAAAAA==", h.Upgrade, h.Connection, wxshim.settings().appid || "touristappid"];

// @test subprotocols negotiate through the relay
// @want ["chat",["json,chat"]]
const [t, hs] = await handshake(ECHO + "/headers?protocols=chat,json", {protocols: ["json", "chat"]});
return [hs.protocol, hs.header["Sec-Websocket-Protocol"]];

// @test onOpen header is what the server sent; profile fields are numbers, in order
// @want [true,true,true]
const [t, hs, opened] = await handshake(ECHO + "/headers");
const want = {};
for (const k of Object.keys(hs.response)) want[k] = hs.response[k].join(", ");
const sorted = (o) => JSON.stringify(Object.keys(o).sort().map((k) => [k, o[k]]));
const p = opened.profile;
const order = ["fetchStart", "domainLookUpStart", "domainLookUpEnd", "connectStart", "connectEnd"];
const numbers = [...order, "rtt", "handshakeCost", "cost"].every((k) => typeof p[k] === "number" && p[k] >= 0);
const inOrder = order.every((k, i) => i === 0 || p[order[i - 1]] <= p[k]);
return [sorted(opened.header) === sorted(want), numbers, inOrder];

// @test a 16 MiB {{1}} message from the server and 16 MiB back, through the relay
// @each text
// @each binary
// @want ["{{1}}",16777216,true]
wxshim.urlCheck = false;
wxshim.libVersion = "2.30.3";
useRelay();
const t = wx.connectSocket({url: ECHO + "/big?size=16777216&type={{1}}"});
const got = [];
t.onMessage((res) => got.push(res.data));
await until(() => got.length === 1, 30000);
const first = got[0];
t.send({data: first});
await until(() => got.length === 2, 30000);
const isText = typeof first === "string";
const same = isText ? got[1] === first : got[1].byteLength === first.byteLength && new Uint8Array(got[1])[12345] === new Uint8Array(first)[12345];
return [isText ? "text" : "binary", isText ? first.length : first.byteLength, same];

// @test text stays text, binary stays binary, in order
// @want ["a","AB:0102","b","AB:ff"]
wxshim.urlCheck = false;
wxshim.libVersion = "2.30.3";
useRelay();
const t = wx.connectSocket({url: echo()});
const got = [];
t.onMessage((res) => got.push(show(res.data)));
await until(() => t.readyState === 1);
t.send({data: "a"}); t.send({data: new Uint8Array([1, 2]).buffer}); t.send({data: "b"}); t.send({data: new Uint8Array([255]).buffer});
await until(() => got.length === 4);
return got;

// @test the server closes with {{1}}: the page gets that code and reason
// @each 1000
// @each 1001
// @each 1003
// @each 1008
// @each 1011
// @each 3000
// @each 4999
// @want [["close",{"code":{{1}},"reason":"r{{1}}"}]]
wxshim.urlCheck = false;
wxshim.libVersion = "2.30.3";
useRelay();
const r = rec();
const t = wx.connectSocket({url: echo()});
t.onClose(r("close"));
t.onError(r("error"));
await until(() => t.readyState === 1);
t.send({data: "__ctl close {{1}} r{{1}}"});
await until(() => r.log.length > 0);
return r.log;

// @test the page closes with {{1}}: the server gets that code and reason
// @each 1000
// @each 3000
// @each 4999
// @want [{"code":{{1}},"reason":"bye{{1}}","seen":true},["close",{"code":{{1}},"reason":"bye{{1}}"}]]
wxshim.urlCheck = false;
wxshim.libVersion = "2.30.3";
useRelay();
const r = rec();
const t = wx.connectSocket({url: echo("rc{{1}}")});
t.onClose(r("close"));
await until(() => t.readyState === 1);
t.close({code: {{1}}, reason: "bye{{1}}"});
await until(() => r.log.length > 0);
return [await serverSaw("rc{{1}}"), r.log[0]];

// @test {{1}}: onError with the relay's reason, then onClose 1006
// @each an upstream 403 | ECHO + "/refuse?status=403" | HTTP 403
// @each a refused port | "wss://127.0.0.1:2/" | refused
// @each a TLS failure | ECHO.replace("127.0.0.1", "untrusted.invalid") + "/echo" | TLS
// @each a stalled handshake | ECHO + "/hang?ms=8000" | timeout: no handshake response
// @each a wrong secret | echo() | wrong secret
// @want [["error",true],["close",{"code":1006,"reason":""}]]
wxshim.urlCheck = false;
wxshim.libVersion = "2.30.3";
useRelay();
if ("{{1}}" === "a wrong secret") wxshim.relay = {url: RELAY, secret: "not the secret", fallback: RELAY_TLS};
const r = rec();
const t = wx.connectSocket({url: {{2}}});
let msg = "";
t.onError((res) => { msg = res.errMsg; r("error")(res.errMsg.startsWith("createSocketTask:fail ") && res.errMsg.includes("{{3}}") || res.errMsg); });
t.onClose(r("close"));
await until(() => r.log.length === 2, 10000);
return r.log;

// @test the shim's connect timeout still fires through the relay
// @want [["error",{"errMsg":"createSocketTask:fail timeout"}],["close",{"code":1006,"reason":"timeout"}]]
wxshim.urlCheck = false;
wxshim.libVersion = "2.30.3";
useRelay();
const r = rec();
const t = wx.connectSocket({url: ECHO + "/hang", timeout: 300});
t.onError(r("error"));
t.onClose(r("close"));
await until(() => r.log.length === 2);
return r.log;

// @test the relay dying mid-stream: onError, onClose 1006; the next connectSocket works once it is back
// @want [["error",true],["close",{"code":1006,"reason":""}],"again"]
wxshim.urlCheck = false;
wxshim.libVersion = "2.30.3";
useRelay();
const r = rec();
const t = wx.connectSocket({url: echo()});
t.onError((res) => r("error")(res.errMsg.startsWith("createSocketTask:fail ")));
t.onClose(r("close"));
await until(() => t.readyState === 1);
await fetch(ORIGIN + "/relay-down");
await until(() => r.log.length === 2);
await fetch(ORIGIN + "/relay-up");
const next = wx.connectSocket({url: echo()});
let back = "";
next.onOpen(() => next.send({data: "again"}));
next.onMessage((res) => { back = res.data; });
await until(() => back !== "");
return [...r.log, back];

// @test a handshake aborted by close while the relay dials: onError says it never opened, not the relay's refusal
// @want [["error",true],["close",{"code":1006,"reason":""}]]
wxshim.urlCheck = false;
wxshim.libVersion = "2.30.3";
wxshim.closeBeforeOpen = "browser";
useRelay();
const r = rec();
const t = wx.connectSocket({url: ECHO + "/hang"});
t.onError((res) => r("error")(res.errMsg.includes("before it opened") && !res.errMsg.includes("relay") || res.errMsg));
t.onClose(r("close"));
await sleep(100); // the relay is dialing
t.close({code: 3000, reason: "never mind"});
await until(() => r.log.length === 2);
return r.log;

// @test the relay's URL unreachable: the socket goes through its fallback
// @want [["open","through the fallback"],1]
wxshim.urlCheck = false;
wxshim.libVersion = "2.30.3";
const before = await (await fetch(ORIGIN + "/relay-stats")).json();
wxshim.relay = {url: "ws://127.0.0.1:2/relay", secret: RELAY_SECRET, fallback: RELAY_TLS};
const r = rec();
const t = wx.connectSocket({url: echo()});
t.onOpen(() => { r("open")("through the fallback"); });
t.onError(r("error"));
await until(() => r.log.length > 0);
const after = await (await fetch(ORIGIN + "/relay-stats")).json();
return [r.log[0], after.tls - before.tls];

// @test a page's sockets reach the relay on one listener each, the one its browser opens: plain ws:// where the browser allows it from https, else the fallback (WebKit)
// @want [[1,1],true]
wxshim.urlCheck = false;
wxshim.libVersion = "2.30.3";
useRelay();
const stats = async () => await (await fetch(ORIGIN + "/relay-stats")).json();
const per = [];
let via = "";
for (let i = 0; i < 2; i++) {
  const before = await stats();
  const t = wx.connectSocket({url: echo()});
  await until(() => t.readyState === 1);
  const after = await stats();
  per.push(after.tls - before.tls + after.plain - before.plain);
  via = after.plain > before.plain ? "plain" : "tls";
  t.close();
  await until(() => t.readyState === 3);
}
// WebKit refuses ws:// to 127.0.0.1 from an https page (docs/engines.md);
// Chromium and Firefox open it. (The WebKit rig's pages are http.)
const webkit = /AppleWebKit/.test(navigator.userAgent) && !/Chrome\//.test(navigator.userAgent);
const want = webkit && location.protocol === "https:" ? "tls" : "plain";
return [per, via === want || [via, location.protocol, navigator.userAgent]];

// @test a relay whose url is empty is refused (a WebSocket would resolve "" against the page and send it the secret)
// @want [true,true]
wxshim.relay = {url: "", secret: RELAY_SECRET, fallback: RELAY_TLS};
return [wxshim.settings().relay === undefined, warns.some((w) => w.includes("setting relay ignored"))];

// @test a relay fallback that is not a ws(s) URL is refused: a warning that says what is wanted, and no relay
// @want [[true,true,true],true,true]
const refused = [5, "https://127.0.0.1/relay", "not a url"].map((fallback) => {
  wxshim.relay = {url: RELAY, secret: RELAY_SECRET, fallback};
  return wxshim.settings().relay === undefined;
});
wxshim.relay = {url: RELAY, secret: RELAY_SECRET, fallback: RELAY_TLS};
return [refused, warns.some((w) => w.includes('fallback: "wss://')), wxshim.settings().relay.fallback === RELAY_TLS];

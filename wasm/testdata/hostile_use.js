// @group hostile use
// What an adversarial user broke: each row failed before its fix.

// @test failed sends hand Go nothing: {{1}}
// @each a task not open yet | const t = wx.connectSocket({url: ECHO + "/hang"}); const send = (o) => t.send(o);
// @each a closed task | const t = wx.connectSocket({url: echo()}); await until(() => t.readyState === 1); t.close(); await until(() => t.readyState === 3); const send = (o) => t.send(o);
// @each the global API, not connected | const send = (o) => wx.sendSocketMessage(o);
// @each unknown data on an open task | const t = wx.connectSocket({url: echo()}); await until(() => t.readyState === 1); const send = (o) => t.send({...o, data: new Uint8Array(o.data)});
// @want [0,0,500]
wxshim.urlCheck = false;
wxshim.libVersion = "2.30.3";
{{2}}
// Crossings into Go and JS values Go holds, less what measuring itself costs.
// Go's GC is not run here: a payload handed to Go would still be in its table.
const measure = (f) => { const x0 = wxshim.debug.crossings(), i0 = __go._ids.size; f(); return [wxshim.debug.crossings() - x0, __go._ids.size - i0]; };
const empty = measure(() => {});
let failed = 0;
const full = measure(() => { for (let i = 0; i < 500; i++) send({data: new ArrayBuffer(1 << 20), fail() { failed++; }}); });
return [full[0] - empty[0], Math.max(0, full[1] - empty[1]), failed];

// @test a rewrite matches the parsed origin: {{1}}
// @each wss://API.example.com/echo?id=rwo1 | rwo1
// @each WSS://api.example.com/echo?id=rwo2 | rwo2
// @each wss://api.%65xample.com/echo?id=rwo3 | rwo3
// @each wss://\tapi.example.com/echo?id=rwo4 | rwo4
// @each wss://api.example.com:443/echo?id=rwo5 | rwo5
// @want [[["open"]],{"code":3002,"reason":"{{2}}","seen":true}]
wxshim.libVersion = "2.30.3";
wxshim.socketDomains = ["api.example.com"];
wxshim.rewrites = {"wss://api.example.com": ECHO};
const r = rec();
const t = wx.connectSocket({url: "{{1}}"});
t.onOpen(() => { r("open")(); t.close({code: 3002, reason: "{{2}}"}); });
t.onError(r("error"));
await until(() => r.log.length > 0);
return [r.log, await serverSaw("{{2}}")];

// @test a rewrite leaves a longer host alone (api.example.com.cn is not api.example.com)
// @want [["error"],"wss://api.example.com.cn:2/echo"]
wxshim.urlCheck = false;
wxshim.libVersion = "2.30.3";
wxshim.rewrites = {"wss://api.example.com": ECHO};
const urls = [];
const Real = WebSocket;
globalThis.WebSocket = function (u, p) { urls.push(u); return p === undefined ? new Real(u) : new Real(u, p); };
try {
  const r = rec();
  const t = wx.connectSocket({url: "wss://api.example.com.cn:2/echo"});
  t.onOpen(r("open"));
  t.onError(r("error"));
  await until(() => r.log.length > 0);
  return [r.log.map((e) => e[0]), urls[0]];
} finally { globalThis.WebSocket = Real; }

// @test a timeout of {{1}} ms waits: no timeout after 400 ms against a stalled handshake
// @each 2 ** 31 | option
// @each 3e9 | option
// @each 2 ** 32 + 300 | option
// @each 3e9 | networkTimeout
// @want [0,[]]
wxshim.urlCheck = false;
wxshim.libVersion = "2.30.3";
const ms = {{1}};
if ("{{2}}" === "networkTimeout") wxshim.networkTimeout = {connectSocket: ms};
const r = rec();
const t = wx.connectSocket({url: ECHO + "/hang", timeout: "{{2}}" === "option" ? ms : undefined});
t.onError(r("error"));
t.onClose(r("close"));
await sleep(400);
return [t.readyState, r.log];

// @test a short timeout still fires after a long one was set
// @want [["error",{"errMsg":"createSocketTask:fail timeout"}],["close",{"code":1006,"reason":"timeout"}]]
wxshim.urlCheck = false;
wxshim.libVersion = "2.30.3";
const r = rec();
const t = wx.connectSocket({url: ECHO + "/hang", timeout: 150});
t.onError(r("error"));
t.onClose(r("close"));
await until(() => r.log.length === 2);
return r.log;

// @test 5,000 listeners: registering costs no crossing into Go, and every one hears the message
// @want [0,5000,5000]
wxshim.urlCheck = false;
wxshim.libVersion = "2.30.3";
const t = wx.connectSocket({url: echo()});
let heard = 0, closed = 0;
const x0 = wxshim.debug.crossings();
const x1 = wxshim.debug.crossings(); // what reading the count costs
for (let i = 0; i < 5000; i++) t.onMessage(() => { heard++; });
for (let i = 0; i < 5000; i++) t.onClose(() => { closed++; });
const crossed = wxshim.debug.crossings() - x1 - (x1 - x0);
await until(() => t.readyState === 1);
t.send({data: "to all"});
await until(() => heard === 5000);
t.close();
await until(() => closed === 5000);
return [crossed, heard, closed];

// @test in onError for a {{1}} the task is already CLOSED, and a reconnect there works
// @each lost connection | /drop
// @each refused handshake | /refuse?status=403
// @want [3,"connectSocket:ok","open"]
wxshim.urlCheck = false;
wxshim.libVersion = "2.30.3";
wxshim.maxConnections = 1;
let state = -1, again = "", opened = "";
wx.onSocketOpen(() => { opened = "open"; });
const t = wx.connectSocket({url: ECHO + "{{2}}"});
wx.onSocketError(() => {
  state = t.readyState;
  opened = "";
  wx.connectSocket({url: echo(), success: (res) => { again = res.errMsg; }, fail: (res) => { again = res.errMsg; }});
});
await until(() => opened === "open" && again !== "");
return [state, again, opened];

// @test settings handed out cannot be changed in place; settings() is what is in force
// @want [["good.example.com"],["good.example.com"],1000,1000,"createSocketTask:fail url not in domain list"]
wxshim.libVersion = "2.30.3";
wxshim.socketDomains = ["good.example.com"];
wxshim.networkTimeout = {connectSocket: 1000};
try { wxshim.socketDomains.push("evil.test"); } catch (e) { /* frozen: TypeError */ }
try { wxshim.networkTimeout.connectSocket = 300; } catch (e) { /* frozen */ }
const mine = ["good.example.com"];
wxshim.socketDomains = mine;
mine.push("evil.test"); // the caller's own array: a copy is in force
let err = "";
const t = wx.connectSocket({url: "wss://evil.test:" + PORT + "/echo"});
t.onError((res) => { err = res.errMsg; });
await until(() => err !== "");
return [wxshim.socketDomains, wxshim.settings().socketDomains, wxshim.networkTimeout.connectSocket,
  wxshim.settings().networkTimeout.connectSocket, err];

// @test a refused socket (domain check, from 1.7.0) does not count against maxConnections nor keep the binding
// @want ["connectSocket:ok","connectSocket:ok",["open"],"createSocketTask:fail url not in domain list"]
wxshim.libVersion = "2.30.3";
wxshim.socketDomains = ["good.example.com"];
wxshim.maxConnections = 1;
const log = [];
let err = "";
wx.onSocketOpen(() => log.push("open"));
const bad = wx.connectSocket({url: "wss://evil.test:" + PORT + "/echo", success: (r) => log.push(r.errMsg)});
bad.onError((res) => { err = res.errMsg; });
wx.connectSocket({url: "wss://good.example.com:" + PORT + "/echo", success: (r) => log.push(r.errMsg), fail: (r) => log.push(r.errMsg)});
await until(() => log.length === 3 && err !== "");
return [log[0], log[1], log.slice(2), err];

// @test onError for a handshake aborted by close (browser mode) says it never opened
// @want [true,false]
wxshim.urlCheck = false;
wxshim.libVersion = "2.30.3";
wxshim.closeBeforeOpen = "browser";
let msg = "";
const t = wx.connectSocket({url: ECHO + "/hang"});
t.onError((res) => { msg = res.errMsg; });
t.close();
await until(() => msg !== "");
return [msg.includes("before it opened"), msg.includes("after it opened")];

// @test maxConnections must be a whole number: {{1}} is refused with a warning
// @each 2.7
// @each 1000.5
// @each 0
// @want ["undefined",1]
wxshim.maxConnections = {{1}};
return [show(wxshim.maxConnections), warns.filter((w) => w.includes("setting maxConnections ignored")).length];

// @test a list setting with one bad entry is not in force at all (shown: undefined; the good entry does not pass)
// @want ["undefined",false,"undefined",true]
wxshim.socketDomains = ["ok.example.com", 5];
const shown = show(wxshim.socketDomains);
const v = wxshim.checkUrl("wss://ok.example.com/x");
wxshim.rewrites = {"wss://api.example.com": ECHO, "https://bad.example.com": ECHO};
return [shown, v.ok, show(wxshim.rewrites), v.errMsg.includes("url not in domain list")];

// @test before 1.7.0 a socket replaced while still connecting closes with 1000, and no onError
// @want [["close",{"code":1000,"reason":""}]]
wxshim.urlCheck = false;
const r = rec();
const a = wx.connectSocket({url: ECHO + "/hang"});
a.onError(r("error"));
a.onClose(r("close"));
await sleep(50); // started: its handshake is under way
wx.connectSocket({url: echo()});
await until(() => r.log.length > 0);
await sleep(50);
return r.log;

// @test wx.closeSocket right after a refused connect (from 1.7.0): not connected
// @want ["closeSocket:fail WebSocket is not connected","closeSocket:fail WebSocket is not connected"]
wxshim.libVersion = "2.30.3";
wxshim.socketDomains = ["good.example.com"];
const out = [];
wx.connectSocket({url: "wss://evil.test/x"});
wx.closeSocket({fail: (res) => out.push(res.errMsg)});
wxshim.closeBeforeOpen = "browser";
wx.connectSocket({url: "wss://evil.test/y"});
wx.closeSocket({fail: (res) => out.push(res.errMsg), success: (res) => out.push(res.errMsg)});
return out;

// @test warnings are bounded: 1,500 made-up hosts give 1,000 warnings and one that says no more are shown
// @want [1500,1001,true,0]
wxshim.socketDomains = ["good.example.com"];
let failed = 0;
for (let i = 0; i < 1500; i++) wx.connectSocket({url: "wss://h" + i + ".evil.test/x", fail() { failed++; }});
const n = warns.length;
wx.connectSocket({url: "wss://another.evil.test/x"});
return [failed, n, warns[n - 1].includes("no more are shown"), warns.length - n];

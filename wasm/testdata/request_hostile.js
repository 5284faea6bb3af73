// @group hostile requests
// wx.request under hostile use: wrong types at every position, Proxies and
// throwing getters as options, header names and values with CR, LF or NUL,
// 10,000 queued requests, abort storms, URL variants against the legal
// domains, bodies over maxResponseBytes, callbacks that recurse. Each row:
// nothing thrown where the phone throws nothing, each callback at most
// once, and the runtime still answers a plain request afterwards.

// @setup
wxshim.libVersion = "3.0.0";
wxshim.urlCheck = false;
const HOST = new URL(ORIGIN).host;
// alive: the runtime answers a plain request.
async function alive() {
  const g = await request({url: ECHO_HTTP + "?alive"});
  return g[0] === "success" && g.res.data.uri === "/http/echo?alive" ? "alive" : g;
}
// attempt calls make(callbacks), which must call wx.request, and says what
// it threw and whether the callbacks made sense: none (a call the
// runtime's own JavaScript throws in), or success or fail, then complete,
// once each, with an errMsg that says something.
async function attempt(make) {
  const log = [];
  const cb = (name) => (res) => log.push([name, res && res.errMsg]);
  let threw = null;
  try { make({success: cb("success"), fail: cb("fail"), complete: cb("complete")}); } catch (e) { threw = String(e); }
  const t = Date.now();
  while (!log.some((e) => e[0] === "complete") && Date.now() - t < 5000) await sleep(10);
  await sleep(50);
  const names = log.map((e) => e[0]).join();
  const said = log.every((e) => typeof e[1] === "string" && (e[1] === "request:ok" || /^request:fail \S/.test(e[1])));
  const sane = names === "" || ((names === "success,complete" || names === "fail,complete") && said);
  return [threw, sane ? "sane" : log, await alive()];
}

// @test wrong types: {{1}}
// @each url a String object | {url: new String(ECHO_HTTP)}
// @each url a getter that throws | Object.defineProperty({}, "url", {enumerable: true, get() { throw new Error("boom"); }})
// @each data a Symbol | {url: ECHO_HTTP, method: "POST", data: Symbol("d")}
// @each data a Proxy whose keys throw | {url: ECHO_HTTP, method: "POST", data: new Proxy({}, {ownKeys() { throw new Error("trap"); }})}
// @each data a Proxy whose keys throw, GET | {url: ECHO_HTTP, data: new Proxy({a: 1}, {ownKeys() { throw new Error("trap"); }})}
// @each data a revoked Proxy | {url: ECHO_HTTP, method: "POST", data: (() => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; })()}
// @each data a getter that throws, GET | {url: ECHO_HTTP, data: Object.defineProperty({}, "a", {enumerable: true, get() { throw new Error("boom"); }})}
// @each data a getter that throws, form | {url: ECHO_HTTP, method: "POST", header: {"content-type": "application/x-www-form-urlencoded"}, data: {get a() { throw new Error("boom"); }}}
// @each data a value whose toString throws, form | {url: ECHO_HTTP, method: "POST", header: {"content-type": "application/x-www-form-urlencoded"}, data: {a: {toString() { throw new Error("boom"); }}}}
// @each data a Blob | {url: ECHO_HTTP, method: "POST", data: new Blob(["x"])}
// @each data a DataView | {url: ECHO_HTTP, method: "POST", data: new DataView(new ArrayBuffer(2))}
// @each data a SharedArrayBuffer-like object | {url: ECHO_HTTP, method: "POST", data: {byteLength: 4, slice() { throw new Error("no"); }}}
// @each data 100,000 keys, GET | {url: ECHO_HTTP, data: Object.fromEntries(Array.from({length: 100000}, (_, i) => ["k" + i, i]))}
// @each header a Proxy whose keys throw | {url: ECHO_HTTP, header: new Proxy({}, {ownKeys() { throw new Error("trap"); }})}
// @each header a getter that throws | {url: ECHO_HTTP, header: {get "X-A"() { throw new Error("boom"); }}}
// @each header a value whose toString throws | {url: ECHO_HTTP, header: {"X-A": {toString() { throw new Error("boom"); }}}}
// @each header with Symbol keys | {url: ECHO_HTTP, header: {[Symbol("s")]: "v", "X-A": "1"}}
// @each header a Symbol value | {url: ECHO_HTTP, header: {"X-A": Symbol("v")}}
// @each header a BigInt value | {url: ECHO_HTTP, header: {"X-A": 10n}}
// @each header inherited keys | {url: ECHO_HTTP, header: Object.create({"X-Inherited": "1"})}
// @each header 10,000 keys | {url: ECHO_HTTP, header: Object.fromEntries(Array.from({length: 10000}, (_, i) => ["X-K" + i, "v"]))}
// @each method a Symbol | {url: ECHO_HTTP, method: Symbol("m")}
// @each method whose toUpperCase throws | {url: ECHO_HTTP, method: {toUpperCase() { throw new Error("boom"); }}}
// @each method empty | {url: ECHO_HTTP, method: ""}
// @each timeout a Symbol | {url: ECHO_HTTP, timeout: Symbol("t")}
// @each timeout a BigInt | {url: ECHO_HTTP, timeout: 10n}
// @each timeout a string | {url: ECHO_HTTP, timeout: "100"}
// @each timeout whose valueOf throws | {url: ECHO_HTTP, timeout: {valueOf() { throw new Error("boom"); }}}
// @each timeout Infinity | {url: ECHO_HTTP, timeout: Infinity}
// @each timeout -Infinity | {url: ECHO_HTTP, timeout: -Infinity}
// @each timeout 1e308 | {url: ECHO_HTTP, timeout: 1e308}
// @each dataType a Symbol | {url: ECHO_HTTP, dataType: Symbol("d")}
// @each dataType an object | {url: ECHO_HTTP, dataType: {}}
// @each responseType a Symbol | {url: ECHO_HTTP, responseType: Symbol("r")}
// @each responseType unknown | {url: ECHO_HTTP, responseType: "blob"}
// @each enableChunked a string | {url: ECHO_HTTP, enableChunked: "yes"}
// @each redirect unknown | {url: ECHO_HTTP, redirect: "sideways"}
// @each redirect a Symbol | {url: ECHO_HTTP, redirect: Symbol("r")}
// @each every enable* a Symbol | {url: ECHO_HTTP, enableHttp2: Symbol(), enableQuic: Symbol(), enableCache: Symbol(), enableProfile: Symbol(), enableHttpDNS: Symbol(), forceCellularNetwork: Symbol()}
// @each frozen options | Object.freeze({url: ECHO_HTTP})
// @want [null,"sane","alive"]
return attempt((cbs) => {
  const o = {{2}};
  return wx.request(Object.isFrozen(o) ? Object.freeze(Object.assign({}, o, cbs)) : Object.assign(o, cbs));
});

// @test options that cannot be read: {{1}}
// @each a Proxy whose every get throws | new Proxy({}, {get() { throw new Error("trap"); }})
// @each a Proxy whose has throws | new Proxy({url: ECHO_HTTP}, {has() { throw new Error("trap"); }, ownKeys() { throw new Error("trap"); }})
// @each a revoked Proxy | (() => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; })()
// @each a Symbol | Symbol("o")
// @each a BigInt | 10n
// @want [null,"sane","alive"]
return attempt(() => wx.request({{2}}));

// @test callbacks that cannot be read or called: {{1}}
// @each a success getter that throws | Object.defineProperty({url: ECHO_HTTP}, "success", {get() { throw new Error("boom"); }})
// @each a callable Proxy that throws | {url: ECHO_HTTP, success: new Proxy(() => {}, {apply() { throw new Error("trap"); }})}
// @each a revoked callable Proxy | {url: ECHO_HTTP, complete: (() => { const p = Proxy.revocable(() => {}, {}); p.revoke(); return p.proxy; })()}
// @want [null,"alive"]
let threw = null;
try { wx.request({{2}}); } catch (e) { threw = String(e); }
await sleep(200);
return [threw, await alive()];

// @test header {{1}}: refused, never sent
// @each a value with CR LF | {"X-A": "1\r\nX-Injected: 2"}
// @each a value with LF | {"X-A": "1\nX-Injected: 2"}
// @each a value with CR | {"X-A": "1\rX-Injected: 2"}
// @each a value with NUL | {"X-A": "1\u0000X-Injected: 2"}
// @each a name with CR LF | {"X-A\r\nX-Injected": "2"}
// @each a name with NUL | {"X-\u0000Injected": "2"}
// @each a name with a space | {"X Injected": "2"}
// @each a name with a colon | {"X-Injected:": "2"}
// @each an empty name | {"": "2", "X-Injected": "2"}
// @want ["fail",true,"alive"]
const g = await request({url: ECHO_HTTP, header: {{2}}});
const leaked = g[0] === "success" && JSON.stringify(g.res.data.header).includes("Injected");
return [leaked ? "sent: " + JSON.stringify(g.res.data.header) : g[0], g[0] === "fail" && /^request:fail \S/.test(g.res.errMsg), await alive()];

// @test 10,000 queued requests, aborted while queued: each settles once
// @want [10000,10000,10010,0,"alive"]
let ends = 0, aborts = 0, completes = 0, other = 0;
const held = [];
// Held on four names every engine here takes the test certificate for, at most three to one.
for (let i = 0; i < 10; i++) held.push(wx.request({url: "https://" + certHost(i) + "/http/echo?delay=60000", complete() { ends++; }}));
const tasks = [];
try {
  for (let i = 0; i < 10000; i++) {
    tasks.push(wx.request({url: ECHO_HTTP + "?q=" + i,
      fail(res) { if (res.errMsg === "request:fail abort") aborts++; else other++; },
      success() { other++; }, complete() { completes++; }}));
  }
  await sleep(20);
  tasks.forEach((t) => t.abort());
  await until(() => completes === 10000, 60000);
} finally {
  held.forEach((t) => t.abort());
}
await until(() => ends === 10, 20000);
await sleep(100);
return [aborts, completes, completes + ends, other, await alive()];

// @test 10,000 requests through the queue: all succeed, once each
// @want [10000,0,0,"alive"]
let ok = 0, failed = 0, twice = 0;
const seen = new Uint8Array(10000);
for (let i = 0; i < 10000; i++) {
  wx.request({url: ORIGIN + "/http/status?code=200&body=" + i, dataType: "text",
    success(res) { if (seen[i]++) twice++; if (res.data === String(i)) ok++; else failed++; },
    fail() { failed++; }});
}
await until(() => ok + failed === 10000, 240000);
await sleep(100);
return [ok, failed, twice, await alive()];

// @test an abort storm: 300 tasks, each aborted ten times at every stage: one end each
// @want [300,0,0,"alive"]
let ends = 0, twice = 0, bad = 0;
const tasks = [];
for (let i = 0; i < 300; i++) {
  let ended = false;
  const kind = i % 3;
  const url = kind === 0 ? ECHO_HTTP : kind === 1 ? ECHO_HTTP + "?delay=50" : ORIGIN + "/http/chunked?n=3&ms=20";
  const t = wx.request({url, enableChunked: kind === 2,
    success() {}, fail(res) { if (res.errMsg !== "request:fail abort") bad++; },
    complete() { if (ended) twice++; ended = true; ends++; t.abort(); }});
  tasks.push(t);
  if (i % 5 === 0) t.abort();
  if (kind === 2) t.onChunkReceived(() => t.abort());
  if (kind === 1) t.onHeadersReceived(() => { t.abort(); t.abort(); });
}
for (let k = 0; k < 9; k++) {
  await sleep(k * 7);
  tasks.forEach((t, i) => { if ((i + k) % 4 === 0) t.abort(); });
}
await until(() => ends === 300, 60000);
await sleep(200);
return [ends, twice, bad, await alive()];

// @test aborting every other task from another task's listener
// @want [20,"alive"]
let ends = 0;
const tasks = [];
for (let i = 0; i < 20; i++) tasks.push(wx.request({url: ECHO_HTTP + "?delay=" + (i * 10), complete() { ends++; }}));
tasks[0].onHeadersReceived(() => tasks.forEach((t) => t.abort()));
await until(() => ends === 20, 20000);
return [ends, await alive()];

// @test URL variants against the legal domains: {{1}}
// @each https://good.example.com/http/echo | passes
// @each https://GOOD.EXAMPLE.COM/http/echo | passes
// @each HTTPS://good.example.com/http/echo | passes
// @each https://good%2Eexample.com/http/echo | passes | percent-decoded to the listed host
// @each https://good%2eexample%2Ecom/http/echo | passes
// @each https://ｇｏｏｄ.example.com/http/echo | passes | fullwidth letters map to it
// @each https://good。example。com/http/echo | passes | ideographic full stops map to dots
// @each https://good.exa\tmple.com/http/echo | passes | the parser drops the tab
// @each https://good.example.com./http/echo | refused | a trailing dot is another name
// @each https://good.example.com:443/http/echo | refused | a port written, the entry has none
// @each https://good.example.com:0443/http/echo | refused
// @each https://good.example.com:443@evil.example.com/http/echo | refused
// @each https://good.example.com@evil.example.com/http/echo | refused
// @each https://good.example.com%2F@evil.example.com/http/echo | refused
// @each https://evil.example.com#good.example.com | refused
// @each https://evil.example.com?good.example.com | refused
// @each https://evil.example.com/good.example.com | refused
// @each https://evil.example.com\\@good.example.com/ | refused | a backslash is a path separator
// @each https://evil.example.com\\.good.example.com/ | refused
// @each https://good.example.com.evil.example.com/ | refused
// @each https://sub.good.example.com/ | refused
// @each https://xgood.example.com/ | refused
// @each https://gооd.example.com/ | refused | Cyrillic o
// @each https://xn--gd-mlca.example.com/ | refused
// @each https://good.example.com%00.evil.example.com/ | refused | cannot be parsed
// @each https:// good.example.com/ | refused
// @each http://good.example.com/ | refused
// @each https://localhost/ | refused
// @each https://LOCALHOST./ | refused
// @each https://good.example.com.localhost/ | refused
// @each https://127.0.0.1/ | refused
// @each https://127.1/ | refused
// @each https://0x7f000001/ | refused
// @each https://2130706433/ | refused
// @each https://0177.0.0.1/ | refused
// @each https://[::1]/ | refused
// @each https://[0:0:0:0:0:0:0:1]/ | refused
// @each https://[::ffff:127.0.0.1]/ | refused | IPv4 in IPv6
// @each https://[::ffff:7f00:1]/ | refused
// @want "{{2}}"
// Only names and loopback addresses here: the names go to 127.0.0.1, and
// the listed origin is rewritten to ORIGIN. "refused" is the domain check's
// fail (or invalid url / illegal host); anything else got past it.
wxshim.urlCheck = true;
wxshim.requestDomains = ["good.example.com"];
wxshim.rewrites = {"https://good.example.com": ORIGIN};
const g = await request({url: "{{1}}"});
const refused = g[0] === "fail" && /url not in domain list|invalid url|illegal host/.test(g.res.errMsg);
if (refused) return "refused";
if (g[0] === "success") return g.res.data && g.res.data.host === HOST ? "passes" : "reached another server: " + JSON.stringify(g.res.data);
return "got past the check, then: " + g.res.errMsg;

// @test a body over maxResponseBytes: {{1}}
// @each 64 MiB, chunked | /http/big?size=67108864&chunked=1 | text
// @each 64 MiB, chunked, arraybuffer | /http/big?size=67108864&chunked=1 | arraybuffer
// @each 128 MiB, with its Content-Length | /http/big?size=134217728 | text
// @want [["fail","complete"],"request:fail exceed max response size","alive"]
wxshim.maxResponseBytes = 1 << 20;
const g = await request({url: ORIGIN + "{{2}}", responseType: "{{3}}"});
return [g.slice(), g.res.errMsg, await alive()];

// @test a body over maxResponseBytes with enableChunked: fail, and the chunks stop at the cap
// @want ["request:fail exceed max response size",true,"alive"]
// (assumed: bytes over the cap are never handed to the page)
wxshim.maxResponseBytes = 1 << 20;
let got = 0;
const res = await new Promise((resolve) => {
  const t = wx.request({url: ORIGIN + "/http/big?size=67108864&chunked=1", enableChunked: true,
    fail(res) { resolve(res); }, success(res) { resolve(res); }});
  t.onChunkReceived((res) => { got += res.data.byteLength; });
});
await sleep(100);
return [res.errMsg, got <= (1 << 20), await alive()];

// @test maxResponseBytes that is not a whole number of bytes: {{1}} warns, the default stays
// @each -1
// @each 0.5
// @each NaN
// @each "1000"
// @want ["success",true,"alive"]
// (assumed: as for the other settings, a bad value warns and leaves the default in force)
wxshim.maxResponseBytes = {{1}};
const g = await request({url: ORIGIN + "/http/big?size=5000", dataType: "text"});
return [g[0], warns.some((w) => w.includes("maxResponseBytes")), await alive()];

// @test requestDomains that are not a list of names: {{1}}
// @each a string | "good.example.com"
// @each numbers and nulls | [1, null, {}, ["x"]]
// @each a Proxy | new Proxy([], {get() { throw new Error("trap"); }})
// @each 10,000 entries | Array.from({length: 10000}, (_, i) => "h" + i + ".example.com")
// @want [null,"fail","alive"]
// Whatever is kept, loopback never passes.
let threw = null;
try { wxshim.urlCheck = true; wxshim.requestDomains = {{2}}; } catch (e) { threw = String(e); }
const g = await request({url: ECHO_HTTP});
wxshim.urlCheck = false;
return [threw, g[0], await alive()];

// @test a fail that calls wx.request again, 5,000 deep: no crash
// @want [null,true,"alive"]
let depth = 0, threw = null;
const again = () => { if (++depth < 5000) wx.request({url: 1, fail: again}); };
try { wx.request({url: 1, fail: again}); } catch (e) { threw = String(e); }
await sleep(100);
return [threw, depth > 100, await alive()];

// @test a success that calls wx.request again, 200 times in a row
// @want [200,"alive"]
let n = 0;
await new Promise((resolve) => {
  const next = () => { if (++n >= 200) return resolve(); wx.request({url: ECHO_HTTP, success: next, fail: next}); };
  wx.request({url: ECHO_HTTP, success: next, fail: next});
});
return [n, await alive()];

// @test 5,000 headers listeners: registering costs no crossing into Go, and each hears once
// @want [0,5000,"alive"]
const t = wx.request({url: ECHO_HTTP + "?delay=100"});
let heard = 0;
// Crossings, less what measuring itself costs.
const measure = (f) => { const x0 = wxshim.debug.crossings(); f(); return wxshim.debug.crossings() - x0; };
const empty = measure(() => {});
const cost = measure(() => { for (let i = 0; i < 5000; i++) t.onHeadersReceived(() => { heard++; }); }) - empty;
await until(() => heard >= 5000, 20000);
await sleep(100);
return [cost, heard, await alive()];

// @test a listener that removes itself and others while it runs
// @want [["a","b"],true,"alive"]
const t = wx.request({url: ECHO_HTTP});
const log = [];
const c = () => log.push("c");
const a = () => { log.push("a"); t.offHeadersReceived(a); t.offHeadersReceived(c); };
t.onHeadersReceived(a);
t.onHeadersReceived(() => log.push("b"));
t.onHeadersReceived(c);
await sleep(300);
// c was removed before its turn: a removal during dispatch takes effect, or
// c ran once; either way nothing runs twice.
return [log.filter((x) => x !== "c"), log.filter((x) => x === "c").length <= 1, await alive()];

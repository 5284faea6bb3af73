// NETWORK.md section 6, from the page alone (fetch): what a browser cannot
// do, said rather than faked. Forbidden headers dropped with a one-time
// warning naming them; Set-Cookie invisible, so cookies is []; response
// headers as the browser gives them (lower-case names, ", "); a failure
// before a response gets the shim's sentence with the URL; CONNECT, TRACE
// and methods a browser refuses fail with the browser's own message.
// These rows are the page-alone path's own: they are not run again through
// the relay (relay_rows_test.go), where request_relay.js says the opposite.

// @setup
wxshim.libVersion = "3.0.0";
wxshim.urlCheck = false;
const BEFORE = "request:fail the request failed before a response (refused, TLS not trusted, CORS, or a network error): ";

// @test forbidden headers are dropped, the others sent
// @want ["success",["1"],null,false,false,"127.0.0.1"]
const g = await request({url: ECHO_HTTP, header: {"X-Ok": "1", Cookie: "a=1", "User-Agent": "evil-agent", Referer: "https://evil.test/", Host: "evil.test"}});
const h = g.res.data.header;
return [g[0], h["X-Ok"], h.Cookie || null, (h["User-Agent"] || []).includes("evil-agent"),
  JSON.stringify(h.Referer || []).includes("evil.test"), g.res.data.host.split(":")[0]];

// @test one warning names the dropped headers, once
// @want [["success","success"],1,true]
const header = {Cookie: "a=1", "User-Agent": "evil-agent", "X-Ok": "1"};
const a = await request({url: ECHO_HTTP, header});
const b = await request({url: ECHO_HTTP, header});
const w = warns.filter((x) => x.includes("Cookie"));
return [[a[0], b[0]], w.length, w.length > 0 && w[0].includes("User-Agent")];

// @test Set-Cookie is invisible: cookies is [], in success and onHeadersReceived
// @want ["success",[],[],false]
let heard;
const p = request({url: ORIGIN + "/http/cookies"});
const g = await p;
const t = wx.request({url: ORIGIN + "/http/cookies"});
t.onHeadersReceived((res) => { heard = res; });
await until(() => heard);
return [g[0], g.res.cookies, heard.cookies, Object.keys(g.res.header).some((k) => k.toLowerCase() === "set-cookie")];

// @test response headers as the browser gives them: lower-case names, values joined by ", "
// @want ["success","1, 2","three",true]
const g = await request({url: ORIGIN + "/http/status?header=X-A:1&header=X-A:2&header=X-B:three"});
const h = g.res.header;
return [g[0], h["x-a"], h["x-b"], Object.keys(h).every((k) => k === k.toLowerCase())];

// @test a failure before a response: {{1}}
// @each a refused port | "https://127.0.0.1:2/http/echo"
// @each a server that answers no CORS | ORIGIN + "/http/nocors"
// @each a server that answers no CORS, with a query | ORIGIN + "/http/nocors?a=1"
// @each a simple request to a server that answers no CORS | ORIGIN + "/http/nocors?simple"
// @want [["fail","complete"],true]
// (errno: the spec gives none for it, so the row asks for none)
const url = {{2}};
const header = url.endsWith("simple") ? {"content-type": "text/plain"} : {};
const g = await request({url, header, method: url.endsWith("simple") ? "POST" : "GET", data: "x"});
return [g.slice(), g.res.errMsg === BEFORE + url ? true : g.res.errMsg];

// @test method {{1}}: the browser's own message
// @each CONNECT
// @each TRACE
// @each TRACK
// @each connect
// @each BAD METHOD
// @each GET\nX: 1
// @want [["fail","complete"],true]
const method = "{{1}}";
const g = await request({url: ECHO_HTTP, method});
// The browser's words for it, from fetch or from the Request it builds.
const said = [];
await fetch(ECHO_HTTP, {method: method.toUpperCase()}).catch((e) => said.push(e.message));
try { new Request(ECHO_HTTP, {method: method.toUpperCase()}); } catch (e) { said.push(e.message); }
return [g.slice(), said.length > 0 && said.some((m) => g.res.errMsg === "request:fail " + m) ? true : [g.res.errMsg, said]];

// @test the browser's HTTP cache is not used unless enableCache: {{1}}
// @each without enableCache | {} | true
// @each with enableCache | {enableCache: true} | false
// @want ["success","success",{{3}}]
// A response the browser may keep for 10 minutes, asked for twice; Resource
// Timing's transferSize is 0 for an answer from the cache (the server lets
// the page see it: Timing-Allow-Origin). An engine that reports 0 for a
// fetch that did go to the network (WebKitGTK 2.50: for every fetch, as a
// control with cache "no-store" shows) cannot tell: there the row checks
// only that both requests succeed.
const url = ORIGIN + "/http/status?header=Cache-Control:max-age%3D600&header=Timing-Allow-Origin:*&body=" + Math.random();
const control = url + "&control";
performance.clearResourceTimings();
await fetch(control, {cache: "no-store"});
await sleep(50);
const measurable = performance.getEntriesByType("resource").some((e) => e.name === control && e.transferSize > 0);
const a = await request(Object.assign({url}, {{2}}));
performance.clearResourceTimings();
const b = await request(Object.assign({url}, {{2}}));
await sleep(50);
const entries = performance.getEntriesByType("resource").filter((e) => e.name === url);
return [a[0], b[0], measurable ? entries.length > 0 && entries.every((e) => e.transferSize > 0) : {{3}}];

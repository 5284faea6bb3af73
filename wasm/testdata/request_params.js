// NETWORK.md sections 1 and 2: what wx.request decides synchronously, before
// it returns (parameter types, url, data, host), the errMsg and errno of each,
// the two inputs that throw inside the runtime, callbacks, and the return
// value. Everything that fails here fails before the call returns, which
// returns undefined; nothing here touches the network except the rows that
// say they succeed (the test server's https ORIGIN, urlCheck off).

// @setup
wxshim.libVersion = "3.0.0";
wxshim.urlCheck = false;
const r = rec();
const cbs = {success: r("success"), fail: r("fail"), complete: r("complete")};
// call runs wx.request(o) with the recorder's callbacks and logs what it
// returned after whatever ran before the return.
const call = (o) => { const ret = wx.request(Object.assign(o, cbs)); r.log.push(["returned", show(ret)]); return ret; };
// failed is the synchronous fail, then complete, then the return of undefined.
const failed = (res) => [["fail", res], ["complete", res], ["returned", "undefined"]];

// @test url {{1}}: parameter error, synchronous, returns undefined
// @each 1 | Number
// @each null | Null
// @each {} | Object
// @each true | Boolean
// @each ["https://a.example.com"] | Array
// @each undefined | Undefined
// @each Symbol("u") | Symbol
// @each 10n | BigInt
// @each () => "https://a.example.com" | Function
// @want [["fail",{"errMsg":"request:fail parameter error: parameter.url should be String instead of {{2}};","errno":1001}],
// @want ["complete",{"errMsg":"request:fail parameter error: parameter.url should be String instead of {{2}};","errno":1001}],["returned","undefined"]]
call({url: {{1}}});
return r.log;

// @test no url at all is the Undefined url message
// @want [["fail",{"errMsg":"request:fail parameter error: parameter.url should be String instead of Undefined;","errno":1001}],
// @want ["complete",{"errMsg":"request:fail parameter error: parameter.url should be String instead of Undefined;","errno":1001}],["returned","undefined"]]
call({method: "POST"});
return r.log;

// @test an argument that is not an object: {{1}}
// @each a string | "https://a.example.com" | String
// @each a number | 42 | Number
// @each null | null | Null
// @each a boolean | true | Boolean
// @each an array | [{url: "https://a.example.com"}] | Array
// @each a function | () => 1 | Function
// @want [null,"undefined",[]]
// Nothing can be called back (the argument carries no callbacks): no
// exception, undefined, and nothing else runs.
let threw = null, ret;
try { ret = wx.request({{2}}); } catch (e) { threw = String(e); }
await sleep(20);
return [threw, show(ret), r.log];

// @test an argument that is not an object and carries callbacks: {{1}}
// @each an array | Array
// @each a function | Function
// @want [["fail",{"errMsg":"request:fail parameter error: parameter should be Object instead of {{2}};","errno":1001}],
// @want ["complete",{"errMsg":"request:fail parameter error: parameter should be Object instead of {{2}};","errno":1001}],["returned","undefined"]]
// An array or a function can hold success/fail/complete as properties, as
// the runtime's type check reads them: its fail names the type.
const arg = "{{2}}" === "Array" ? [] : function () {};
Object.assign(arg, cbs, {url: ECHO_HTTP});
r.log.push(["returned", show(wx.request(arg))]);
return r.log;

// @test no argument, or undefined, is {}: the url message
// @each wx.request()
// @each wx.request(undefined)
// @want [null,"undefined"]
let threw = null, ret;
try { ret = {{1}}; } catch (e) { threw = String(e); }
return [threw, show(ret)];

// @test an empty url passes the type check and is an invalid url
// @want [["fail",{"errMsg":"request:fail invalid url \"\"","errno":600009}],["complete",{"errMsg":"request:fail invalid url \"\"","errno":600009}],["returned","undefined"]]
call({url: ""});
return r.log;

// @test invalid url {{1}}
// @each ftp://a.example.com/x
// @each //a.example.com/x
// @each  https://a.example.com | a leading space
// @each wss://a.example.com
// @each ws://a.example.com
// @each https:/a.example.com
// @each https:a.example.com
// @each httpx://a.example.com
// @each javascript:alert(1)
// @each a.example.com/https://
// @each data:text/plain,https://
// @want [["fail",{"errMsg":"request:fail invalid url \"{{1}}\"","errno":600009}],["complete",{"errMsg":"request:fail invalid url \"{{1}}\"","errno":600009}],["returned","undefined"]]
call({url: "{{1}}"});
return r.log;

// @test the url check is case-insensitive: {{1}} is sent
// @each HTTPS | ORIGIN.replace(/^https/, "HTTPS")
// @each HtTpS | ORIGIN.replace(/^https/, "HtTpS")
// @want [["returned","object"],"success",200]
let res;
const ret = wx.request({url: {{2}} + "/http/echo", success(x) { res = x; }, fail(x) { res = x; }});
r.log.push(["returned", typeof ret]);
await until(() => res);
return [r.log[0], res.errMsg === "request:ok" ? "success" : res.errMsg, res.statusCode];

// @test data that JSON.stringify throws on: {{1}}
// @each a cycle | const d = {a: 1}; d.self = d;
// @each a cycle through an array | const d = [1]; d.push({back: d});
// @each a BigInt inside | const d = {n: 10n};
// @each a BigInt | const d = 10n;
// @each a throwing toJSON | const d = {toJSON() { throw new Error("no"); }};
// @each a throwing getter | const d = Object.defineProperty({}, "x", {enumerable: true, get() { throw new Error("no"); }});
// @want [["fail",{"errMsg":"request:fail fail to stringify data","errno":600010}],["complete",{"errMsg":"request:fail fail to stringify data","errno":600010}],["returned","undefined"]]
{{2}}
call({url: ECHO_HTTP, method: "POST", data: d});
return r.log;

// @test data a function: {{1}}
// @each an arrow | () => 1
// @each a function | function f() {}
// @each a class | class C {}
// @each an async function | async () => 1
// @want [["fail",{"errMsg":"request:fail data should not be Function","errno":600010}],["complete",{"errMsg":"request:fail data should not be Function","errno":600010}],["returned","undefined"]]
call({url: ECHO_HTTP, method: "POST", data: {{2}}});
return r.log;

// @test a function inside an object is no Function data (JSON.stringify leaves it out)
// @want [["returned","object"],["success","{}"]]
let res;
const ret = wx.request({url: ECHO_HTTP, method: "POST", data: {f() {}}, success(x) { res = ["success", x.data.body]; }, fail(x) { res = ["fail", x.errMsg]; }});
r.log.push(["returned", typeof ret]);
await until(() => res);
return [r.log[0], res];

// @test illegal host {{1}}
// @each https://.a.example.com/x | .a.example.com
// @each https://a..example.com | a..example.com
// @each https://..a.example.com:8080/p | ..a.example.com:8080 | the port is part of it
// @each http://a..b?x=1 | a..b
// @each https://a..b#f | a..b
// @each https://a.b..c d/x | a.b..c | whitespace ends the host
// @each https://user@..x.example.com/ | user@..x.example.com | userinfo is part of it
// @each HTTPS://.A.example.com | .A.example.com | as written
// @each https://a.example.com..:443 | a.example.com..:443
// @want [["fail",{"errMsg":"request:fail illegal host: {{2}}","errno":101}],["complete",{"errMsg":"request:fail illegal host: {{2}}","errno":101}],["returned","undefined"]]
call({url: "{{1}}"});
return r.log;

// @test dots in the path, query or fragment are no illegal host
// @each /http/echo?..=..
// @each /http/echo?a=b..c&..
// @each /http/echo#..
// @want [["returned","object"],"request:ok"]
let res;
const ret = wx.request({url: ORIGIN + "{{1}}", success(x) { res = x; }, fail(x) { res = x; }});
r.log.push(["returned", typeof ret]);
await until(() => res);
return [r.log[0], res.errMsg];

// @test the checks run in order: {{1}}
// @each url type before data | {url: 1, data: () => 1} | request:fail parameter error: parameter.url should be String instead of Number; | 1001
// @each url type before stringify | (() => { const d = {}; d.d = d; return {url: null, data: d}; })() | request:fail parameter error: parameter.url should be String instead of Null; | 1001
// @each invalid url before stringify | (() => { const d = {}; d.d = d; return {url: "ftp://a..b", data: d}; })() | request:fail invalid url \"ftp://a..b\" | 600009
// @each invalid url before function data | {url: "wss://..a", data: () => 1} | request:fail invalid url \"wss://..a\" | 600009
// @each stringify before illegal host | (() => { const d = {}; d.d = d; return {url: "https://a..b", data: d}; })() | request:fail fail to stringify data | 600010
// @each function data before illegal host | {url: "https://..b", data: function () {}} | request:fail data should not be Function | 600010
// @want [["fail",{"errMsg":"{{3}}","errno":{{4}}}],["complete",{"errMsg":"{{3}}","errno":{{4}}}],["returned","undefined"]]
call({{2}});
return r.log;

// @test errno from 2.24.0: {{1}} at {{2}}
// @each parameter error | 2.23.9 | {url: 1} | ["errMsg"]
// @each parameter error | 2.24.0 | {url: 1} | ["errMsg","errno"]
// @each not an object | 2.23.9 | Object.assign([], cbs) | ["errMsg"]
// @each invalid url | 2.23.9 | {url: "ftp://x"} | ["errMsg"]
// @each invalid url | 2.24.0 | {url: "ftp://x"} | ["errMsg","errno"]
// @each stringify | 2.23.9 | {url: ECHO_HTTP, data: {n: 1n}} | ["errMsg"]
// @each function data | 2.23.9 | {url: ECHO_HTTP, data: () => 1} | ["errMsg"]
// @each illegal host | 2.23.9 | {url: "https://a..b"} | ["errMsg"]
// @each illegal host | 2.24.0 | {url: "https://a..b"} | ["errMsg","errno"]
// @want [["fail","complete"],{{4}},"undefined"]
wxshim.libVersion = "{{2}}";
const ret = wx.request(Object.assign({{3}}, cbs));
return [r.log.map((e) => e[0]), r.log[0] ? Object.keys(r.log[0][1]).sort() : "no fail", show(ret)];

// @test a valid call returns a RequestTask and calls back later
// @want ["object","success","complete"]
const log = [];
const t = wx.request({url: ECHO_HTTP, success() { log.push("success"); }, fail() { log.push("fail"); }, complete() { log.push("complete"); }});
log.push(typeof t);
await until(() => log.length === 3);
return log;

// @test no Promise style at {{1}}: the task is returned without callbacks
// @each 1.4.0
// @each 2.10.2
// @each 2.30.3
// @each 3.0.0
// @want [false,"object","function",false]
wxshim.libVersion = "{{1}}";
const t = wx.request({url: ECHO_HTTP});
const bad = wx.request({url: 1});
return [t instanceof Promise, typeof t, typeof t.abort, bad instanceof Promise];

// @test a truthy responseType that is not a string: {{1}}
// @each 1
// @each true
// @each {}
// @each ["arraybuffer"]
// @want [null,"undefined",[],true]
// The runtime's own JavaScript throws on it and calls nothing back; the
// shim does the same, with a console error naming the cause.
let threw = null, ret;
try { ret = wx.request(Object.assign({url: ECHO_HTTP, responseType: {{1}}}, cbs)); } catch (e) { threw = String(e); }
await sleep(300);
return [threw, show(ret), r.log, errors.some((e) => e.includes("responseType"))];

// @test a falsy responseType is the default: {{1}}
// @each 0
// @each ""
// @each null
// @each false
// @want ["success","string"]
call({url: ORIGIN + "/http/status?body=plain", responseType: {{1}}, dataType: "text"});
await until(() => r.log.length === 3);
return [r.log[1][0], typeof r.log[1][1].data];

// @test {{1}} data with content-type {{2}} throws inside the runtime: nothing is called
// @each 42 | text/plain
// @each 0 | text/plain
// @each true | text/html
// @each false | application/octet-stream
// @each NaN | text/plain
// @want [null,"undefined",[],true]
let threw = null, ret;
try { ret = wx.request(Object.assign({url: ECHO_HTTP, method: "POST", data: {{1}}, header: {"content-type": "{{2}}"}}, cbs)); } catch (e) { threw = String(e); }
await sleep(300);
return [threw, show(ret), r.log, errors.some((e) => e.includes("data"))];

// @test a throwing success still runs complete, and is reported
// @want [["complete"],true,true]
wx.request({url: ECHO_HTTP, success() { throw new Error("boom in success"); }, complete: r("complete")});
await until(() => r.log.length === 1);
await sleep(50);
const reported = errors.filter((e) => e.includes("boom in success"));
return [r.log.map((e) => e[0]), reported.length > 0, reported.some((e) => e.includes("thirdScriptError") && e.includes("request") && e.includes("success"))];

// @test a throwing fail on a synchronous failure: complete runs, wx.request returns undefined and throws nothing
// @want [null,"undefined",["complete"],true]
let threw = null, ret;
try { ret = wx.request({url: 1, fail() { throw new Error("boom in fail"); }, complete: r("complete")}); } catch (e) { threw = String(e); }
return [threw, show(ret), r.log.map((e) => e[0]), errors.some((e) => e.includes("boom in fail") && e.includes("thirdScriptError"))];

// @test a throwing complete is reported and nothing else happens
// @want [null,["success"],true]
let threw = null;
try { wx.request({url: ECHO_HTTP, success: r("success"), complete() { throw new Error("boom in complete"); }}); } catch (e) { threw = String(e); }
await until(() => r.log.length === 1);
await sleep(50);
return [threw, r.log.map((e) => e[0]), errors.some((e) => e.includes("boom in complete"))];

// @test success and complete run once each, success first
// @want ["success","complete"]
wx.request({url: ECHO_HTTP, success: r("success"), fail: r("fail"), complete: r("complete")});
await until(() => r.log.length === 2);
await sleep(100);
return r.log.map((e) => e[0]);

// @test callbacks that are not functions are ignored
// @want [null,"object"]
let threw = null, t;
try { t = wx.request({url: ECHO_HTTP, success: 1, fail: "x", complete: {}}); } catch (e) { threw = String(e); }
await sleep(100);
return [threw, typeof t];

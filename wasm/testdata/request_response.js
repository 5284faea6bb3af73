// NETWORK.md sections 1 and 2: the response. success for any status, res's
// fields by version, data by dataType and responseType (the BOM, a JSON
// parse that fails silently), headers one string per name, redirects, the
// response size cap (maxResponseBytes, choice: request:fail exceed max
// response size). Rows here hold on both paths (the page alone, the relay);
// what only one path can show is in request_page.js and request_relay.js.

// @setup
wxshim.libVersion = "3.0.0";
wxshim.urlCheck = false;
// body is /http/status answering text with this body.
const body = (text) => ORIGIN + "/http/status?body=" + encodeURIComponent(text);

// @test dataType json (the default) parses the body
// @want [["success","complete"],"object","GET","request:ok"]
const g = await request({url: ECHO_HTTP});
return [g.slice(), typeof g.res.data, g.res.data.method, g.res.errMsg];

// @test dataType "json" parses, other values keep the text: {{1}}
// @each "json" | "object"
// @each "JSON" | "string"
// @each "Json" | "string"
// @each "text" | "string"
// @each "other" | "string"
// @want ["success",{{2}},"GET"]
const g = await request({url: ECHO_HTTP, dataType: {{1}}});
const d = g.res.data;
return [g[0], typeof d, (typeof d === "string" ? JSON.parse(d) : d).method];

// @test a body that is not JSON stays text, silently: {{1}}
// @each not json | "not json"
// @each half an object | '{"a":'
// @each empty | ""
// @each a space | " "
// @each a number and more | "12 monkeys"
// @want ["success",true,false]
const g = await request({url: body({{2}})});
return [g[0], g.res.data === {{2}}, errors.length > 0];

// @test one leading BOM is dropped: {{1}}
// @each text after one BOM | \ufeffhi | text | "hi"
// @each only one of two | \ufeff\ufeffhi | text | "\ufeffhi"
// @each a BOM inside stays | a\ufeffb | text | "a\ufeffb"
// @each a BOM alone | \ufeff | text | ""
// @each JSON after a BOM | \ufeff{\"a\":1} | json | {"a":1}
// @each JSON after two BOMs stays text | \ufeff\ufeff{\"a\":1} | json | "\ufeff{\"a\":1}"
// @want ["success",{{4}}]
const g = await request({url: body("{{2}}"), dataType: "{{3}}"});
return [g[0], g.res.data];

// @test responseType arraybuffer gives the bytes: {{1}}
// @each JSON is not parsed | %7B%7D | AB:7b7d
// @each a BOM is kept | %EF%BB%BFhi | AB:efbbbf6869
// @each an empty body | - | AB:
// @each bytes that are not UTF-8 | %FF%FE%00 | AB:fffe00
// @want ["success","{{3}}",true]
const g = await request({url: ORIGIN + "/http/status?body=" + "{{2}}".replace(/^-$/, ""), responseType: "arraybuffer"});
return [g[0], show(g.res.data), g.res.data instanceof ArrayBuffer];

// @test responseType text gives text
// @want ["success","string"]
const g = await request({url: body("plain"), responseType: "text"});
return [g[0], typeof g.res.data];

// @test responseType from 1.7.0: {{1}} {{2}}
// @each 1.6.0 | ignores it | {"a":1}
// @each 1.7.0 | honours it | "AB:7b2261223a317d"
// @want ["success",{{3}}]
wxshim.libVersion = "{{1}}";
const g = await request({url: body('{"a":1}'), responseType: "arraybuffer"});
return [g[0], show(g.res.data)];

// @test success for any status: {{1}}
// @each 200
// @each 201
// @each 202
// @each 204
// @each 400
// @each 401
// @each 403
// @each 404
// @each 418
// @each 500
// @each 502
// @each 503
// @each 599
// @want [["success","complete"],"request:ok",{{1}},"number"]
const g = await request({url: ORIGIN + "/http/status?code={{1}}"});
return [g.slice(), g.res.errMsg, g.res.statusCode, typeof g.res.statusCode];

// @test the body of an error status is data: {{1}}
// @each 404
// @each 500
// @want ["success",{"error":"{{1}}"}]
const g = await request({url: ORIGIN + "/http/status?code={{1}}&header=Content-Type:application/json&body=" + encodeURIComponent('{"error":"{{1}}"}')});
return [g[0], g.res.data];

// @test res at {{1}}: {{2}}
// @each 1.4.0 | data, statusCode, header | ["data","errMsg","header","statusCode"]
// @each 2.9.9 | data, statusCode, header | ["data","errMsg","header","statusCode"]
// @each 2.10.0 | and cookies | ["cookies","data","errMsg","header","statusCode"]
// @each 2.10.3 | and cookies | ["cookies","data","errMsg","header","statusCode"]
// @each 2.10.4 | and profile | ["cookies","data","errMsg","header","profile","statusCode"]
// @each 2.30.3 | and profile | ["cookies","data","errMsg","header","profile","statusCode"]
// @each 3.0.0 | and profile | ["cookies","data","errMsg","header","profile","statusCode"]
// @want ["success",{{3}}]
wxshim.libVersion = "{{1}}";
const g = await request({url: ECHO_HTTP});
return [g[0], Object.keys(g.res).sort()];

// @test cookies is an array of strings, profile an object of the measured times
// @want [true,true,true,true,true]
const g = await request({url: ECHO_HTTP});
const p = g.res.profile;
return [Array.isArray(g.res.cookies), g.res.cookies.every((c) => typeof c === "string"),
  p !== null && typeof p === "object" && !Array.isArray(p),
  typeof p.fetchStart === "number" && typeof p.responseEnd === "number",
  p.fetchStart > 1.6e12 && p.responseEnd >= p.fetchStart];

// @test profile read after a later request to the same URL is still its own request's, one object, in JSON too
// @want [true,true,true,true,true]
// Timing-Allow-Origin lets the page read the entry's request moments; the
// suite's earlier fetches have filled the page's Resource Timing buffer.
performance.clearResourceTimings();
const url = ORIGIN + "/http/status?header=Timing-Allow-Origin:*";
const a = await request({url});
const b = await request({url});
const p = a.res.profile, q = b.res.profile;
return [p.responseEnd <= q.fetchStart, p.requestStart > 0, p.requestStart <= p.responseEnd,
  a.res.profile === p, JSON.parse(JSON.stringify(a.res)).profile.fetchStart === p.fetchStart];

// @test res.header: an object, one string per name, several values joined
// @want ["success",true,["1","2"],"three"]
const g = await request({url: ORIGIN + "/http/status?header=X-A:1&header=X-A:2&header=X-B:three"});
const h = g.res.header;
return [g[0], Object.values(h).every((v) => typeof v === "string"), headerValue(h, "x-a").split(/,\s*/), headerValue(h, "x-b")];

// @test redirects are followed: {{1}}
// @each one | n=1
// @each three 307s | n=3&code=307
// @each fifteen | n=15
// @each a 301 | n=1&code=301
// @each a 308 | n=1&code=308
// @want ["success",200,"/http/echo"]
const g = await request({url: ORIGIN + "/http/redirect?{{2}}"});
return [g[0], g.res.statusCode, g.res.data.uri];

// @test redirect "manual" from 3.2.2: {{1}} {{2}}
// @each 3.2.1 | follows | ["success",true]
// @each 3.2.2 | stops at the 3xx | ["success",false]
// @want {{3}}
wxshim.libVersion = "{{1}}";
const g = await request({url: ORIGIN + "/http/redirect?n=1", redirect: "manual"});
return [g[0], !!(g.res.data && g.res.data.uri === "/http/echo")];

// @test a body over maxResponseBytes fails: {{1}}
// @each with Content-Length | /http/big?size=2000 | text
// @each chunked, no length: counted as it arrives | /http/big?size=2000&chunked=1 | text
// @each chunked, slowly | /http/chunked?n=20&size=100&ms=5 | text
// @each an arraybuffer | /http/big?size=2000&chunked=1 | arraybuffer
// @want [["fail","complete"],"request:fail exceed max response size"]
wxshim.maxResponseBytes = 1000;
const g = await request({url: ORIGIN + "{{2}}", responseType: "{{3}}"});
return [g.slice(), g.res.errMsg];

// @test a body of exactly maxResponseBytes passes: {{1}}
// @each with Content-Length | /http/big?size=1000
// @each chunked | /http/big?size=1000&chunked=1
// @want ["success",1000,"abcdefghijklmnopqrstuvwxyz"]
wxshim.maxResponseBytes = 1000;
const g = await request({url: ORIGIN + "{{2}}", dataType: "text"});
return [g[0], g.res.data.length, g.res.data.slice(0, 26)];

// @test the default cap: a Content-Length over 200 MiB fails
// @want [["fail","complete"],"request:fail exceed max response size"]
const g = await request({url: ORIGIN + "/http/big?size=209715201"});
return [g.slice(), g.res.errMsg];

// @test enableHttp2, enableQuic, enableCache, enableProfile, enableHttpDNS, forceCellularNetwork: accepted
// @want ["success","GET"]
const g = await request({url: ECHO_HTTP, enableHttp2: true, enableQuic: true, enableCache: true, enableProfile: true, enableHttpDNS: false, forceCellularNetwork: true});
return [g[0], g.res.data.method];

// @test a 20 MiB response arrives whole: {{1}}
// @each with Content-Length, arraybuffer | &length | arraybuffer
// @each chunked, arraybuffer | &chunked=1 | arraybuffer
// @each chunked, text | &chunked=1 | text
// @want ["success",20971520,"abcdefghijklmnopqrstuvwxyzabcdef",true]
const g = await request({url: ORIGIN + "/http/big?size=20971520{{2}}", responseType: "{{3}}", dataType: "text"});
const d = g.res.data;
const s = typeof d === "string" ? d : new TextDecoder().decode(new Uint8Array(d, 0, 64));
const last = typeof d === "string" ? d.charCodeAt(d.length - 1) : new Uint8Array(d)[d.byteLength - 1];
// 20971520 = 26 * 806596 + 24: the last byte is the 24th letter, x.
return [g[0], typeof d === "string" ? d.length : d.byteLength, s.slice(0, 32), last === 120];

// @test options a browser cannot honour are accepted and warned about once: {{1}}
// @each enableQuic
// @each enableHttpDNS
// @each forceCellularNetwork
// @want ["success","success",1]
const a = await request({url: ECHO_HTTP, {{1}}: true});
const b = await request({url: ECHO_HTTP, {{1}}: true});
return [a[0], b[0], warns.filter((w) => w.includes("{{1}}")).length];

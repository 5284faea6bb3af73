// NETWORK.md section 2: what wx.request sends. The body and the GET URL by
// data kind (the table, the query merge and its quirks), the method, the
// header (stringified values, content-type lower-cased and defaulted, a
// non-object header), and section 1's "no cookie jar". Each row asks the
// test server's /http/echo, which answers the request as it received it
// (internal/wstest/requests.go: method, uri as on the request line, header
// with Go's canonical names, body or bodyBase64, length).

// @setup
wxshim.libVersion = "3.0.0";
wxshim.urlCheck = false;
// sent is what the server received for o (url default: /http/echo): the
// method, the request URI, the body ("base64:..." when it is not UTF-8)
// and the Content-Type header's values; a failure gives its errMsg.
async function sent(o) {
  const g = await request(Object.assign({url: ECHO_HTTP}, o));
  if (g[0] !== "success") return [g[0], g.res.errMsg];
  const e = g.res.data;
  return {method: e.method, uri: e.uri, body: e.bodyBase64 ? "base64:" + e.bodyBase64 : e.body, type: (e.header["Content-Type"] || []).join(" | ")};
}
const FORM = {"content-type": "application/x-www-form-urlencoded"};

// @test POST data {{1}}
// @each undefined | undefined | {} | "" | application/json
// @each a string | "a=1&b ü" | {} | "a=1&b ü" | application/json
// @each a string, text/plain | "hi" | {"content-type": "text/plain"} | "hi" | text/plain
// @each an ArrayBuffer | new Uint8Array([1, 2, 3, 250]).buffer | {} | "base64:AQID+g==" | application/json
// @each an empty ArrayBuffer | new ArrayBuffer(0) | {} | "" | application/json
// @each an object | {a: 1, b: [1, "x"], n: null, u: undefined, s: "ü"} | {} | "{\"a\":1,\"b\":[1,\"x\"],\"n\":null,\"s\":\"ü\"}" | application/json
// @each an array | [1, "a", null] | {} | "[1,\"a\",null]" | application/json
// @each a Uint8Array | new Uint8Array([1, 2]) | {} | "{\"0\":1,\"1\":2}" | application/json
// @each a Date | new Date(0) | {} | "\"1970-01-01T00:00:00.000Z\"" | application/json
// @each an object, text/plain | {a: 1} | {"content-type": "text/plain"} | "{\"a\":1}" | text/plain
// @each 42 | 42 | {} | "42" | application/json
// @each true | true | {} | "true" | application/json
// @each null | null | {} | "null" | application/json
// @each 42, JSON with a charset | 42 | {"content-type": "application/json; charset=utf-8"} | "42" | application/json; charset=utf-8
// @each an object, form | {a: "x y", b: 1, c: null, d: undefined, e: {k: 1}, f: [1, 2], "k&": "=", u: "中"} | FORM | "a=x%20y&b=1&c=null&d=undefined&e=%5Bobject%20Object%5D&f=1%2C2&k%26=%3D&u=%E4%B8%AD" | application/x-www-form-urlencoded
// @each an object, form with a charset | {a: "+"} | {"content-type": "application/x-www-form-urlencoded; charset=UTF-8"} | "a=%2B" | application/x-www-form-urlencoded; charset=UTF-8
// @each an object, form under Content-Type | {a: 1} | {"Content-Type": "application/x-www-form-urlencoded"} | "a=1" | application/x-www-form-urlencoded
// @each 42, form | 42 | FORM | "" | application/x-www-form-urlencoded
// @each true, form | true | FORM | "" | application/x-www-form-urlencoded
// @want {"method":"POST","uri":"/http/echo","body":{{4}},"type":"{{5}}"}
return sent({method: "POST", data: {{2}}, header: {{3}}});

// @test {{1}} with data {{2}}: the URL keeps, the body goes
// @each DELETE | {a: 1}
// @each OPTIONS | {a: 1}
// @each PUT | {a: 1}
// @want {"method":"{{1}}","uri":"/http/echo?k=1","body":"{\"a\":1}","type":"application/json"}
return sent({url: ECHO_HTTP + "?k=1", method: "{{1}}", data: {{2}}});

// @test GET query: {{1}}
// @each every kind of value | - | {a: 1, b: "x y&z", c: null, d: undefined, e: {k: [1, 2]}, f: [1, 2], g: true, "k k": "v"} | ?a=1&b=x%20y%26z&c=null&d=undefined&e=%7B%22k%22%3A%5B1%2C2%5D%7D&f=%5B1%2C2%5D&g=true&k%20k=v | {}
// @each encodeURIComponent, not form + | - | {u: "中文", s: "a+b=c"} | ?u=%E4%B8%AD%E6%96%87&s=a%2Bb%3Dc | {}
// @each a Date is JSON | - | {d: new Date(0)} | ?d=%221970-01-01T00%3A00%3A00.000Z%22 | {}
// @each an array | - | [5, 6] | ?0=5&1=6 | {}
// @each a Uint8Array | - | new Uint8Array([1, 2]) | ?0=1&1=2 | {}
// @each pairs in the URL kept, a key replaced in place | ?x=1&y=2 | {y: 3, z: 4} | ?x=1&y=3&z=4 | {}
// @each pairs in the URL kept as written | ?x=%20a&w=%2F | {z: "%"} | ?x=%20a&w=%2F&z=%25 | {}
// @each a key replaced when its encoding matches | ?a%20b=0&x=1 | {"a b": 2} | ?a%20b=2&x=1 | {}
// @each integer-like keys first | ?b=1&2=x | {a: 1, 10: "t"} | ?2=x&10=t&b=1&a=1 | {}
// @each a bare ?flag becomes flag=undefined | ?x=%20a&flag | {z: 4} | ?x=%20a&flag=undefined&z=4 | {}
// @each text after a second = is lost | ?x=1=2 | {z: 4} | ?x=1&z=4 | {}
// @each text after a second ? is lost | ?x=1?y=2 | {z: 4} | ?x=1&z=4 | {}
// @each an empty pair is dropped | ?x=1& | {z: 4} | ?x=1&z=4 | {}
// @each a bare ? | ? | {z: 4} | ?z=4 | {}
// @each a #fragment swallows the query | #frag | {z: 4} | - | {}
// @each a #fragment after a query swallows the rest | ?x=1#frag | {z: 4} | ?x=1 | {}
// @each an empty object leaves the URL | ?keep=1 | {} | ?keep=1 | {}
// @each null leaves the URL | ?keep=1 | null | ?keep=1 | {}
// @each a string leaves the URL | ?keep=1 | "a=1" | ?keep=1 | {}
// @each an ArrayBuffer leaves the URL | ?keep=1 | new ArrayBuffer(2) | ?keep=1 | {}
// @each undefined leaves the URL | ?keep=1 | undefined | ?keep=1 | {}
// @each form content-type changes nothing | ?keep=1 | {a: "x y"} | ?keep=1&a=x%20y | FORM
// @want ["GET","{{4}}",""]
// The server sees the URI without the fragment ("-": /http/echo alone).
// GET carries no body (choice: a browser cannot send one).
const got = await sent({url: ECHO_HTTP + "{{2}}".replace(/^-$/, ""), data: {{3}}, header: {{5}}});
return [got.method, got.uri.replace(/^\/http\/echo/, "") || "-", got.body];

// @test GET carries no body: {{1}}
// @each a string | "abc"
// @each an ArrayBuffer | new Uint8Array([1, 2]).buffer
// @each an object | {a: 1}
// @want [0,""]
const g = await request({url: ECHO_HTTP, data: {{2}}});
return [g.res.data.length, g.res.data.body];

// @test method {{1}} is sent as {{2}}
// @each post | POST
// @each Put | PUT
// @each delete | DELETE
// @each patch | PATCH
// @each options | OPTIONS
// @each propfind | PROPFIND
// @each GET | GET
// @want "{{2}}"
return (await sent({method: "{{1}}"})).method;

// @test a method that is not a string means GET: {{1}}
// @each 1
// @each null
// @each {}
// @each true
// @each ["POST"]
// @each new String("POST")
// @want {"method":"GET","uri":"/http/echo?a=1","body":"","type":"application/json"}
return sent({method: {{1}}, data: {a: 1}});

// @test HEAD: success with the status and headers, no body
// @want ["success",200,"",true]
const g = await request({url: ECHO_HTTP, method: "head"});
const h = g.res.header || {};
return [g[0], g.res.statusCode, g.res.data, Object.keys(h).some((k) => k.toLowerCase() === "content-type")];

// @test header values become strings
// @want {"X-Num":["5"],"X-Float":["1.5"],"X-Negzero":["0"],"X-Nan":["NaN"],"X-Inf":["Infinity"],"X-Str":["s"],"X-Empty":[""],
// @want "X-Bool":["[object Boolean]"],"X-Null":["[object Null]"],"X-Undef":["[object Undefined]"],"X-Obj":["[object Object]"],
// @want "X-Arr":["[object Array]"],"X-Date":["[object Date]"],"X-Strobj":["[object String]"],"X-Numobj":["[object Number]"],"X-Fn":["[object Function]"]}
const header = {"X-Num": 5, "X-Float": 1.5, "X-Negzero": -0, "X-Nan": NaN, "X-Inf": Infinity, "X-Str": "s", "X-Empty": "",
  "X-Bool": true, "X-Null": null, "X-Undef": undefined, "X-Obj": {a: 1}, "X-Arr": [1, 2], "X-Date": new Date(0),
  "X-Strobj": new String("s"), "X-Numobj": new Number(5), "X-Fn": function () {}};
const g = await request({url: ECHO_HTTP, header});
const out = {};
for (const k of Object.keys(header)) out[k] = g.res.data.header[k] || null;
return out;

// @test only the content-type key is lower-cased: {{1}}
// @each Content-Type replaces the default | {"Content-Type": "text/plain"} | text/plain
// @each CONTENT-TYPE | {"CONTENT-TYPE": "text/plain"} | text/plain
// @each the last in key order wins | {"CONTENT-TYPE": "a/b", "content-type": "c/d"} | c/d
// @each the last in key order wins, the other way | {"content-type": "c/d", "Content-Type": "a/b"} | a/b
// @want {"method":"POST","uri":"/http/echo","body":"hi","type":"{{3}}"}
return sent({method: "POST", data: "hi", header: {{2}}});

// @test the default content-type goes with every method: {{1}}
// @each GET
// @each POST
// @each PUT
// @each DELETE
// @each OPTIONS
// @want "application/json"
return (await sent({method: "{{1}}", header: {"X-Other": "1"}})).type;

// @test a header that is not an object: {{1}}
// @each a string | "content-type: text/plain"
// @each a number | 5
// @each null | null
// @each a boolean | true
// @each an array | ["content-type", "text/plain"] | Object.prototype.toString says Array
// @want ["application/json",true]
const type = (await sent({method: "POST", data: "x", header: {{2}}})).type;
return [type, warns.some((w) => w.includes("wx.request: header must be an object"))];

// @test an absent header warns nothing
// @want ["application/json",false]
const type = (await sent({method: "POST", data: "x"})).type;
return [type, warns.some((w) => w.includes("header must be an object"))];

// @test Referer in header is never sent as given: {{1}}
// @each Referer
// @each referer
// @each REFERER
// @want ["success",false]
const g = await request({url: ECHO_HTTP, header: {"{{1}}": "https://evil.test/r"}});
return [g[0], JSON.stringify(g.res.data.header).includes("evil.test")];

// @test no cookie jar: a Set-Cookie is never sent back
// @want ["success","success",null]
const a = await request({url: ORIGIN + "/http/cookies?set=jar%3D1%3B%20Path%3D%2F"});
const b = await request({url: ECHO_HTTP});
return [a[0], b[0], b.res.data.header.Cookie || null];

// @test a 5 MiB body arrives whole: {{1}}
// @each an ArrayBuffer | bytes.buffer
// @each a string | text
// @want ["success",5242880,true]
// /http/count reads the body and answers its length and SHA-256.
const bytes = new Uint8Array(5 << 20);
for (let i = 0; i < bytes.length; i++) bytes[i] = 97 + (i * 7) % 26;
const text = new TextDecoder().decode(bytes);
const hex = (b) => Array.from(new Uint8Array(b)).map((x) => x.toString(16).padStart(2, "0")).join("");
const sum = hex(await crypto.subtle.digest("SHA-256", bytes));
const g = await request({url: ORIGIN + "/http/count", method: "POST", data: {{2}}});
return [g[0], g.res.data.length, g.res.data.sha256 === sum];

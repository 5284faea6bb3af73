// NETWORK.md sections 1 and 6, through the relay (RELAY is set by the
// native runner): what only the relay can do. Every header sent as given
// but Referer, which is the phone's; Set-Cookie read and split as the
// runtime splits it; headers one string per name joined with ","; no CORS;
// a failure with its real cause; redirect "manual" with the real 3xx.
// Each row sets the relay itself, so this file runs beside relay.js
// (relay_rows_test.go), not again in the relay pass.

// @setup
wxshim.libVersion = "3.0.0";
wxshim.urlCheck = false;
wxshim.relay = {url: RELAY, secret: RELAY_SECRET, fallback: RELAY_TLS};

// @test every header is sent as given; Referer is the phone's
// @want ["success",["a=1; b=2"],["wx-agent/1"],["v"],["5"],["https://servicewechat.com/wx1234/7/page-frame.html"]]
wxshim.appid = "wx1234";
wxshim.appVersion = "7";
const g = await request({url: ECHO_HTTP, header: {Cookie: "a=1; b=2", "User-Agent": "wx-agent/1", "X-Custom": "v", "X-Num": 5, Referer: "https://evil.test/"}});
const h = g.res.data.header;
return [g[0], h.Cookie, h["User-Agent"], h["X-Custom"], h["X-Num"], h.Referer];

// @test the default Referer: touristappid, version 0
// @want ["https://servicewechat.com/touristappid/0/page-frame.html"]
const g = await request({url: ECHO_HTTP});
return g.res.data.header.Referer;

// @test no warning about headers the relay sends
// @want ["success",false]
const g = await request({url: ECHO_HTTP, header: {Cookie: "a=1", "User-Agent": "x"}});
return [g[0], warns.some((w) => w.includes("Cookie"))];

// @test Set-Cookie: cookies split as the runtime splits them, the header joined with ","
// @want ["success",["sid=abc123; Path=/; HttpOnly","lang=zh_CN; Expires=Wed 21 Oct 2037 07:28:00 GMT; Path=/","theme=dark"],
// @want "sid=abc123; Path=/; HttpOnly,lang=zh_CN; Expires=Wed, 21 Oct 2037 07:28:00 GMT; Path=/,theme=dark",
// @want ["sid=abc123; Path=/; HttpOnly","lang=zh_CN; Expires=Wed 21 Oct 2037 07:28:00 GMT; Path=/","theme=dark"]]
let heard;
const t = wx.request({url: ORIGIN + "/http/cookies"});
t.onHeadersReceived((res) => { heard = res; });
const g = await request({url: ORIGIN + "/http/cookies"});
await until(() => heard);
return [g[0], g.res.cookies, headerValue(g.res.header, "set-cookie"), heard.cookies];

// @test one Set-Cookie line is one cookie
// @want ["a=1; Path=/"]
const g = await request({url: ORIGIN + "/http/cookies?set=" + encodeURIComponent("a=1; Path=/")});
return g.res.cookies;

// @test response headers: one string per name, values joined with ","
// @want ["success","1,2","three"]
const g = await request({url: ORIGIN + "/http/status?header=X-A:1&header=X-A:2&header=X-B:three"});
return [g[0], headerValue(g.res.header, "x-a"), headerValue(g.res.header, "x-b")];

// @test no CORS: a server that answers none is read
// @want ["success",200,"/http/nocors"]
const g = await request({url: ORIGIN + "/http/nocors"});
return [g[0], g.res.statusCode, g.res.data.uri];

// @test a refused port: the fail says so
// @want [["fail","complete"],true,true,false]
const g = await request({url: "https://127.0.0.1:2/http/echo"});
const m = g.res.errMsg;
return [g.slice(), m.startsWith("request:fail "), /refused/i.test(m), m.includes("failed before a response")];

// @test a TLS failure: ssl hand shake error
// @want [["fail","complete"],true]
// The relay's own plain port speaks HTTP, not TLS.
const g = await request({url: "https://127.0.0.1:" + new URL(RELAY).port + "/"});
return [g.slice(), g.res.errMsg.startsWith("request:fail ssl hand shake error")];

// @test redirect "manual" reports the 3xx itself
// @want ["success",302,"/http/echo"]
wxshim.libVersion = "3.2.2";
const g = await request({url: ORIGIN + "/http/redirect?n=1", redirect: "manual"});
return [g[0], g.res.statusCode, headerValue(g.res.header, "location")];

// @test profile holds the relay's timings
// @want [true,true]
const g = await request({url: ECHO_HTTP});
const p = g.res.profile;
return [Object.values(p).every((v) => typeof v === "number" || typeof v === "string" || typeof v === "boolean"),
  p.fetchStart > 1.6e12 && p.responseEnd >= p.fetchStart];

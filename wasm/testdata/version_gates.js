// Spec section 1: behaviour by base-library version, and the rows of
// sections 2 to 4 where a version changes them.

// @test {{1}} onOpen {{2}}
// @each 1.6.0 | {} | [[],null,null,null]
// @each 1.9.9 | {} | [[],null,null,null]
// @each 2.0.0 | {header} | [["header"],null,null,null]
// @each 2.10.3 | {header} | [["header"],null,null,null]
// @each 2.10.4 | {header, profile} | [["header","profile"],["fetchStart","domainLookUpStart","domainLookUpEnd","connectStart","connectEnd","rtt","handshakeCost","cost"],true,true]
// @want {{3}}
wxshim.libVersion = "{{1}}";
wxshim.urlCheck = false;
let got;
const task = wx.connectSocket({url: echo()});
task.onOpen((res) => { got = res; });
await until(() => got);
const p = got.profile;
return [Object.keys(got), p ? Object.keys(p) : null, p ? Object.values(p).every((x) => typeof x === "number" && x >= 0) : null,
  p ? p.connectEnd >= p.connectStart && p.connectStart > 1.6e12 : null];

// @test {{1}} {{2}} the timeout option
// @each 2.9.9 | ignores | "networkTimeout"
// @each 2.10.0 | honours | "option"
// @want {{3}}
wxshim.libVersion = "{{1}}";
wxshim.urlCheck = false;
wxshim.networkTimeout = {connectSocket: 600};
const t0 = Date.now();
let ms;
const task = wx.connectSocket({url: ECHO + "/hang", timeout: 100});
task.onError(() => { ms = Date.now() - t0; });
await until(() => ms !== undefined);
return ms < 450 ? "option" : "networkTimeout";

// @test 1.3.0 ignores protocols
// @want ["success"]
wxshim.libVersion = "1.3.0";
wxshim.urlCheck = false;
const r = rec();
wx.connectSocket({url: echo(), protocols: ["a", "a"], success: r("success")});
return r.log.map((e) => e[0]);

// @test 1.4.0 takes protocols
// @want ["fail"]
wxshim.libVersion = "1.4.0";
wxshim.urlCheck = false;
const r = rec();
wx.connectSocket({url: echo(), protocols: ["a", "a"], fail: r("fail")});
return r.log.map((e) => e[0]);

// Spec section 2, wx.connectSocket at the default version 1.6.0: a url that
// fails the form check, /^(ws|wss):\/\/.+/i. Each field is the inside of a
// JavaScript string (\n is a newline); the bare @each is the empty url.

// @test url {{1}}
// @each test.php
// @each http://example.com
// @each https://good.example.com
// @each wss://
// @each ws:/x
// @each wss:x
// @each  wss://a
// @each wss://\nx
// @each wss://\u2028x
// @each
// @want [["fail","complete"],true,"undefined"]
const r = rec(), u = "{{1}}";
const ret = wx.connectSocket({url: u, fail: r("fail"), complete: r("complete"), success: r("success")});
return [r.log.map((e) => e[0]), r.log[0][1].errMsg === 'connectSocket:fail invalid url "' + u + '"', show(ret)];

// @test WSS:// upper case passes the form check
// @want ["success"]
// The check is case-insensitive, like WeChat's /^(ws|wss):\/\/.+/i.
wxshim.urlCheck = false;
const r = rec();
wx.connectSocket({url: ECHO.replace("wss://", "WSS://") + "/echo", success: r("success")});
return r.log.map((e) => e[0]);

// Spec section 4, the global API at 1.6.0: wx.closeSocket.

// @test not connected
// @want [[["fail",{"errMsg":"closeSocket:fail WebSocket is not connected"}],["complete",{"errMsg":"closeSocket:fail WebSocket is not connected"}]],
// @want "undefined"]
const r = rec();
const ret = wx.closeSocket({success: r("success"), fail: r("fail"), complete: r("complete")});
return [r.log, show(ret)];

// @test closes the bound socket with code and reason
// @want [[["success",{"errMsg":"closeSocket:ok"}],["complete",{"errMsg":"closeSocket:ok"}],["close",{"code":3456,"reason":"over"}]],
// @want {"code":3456,"reason":"over","seen":true}]
wxshim.urlCheck = false;
const r = rec();
wx.onSocketClose(r("close"));
await openGlobal(echo("gclose"));
wx.closeSocket({code: 3456, reason: "over", success: r("success"), complete: r("complete")});
await until(() => r.log.length === 3);
return [r.log, await serverSaw("gclose")];

// @test bad code and long reason
// @want [["code",{"errMsg":"closeSocket:fail The code must be either 1000, or between 3000 and 4999"}],
// @want ["reason",{"errMsg":"closeSocket:fail The close reason must not be greater than 123 UTF-8 bytes"}]]
wxshim.urlCheck = false;
const r = rec();
await openGlobal();
wx.closeSocket({code: 1001, fail: r("code")});
wx.closeSocket({reason: "é".repeat(62), fail: r("reason")});
return r.log;

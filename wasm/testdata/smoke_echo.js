// The smallest round trip: connect, echo text and binary, close, through the global API.

// @test echo text and binary
// @want [["success",{"errMsg":"connectSocket:ok","socketTaskId":"<id>"}],["complete",{"errMsg":"connectSocket:ok","socketTaskId":"<id>"}],["open",{}],
// @want ["msg",{"data":"hi"}],["msg",{"data":"AB:0102ff"}],["close",{"code":3001,"reason":"done"}]]
wxshim.urlCheck = false;
const r = rec();
wx.onSocketOpen(r("open"));
wx.onSocketMessage(r("msg"));
wx.onSocketClose(r("close"));
wx.connectSocket({url: ECHO + "/echo", success: r("success"), complete: r("complete")});
await until(() => r.log.length >= 3);
wx.sendSocketMessage({data: "hi"});
wx.sendSocketMessage({data: new Uint8Array([1, 2, 255]).buffer});
await until(() => r.log.length >= 5);
wx.closeSocket({code: 3001, reason: "done"});
await until(() => r.log.length >= 6);
return r.log;

// Spec section 4, the global API at 1.6.0: wx.sendSocketMessage.

// @test not connected: before any socket, while connecting, after close
// @want [["none",{"errMsg":"sendSocketMessage:fail WebSocket is not connected"}],["complete",{"errMsg":"sendSocketMessage:fail WebSocket is not connected"}],
// @want ["connecting",{"errMsg":"sendSocketMessage:fail WebSocket is not connected"}],
// @want ["closed",{"errMsg":"sendSocketMessage:fail WebSocket is not connected"}]]
wxshim.urlCheck = false;
const r = rec();
wx.sendSocketMessage({data: "a", fail: r("none"), complete: r("complete")});
wx.connectSocket({url: echo()});
wx.sendSocketMessage({data: "b", fail: r("connecting")});
let closed = false;
wx.onSocketOpen(() => wx.closeSocket());
wx.onSocketClose(() => { closed = true; });
await until(() => closed);
wx.sendSocketMessage({data: "c", fail: r("closed")});
return r.log;

// @test unknown data and ok
// @want [[["number",{"errMsg":"sendSocketMessage:fail unknown data"}],["complete",{"errMsg":"sendSocketMessage:fail unknown data"}],
// @want ["typed array",{"errMsg":"sendSocketMessage:fail unknown data"}],["success",{"errMsg":"sendSocketMessage:ok"}],
// @want ["complete",{"errMsg":"sendSocketMessage:ok"}]],"undefined"]
wxshim.urlCheck = false;
const r = rec();
await openGlobal();
wx.sendSocketMessage({data: 5, fail: r("number"), complete: r("complete")});
wx.sendSocketMessage({data: new Uint8Array(2), fail: r("typed array")});
wx.sendSocketMessage({data: "ok", success: r("success"), complete: r("complete")});
const ret = wx.sendSocketMessage({data: "ok"});
return [r.log, show(ret)];

// @test messages keep their order across the fast and slow paths
// @want true
wxshim.urlCheck = false;
const got = [];
wx.onSocketMessage((res) => got.push(typeof res.data === "string" ? res.data : new Uint8Array(res.data)[0]));
await openGlobal();
for (let i = 0; i < 200; i++) {
  if (i % 3 === 0) wx.sendSocketMessage({data: new Uint8Array([i]).buffer});
  else wx.sendSocketMessage({data: String(i)});
}
await until(() => got.length === 200);
return got.every((v, i) => String(v) === String(i));

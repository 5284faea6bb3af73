// Spec section 5: callbacks, exceptions, and the runtime that never stops.

// @test a throwing success still runs complete, and is reported
// @want [["complete"],true]
wxshim.urlCheck = false;
const r = rec();
wx.connectSocket({url: echo(), success() { throw new Error("boom in success"); }, complete: r("complete")});
return [r.log.map((e) => e[0]), errors.some((e) => e.includes("thirdScriptError") && e.includes("boom in success") && e.includes("wx.connectSocket success callback"))];

// @test a throwing listener does not stop the others or the socket
// @want [["second1","global1","second2","global2"],2,true]
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: echo()});
task.onMessage(() => { throw new Error("listener boom"); });
task.onMessage(r("second"));
wx.onSocketMessage(r("global"));
task.onOpen(() => { throw "a string"; });
await until(() => task.readyState === 1);
task.send({data: "1"});
task.send({data: "2"});
await until(() => r.log.length === 4);
return [r.log.map((e) => e[0] + e[1].data), errors.filter((e) => e.includes("SocketTask.onMessage")).length, errors.some((e) => e.includes("a string"))];

// @test a panic inside the shim becomes fail, and the runtime answers after it
// @want [[["fail",{"errMsg":"connectSocket:fail internal error: forced by wxshim.debug.panicNext"}],
// @want ["complete",{"errMsg":"connectSocket:fail internal error: forced by wxshim.debug.panicNext"}],
// @want ["success",{"errMsg":"connectSocket:ok","socketTaskId":"<id>"}],
// @want ["close fail",{"errMsg":"closeSocket:fail internal error: forced by wxshim.debug.panicNext"}],
// @want ["send fail",{"errMsg":"sendSocketMessage:fail unknown data"}]],"undefined",1]
wxshim.urlCheck = false;
const r = rec();
wxshim.debug.panicNext("wx.connectSocket");
const ret = wx.connectSocket({url: echo(), fail: r("fail"), complete: r("complete")});
const task = wx.connectSocket({url: echo(), success: r("success")});
await until(() => task.readyState === 1);
wxshim.debug.panicNext("wx.closeSocket");
wx.closeSocket({fail: r("close fail")});
wx.sendSocketMessage({data: 2, fail: r("send fail")});
return [r.log, show(ret), task.readyState];

// @test callbacks that are not functions are ignored
// @want "object"
wxshim.urlCheck = false;
const task = wx.connectSocket({url: echo(), success: 1, fail: "x", complete: {}});
return typeof task;

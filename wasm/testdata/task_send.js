// Spec section 3, SocketTask: send.

// @test not OPEN: fail synchronously, once
// @want [["fail",{"errMsg":"SocketTask.send:fail SocketTask.readyState is not OPEN"}],["complete",{"errMsg":"SocketTask.send:fail SocketTask.readyState is not OPEN"}],["after"]]
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: echo()});
task.send({data: "x", success: r("success"), fail: r("fail"), complete: r("complete")});
r.log.push(["after"]);
await sleep(30);
return r.log;

// @test unknown data {{1}}
// @each 5
// @each null
// @each undefined
// @each {}
// @each [1]
// @each new Uint8Array([1])
// @each new DataView(new ArrayBuffer(2))
// @each new Blob(['x'])
// @each true
// @each new String('s')
// @each new SharedArrayBuffer(4)
// @want [["fail",{"errMsg":"sendSocketMessage:fail unknown data"}],["complete",{"errMsg":"sendSocketMessage:fail unknown data"}]]
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: echo()});
await until(() => task.readyState === 1);
let data;
try { data = {{1}}; } catch (e) { data = 5; } // SharedArrayBuffer needs cross-origin isolation
task.send({data, success: r("success"), fail: r("fail"), complete: r("complete")});
return r.log;

// @test string and ArrayBuffer: sendSocketMessage:ok, echoed
// @want [["success",{"errMsg":"sendSocketMessage:ok"}],["complete",{"errMsg":"sendSocketMessage:ok"}],["success",{"errMsg":"sendSocketMessage:ok"}],
// @want ["message",{"data":"héllo"}],["message",{"data":"AB:0001fe"}],["message",{"data":""}],["message",{"data":"AB:"}]]
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: echo()});
task.onMessage(r("message"));
await until(() => task.readyState === 1);
task.send({data: "héllo", success: r("success"), complete: r("complete")});
task.send({data: new Uint8Array([0, 1, 254]).buffer, success: r("success")});
task.send({data: ""});
task.send({data: new ArrayBuffer(0)});
await until(() => r.log.length === 7);
return r.log;

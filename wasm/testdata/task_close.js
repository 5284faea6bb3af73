// Spec section 3, SocketTask: close.

// @test bad code {{1}}
// @each 999
// @each 1001
// @each 1006
// @each 2999
// @each 5000
// @each 1000.5
// @each "1000"
// @each NaN
// @each Infinity
// @each -1
// @each null
// @want [[["fail",{"errMsg":"closeSocket:fail The code must be either 1000, or between 3000 and 4999"}],
// @want ["complete",{"errMsg":"closeSocket:fail The code must be either 1000, or between 3000 and 4999"}]],1]
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: echo()});
await until(() => task.readyState === 1);
task.close({code: {{1}}, success: r("success"), fail: r("fail"), complete: r("complete")});
return [r.log, task.readyState];

// @test reason too long: {{1}}
// @each 124 ASCII bytes | "x".repeat(124)
// @each 42 three-byte characters (126 bytes) | "中".repeat(42)
// @want [["fail",{"errMsg":"closeSocket:fail The close reason must not be greater than 123 UTF-8 bytes"}]]
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: echo()});
await until(() => task.readyState === 1);
task.close({code: 3000, reason: {{2}}, fail: r("fail")});
return r.log;

// @test close ok, the server sees it: {{1}}
// @each no options: 1000 | undefined | undefined | 1000 | ""
// @each 3000 with a 123-byte reason | 3000 | "x".repeat(123) | 3000 | "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
// @each 4999 with 41 three-byte characters | 4999 | "中".repeat(41) | 4999 | "中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中中"
// @want [["success","complete","onClose"],{"errMsg":"closeSocket:ok"},{{4}},{{5}},{{4}}]
wxshim.urlCheck = false;
const r = rec(), id = "close" + Math.random();
const task = wx.connectSocket({url: echo(id)});
task.onClose(r("onClose"));
await until(() => task.readyState === 1);
const o = {success: r("success"), complete: r("complete")};
if ({{2}} !== undefined) { o.code = {{2}}; o.reason = {{3}}; }
task.close(o);
await until(() => r.log.length === 3);
const saw = await serverSaw(id);
return [r.log.map((e) => e[0]), r.log[0][1], saw.code, saw.reason, r.log[2][1].code];

// @test close before open (phone): fail taskID not exist, and it still opens
// @want [[["fail",{"errMsg":"closeSocket:fail taskID not exist"}],["complete",{"errMsg":"closeSocket:fail taskID not exist"}],["open",{}]],1]
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: echo()});
task.onOpen(r("open"));
task.close({success: r("success"), fail: r("fail"), complete: r("complete")});
await until(() => r.log.length === 3);
return [r.log, task.readyState];

// @test close before open (browser switch): the handshake is aborted
// @want [[["success",{"errMsg":"closeSocket:ok"}],["close",{"code":1006,"reason":""}]],3]
wxshim.urlCheck = false;
wxshim.closeBeforeOpen = "browser";
const r = rec();
const task = wx.connectSocket({url: echo()});
task.onOpen(r("open"));
task.onClose(r("close"));
task.close({success: r("success")});
await until(() => r.log.length === 2);
await sleep(50);
return [r.log, task.readyState];

// @test close after close: taskID not exist
// @want [["fail",{"errMsg":"closeSocket:fail taskID not exist"}]]
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: echo()});
await until(() => task.readyState === 1);
task.close();
await until(() => task.readyState === 3);
task.close({fail: r("fail")});
return r.log;

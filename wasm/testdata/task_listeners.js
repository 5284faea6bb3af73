// Spec section 3, SocketTask: onOpen, onMessage, onError, onClose.

// @test listeners add up, task's before the global, all dropped after close
// @want ["first","second","first","global"]
wxshim.urlCheck = false;
const r = rec();
wx.onSocketMessage(r("global"));
const task = wx.connectSocket({url: echo()});
task.onMessage(r("first"));
task.onMessage(r("second"));
task.onMessage(r("first"));
task.onMessage("not a function");
await until(() => task.readyState === 1);
task.send({data: "m"});
await until(() => r.log.length === 4);
task.close();
await until(() => task.readyState === 3);
task.onMessage(r("after close"));
task.onClose(r("after close"));
await sleep(30);
return r.log.map((e) => e[0]);

// @test a server close reaches onClose with its code and reason
// @want [["close",{"code":4001,"reason":"bye"}],["global close",{"code":4001,"reason":"bye"}]]
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: echo()});
task.onClose(r("close"));
wx.onSocketClose(r("global close"));
await until(() => task.readyState === 1);
task.send({data: "__ctl close 4001 bye"});
await until(() => r.log.length === 2);
return r.log;

// @test a refused handshake: onError {errMsg}, then onClose 1006
// @want [["error","close"],true,["errMsg"],{"code":1006,"reason":""}]
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: ECHO + "/refuse?status=403"});
task.onError(r("error"));
task.onClose(r("close"));
task.onOpen(r("open"));
await until(() => r.log.length === 2);
return [r.log.map((e) => e[0]), r.log[0][1].errMsg.startsWith("createSocketTask:fail "), Object.keys(r.log[0][1]), r.log[1][1]];

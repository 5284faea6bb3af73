// Spec section 1: from 2.10.2, calls without callbacks return Promises.

// @test 2.10.1: no Promise
// @want ["undefined","undefined"]
wxshim.libVersion = "2.10.1";
return [show(wx.sendSocketMessage({data: "x"})), show(wx.closeSocket())];

// @test 2.10.2: resolve and reject with {errMsg}, never both a callback and a Promise
// @want [[["rejected",{"errMsg":"sendSocketMessage:fail WebSocket is not connected"}],["rejected",{"errMsg":"closeSocket:fail WebSocket is not connected"}],
// @want ["connectSocket returns","object"],["resolved",{"errMsg":"sendSocketMessage:ok"}],["rejected",{"errMsg":"sendSocketMessage:fail unknown data"}],
// @want ["with a callback","undefined"],["task.send","undefined"],["on*","undefined","undefined"],
// @want ["rejected",{"errMsg":"closeSocket:fail The code must be either 1000, or between 3000 and 4999"}],["resolved",{"errMsg":"closeSocket:ok"}]],
// @want [["success",{"errMsg":"sendSocketMessage:ok"}]]]
wxshim.libVersion = "2.10.2";
wxshim.urlCheck = false;
const out = [];
const settle = async (p) => { try { out.push(["resolved", await p]); } catch (e) { out.push(["rejected", e]); } };
await settle(wx.sendSocketMessage({data: "x"}));
await settle(wx.closeSocket({}));
const task = wx.connectSocket({url: echo()});
out.push(["connectSocket returns", task instanceof Promise ? "Promise" : typeof task]);
await until(() => task.readyState === 1);
await settle(wx.sendSocketMessage({data: "y"}));
await settle(wx.sendSocketMessage({data: 7}));
const r = rec();
out.push(["with a callback", show(wx.sendSocketMessage({data: "z", success: r("success")}))]);
out.push(["task.send", show(task.send({data: "w"}))]);
out.push(["on*", show(wx.onSocketOpen(() => {})), show(task.onOpen(() => {}))]);
await settle(wx.closeSocket({code: 1}));
await settle(wx.closeSocket());
await sleep(20);
return [out, r.log];

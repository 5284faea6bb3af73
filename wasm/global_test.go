//go:build js && wasm

package main

import "testing"

// Spec section 4, the global API, at 1.6.0.

func TestGlobalSlots(t *testing.T) {
	runAll(t, []scenario{
		{"a second listener replaces the first; a non-function is ignored", `
wxshim.urlCheck = false;
const r = rec();
wx.onSocketMessage(r("first"));
wx.onSocketMessage(r("second"));
wx.onSocketMessage(42);
wx.onSocketMessage(undefined);
await openGlobal();
wx.sendSocketMessage({data: "x"});
await until(() => r.log.length === 1);
await sleep(20);
return r.log;`, `[["second",{"data":"x"}]]`},
		{"slots survive reconnects", `
wxshim.urlCheck = false;
const r = rec();
wx.onSocketOpen(r("open"));
wx.onSocketClose(r("close"));
wx.connectSocket({url: echo()});
await until(() => r.log.length === 1);
wx.closeSocket();
await until(() => r.log.length === 2);
wx.connectSocket({url: echo()});
await until(() => r.log.length === 3);
return r.log.map((e) => e[0]);`, `["open","close","open"]`},
		{"a replaced socket's later events never reach the globals", `
wxshim.urlCheck = false;
const r = rec();
wx.onSocketMessage(r("global message"));
wx.onSocketClose(r("global close"));
const old = wx.connectSocket({url: echo()});
old.onClose(r("old close"));
await until(() => old.readyState === 1);
old.send({data: "late"}); // its echo would arrive after the replacement
const neu = wx.connectSocket({url: echo()});
neu.onOpen(r("new open"));
await until(() => r.log.length >= 2);
await sleep(50);
return r.log.map((e) => e[0]);`, `["old close","new open"]`},
		{"wx has exactly the seed's surface", `
return Object.keys(wx).sort().concat([typeof wx.offSocketOpen, typeof wx.canIUse]);`,
			`["closeSocket","connectSocket","onSocketClose","onSocketError","onSocketMessage","onSocketOpen","sendSocketMessage","undefined","undefined"]`},
	})
}

func TestGlobalSend(t *testing.T) {
	runAll(t, []scenario{
		{"not connected: before any socket, while connecting, after close", `
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
return r.log;`, `[["none",{"errMsg":"sendSocketMessage:fail WebSocket is not connected"}],["complete",{"errMsg":"sendSocketMessage:fail WebSocket is not connected"}],` +
			`["connecting",{"errMsg":"sendSocketMessage:fail WebSocket is not connected"}],["closed",{"errMsg":"sendSocketMessage:fail WebSocket is not connected"}]]`},
		{"unknown data and ok", `
wxshim.urlCheck = false;
const r = rec();
await openGlobal();
wx.sendSocketMessage({data: 5, fail: r("number"), complete: r("complete")});
wx.sendSocketMessage({data: new Uint8Array(2), fail: r("typed array")});
wx.sendSocketMessage({data: "ok", success: r("success"), complete: r("complete")});
const ret = wx.sendSocketMessage({data: "ok"});
return [r.log, show(ret)];`, `[[["number",{"errMsg":"sendSocketMessage:fail unknown data"}],["complete",{"errMsg":"sendSocketMessage:fail unknown data"}],` +
			`["typed array",{"errMsg":"sendSocketMessage:fail unknown data"}],["success",{"errMsg":"sendSocketMessage:ok"}],["complete",{"errMsg":"sendSocketMessage:ok"}]],"undefined"]`},
		{"messages keep their order across the fast and slow paths", `
wxshim.urlCheck = false;
const got = [];
wx.onSocketMessage((res) => got.push(typeof res.data === "string" ? res.data : new Uint8Array(res.data)[0]));
await openGlobal();
for (let i = 0; i < 200; i++) {
  if (i % 3 === 0) wx.sendSocketMessage({data: new Uint8Array([i]).buffer});
  else wx.sendSocketMessage({data: String(i)});
}
await until(() => got.length === 200);
return got.every((v, i) => String(v) === String(i));`, `true`},
	})
}

func TestGlobalClose(t *testing.T) {
	runAll(t, []scenario{
		{"not connected", `
const r = rec();
const ret = wx.closeSocket({success: r("success"), fail: r("fail"), complete: r("complete")});
return [r.log, show(ret)];`, `[[["fail",{"errMsg":"closeSocket:fail WebSocket is not connected"}],["complete",{"errMsg":"closeSocket:fail WebSocket is not connected"}]],"undefined"]`},
		{"closes the bound socket with code and reason", `
wxshim.urlCheck = false;
const r = rec();
wx.onSocketClose(r("close"));
await openGlobal(echo("gclose"));
wx.closeSocket({code: 3456, reason: "over", success: r("success"), complete: r("complete")});
await until(() => r.log.length === 3);
return [r.log, await serverSaw("gclose")];`, `[[["success",{"errMsg":"closeSocket:ok"}],["complete",{"errMsg":"closeSocket:ok"}],["close",{"code":3456,"reason":"over"}]],{"code":3456,"reason":"over","seen":true}]`},
		{"bad code and long reason", `
wxshim.urlCheck = false;
const r = rec();
await openGlobal();
wx.closeSocket({code: 1001, fail: r("code")});
wx.closeSocket({reason: "é".repeat(62), fail: r("reason")});
return r.log;`, `[["code",{"errMsg":"closeSocket:fail The code must be either 1000, or between 3000 and 4999"}],["reason",{"errMsg":"closeSocket:fail The close reason must not be greater than 123 UTF-8 bytes"}]]`},
	})
}

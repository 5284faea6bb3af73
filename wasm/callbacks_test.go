//go:build js && wasm

package main

import "testing"

// Spec section 5: callbacks, exceptions, and the runtime that never stops.

func TestCallbacks(t *testing.T) {
	runAll(t, []scenario{
		{"a throwing success still runs complete, and is reported", `
wxshim.urlCheck = false;
const r = rec();
wx.connectSocket({url: echo(), success() { throw new Error("boom in success"); }, complete: r("complete")});
return [r.log.map((e) => e[0]), errors.some((e) => e.includes("thirdScriptError") && e.includes("boom in success") && e.includes("wx.connectSocket success callback"))];`,
			`[["complete"],true]`},
		{"a throwing listener does not stop the others or the socket", `
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
return [r.log.map((e) => e[0] + e[1].data), errors.filter((e) => e.includes("SocketTask.onMessage")).length, errors.some((e) => e.includes("a string"))];`,
			`[["second1","global1","second2","global2"],2,true]`},
		{"a panic inside the shim becomes fail, and the runtime answers after it", `
wxshim.urlCheck = false;
const r = rec();
wxshim.debug.panicNext("wx.connectSocket");
const ret = wx.connectSocket({url: echo(), fail: r("fail"), complete: r("complete")});
const task = wx.connectSocket({url: echo(), success: r("success")});
await until(() => task.readyState === 1);
wxshim.debug.panicNext("wx.closeSocket");
wx.closeSocket({fail: r("close fail")});
wx.sendSocketMessage({data: 2, fail: r("send fail")});
return [r.log, show(ret), task.readyState];`,
			`[[["fail",{"errMsg":"connectSocket:fail internal error: forced by wxshim.debug.panicNext"}],["complete",{"errMsg":"connectSocket:fail internal error: forced by wxshim.debug.panicNext"}],` +
				`["success",{"errMsg":"connectSocket:ok","socketTaskId":"<id>"}],["close fail",{"errMsg":"closeSocket:fail internal error: forced by wxshim.debug.panicNext"}],` +
				`["send fail",{"errMsg":"sendSocketMessage:fail unknown data"}]],"undefined",1]`},
		{"callbacks that are not functions are ignored", `
wxshim.urlCheck = false;
const task = wx.connectSocket({url: echo(), success: 1, fail: "x", complete: {}});
return typeof task;`, `"object"`},
	})
}

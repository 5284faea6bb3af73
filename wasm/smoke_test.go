//go:build js && wasm

package main

import "testing"

func TestSmokeEcho(t *testing.T) {
	runAll(t, []scenario{{"echo text and binary", `
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
return r.log;`, `[["success",{"errMsg":"connectSocket:ok","socketTaskId":"<id>"}],["complete",{"errMsg":"connectSocket:ok","socketTaskId":"<id>"}],["open",{}],["msg",{"data":"hi"}],["msg",{"data":"AB:0102ff"}],["close",{"code":3001,"reason":"done"}]]`}})
}

//go:build js && wasm

package main

import "testing"

// Spec section 3, SocketTask.

func TestTaskReadyState(t *testing.T) {
	runAll(t, []scenario{{"constants and the four states", `
wxshim.urlCheck = false;
const task = wx.connectSocket({url: echo()});
const seen = [task.CONNECTING, task.OPEN, task.CLOSING, task.CLOSED, task.readyState];
await until(() => task.readyState === 1);
seen.push(task.readyState);
task.close();
seen.push(task.readyState);
let closed = false;
task.onClose(() => { closed = true; });
await until(() => closed);
seen.push(task.readyState);
return seen;`, `[0,1,2,3,0,1,2,3]`}})
}

func TestTaskSend(t *testing.T) {
	var rows []scenario
	rows = append(rows, scenario{"not OPEN: fail synchronously, once", `
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: echo()});
task.send({data: "x", success: r("success"), fail: r("fail"), complete: r("complete")});
r.log.push(["after"]);
await sleep(30);
return r.log;`, `[["fail",{"errMsg":"SocketTask.send:fail SocketTask.readyState is not OPEN"}],["complete",{"errMsg":"SocketTask.send:fail SocketTask.readyState is not OPEN"}],["after"]]`})
	for _, d := range []string{"5", "null", "undefined", "{}", "[1]", "new Uint8Array([1])", "new DataView(new ArrayBuffer(2))", "new Blob(['x'])", "true", "new String('s')", "new SharedArrayBuffer(4)"} {
		rows = append(rows, scenario{"unknown data " + d, `
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: echo()});
await until(() => task.readyState === 1);
let data;
try { data = ` + d + `; } catch (e) { data = 5; } // SharedArrayBuffer needs cross-origin isolation
task.send({data, success: r("success"), fail: r("fail"), complete: r("complete")});
return r.log;`, `[["fail",{"errMsg":"sendSocketMessage:fail unknown data"}],["complete",{"errMsg":"sendSocketMessage:fail unknown data"}]]`})
	}
	rows = append(rows, scenario{"string and ArrayBuffer: sendSocketMessage:ok, echoed", `
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
return r.log;`, `[["success",{"errMsg":"sendSocketMessage:ok"}],["complete",{"errMsg":"sendSocketMessage:ok"}],["success",{"errMsg":"sendSocketMessage:ok"}],["message",{"data":"héllo"}],["message",{"data":"AB:0001fe"}],["message",{"data":""}],["message",{"data":"AB:"}]]`})
	runAll(t, rows)
}

func TestTaskClose(t *testing.T) {
	var rows []scenario
	for _, c := range []string{"999", "1001", "1006", "2999", "5000", "1000.5", `"1000"`, "NaN", "Infinity", "-1", "null"} {
		rows = append(rows, scenario{"bad code " + c, `
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: echo()});
await until(() => task.readyState === 1);
task.close({code: ` + c + `, success: r("success"), fail: r("fail"), complete: r("complete")});
return [r.log, task.readyState];`, `[[["fail",{"errMsg":"closeSocket:fail The code must be either 1000, or between 3000 and 4999"}],["complete",{"errMsg":"closeSocket:fail The code must be either 1000, or between 3000 and 4999"}]],1]`})
	}
	for _, c := range []struct{ name, reason, want string }{
		{"124 ASCII bytes", `"x".repeat(124)`, "fail"},
		{"42 three-byte characters (126 bytes)", `"中".repeat(42)`, "fail"},
	} {
		rows = append(rows, scenario{"reason too long: " + c.name, `
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: echo()});
await until(() => task.readyState === 1);
task.close({code: 3000, reason: ` + c.reason + `, fail: r("fail")});
return r.log;`, `[["fail",{"errMsg":"closeSocket:fail The close reason must not be greater than 123 UTF-8 bytes"}]]`})
	}
	for _, c := range []struct{ name, code, reason, wantCode, wantReason string }{
		{"no options: 1000", `undefined`, `undefined`, "1000", `""`},
		{"3000 with a 123-byte reason", "3000", `"x".repeat(123)`, "3000", `"` + repeat("x", 123) + `"`},
		{"4999 with 41 three-byte characters", "4999", `"中".repeat(41)`, "4999", `"` + repeat("中", 41) + `"`},
	} {
		rows = append(rows, scenario{"close ok, the server sees it: " + c.name, `
wxshim.urlCheck = false;
const r = rec(), id = "close" + Math.random();
const task = wx.connectSocket({url: echo(id)});
task.onClose(r("onClose"));
await until(() => task.readyState === 1);
const o = {success: r("success"), complete: r("complete")};
if (` + c.code + ` !== undefined) { o.code = ` + c.code + `; o.reason = ` + c.reason + `; }
task.close(o);
await until(() => r.log.length === 3);
const saw = await serverSaw(id);
return [r.log.map((e) => e[0]), r.log[0][1], saw.code, saw.reason, r.log[2][1].code];`,
			`[["success","complete","onClose"],{"errMsg":"closeSocket:ok"},` + c.wantCode + `,` + c.wantReason + `,` + c.wantCode + `]`})
	}
	rows = append(rows, scenario{"close before open (phone): fail taskID not exist, and it still opens", `
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: echo()});
task.onOpen(r("open"));
task.close({success: r("success"), fail: r("fail"), complete: r("complete")});
await until(() => r.log.length === 3);
return [r.log, task.readyState];`, `[[["fail",{"errMsg":"closeSocket:fail taskID not exist"}],["complete",{"errMsg":"closeSocket:fail taskID not exist"}],["open",{}]],1]`})
	rows = append(rows, scenario{"close before open (browser switch): the handshake is aborted", `
wxshim.urlCheck = false;
wxshim.closeBeforeOpen = "browser";
const r = rec();
const task = wx.connectSocket({url: echo()});
task.onOpen(r("open"));
task.onClose(r("close"));
task.close({success: r("success")});
await until(() => r.log.length === 2);
await sleep(50);
return [r.log, task.readyState];`, `[[["success",{"errMsg":"closeSocket:ok"}],["close",{"code":1006,"reason":""}]],3]`})
	rows = append(rows, scenario{"close after close: taskID not exist", `
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: echo()});
await until(() => task.readyState === 1);
task.close();
await until(() => task.readyState === 3);
task.close({fail: r("fail")});
return r.log;`, `[["fail",{"errMsg":"closeSocket:fail taskID not exist"}]]`})
	runAll(t, rows)
}

func TestTaskListeners(t *testing.T) {
	runAll(t, []scenario{
		{"listeners add up, task's before the global, all dropped after close", `
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
return r.log.map((e) => e[0]);`, `["first","second","first","global"]`},
		{"a server close reaches onClose with its code and reason", `
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: echo()});
task.onClose(r("close"));
wx.onSocketClose(r("global close"));
await until(() => task.readyState === 1);
task.send({data: "__ctl close 4001 bye"});
await until(() => r.log.length === 2);
return r.log;`, `[["close",{"code":4001,"reason":"bye"}],["global close",{"code":4001,"reason":"bye"}]]`},
		{"a refused handshake: onError {errMsg}, then onClose 1006", `
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: ECHO + "/refuse?status=403"});
task.onError(r("error"));
task.onClose(r("close"));
task.onOpen(r("open"));
await until(() => r.log.length === 2);
return [r.log.map((e) => e[0]), r.log[0][1].errMsg.startsWith("createSocketTask:fail "), Object.keys(r.log[0][1]), r.log[1][1]];`,
			`[["error","close"],true,["errMsg"],{"code":1006,"reason":""}]`},
	})
}

func repeat(s string, n int) string {
	out := ""
	for i := 0; i < n; i++ {
		out += s
	}
	return out
}

//go:build js && wasm

package main

import "testing"

// Spec section 1: behaviour by base-library version, and the rows of
// sections 2 to 4 where a version changes them.

func TestVersionMultiSocket(t *testing.T) {
	for _, v := range []string{"1.7.0", "2.10.2", "3.4.1"} {
		t.Run(v, func(t *testing.T) {
			runAll(t, []scenario{
				{"five sockets at once, the sixth fails, each gets its own messages", `
wxshim.libVersion = "` + v + `";
wxshim.urlCheck = false;
const r = rec();
const tasks = [];
for (let i = 0; i < 5; i++) tasks.push(wx.connectSocket({url: echo()}));
const sixth = wx.connectSocket({url: echo(), fail: r("sixth fail"), complete: r("sixth complete")});
const got = tasks.map(() => []);
tasks.forEach((t, i) => t.onMessage((res) => got[i].push(res.data)));
await until(() => tasks.every((t) => t.readyState === 1));
tasks.forEach((t, i) => { for (let k = 0; k < 3; k++) t.send({data: i + ":" + k}); });
await until(() => got.every((g) => g.length === 3));
return [r.log, show(sixth), got];`,
					`[[["sixth fail",{"errMsg":"connectSocket:fail fail reach max websocket connect count 5"}],["sixth complete",{"errMsg":"connectSocket:fail fail reach max websocket connect count 5"}]],"undefined",` +
						`[["0:0","0:1","0:2"],["1:0","1:1","1:2"],["2:0","2:1","2:2"],["3:0","3:1","3:2"],["4:0","4:1","4:2"]]]`},
				{"maxConnections is settable; CONNECTING counts", `
wxshim.libVersion = "` + v + `";
wxshim.urlCheck = false;
wxshim.maxConnections = 2;
const r = rec();
wx.connectSocket({url: echo()});
wx.connectSocket({url: echo()});
wx.connectSocket({url: echo(), fail: r("third")});
return r.log;`, `[["third",{"errMsg":"connectSocket:fail fail reach max websocket connect count 2"}]]`},
				{"no auto-close: an older socket stays open", `
wxshim.libVersion = "` + v + `";
wxshim.urlCheck = false;
const a = wx.connectSocket({url: echo()});
await until(() => a.readyState === 1);
const b = wx.connectSocket({url: echo()});
await until(() => b.readyState === 1);
return [a.readyState, b.readyState];`, `[1,1]`},
				{"globals act on the first; once it closes, on none until the next connectSocket", `
wxshim.libVersion = "` + v + `";
wxshim.urlCheck = false;
const r = rec();
wx.onSocketMessage((res) => r("global message")(res));
const a = wx.connectSocket({url: echo()});
const b = wx.connectSocket({url: echo()});
b.onMessage(r("b message"));
await until(() => a.readyState === 1 && b.readyState === 1);
wx.sendSocketMessage({data: "to a", success: r("sent")});
await until(() => r.log.length === 2);
b.send({data: "to b"});
await until(() => r.log.length === 3);
a.close();
await until(() => a.readyState === 3);
wx.sendSocketMessage({data: "none", fail: r("send fail")});
const bBefore = b.readyState;
// closeSocket fails (none bound), and still closes every other socket.
wx.closeSocket({fail: r("close fail")});
await until(() => b.readyState === 3);
const c = wx.connectSocket({url: echo()});
await until(() => c.readyState === 1);
wx.sendSocketMessage({data: "to c"});
await until(() => r.log.length === 6);
return [r.log, bBefore];`,
					`[[["sent",{"errMsg":"sendSocketMessage:ok"}],["global message",{"data":"to a"}],["b message",{"data":"to b"}],` +
						`["send fail",{"errMsg":"sendSocketMessage:fail WebSocket is not connected"}],["close fail",{"errMsg":"closeSocket:fail WebSocket is not connected"}],` +
						`["global message",{"data":"to c"}]],1]`},
				{"closeSocket closes every socket connectSocket made", `
wxshim.libVersion = "` + v + `";
wxshim.urlCheck = false;
const r = rec();
const ids = ["all1", "all2", "all3"].map((s) => s + Math.random());
const tasks = ids.map((id) => wx.connectSocket({url: echo(id)}));
tasks.forEach((t, i) => t.onClose(r("close" + i)));
await until(() => tasks.every((t) => t.readyState === 1));
wx.closeSocket({code: 3100, reason: "all", success: r("success")});
await until(() => r.log.length === 4);
const saw = [];
for (const id of ids) saw.push(await serverSaw(id));
return [r.log[0], r.log.slice(1).sort(), saw.map((s) => s.code + " " + s.reason)];`,
					`[["success",{"errMsg":"closeSocket:ok"}],[["close0",{"code":3100,"reason":"all"}],["close1",{"code":1000,"reason":""}],["close2",{"code":1000,"reason":""}]],["3100 all","1000 ","1000 "]]`},
				{"a task without onClose frees its slot when the server closes it", `
wxshim.libVersion = "` + v + `";
wxshim.urlCheck = false;
wxshim.maxConnections = 1;
const a = wx.connectSocket({url: echo()});
await until(() => a.readyState === 1);
a.send({data: "__ctl close 1000 go"});
await until(() => a.readyState === 3);
const r = rec();
const b = wx.connectSocket({url: echo(), success: r("success")});
return r.log.map((e) => e[0]);`, `["success"]`},
			})
		})
	}
}

func TestVersionGates(t *testing.T) {
	openPayload := func(v string) string {
		return `
wxshim.libVersion = "` + v + `";
wxshim.urlCheck = false;
let got;
const task = wx.connectSocket({url: echo()});
task.onOpen((res) => { got = res; });
await until(() => got);
const p = got.profile;
return [Object.keys(got), p ? Object.keys(p) : null, p ? Object.values(p).every((x) => typeof x === "number" && x >= 0) : null,
  p ? p.connectEnd >= p.connectStart && p.connectStart > 1.6e12 : null];`
	}
	timeout := func(v string) string {
		return `
wxshim.libVersion = "` + v + `";
wxshim.urlCheck = false;
wxshim.networkTimeout = {connectSocket: 600};
const t0 = Date.now();
let ms;
const task = wx.connectSocket({url: ECHO + "/hang", timeout: 100});
task.onError(() => { ms = Date.now() - t0; });
await until(() => ms !== undefined);
return ms < 450 ? "option" : "networkTimeout";`
	}
	runAll(t, []scenario{
		{"1.6.0 onOpen {}", openPayload("1.6.0"), `[[],null,null,null]`},
		{"1.9.9 onOpen {}", openPayload("1.9.9"), `[[],null,null,null]`},
		{"2.0.0 onOpen {header}", openPayload("2.0.0"), `[["header"],null,null,null]`},
		{"2.10.3 onOpen {header}", openPayload("2.10.3"), `[["header"],null,null,null]`},
		{"2.10.4 onOpen {header, profile}", openPayload("2.10.4"),
			`[["header","profile"],["fetchStart","domainLookUpStart","domainLookUpEnd","connectStart","connectEnd","rtt","handshakeCost","cost"],true,true]`},
		{"2.9.9 ignores the timeout option", timeout("2.9.9"), `"networkTimeout"`},
		{"2.10.0 honours the timeout option", timeout("2.10.0"), `"option"`},
		{"1.3.0 ignores protocols", `
wxshim.libVersion = "1.3.0";
wxshim.urlCheck = false;
const r = rec();
wx.connectSocket({url: echo(), protocols: ["a", "a"], success: r("success")});
return r.log.map((e) => e[0]);`, `["success"]`},
		{"1.4.0 takes protocols", `
wxshim.libVersion = "1.4.0";
wxshim.urlCheck = false;
const r = rec();
wx.connectSocket({url: echo(), protocols: ["a", "a"], fail: r("fail")});
return r.log.map((e) => e[0]);`, `["fail"]`},
	})
}

func TestVersionPromises(t *testing.T) {
	runAll(t, []scenario{
		{"2.10.1: no Promise", `
wxshim.libVersion = "2.10.1";
return [show(wx.sendSocketMessage({data: "x"})), show(wx.closeSocket())];`, `["undefined","undefined"]`},
		{"2.10.2: resolve and reject with {errMsg}, never both a callback and a Promise", `
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
return [out, r.log];`,
			`[[["rejected",{"errMsg":"sendSocketMessage:fail WebSocket is not connected"}],["rejected",{"errMsg":"closeSocket:fail WebSocket is not connected"}],` +
				`["connectSocket returns","object"],["resolved",{"errMsg":"sendSocketMessage:ok"}],["rejected",{"errMsg":"sendSocketMessage:fail unknown data"}],` +
				`["with a callback","undefined"],["task.send","undefined"],["on*","undefined","undefined"],` +
				`["rejected",{"errMsg":"closeSocket:fail The code must be either 1000, or between 3000 and 4999"}],["resolved",{"errMsg":"closeSocket:ok"}]],` +
				`[["success",{"errMsg":"sendSocketMessage:ok"}]]]`},
	})
}

func TestReleaseDiscipline(t *testing.T) {
	runAll(t, []scenario{{"1,000 connect/send/close cycles leave Go holding no more JS values than before (within 100)", `
wxshim.libVersion = "2.10.4";
wxshim.urlCheck = false;
const before = await liveRefs();
let done = 0;
for (let i = 0; i < 1000; i++) {
  const task = wx.connectSocket({url: echo()});
  task.onOpen(() => { task.send({data: "x"}); });
  task.onMessage(() => task.close());
  task.onClose(() => { done++; });
  if (i % 4 === 3) await until(() => done === i + 1, 20000);
}
await until(() => done === 1000, 30000);
const after = await liveRefs();
return [after - before <= 100 ? "within 100" : "grew by " + (after - before), wxshim.liveSockets()];`, `["within 100",0]`}})
}

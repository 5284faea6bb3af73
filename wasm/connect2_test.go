//go:build js && wasm

package main

import "testing"

// Spec section 2, steps 4 to 8, at 1.6.0.

func TestConnectSteps(t *testing.T) {
	runAll(t, []scenario{
		{"success and complete run before connectSocket returns", `
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: echo(), success: r("success"), complete: r("complete")});
r.log.push(["returned", typeof task, task.readyState]);
return r.log;`, `[["success",{"errMsg":"connectSocket:ok","socketTaskId":"<id>"}],["complete",{"errMsg":"connectSocket:ok","socketTaskId":"<id>"}],["returned","object",0]]`},
		{"before 1.7.0 a new connectSocket closes the old socket with 1000", `
wxshim.urlCheck = false;
const r = rec();
const first = wx.connectSocket({url: echo("replace1")});
first.onOpen(r("first open"));
first.onClose(r("first close"));
wx.onSocketClose(r("global close"));
await until(() => first.readyState === 1);
const second = wx.connectSocket({url: echo("replace2")});
second.onOpen(r("second open"));
await until(() => r.log.length >= 3);
const saw = await serverSaw("replace1");
return [r.log, saw.code, wxshim.liveSockets()];`,
			`[[["first open",{}],["first close",{"code":1000,"reason":""}],["second open",{}]],1000,1]`},
		{"the browser's constructor error becomes fail", `
wxshim.urlCheck = false;
const r = rec();
const a = wx.connectSocket({url: echo(), protocols: ["bad protocol"], fail: r("fail"), complete: r("complete")});
const b = wx.connectSocket({url: echo(), protocols: ["a", "a"], fail: r("fail2")});
return [r.log, show(a), show(b)];`,
			`[[["fail",{"errMsg":"connectSocket:fail Failed to construct 'WebSocket': The subprotocol 'bad protocol' is invalid."}],` +
				`["complete",{"errMsg":"connectSocket:fail Failed to construct 'WebSocket': The subprotocol 'bad protocol' is invalid."}],` +
				`["fail2",{"errMsg":"connectSocket:fail Failed to construct 'WebSocket': The subprotocol 'a' is duplicated."}]],"undefined","undefined"]`},
		{"protocols: a string, an array, and a wrong type", `
wxshim.urlCheck = false;
const r = rec();
wx.connectSocket({url: echo(), protocols: "chat", success: r("string")});
wx.connectSocket({url: echo(), protocols: ["chat", "superchat"], success: r("array")});
wx.connectSocket({url: echo(), protocols: 5, fail: r("number")});
return r.log.map((e) => e[0] === "number" ? e[1].errMsg : e[0]);`,
			`["string","array","connectSocket:fail parameter error: parameter.protocols should be Array instead of Number;"]`},
		{"header, Referer, method and data are dropped with one warning each", `
wxshim.urlCheck = false;
const r = rec();
const opts = {url: echo(), header: {"content-type": "application/json", Referer: "https://x"}, method: "POST", data: {x: ""}, success: r("success")};
wx.connectSocket(opts);
wx.connectSocket(opts);
return [r.log.length, warns.filter((w) => w.includes("connectSocket:")).map((w) => w.split(":")[2].trim().split(" ")[0])];`,
			`[2,["header","header.Referer","method","data"]]`},
		{"networkTimeout.connectSocket: onError timeout, then onClose 1006", `
wxshim.urlCheck = false;
wxshim.networkTimeout = {connectSocket: 300};
const r = rec();
wx.onSocketError(r("global error"));
wx.onSocketClose(r("global close"));
const task = wx.connectSocket({url: ECHO + "/hang", timeout: 5000});
task.onError(r("error"));
task.onClose(r("close"));
const t0 = Date.now();
await until(() => r.log.length === 4);
return [r.log, Date.now() - t0 >= 250, task.readyState];`,
			`[[["error",{"errMsg":"createSocketTask:fail timeout"}],["global error",{"errMsg":"createSocketTask:fail timeout"}],["close",{"code":1006,"reason":"timeout"}],["global close",{"code":1006,"reason":"timeout"}]],true,3]`},
	})
}

// The seed document's two examples, unmodified but for their url
// ('test.php' in the document) and the lines that feed and watch them.
func TestSeedExamples(t *testing.T) {
	runAll(t, []scenario{
		{"queue messages until onSocketOpen", `
wxshim.urlCheck = false;
const got = [];
wx.onSocketMessage(function(res) { got.push(res.data) });
var socketOpen = false
var socketMsgQueue = []
wx.connectSocket({
  url: echo()
})
wx.onSocketOpen(function(res) {
  socketOpen = true
  for (var i = 0; i < socketMsgQueue.length; i++){
     sendSocketMessage(socketMsgQueue[i])
  }
  socketMsgQueue = []
})
function sendSocketMessage(msg) {
  if (socketOpen) {
    wx.sendSocketMessage({
      data:msg
    })
  } else {
     socketMsgQueue.push(msg)
  }
}
sendSocketMessage("one"); sendSocketMessage("two");
await until(() => socketOpen);
sendSocketMessage("three");
await until(() => got.length === 3);
return got;`, `["one","two","three"]`},
		{"closeSocket inside onSocketOpen", `
wxshim.urlCheck = false;
const r = rec();
wx.connectSocket({
  url: echo("seed2")
})
// As the seed warns, a closeSocket before onSocketOpen does not close it.
wx.closeSocket({fail: r("early close")})
wx.onSocketOpen(function() {
  r("open")();
  wx.closeSocket()
})
wx.onSocketClose(function(res) {
  r("closed")(res);
})
await until(() => r.log.length === 3);
return [r.log, (await serverSaw("seed2")).code];`,
			`[[["early close",{"errMsg":"closeSocket:fail taskID not exist"}],["open"],["closed",{"code":1000,"reason":""}]],1000]`},
	})
}

// The constructor checks the glue makes before it starts a socket at the
// end of the task must say what the browser's own constructor says.
func TestConstructorMessagesMatchTheBrowser(t *testing.T) {
	var rows []scenario
	for _, c := range []struct{ name, protocols, url string }{
		{"invalid protocol", `["a b"]`, ""},
		{"empty protocol", `[""]`, ""},
		{"non-ASCII protocol", `["é"]`, ""},
		{"control character", `["a\u0001"]`, ""},
		{"backslash", `["a\\b"]`, ""},
		{"separator", `["a,b"]`, ""},
		{"duplicated", `["a", "b", "a"]`, ""},
		{"Symbol", `[Symbol()]`, ""},
		{"a string", `"chat"`, ""},
		{"fragment", `undefined`, "/echo#frag"},
		{"empty fragment", `undefined`, "/echo#"},
	} {
		rows = append(rows, scenario{c.name, `
wxshim.urlCheck = false;
const url = echo().replace("/echo", "") + ` + jsString(c.url) + ` || echo();
const protocols = ` + c.protocols + `;
let browser = "no error";
try { const ws = protocols === undefined ? new WebSocket(url) : new WebSocket(url, protocols); ws.close(); } catch (e) { browser = e.message; }
let shim = "no error";
wx.connectSocket({url, protocols, fail: (res) => { shim = res.errMsg.replace("connectSocket:fail ", ""); }});
return shim === browser || [shim, browser];`, `true`})
	}
	runAll(t, rows)
}

// NETWORK.md section 7: wx.canIUse, wx.getNetworkType and
// wx.on/offNetworkStatusChange, answered by the glue alone.

// @test canIUse at {{1}}: each schema form against the version gates
// @each 1.0.0 | [true,false,false,false,false,false,false,false,false,true,false,true,true,false,false,false,true,true,false,true,false,false,false,false]
// @each 1.1.0 | [true,false,false,false,false,false,false,false,false,true,false,true,true,true,true,false,true,true,false,true,false,false,false,false]
// @each 1.1.1 | [true,false,false,false,false,false,false,false,false,true,true,true,true,true,true,false,true,true,false,true,false,false,false,false]
// @each 1.3.9 | [true,false,false,false,false,false,false,false,false,true,true,true,true,true,true,false,true,true,false,true,false,false,false,false]
// @each 1.4.0 | [true,true,false,false,false,false,false,false,false,true,true,true,true,true,true,false,true,true,false,true,false,false,true,false]
// @each 1.6.9 | [true,true,false,false,false,false,false,false,false,true,true,true,true,true,true,false,true,true,false,true,false,false,true,false]
// @each 1.7.0 | [true,true,false,true,true,true,false,false,false,true,true,true,true,true,true,false,true,true,true,true,false,false,true,false]
// @each 2.0.0 | [true,true,false,true,true,true,true,true,false,true,true,true,true,true,true,false,true,true,true,true,false,false,true,false]
// @each 2.9.2 | [true,true,false,true,true,true,true,true,false,true,true,true,true,true,true,false,true,true,true,true,false,false,true,false]
// @each 2.9.3 | [true,true,false,true,true,true,true,true,false,true,true,true,true,true,true,true,true,true,true,true,false,false,true,false]
// @each 2.10.0 | [true,true,true,true,true,true,true,true,false,true,true,true,true,true,true,true,true,true,true,true,false,false,true,false]
// @each 2.10.3 | [true,true,true,true,true,true,true,true,false,true,true,true,true,true,true,true,true,true,true,true,false,false,true,false]
// @each 2.10.4 | [true,true,true,true,true,true,true,true,true,true,true,true,true,true,true,true,true,true,true,true,false,false,true,false]
// @each 3.0.0 | [true,true,true,true,true,true,true,true,true,true,true,true,true,true,true,true,true,true,true,true,false,false,true,false]
// @want {{2}}
wxshim.libVersion = "{{1}}";
return [
  "connectSocket", "connectSocket.object.protocols", "connectSocket.object.timeout", "connectSocket.return",
  "SocketTask", "SocketTask.send", "SocketTask.onOpen.callback.header", "onSocketOpen.callback.header",
  "onSocketOpen.callback.profile", "connectSocket.success.errMsg", "canIUse", "getNetworkType",
  "getNetworkType.success.networkType", "onNetworkStatusChange", "onNetworkStatusChange.callback.isConnected",
  "offNetworkStatusChange", "closeSocket.object.code", "onSocketClose.callback.reason", "SocketTask.close.object.reason",
  "request", "downloadFile", "uploadFile", "RequestTask.abort", "connectSocket.object.tcpNoDelay",
].map((s) => wx.canIUse(s));

// @test canIUse: anything but a schema of an installed API is false, never a throw
// @want [false,false,false,false,false,false,false,false,false,false,false,false,false,false,false,false,false,false,false,false,false,false,false,false]
wxshim.libVersion = "3.0.0";
const odd = [undefined, null, 1, true, {}, ["connectSocket"], Symbol("connectSocket"), new String("connectSocket"),
  {toString() { return "connectSocket"; }}, () => "connectSocket", 10n,
  "", ".", "connectSocket.", ".connectSocket", "connectSocket..object", "__proto__", "constructor", "toString",
  "connectSocket.object.__proto__", "SocketTask.constructor", "wx.connectSocket", "CONNECTSOCKET", "connectSocket.object.url.x"];
const out = [];
for (const s of odd) { try { out.push(wx.canIUse(s)); } catch (e) { out.push("threw " + e); } }
return out;

// @test canIUse: no argument at all, and the installed schemas that need no gate
// @want [false,true,true,true,true]
wxshim.libVersion = "1.6.0";
return [wx.canIUse(), wx.canIUse("connectSocket.object.url"), wx.canIUse("onSocketMessage.callback.data"),
  wx.canIUse("sendSocketMessage.object.data"), wx.canIUse("closeSocket")];

// @test getNetworkType: success then complete with the browser's online state
// @want [[["success",{"networkType":"unknown","errMsg":"getNetworkType:ok"}],["complete",{"networkType":"unknown","errMsg":"getNetworkType:ok"}]],"undefined",true]
wxshim.libVersion = "1.6.0";
const r = rec();
const ret = wx.getNetworkType({success: r("success"), fail: r("fail"), complete: r("complete")});
return [r.log, show(ret), navigator.onLine];

// @test getNetworkType at {{1}} without callbacks: {{3}}
// @each 2.10.1 | "undefined" | no Promise
// @each 2.10.2 | ["resolved",{"networkType":"unknown","errMsg":"getNetworkType:ok"}] | a Promise
// @want {{2}}
wxshim.libVersion = "{{1}}";
const p = wx.getNetworkType();
if (!(p instanceof Promise)) return show(p);
try { return ["resolved", await p]; } catch (e) { return ["rejected", e]; }

// @test getNetworkType at 3.0.0 with a callback returns undefined; a throwing success is reported, complete still runs
// @want ["undefined",["complete"],true]
wxshim.libVersion = "3.0.0";
const log = [];
const ret = wx.getNetworkType({success() { throw new Error("boom in getNetworkType"); }, complete() { log.push("complete"); }});
return [show(ret), log, errors.some((e) => e.includes("thirdScriptError") && e.includes("boom in getNetworkType") && e.includes("wx.getNetworkType success callback"))];

// @test onNetworkStatusChange: the window's offline and online events, a set of listeners, off(fn) and off()
// @want [[["a",{"isConnected":false,"networkType":"none"}],["b",{"isConnected":false,"networkType":"none"}],
// @want ["a",{"isConnected":true,"networkType":"unknown"}],["b",{"isConnected":true,"networkType":"unknown"}],
// @want ["b",{"isConnected":false,"networkType":"none"}]],
// @want [true,true],true,"undefined","undefined"]
const log = [];
const a = (res) => log.push(["a", res]), b = (res) => log.push(["b", res]);
const onRet = wx.onNetworkStatusChange(a);
wx.onNetworkStatusChange(b);
wx.onNetworkStatusChange(a); // a set: a still fires once
wx.onNetworkStatusChange("not a function");
window.dispatchEvent(new Event("offline"));
const onLineAfterOffline = navigator.onLine; // a synthetic event does not move it
window.dispatchEvent(new Event("online"));
const offRet = wx.offNetworkStatusChange(a);
window.dispatchEvent(new Event("offline"));
wx.offNetworkStatusChange();
window.dispatchEvent(new Event("online"));
const onLine = navigator.onLine;
return [log, [onLineAfterOffline, onLine], log.length === 5, show(onRet), show(offRet)];

// @test onNetworkStatusChange: a throwing listener is reported, the next still runs; off(non-function) removes all
// @want [["second"],true,["second"]]
const log = [];
wx.onNetworkStatusChange(() => { throw new Error("boom in status listener"); });
wx.onNetworkStatusChange(() => log.push("second"));
window.dispatchEvent(new Event("offline"));
const reported = errors.some((e) => e.includes("thirdScriptError") && e.includes("boom in status listener") && e.includes("wx.onNetworkStatusChange listener"));
const before = log.slice();
wx.offNetworkStatusChange(42);
window.dispatchEvent(new Event("online"));
return [before, reported, log];

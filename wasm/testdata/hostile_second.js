// @group hostile use, second run
// What the second adversarial run (issue 19) broke: each row failed before its fix.
// @setup
wxshim.libVersion = "2.30.3";
// overflow is the name of the error this engine throws when the JavaScript
// stack runs out (RangeError; InternalError in Firefox).
const overflow = (() => { try { (function f() { f(); })(); } catch (e) { return e.name; } return ""; })();
// goAlive: a call that reaches Go answers as it should.
const goAlive = () => {
  let msg = "";
  try { wx.connectSocket({url: "nope", fail: (r) => { msg = r.errMsg; }}); } catch (e) { msg = String(e); }
  return msg;
};

// @test a reconnect loop in fail ({{2}}), {{1}} deep: JavaScript frames only, as deep as the stack allows (not 376), the overflow is the engine's own error, Go lives
// @each 5000 | invalid url
// @each 10000 | invalid url
// @each 5000 | max count
// @each 10000 | max count
// @each 5000 | connect in success at 1.6.0
// @want [true,true,"connectSocket:fail invalid url \"nope\"",true]
await sleep(0); // from a task of its own, as a page's loop starts
const N = {{1}}, kind = "{{2}}";
wxshim.urlCheck = false;
if (kind === "max count") {
  wxshim.maxConnections = 1;
  wx.connectSocket({url: ECHO + "/hang"});
}
if (kind === "connect in success at 1.6.0") wxshim.libVersion = "1.6.0";
let depth = 0, thrown = "", last = null;
function again() {
  const o = {url: kind === "invalid url" ? "not a url" : ECHO + "/hang"};
  o[kind.startsWith("connect in success") ? "success" : "fail"] = (r) => { last = r.errMsg; if (++depth < N) again(); };
  return wx.connectSocket(o);
}
let ret;
try { ret = again(); } catch (e) { thrown = String(e); }
const ended = depth === N || errors.some((e) => e.startsWith("thirdScriptError") && e.includes(overflow + ":"));
console.log("reconnect loop (" + kind + "), " + N + " asked: " + depth + " deep");
const wants = {"invalid url": 'connectSocket:fail invalid url "not a url"', "max count": "connectSocket:fail fail reach max websocket connect count 1"};
return [ended && thrown === "", depth >= 1000, goAlive(), last === (wants[kind] || "connectSocket:ok") && (kind !== "connect in success at 1.6.0" || typeof ret.onOpen === "function")];

// @test a page's own recursion that calls wx.connectSocket at every level ends with the engine's own error, caught by the page; Go lives
// @want [true,true,"connectSocket:fail invalid url \"nope\""]
await sleep(0);
wxshim.urlCheck = false;
let depth = 0, failed = 0;
function deeper() { depth++; wx.connectSocket({url: "not a url", fail() { failed++; }}); deeper(); }
let name = "";
try { deeper(); } catch (e) { name = e.name; }
console.log("page recursion calling connectSocket: " + depth + " deep");
return [name === overflow, failed >= depth - 1 && depth > 1000, goAlive()];

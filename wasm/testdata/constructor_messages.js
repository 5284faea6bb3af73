// The constructor checks the glue makes before it starts a socket at the
// end of the task must say what the browser's own constructor says.

// @test {{1}}
// @each invalid protocol | ["a b"] | ""
// @each empty protocol | [""] | ""
// @each non-ASCII protocol | ["é"] | ""
// @each control character | ["a\u0001"] | ""
// @each backslash | ["a\\b"] | ""
// @each separator | ["a,b"] | ""
// @each duplicated | ["a", "b", "a"] | ""
// @each Symbol | [Symbol()] | ""
// @each a string | "chat" | ""
// @each fragment | undefined | "/echo#frag"
// @each empty fragment | undefined | "/echo#"
// @want true
wxshim.urlCheck = false;
const url = echo().replace("/echo", "") + {{3}} || echo();
const protocols = {{2}};
let browser = "no error";
try { const ws = protocols === undefined ? new WebSocket(url) : new WebSocket(url, protocols); ws.close(); } catch (e) { browser = e.message; }
let shim = "no error";
wx.connectSocket({url, protocols, fail: (res) => { shim = res.errMsg.replace("connectSocket:fail ", ""); }});
return shim === browser || [shim, browser];

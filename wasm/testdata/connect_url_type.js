// Spec section 2, wx.connectSocket at the default version 1.6.0: a url that
// is not a string.

// @test missing options
// @want ["undefined"]
// A call with no options at all has nowhere to report: it returns undefined and throws nothing.
return [wx.connectSocket()];

// @test {{1}}
// @each url missing | {} | Undefined
// @each url number | {url: 5} | Number
// @each url null | {url: null} | Null
// @each url object | {url: {}} | Object
// @each url array | {url: ["wss://a"]} | Array
// @each url boolean | {url: true} | Boolean
// @each url String object | {url: new String("wss://a")} | String
// @each url symbol | {url: Symbol("x")} | Symbol
// @want [["fail",{"errMsg":"connectSocket:fail parameter error: parameter.url should be String instead of {{3}};"}],
// @want ["complete",{"errMsg":"connectSocket:fail parameter error: parameter.url should be String instead of {{3}};"}],["returned","undefined"]]
const r = rec(), o = {{2}};
o.success = r("success"); o.fail = r("fail"); o.complete = r("complete");
const ret = wx.connectSocket(o);
r.log.push(["returned", show(ret)]);
return r.log;

// @group bad input
// Hostile calls: wrong types, missing values, NaN, negative and huge numbers,
// BigInt, Symbol, Proxy traps and getters that throw, revoked proxies,
// frozen objects, non-function callbacks, and data of every kind, across
// every function and setting. Each must throw nothing and run exactly the
// callbacks its want lists, as "name:errMsg"; the runtime answers at the end.

// @setup
wxshim.urlCheck = false;
const r = rec();
const cb = (o) => Object.assign(o, {success: r("success"), fail: r("fail"), complete: r("complete")});
const boom = (k, o = {}) => Object.defineProperty(o, k, {get() { throw new Error("boom"); }, enumerable: true});
const trap = () => new Proxy({}, {get() { throw new Error("trap"); }});
const revoked = () => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; };
// attempt runs call, and returns what it threw (null: nothing) and the
// callbacks that ran, as "name:errMsg".
async function attempt(call) {
  let threw = null;
  try { call(); } catch (e) { threw = String(e); }
  await sleep(0);
  return [threw, r.log.map((e) => e[0] + ":" + (e[1] && e[1].errMsg))];
}

// @test connectSocket url {{1}}
// @each NaN | Number
// @each -1 | Number
// @each 1e308 | Number
// @each Symbol('u') | Symbol
// @each 10n | BigInt
// @each new Proxy({}, {}) | Object
// @each () => 1 | Function
// @each Object.freeze({}) | Object
// @want [null,["fail:connectSocket:fail parameter error: parameter.url should be String instead of {{2}};",
// @want "complete:connectSocket:fail parameter error: parameter.url should be String instead of {{2}};"]]
return attempt(() => { wx.connectSocket(cb({url: {{1}}})); });

// @test connectSocket url getter throws
// @want [null,["fail:connectSocket:fail parameter error: parameter.url could not be read: boom",
// @want "complete:connectSocket:fail parameter error: parameter.url could not be read: boom"]]
return attempt(() => { wx.connectSocket(cb(boom("url"))); });

// @test connectSocket {{1}}
// @each options Proxy that throws | wx.connectSocket(trap())
// @each revoked Proxy | wx.connectSocket(revoked())
// @each options a number | wx.connectSocket(42)
// @each options a Symbol | wx.connectSocket(Symbol())
// @want [null,[]]
return attempt(() => { {{2}}; });

// @test connectSocket {{1}}
// @each frozen options | wx.connectSocket(Object.freeze(cb({url: echo()})))
// @each timeout NaN | wx.connectSocket(cb({url: echo(), timeout: NaN}))
// @each timeout negative | wx.connectSocket(cb({url: echo(), timeout: -5}))
// @each timeout huge | wx.connectSocket(cb({url: echo(), timeout: 1e300}))
// @each timeout a string | wx.connectSocket(cb({url: echo(), timeout: "100"}))
// @want [null,["success:connectSocket:ok","complete:connectSocket:ok"]]
return attempt(() => { {{2}}; });

// @test connectSocket protocols {{1}}
// @each an object | {} | Object
// @each a BigInt | 1n | BigInt
// @want [null,["fail:connectSocket:fail parameter error: parameter.protocols should be Array instead of {{3}};",
// @want "complete:connectSocket:fail parameter error: parameter.protocols should be Array instead of {{3}};"]]
return attempt(() => { wx.connectSocket(cb({url: echo(), protocols: {{2}}})); });

// @test connectSocket header {{1}}
// @each a string | "x"
// @each Proxy that throws | new Proxy({}, {ownKeys() { throw new Error("keys"); }})
// @want [null,["success:connectSocket:ok","complete:connectSocket:ok"]]
return attempt(() => { wx.connectSocket(cb({url: echo(), header: {{2}}})); });

// @test connectSocket callbacks not functions
// @want [null,["complete:connectSocket:ok"]]
return attempt(() => { wx.connectSocket({url: echo(), success: 5, fail: "x", complete: r("complete")}); });

// @test connectSocket a 1 MiB url (less 4 KiB: Firefox's URL parser refuses more than 1,048,572 characters)
// @want [null,["fail:connectSocket:fail url not in domain list","complete:connectSocket:fail url not in domain list"]]
return attempt(() => { wxshim.urlCheck = true; wx.connectSocket(cb({url: "wss://x.test/" + "a".repeat((1 << 20) - 4096)})); });

// @test task.send data {{1}}
// @each NaN
// @each -0
// @each 10n
// @each Symbol()
// @each new Uint8Array(4)
// @each new DataView(new ArrayBuffer(4))
// @each new Blob(['x'])
// @each {}
// @each Object.freeze({byteLength: 4})
// @each new Proxy(new ArrayBuffer(4), {})
// @each new String('s')
// @each [1, 2]
// @each null
// @want [null,["fail:sendSocketMessage:fail unknown data","complete:sendSocketMessage:fail unknown data"]]
const task = wx.connectSocket({url: echo()});
await until(() => task.readyState === 1);
return attempt(() => { task.send(cb({data: {{1}}})); });

// @test task.send data getter throws
// @want [null,["fail:sendSocketMessage:fail parameter error: boom","complete:sendSocketMessage:fail parameter error: boom"]]
const task = wx.connectSocket({url: echo()});
await until(() => task.readyState === 1);
return attempt(() => { task.send(cb(boom("data"))); });

// @test task.send {{1}}
// @each options Proxy that throws | task.send(trap())
// @each no options | task.send()
// @each options a number | task.send(5)
// @want [null,[]]
const task = wx.connectSocket({url: echo()});
await until(() => task.readyState === 1);
return attempt(() => { {{2}}; });

// @test task.send {{1}}
// @each empty string | ""
// @each empty ArrayBuffer | new ArrayBuffer(0)
// @each lone surrogate | "\uD800"
// @want [null,["success:sendSocketMessage:ok","complete:sendSocketMessage:ok"]]
const task = wx.connectSocket({url: echo()});
await until(() => task.readyState === 1);
return attempt(() => { task.send(cb({data: {{2}}})); });

// @test task.close code {{1}}
// @each NaN
// @each -1
// @each 1e20
// @each "3000"
// @each Symbol()
// @each 10n
// @each {}
// @each 3000.5
// @want [null,["fail:closeSocket:fail The code must be either 1000, or between 3000 and 4999",
// @want "complete:closeSocket:fail The code must be either 1000, or between 3000 and 4999"]]
const task = wx.connectSocket({url: echo()});
await until(() => task.readyState === 1);
return attempt(() => { task.close(cb({code: {{1}}})); });

// @test task.close reason {{1}}
// @each 5 | Number
// @each Symbol() | Symbol
// @each {} | Object
// @want [null,["fail:closeSocket:fail parameter error: parameter.reason should be String instead of {{2}};",
// @want "complete:closeSocket:fail parameter error: parameter.reason should be String instead of {{2}};"]]
const task = wx.connectSocket({url: echo()});
await until(() => task.readyState === 1);
return attempt(() => { task.close(cb({code: 3000, reason: {{1}}})); });

// @test task.close reason of lone surrogates (126 UTF-8 bytes)
// @want [null,["fail:closeSocket:fail The close reason must not be greater than 123 UTF-8 bytes",
// @want "complete:closeSocket:fail The close reason must not be greater than 123 UTF-8 bytes"]]
const task = wx.connectSocket({url: echo()});
await until(() => task.readyState === 1);
return attempt(() => { task.close(cb({code: 3000, reason: "\uD800".repeat(42)})); });

// @test task.close code getter throws
// @want [null,["fail:closeSocket:fail parameter error: parameter.code could not be read: boom",
// @want "complete:closeSocket:fail parameter error: parameter.code could not be read: boom"]]
const task = wx.connectSocket({url: echo()});
await until(() => task.readyState === 1);
return attempt(() => { task.close(cb(boom("code"))); });

// @test wx.sendSocketMessage data {{1}}
// @each BigInt | 10n
// @each Symbol | Symbol()
// @want [null,["fail:sendSocketMessage:fail unknown data","complete:sendSocketMessage:fail unknown data"]]
await openGlobal();
return attempt(() => { wx.sendSocketMessage(cb({data: {{2}}})); });

// @test wx.sendSocketMessage {{1}}
// @each options a Symbol | wx.sendSocketMessage(Symbol())
// @each success getter throws | wx.sendSocketMessage(boom("success", {data: "x"}))
// @want [null,[]]
await openGlobal();
return attempt(() => { {{2}}; });

// @test wx.closeSocket code NaN
// @want [null,["fail:closeSocket:fail The code must be either 1000, or between 3000 and 4999",
// @want "complete:closeSocket:fail The code must be either 1000, or between 3000 and 4999"]]
await openGlobal();
return attempt(() => { wx.closeSocket(cb({code: NaN})); });

// @test wx.closeSocket reason BigInt
// @want [null,["fail:closeSocket:fail parameter error: parameter.reason should be String instead of BigInt;",
// @want "complete:closeSocket:fail parameter error: parameter.reason should be String instead of BigInt;"]]
await openGlobal();
return attempt(() => { wx.closeSocket(cb({reason: 10n})); });

// @test wx.closeSocket options Proxy that throws
// @want [null,[]]
await openGlobal();
return attempt(() => { wx.closeSocket(trap()); });

// @test {{1}}
// @each wx.onSocketOpen(undefined)
// @each wx.onSocketMessage(Symbol())
// @each wx.onSocketError(new Proxy(function () {}, {}))
// @each wx.onSocketClose(10n)
// @each task.onMessage({})
// @each task.onClose(null)
// @each task.onOpen(trap())
// @each task.onError(revoked())
// @want [null,[]]
const task = wx.connectSocket({url: echo()});
await until(() => task.readyState === 1);
return attempt(() => { {{1}}; });

// @test settings: {{1}}
// @each wxshim.libVersion = 10n
// @each wxshim.socketDomains = "good.example.com"
// @each wxshim.socketDomains = [5]
// @each wxshim.rewrites = new Proxy({}, {ownKeys() { throw new Error("keys"); }})
// @each wxshim.networkTimeout = {get connectSocket() { throw new Error("x"); }}
// @each wxshim.maxConnections = NaN
// @each wxshim.closeBeforeOpen = {}
// @each wxshim.configure(5)
// @each wxshim.configure(trap())
// @each wxshim.checkUrl(Symbol())
// @want [null,[]]
return attempt(() => { {{1}}; });

// @test the runtime still answers after all of them
// @want ["alive",true]
wxshim.urlCheck = false;
const task = wx.connectSocket({url: echo()});
let got;
task.onOpen(() => task.send({data: "alive"}));
task.onMessage((res) => { got = res.data; });
await until(() => got);
return [got, wxshim.checkUrl("wss://good.example.com").ok];

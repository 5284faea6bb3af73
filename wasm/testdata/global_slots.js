// Spec section 4, the global API at 1.6.0: the onSocket* slots.

// @test a second listener replaces the first; a non-function is ignored
// @want [["second",{"data":"x"}]]
wxshim.urlCheck = false;
const r = rec();
wx.onSocketMessage(r("first"));
wx.onSocketMessage(r("second"));
wx.onSocketMessage(42);
wx.onSocketMessage(undefined);
await openGlobal();
wx.sendSocketMessage({data: "x"});
await until(() => r.log.length === 1);
await sleep(20);
return r.log;

// @test slots survive reconnects
// @want ["open","close","open"]
wxshim.urlCheck = false;
const r = rec();
wx.onSocketOpen(r("open"));
wx.onSocketClose(r("close"));
wx.connectSocket({url: echo()});
await until(() => r.log.length === 1);
wx.closeSocket();
await until(() => r.log.length === 2);
wx.connectSocket({url: echo()});
await until(() => r.log.length === 3);
return r.log.map((e) => e[0]);

// @test a replaced socket's later events never reach the globals
// @want ["new open","old close"]
wxshim.urlCheck = false;
const r = rec();
wx.onSocketMessage(r("global message"));
wx.onSocketClose(r("global close"));
const old = wx.connectSocket({url: echo()});
old.onClose(r("old close"));
await until(() => old.readyState === 1);
old.send({data: "late"}); // its echo would arrive after the replacement
const neu = wx.connectSocket({url: echo()});
neu.onOpen(r("new open"));
await until(() => r.log.length >= 2);
await sleep(50);
// Sorted: the old close handshake and the new handshake race (Firefox
// sometimes opens the new one first); what matters is that neither global
// slot saw the old socket's echo or close.
return r.log.map((e) => e[0]).sort();

// @test wx has exactly the seed's surface, NETWORK.md section 7's environment calls, and wx.request
// @want ["canIUse","closeSocket","connectSocket","getNetworkType","offNetworkStatusChange","onNetworkStatusChange",
// @want "onSocketClose","onSocketError","onSocketMessage","onSocketOpen","request","sendSocketMessage","undefined","function"]
return Object.keys(wx).sort().concat([typeof wx.offSocketOpen, typeof wx.request]);

// @group hostile URLs
// Hostile URLs against a legal-domain list holding good.example.com. The
// decision is made without connecting (wxshim.checkUrl); for each URL the
// row also asks the browser's own URL parser which host it would connect
// to, and checks that the shim judged that host. Only names are ever
// connected to, and Chromium resolves every name to 127.0.0.1 here.
// Each case is the URL as a JSON string, whether it passes, and why (a note).

// @test checkUrl {{1}}
// @each "wss://good.example.com" | true
// @each "wss://GOOD.example.COM" | true
// @each "WSS://good.example.com/ws" | true
// @each "wss://good.example.com:8443/path?q=1" | true
// @each "wss://good.example.com.evil.test" | false
// @each "wss://evil.test#good.example.com" | false
// @each "wss://good.example.com@evil.test" | false
// @each "wss://evil.test:443@good.example.com" | true | userinfo; the host really is good.example.com
// @each "wss://evil.test/?good.example.com" | false
// @each "wss://evil.test\\@good.example.com" | false | a backslash is a path separator in ws URLs
// @each "wss://evil.test\\.good.example.com" | false
// @each "wss://good.example.com." | false | trailing dot: not the listed host
// @each "wss://sub.good.example.com" | false
// @each "wss://xgood.example.com" | false
// @each "wss://gооd.example.com" | false | Cyrillic o: punycode look-alike
// @each "wss://ɡood.example.com" | false | Latin script g
// @each "wss://xn--gd-mlca.example.com" | false | the same look-alike, written in punycode
// @each "wss://ｇｏｏｄ.example.com" | true | fullwidth letters map to good.example.com
// @each "wss://good。example。com" | true | ideographic full stops map to dots
// @each "wss://good%2Eexample.com" | true | percent-decoded to the listed host
// @each "wss://good.example.com%00.evil.test" | false | cannot be parsed: invalid url
// @each "wss://good.example.com:99999" | false | invalid port
// @each "wss:// good.example.com" | false
// @each " wss://good.example.com" | false
// @each "wss://go\nod.example.com" | true | the parser drops the newline: this is good.example.com
// @each "wss://good.example.com\t" | true
// @each "ws://good.example.com" | false
// @each "wss://localhost" | false
// @each "wss://LOCALHOST." | false
// @each "wss://good.example.com.localhost" | false
// @each "wss://127.0.0.1" | false
// @each "wss://127.1" | false
// @each "wss://0x7f000001" | false
// @each "wss://2130706433" | false
// @each "wss://0.0.0.0" | false
// @each "wss://[::1]" | false
// @each "wss://[::]" | false
// @each "wss://[::ffff:127.0.0.1]" | false
// @each "wss://[0:0:0:0:0:0:0:1]:8443" | false
// @each "wss://[2001:db8::1]" | false
// @each "wss://192.168.1.20" | true | LAN addresses pass on a phone
// @each "wss://10.1.2.3:9000" | true
// @each "wss://172.16.0.1" | true
// @each "wss://172.31.255.255" | true
// @each "wss://172.32.0.1" | false
// @each "wss://0xc0a80101" | true | 192.168.1.1 written in hex
// @each "wss://11.0.0.1" | false
// @want [{{2}},true,true]
wxshim.socketDomains = ["good.example.com"];
const u = {{1}};
const v = wxshim.checkUrl(u);
let browserHost = null;
try { browserHost = new URL(u).hostname; } catch (e) {}
// A URL the browser would open must be judged by the host it would open.
const agrees = browserHost === null || !/^wss?:\/\//i.test(u) ? !v.ok : v.host === browserHost;
// No bypass: whatever passes goes to the listed host or a LAN address.
const allowed = !v.ok || v.host === "good.example.com" || /^(10|172|192)\./.test(v.host);
return [v.ok, agrees, allowed];

// @test a legal name connects; an illegal one never reaches the server
// @want [["fail","fail","open"],0]
wxshim.socketDomains = ["good.example.com"];
await serverIdle();
const live0 = (await (await fetch(ORIGIN + "/live")).json()).live;
const r = rec();
wx.connectSocket({url: "wss://good.example.com.evil.test:" + PORT + "/echo", fail: r("fail")});
wx.connectSocket({url: "wss://evil.test:" + PORT + "/echo#good.example.com", fail: r("fail")});
await sleep(100);
const live1 = (await (await fetch(ORIGIN + "/live")).json()).live;
wx.onSocketOpen(r("open"));
wx.connectSocket({url: "wss://GOOD.example.com:" + PORT + "/echo"});
await until(() => r.log.length === 3);
return [r.log.map((e) => e[0]), live1 - live0];

// @test at 1.7.0 a refused URL is reported on the task and never connects
// @want [["success",{"errMsg":"connectSocket:ok","socketTaskId":"<id>"}],["error",{"errMsg":"createSocketTask:fail url not in domain list"}]]
wxshim.libVersion = "1.7.0";
wxshim.socketDomains = ["good.example.com"];
const r = rec();
const task = wx.connectSocket({url: "wss://good.example.com@evil.test:" + PORT + "/echo", success: r("success")});
task.onError(r("error"));
task.onOpen(r("open"));
await sleep(100);
return r.log;

// NETWORK.md section 1: the legal domains of wx.request (requestDomains),
// with urlCheck on. https only; the exact host, case-insensitive; the port
// exactly as written (an entry with a port allows only URLs that write it,
// one without only URLs that write none: ":443" written out fails); LAN
// addresses from 2.4.0, loopback and localhost never; urlCheck off allows
// all; a rewrite is judged on the original URL; the failure is
// asynchronous, errno 600002, with a one-time warning.
//
// Names are sent to 127.0.0.1 (the browsers' resolver rules, the relay's
// dialer), so a URL that passes reaches the test server. A URL without a
// port, or with :443, reaches it through a rewrite of its origin to
// ORIGIN. An address that is not loopback is never connected to: its rows
// rewrite it to ORIGIN, and first check, with urlCheck off, that a rewrite
// of an address's origin is applied at all; if it is not, the row stops
// before asking for the address.

// @setup
wxshim.libVersion = "3.0.0";
wxshim.urlCheck = true;
const HOST = new URL(ORIGIN).host;
const NOT_IN_LIST = {"errMsg": "request:fail url not in domain list", "errno": 600002};
const withPort = (s) => s.split("PORT").join(PORT);
// outcome is "ok" (success: the test server's echo answered), or the fail
// result; "fail" is the domain check's fail (errno from 2.24.0).
async function outcome(o) {
  const g = await request(o);
  if (g[0] === "success") return g.res.data && typeof g.res.data.uri === "string" && g.res.data.uri.startsWith("/http/echo") ? "ok" : "success, not from the echo";
  return g.res;
}
const verdict = (o) => o === "ok" ? "ok" : o.errMsg === NOT_IN_LIST.errMsg ? "fail" : o;
// rewritesApply says whether a rewrite of an address's origin is applied:
// 127.0.0.2 (loopback, not in the certificate) rewritten to ORIGIN.
async function rewritesApply() {
  const check = wxshim.urlCheck, rw = wxshim.rewrites;
  wxshim.urlCheck = false;
  wxshim.rewrites = {["https://127.0.0.2:" + PORT]: ORIGIN};
  const g = await request({url: "https://127.0.0.2:" + PORT + "/http/echo"});
  const ok = g[0] === "success" && g.res.data.host === HOST;
  wxshim.urlCheck = check;
  wxshim.rewrites = rw;
  return ok;
}

// @test a listed host and port pass: entry {{1}}
// @each good.example.com:PORT
// @each https://good.example.com:PORT
// @each GOOD.Example.COM:PORT
// @each https://GOOD.example.com:PORT
// @want "ok"
wxshim.requestDomains = ["other.example.com", withPort("{{1}}")];
return outcome({url: "https://good.example.com:" + PORT + "/http/echo"});

// @test the host is compared case-insensitively: {{1}}
// @each https://GOOD.example.com:PORT/http/echo
// @each HTTPS://Good.Example.Com:PORT/http/echo
// @want "ok"
wxshim.requestDomains = [withPort("good.example.com:PORT")];
return outcome({url: withPort("{{1}}")});

// @test the port as written: {{1}}
// @each an entry without a port, a URL with one | good.example.com | https://good.example.com:PORT/http/echo | fail
// @each https:// and no port, a URL with one | https://good.example.com | https://good.example.com:PORT/http/echo | fail
// @each an entry with a port, a URL without | good.example.com:PORT | https://good.example.com/http/echo | fail
// @each an entry with another port | good.example.com:1 | https://good.example.com:PORT/http/echo | fail
// @each no port either side | good.example.com | https://good.example.com/http/echo | ok
// @each :443 written out, an entry without a port | good.example.com | https://good.example.com:443/http/echo | fail
// @each :443 written out, https:// without a port | https://good.example.com | https://good.example.com:443/http/echo | fail
// @each :443 both sides | good.example.com:443 | https://good.example.com:443/http/echo | ok
// @each :443 in https://host:443 | https://good.example.com:443 | https://good.example.com:443/http/echo | ok
// @each an entry with :443, a URL without | good.example.com:443 | https://good.example.com/http/echo | fail
// @want "{{4}}"
// (the origin https://good.example.com, :443 or not, is rewritten to ORIGIN)
wxshim.requestDomains = [withPort("{{2}}")];
wxshim.rewrites = {"https://good.example.com": ORIGIN};
const o = await outcome({url: withPort("{{3}}")});
return verdict(o);

// @test not in the list: {{1}}
// @each another host | https://other.example.com:PORT/http/echo
// @each a subdomain | https://sub.good.example.com:PORT/http/echo
// @each the parent of an entry | https://example.com:PORT/http/echo
// @each a longer name | https://good.example.com.evil.test:PORT/http/echo
// @each http:// to a listed host | http://good.example.com:PORT/http/echo
// @want [["fail","complete"],{"errMsg":"request:fail url not in domain list","errno":600002}]
wxshim.requestDomains = [withPort("good.example.com:PORT"), withPort("www.example.com:PORT")];
const g = await request({url: withPort("{{2}}")});
return [g.slice(), g.res];

// @test the failure is asynchronous: a task is returned first
// @want ["object",["fail","complete"]]
wxshim.requestDomains = ["good.example.com"];
const log = [];
const t = wx.request({url: ORIGIN + "/http/echo", fail() { log.push("fail"); }, complete() { log.push("complete"); }});
const before = typeof t + (log.length ? " after " + log.join() : "");
await until(() => log.length === 2);
return [before, log];

// @test one list per API: {{1}}
// @each socketDomains do not allow a request | {socketDomains: ["good.example.com"]}
// @each uploadFileDomains do not allow a request | {uploadFileDomains: ["good.example.com:PORT"]}
// @each downloadFileDomains do not allow a request | {downloadFileDomains: ["good.example.com:PORT"]}
// @want {"errMsg":"request:fail url not in domain list","errno":600002}
const s = {{2}};
for (const k of Object.keys(s)) s[k] = s[k].map(withPort);
wxshim.configure(s);
return outcome({url: "https://good.example.com:" + PORT + "/http/echo"});

// @test requestDomains do not allow a socket
// @want [["error",{"errMsg":"createSocketTask:fail url not in domain list"}]]
wxshim.requestDomains = [withPort("good.example.com:PORT"), "good.example.com"];
const r = rec();
const task = wx.connectSocket({url: "wss://good.example.com:" + PORT + "/echo"});
task.onError(r("error"));
task.onOpen(r("open"));
await until(() => r.log.length === 1);
await sleep(50);
return r.log;

// @test configure({requestDomains}) is the same setting
// @want ["ok",{"errMsg":"request:fail url not in domain list","errno":600002}]
wxshim.configure({requestDomains: [withPort("good.example.com:PORT")]});
const a = await outcome({url: "https://good.example.com:" + PORT + "/http/echo"});
wxshim.configure({requestDomains: []});
return [a, await outcome({url: "https://good.example.com:" + PORT + "/http/echo"})];

// @test loopback and localhost never pass, listed or not: {{1}}
// @each 127.0.0.1 | 127.0.0.1:PORT | https://127.0.0.1:PORT/http/echo
// @each localhost | localhost:PORT | https://localhost:PORT/http/echo
// @each LOCALHOST | LOCALHOST:PORT | https://LOCALHOST:PORT/http/echo
// @each localhost. | localhost.:PORT | https://localhost.:PORT/http/echo
// @each [::1] | [::1]:PORT | https://[::1]:PORT/http/echo
// @each 127.1 | 127.0.0.1:PORT | https://127.1:PORT/http/echo
// @each 127.9.9.9 | 127.9.9.9:PORT | https://127.9.9.9:PORT/http/echo
// @each [::ffff:127.0.0.1] | [::ffff:127.0.0.1]:PORT | https://[::ffff:127.0.0.1]:PORT/http/echo
// @want {"errMsg":"request:fail url not in domain list","errno":600002}
wxshim.requestDomains = [withPort("{{2}}"), "{{1}}"];
return outcome({url: withPort("{{3}}")});

// @test a LAN address at {{1}}: {{2}}
// @each 2.3.9 | refused | https://192.168.1.20 | fail
// @each 2.4.0 | allowed | https://192.168.1.20 | ok
// @each 2.4.0 | allowed | https://10.1.2.3 | ok
// @each 2.4.0 | allowed | https://172.16.0.1 | ok
// @each 2.4.0 | allowed | https://172.31.255.254 | ok
// @each 3.0.0 | refused (not LAN) | https://172.32.0.1 | fail
// @each 3.0.0 | refused (not LAN) | https://11.0.0.1 | fail
// @want "{{4}}"
// The address is rewritten to ORIGIN: nothing is ever sent to it.
wxshim.libVersion = "{{1}}";
if (!(await rewritesApply())) return "a rewrite of an address's origin is not applied: the LAN URL was not asked for";
wxshim.requestDomains = ["good.example.com"];
wxshim.rewrites = {"{{3}}": ORIGIN};
const o = await outcome({url: "{{3}}/http/echo"});
return verdict(o);

// @test urlCheck off allows {{1}}
// @each loopback | ORIGIN + "/http/echo"
// @each any host | "https://api.example.com:" + PORT + "/http/echo"
// @each localhost | "https://localhost:" + PORT + "/http/echo"
// @want "ok"
wxshim.urlCheck = false;
wxshim.requestDomains = ["good.example.com"];
return outcome({url: {{2}}});

// @test urlCheck off allows http:
// @want false
// (the test server speaks TLS only: whatever the answer, it is no domain failure)
wxshim.urlCheck = false;
const g = await request({url: "http://127.0.0.1:" + PORT + "/http/echo"});
return g[0] === "fail" && g.res.errMsg.includes("domain");

// @test a rewrite is judged on the original URL: {{1}}
// @each a listed name rewritten to loopback passes | ["api.example.com"] | https://api.example.com | ORIGIN | ok
// @each an unlisted name rewritten to a listed one fails | [withPort("api.example.com:PORT")] | https://evil.example.com | "https://api.example.com:" + PORT | fail
// @want "{{5}}"
wxshim.requestDomains = {{2}};
wxshim.rewrites = {"{{3}}": {{4}}};
const o = await outcome({url: "{{3}}/http/echo"});
return verdict(o);

// @test a rewrite applies to the URL sent, a GET's data merged into its query: {{1}}
// @each no setting changed after the call | false
// @each a setting changed before the send | true
// @want ["success","/http/echo?a=1&b=2"]
wxshim.urlCheck = false;
wxshim.rewrites = {"https://api.example.com": ORIGIN};
const p = request({url: "https://api.example.com/http/echo?a=1", data: {b: 2}});
if ({{2}}) wxshim.maxResponseBytes = 1 << 20;
const g = await p;
return [g[0], g.res.data && g.res.data.uri];

// @test redirects are checked against the list: {{1}}
// @each to a listed host | https://good.example.com:PORT/http/echo?to=listed | ok
// @each to the same host, relative | /http/echo | ok
// @each to a host not in the list | https://other.example.com:PORT/http/echo | fail
// @each to loopback | https://127.0.0.1:PORT/http/echo | fail
// @want "{{3}}"
wxshim.requestDomains = [withPort("good.example.com:PORT")];
const o = await outcome({url: "https://good.example.com:" + PORT + "/http/redirect?n=1&to=" + encodeURIComponent(withPort("{{2}}"))});
return verdict(o);

// @test one warning for the domain failures, saying how to add the domain or turn urlCheck off
// @want [["fail","fail"],1,true]
wxshim.requestDomains = ["good.example.com"];
const a = await request({url: ORIGIN + "/http/echo"});
const b = await request({url: ORIGIN + "/http/echo?again"});
const w = warns.filter((x) => x.includes("urlCheck"));
return [[a[0], b[0]], w.length, w.length > 0 && w[0].includes("requestDomains")];

// @test a URL refused by the domain check is never fetched
// @want [{"errMsg":"request:fail url not in domain list","errno":600002},false]
wxshim.requestDomains = ["good.example.com"];
performance.clearResourceTimings();
const url = "https://evil.example.com:" + PORT + "/http/echo?never-fetched";
const o = await outcome({url});
await sleep(50);
return [o, performance.getEntriesByType("resource").some((e) => e.name.includes("never-fetched"))];

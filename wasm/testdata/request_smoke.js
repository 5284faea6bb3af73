// wx.request's smallest rows (NETWORK.md sections 1, 2 and 6): a GET, a POST
// of JSON, a 404 that is a success, abort, and a domain failure. The full rows,
// one per spec line, are the other request_*.js files.
//
// @setup
wxshim.configure({urlCheck: false, libVersion: "3.0.0"});
// ct is the content-type: lower-case from the page alone, Content-Type through the relay.
const ct = (h) => h["content-type"] || h["Content-Type"];

// @test a GET: the data goes into the query, the answer is parsed as JSON, then complete
// @want [["success",200,"GET","/http/echo?a=1&b=2","application/json","request:ok",[]],["complete","request:ok"],"object"]
const r = [];
const task = wx.request({
  url: ORIGIN + "/http/echo?a=1", data: {b: 2},
  success: (res) => r.push(["success", res.statusCode, res.data.method, res.data.uri, ct(res.header), res.errMsg, res.cookies]),
  complete: (res) => r.push(["complete", res.errMsg]),
});
await until(() => r.length === 2);
return [...r, typeof task];

// @test a POST of an object: JSON, with the default content-type
// @want ["POST","{\"x\":[1,\"y\"]}",["application/json"],200]
let res;
wx.request({url: ORIGIN + "/http/echo", method: "post", data: {x: [1, "y"]}, success: (x) => { res = x; }});
await until(() => res !== undefined);
return [res.data.method, res.data.body, res.data.header["Content-Type"], res.statusCode];

// @test a 404 is a success, its body as text with dataType "text"
// @want [["success",404,"nope"]]
const r = rec();
wx.request({url: ORIGIN + "/http/status?code=404&body=nope", dataType: "text",
  success: (res) => r.log.push(["success", res.statusCode, res.data]), fail: r("fail")});
await until(() => r.log.length === 1);
return r.log;

// @test abort in flight: fail "abort" after abort() returns, then complete, and nothing after
// @want [["returned"],["fail",{"errMsg":"request:fail abort"}],["complete",{"errMsg":"request:fail abort"}]]
const r = rec();
const task = wx.request({url: ORIGIN + "/hang?ms=5000", success: r("success"), fail: r("fail"), complete: r("complete")});
await sleep(50);
task.abort();
r.log.push(["returned"]);
await until(() => r.log.length === 3);
task.abort();
await sleep(50);
return r.log;

// @test a URL outside requestDomains fails after the call, errno 600002, with one warning
// @want [["returned"],["fail",{"errMsg":"request:fail url not in domain list","errno":600002}],1]
wxshim.configure({urlCheck: true, requestDomains: ["good.example.com"]});
const r = rec();
wx.request({url: ORIGIN + "/http/echo", fail: r("fail"), success: r("success")});
r.log.push(["returned"]);
await until(() => r.log.length === 2);
return [...r.log, warns.filter((w) => w.includes("legal-domain")).length];

// @test one request enters Go twice: the call, and the send when it leaves the queue (the domain check)
// @want [2,200]
let res;
const c0 = wxshim.debug.crossings();
wx.request({url: ORIGIN + "/http/echo", data: {a: 1}, method: "POST", success: (x) => { res = x; }});
await until(() => res !== undefined);
// The second crossings() call is a crossing too.
return [wxshim.debug.crossings() - c0 - 1, res.statusCode];

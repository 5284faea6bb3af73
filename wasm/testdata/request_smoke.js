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

// @test one request enters Go once: the call, which makes the send's domain check too while no setting changes before the task leaves the queue
// @want [1,200]
let res;
const c0 = wxshim.debug.crossings();
wx.request({url: ORIGIN + "/http/echo", data: {a: 1}, method: "POST", success: (x) => { res = x; }});
await until(() => res !== undefined);
// The second crossings() call is a crossing too.
return [wxshim.debug.crossings() - c0 - 1, res.statusCode];

// @test a setting changed between the call and the send is the one the send obeys: Go is asked again, and a URL that passed at the call fails
// @want [2,["fail",{"errMsg":"request:fail url not in domain list","errno":600002}]]
wxshim.configure({urlCheck: false});
const r = rec();
const c0 = wxshim.debug.crossings();
wx.request({url: ORIGIN + "/http/echo", fail: r("fail"), success: r("success")});
wxshim.configure({urlCheck: true, requestDomains: ["good.example.com"]}); // a crossing of its own (configure)
await until(() => r.log.length === 1);
return [wxshim.debug.crossings() - c0 - 1 - 1, r.log[0]];

// @test a URL refused at the call passes at the send when the list took it meanwhile
// @want [["success",200]]
wxshim.configure({urlCheck: true, requestDomains: ["good.example.com"]});
const r = rec();
wx.request({url: ORIGIN + "/http/echo", fail: r("fail"), success: (x) => r.log.push(["success", x.statusCode])});
wxshim.configure({urlCheck: false});
await until(() => r.log.length === 1);
return r.log;


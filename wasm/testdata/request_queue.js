// NETWORK.md section 1: the queue as it holds through the relay too (a
// synchronous failure never waits for it; the domain check runs after it),
// and the timeout (option from 2.10.0, truncated, else
// networkTimeout.request, else 60000 ms; any length waits as asked). The
// rows that need 10 requests in flight at once are in request_inflight.js.
// Held requests go to four names (all sent to 127.0.0.1); every row aborts
// what it holds, whatever happens.

// @setup
wxshim.libVersion = "3.0.0";
wxshim.urlCheck = false;
const r = rec();
const cbs = {success: r("success"), fail: r("fail"), complete: r("complete")};

// @test a synchronous failure does not wait for the queue
// @want [["fail","complete","returned"]]
return holding(10, "e", async () => {
  const ret = wx.request(Object.assign({url: 1}, cbs));
  r.log.push(["returned", show(ret)]);
  return [r.log.map((e) => e[0])];
});

// @test the domain check runs when the task is sent, after the queue
// @want [[],[["fail",{"errMsg":"request:fail url not in domain list","errno":600002}],["complete",{"errMsg":"request:fail url not in domain list","errno":600002}]]]
wxshim.urlCheck = true;
wxshim.requestDomains = CERT_NAMES.map((n) => n + ":" + PORT);
return holding(10, "f", async (held) => {
  wx.request(Object.assign({url: "https://unlisted.example.com:" + PORT + "/http/echo"}, cbs));
  await sleep(300);
  const waiting = r.log.slice();
  held[0].abort();
  await until(() => r.log.length === 2, 20000);
  return [waiting, r.log];
});

// @test the timeout option: {{1}}
// @each 100 | 100
// @each 100.9, truncated | 100.9
// @want [["fail",{"errMsg":"request:fail timeout","errno":5}],["complete",{"errMsg":"request:fail timeout","errno":5}]]
wx.request(Object.assign({url: ECHO_HTTP + "?delay=60000", timeout: {{2}}}, cbs));
await until(() => r.log.length === 2, 20000);
await sleep(50);
return r.log;

// @test the timeout option at {{1}}: {{2}}
// @each 2.9.9 | ignored | ["success",200]
// @each 2.10.0 | honoured (no errno before 2.24.0) | ["fail","request:fail timeout"]
// @each 2.24.0 | honoured, errno 5 | ["fail","request:fail timeout",5]
// @want {{3}}
wxshim.libVersion = "{{1}}";
return ended({url: ECHO_HTTP + "?delay=600", timeout: 100});

// @test a timeout option of {{1}} is no timeout: the default (60000 ms) is in force
// @each 0.9, truncated to 0 | 0.9
// @each 0 | 0
// @each -5 | -5
// @each NaN | NaN
// @want ["success",200]
return ended({url: ECHO_HTTP + "?delay=400", timeout: {{2}}});

// @test networkTimeout.request: {{1}}
// @each when there is no option | {request: 100} | {} | ["fail","request:fail timeout",5]
// @each when the option is 0 | {request: 100} | {timeout: 0} | ["fail","request:fail timeout",5]
// @each the option comes first | {request: 100} | {timeout: 20000} | ["success",200]
// @each connectSocket's is not request's | {connectSocket: 100} | {} | ["success",200]
// @want {{4}}
wxshim.networkTimeout = {{2}};
return ended(Object.assign({url: ECHO_HTTP + "?delay=600"}, {{3}}));

// @test a timeout of any length waits as asked: {{1}}
// @each the option 2^31 + 1000 | {} | {timeout: 2 ** 31 + 1000}
// @each the option 2^32 + 5 | {} | {timeout: 2 ** 32 + 5}
// @each the option 1e300 | {} | {timeout: 1e300}
// @each networkTimeout.request 2^31 | {request: 2 ** 31} | {}
// @each networkTimeout.request 2^32 + 5 | {request: 2 ** 32 + 5} | {}
// @want ["success",200]
wxshim.networkTimeout = {{2}};
return ended(Object.assign({url: ECHO_HTTP + "?delay=300"}, {{3}}));

// @test a timeout ends the request once: abort after it does nothing
// @want [["fail","complete"],"request:fail timeout"]
const t = wx.request(Object.assign({url: ECHO_HTTP + "?delay=60000", timeout: 100}, cbs));
await until(() => r.log.length === 2, 20000);
t.abort();
await sleep(200);
return [r.log.map((e) => e[0]), r.log[0][1].errMsg];

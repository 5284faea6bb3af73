// NETWORK.md section 1: at most 10 requests in flight, the 11th queued (not
// failed) and sent when one ends, oldest first; an aborted queued task
// frees no slot. Each row holds 10 (or 9) requests in flight at once, on
// four names (at most three to one), so that no browser limit per host (6
// HTTP/1.1 connections, NETWORK.md section 6) queues them instead of the
// shim; every row aborts what it holds, whatever happens.
//
// Not in the relay pass (relay_rows_test.go): through the relay every
// request goes to one host, the relay, where the browser keeps at most 6
// in flight (section 6's limit per host), so fewer than 10 are in flight
// there and the shim's queue cannot be seen past the browser's.

// @setup
wxshim.libVersion = "3.0.0";
wxshim.urlCheck = false;
const r = rec();
const cbs = {success: r("success"), fail: r("fail"), complete: r("complete")};

// @test with 9 in flight, the 10th is sent at once
// @want "success"
return holding(9, "a", async () => {
  let got;
  wx.request({url: ECHO_HTTP, success() { got = "success"; }, fail(res) { got = res.errMsg; }});
  await until(() => got, 20000);
  return got;
});

// @test with 10 in flight, the 11th is queued, not failed, and sent when one ends
// @want [[],["success","complete"]]
return holding(10, "b", async (held) => {
  wx.request(Object.assign({url: ECHO_HTTP}, cbs));
  await sleep(300);
  const waiting = r.log.map((e) => e[0]);
  held[3].abort();
  await until(() => r.log.length === 2, 20000);
  return [waiting, r.log.map((e) => e[0])];
});

// @test queued requests are sent oldest first
// @want [1,2,3,4,5,6]
return holding(10, "c", async (held) => {
  const order = [];
  for (let i = 1; i <= 6; i++) wx.request({url: ECHO_HTTP + "?n=" + i, complete() { order.push(i); }});
  await sleep(100);
  held[0].abort();
  await until(() => order.length === 6, 20000);
  return order;
});

// @test a request that fails frees its slot
// @want ["request:fail timeout","success"]
return holding(9, "d", async () => {
  const a = ended({url: "https://" + certHost(9) + "/http/echo?delay=60000", timeout: 200});
  const b = ended({url: ECHO_HTTP});
  return [(await a)[1], (await b)[0]];
});

// @test abort while queued frees no slot and sends no one else early
// @want [["q1 fail","q2 fail"],"q3 success"]
const held = hold(10, "q2");
const names = [];
let third, early;
try {
  await sleep(50);
  const q1 = wx.request({url: ECHO_HTTP + "?id=q1", fail() { names.push("q1 fail"); }, success() { names.push("q1 success"); }});
  const q2 = wx.request({url: ECHO_HTTP + "?id=q2", fail() { names.push("q2 fail"); }, success() { names.push("q2 success"); }});
  wx.request({url: ECHO_HTTP + "?id=q3", success() { third = "q3 success"; }, fail(res) { third = "q3 " + res.errMsg; }});
  q1.abort(); q2.abort();
  await until(() => names.length === 2);
  await sleep(200);
  early = third;
  held[0].abort();
  await until(() => third);
} finally {
  held.forEach((t) => t.abort());
}
return [names, early === undefined ? third : "sent before a slot was free: " + early];


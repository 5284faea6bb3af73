// What reached the server: through the relay, the header and the phone's
// Referer (appid from -project); without it, neither.
const task = wx.connectSocket({ url: wxrun.serve.headers(), header: { Authorization: "Bearer t0ken" } });
task.onOpen((res) => console.log("X-Upstream:", res.header["X-Upstream"]));
task.onError((res) => wxrun.fail(res.errMsg));
task.onMessage((res) => {
  const h = JSON.parse(res.data).header;
  console.log("Authorization:", JSON.stringify(h.Authorization));
  console.log("Referer:", JSON.stringify(h.Referer));
  task.close({});
});

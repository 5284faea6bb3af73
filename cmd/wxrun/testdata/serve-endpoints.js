// wxrun.serve's helpers: a close the server saw, a big message, the count
// of open sockets.
wxshim.libVersion = "2.10.4";
const task = wx.connectSocket({ url: wxrun.serve.echoID("t1") });
task.onOpen(() => task.close({ code: 4321, reason: "bye" }));
task.onClose(async () => {
  const seen = await wxrun.serve.closed("t1");
  if (seen.code !== 4321 || seen.reason !== "bye") wxrun.fail("the server saw " + JSON.stringify(seen));
  const big = wx.connectSocket({ url: wxrun.serve.big(1 << 20, "text") });
  big.onMessage(async (res) => {
    if (res.data.length !== 1 << 20) wxrun.fail("a message of " + res.data.length);
    const live = await wxrun.serve.live();
    console.log("big message", res.data.length, "live", live);
    big.close({});
  });
});

// One round trip to -serve's echo endpoint, through the shim.
wx.connectSocket({ url: wxrun.serve.echo });
wx.onSocketOpen(() => wx.sendSocketMessage({ data: "hello" }));
wx.onSocketError((res) => wxrun.fail(res.errMsg));
wx.onSocketMessage((res) => {
  console.log("echo:", res.data);
  wx.closeSocket();
});

// A round trip to wss://api.example.com/echo: the server the test maps.
wx.connectSocket({ url: "wss://api.example.com/echo" });
wx.onSocketOpen(() => wx.sendSocketMessage({ data: "to api" }));
wx.onSocketError((res) => wxrun.fail(res.errMsg));
wx.onSocketMessage((res) => {
  console.log("api echo:", res.data);
  wx.closeSocket();
});

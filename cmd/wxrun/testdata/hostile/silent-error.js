// An exception in a wx callback fails the file though the file silenced
// console.error (issue 19, item 5).
console.error = () => {};
wx.connectSocket({ url: wxrun.serve.echo });
wx.onSocketError((res) => wxrun.fail(res.errMsg));
wx.onSocketOpen(() => {
  wx.closeSocket();
  throw new Error("thrown in onSocketOpen");
});

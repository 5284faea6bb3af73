// A round trip to wss://api.example.com/echo (the test's own server).
const task = wx.connectSocket({ url: "wss://api.example.com/echo?n=" + wxrun.vars.n });
task.onOpen(() => task.send({ data: "hello " + wxrun.vars.n }));
task.onError((res) => wxrun.fail(res.errMsg));
task.onMessage((res) => {
  console.log(res.data);
  task.close({});
});

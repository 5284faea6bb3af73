// The seed document's two examples, unmodified but for their url
// ('test.php' in the document) and the lines that feed and watch them.

// @test queue messages until onSocketOpen
// @want ["one","two","three"]
wxshim.urlCheck = false;
const got = [];
wx.onSocketMessage(function(res) { got.push(res.data) });
var socketOpen = false
var socketMsgQueue = []
wx.connectSocket({
  url: echo()
})
wx.onSocketOpen(function(res) {
  socketOpen = true
  for (var i = 0; i < socketMsgQueue.length; i++){
     sendSocketMessage(socketMsgQueue[i])
  }
  socketMsgQueue = []
})
function sendSocketMessage(msg) {
  if (socketOpen) {
    wx.sendSocketMessage({
      data:msg
    })
  } else {
     socketMsgQueue.push(msg)
  }
}
sendSocketMessage("one"); sendSocketMessage("two");
await until(() => socketOpen);
sendSocketMessage("three");
await until(() => got.length === 3);
return got;

// @test closeSocket inside onSocketOpen
// @want [[["early close",{"errMsg":"closeSocket:fail taskID not exist"}],["open"],["closed",{"code":1000,"reason":""}]],1000]
wxshim.urlCheck = false;
const r = rec();
wx.connectSocket({
  url: echo("seed2")
})
// As the seed warns, a closeSocket before onSocketOpen does not close it.
wx.closeSocket({fail: r("early close")})
wx.onSocketOpen(function() {
  r("open")();
  wx.closeSocket()
})
wx.onSocketClose(function(res) {
  r("closed")(res);
})
await until(() => r.log.length === 3);
return [r.log, (await serverSaw("seed2")).code];

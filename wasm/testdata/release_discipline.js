// Go holds no JS value per socket: a thousand sockets leave the value table where it was.

// @test 1,000 connect/send/close cycles leave Go holding no more JS values than before (within 100)
// @want ["within 100",0]
wxshim.libVersion = "2.10.4";
wxshim.urlCheck = false;
const before = await liveRefs();
let done = 0;
for (let i = 0; i < 1000; i++) {
  const task = wx.connectSocket({url: echo()});
  task.onOpen(() => { task.send({data: "x"}); });
  task.onMessage(() => task.close());
  task.onClose(() => { done++; });
  if (i % 4 === 3) await until(() => done === i + 1, 20000);
}
await until(() => done === 1000, 30000);
const after = await liveRefs();
return [after - before <= 100 ? "within 100" : "grew by " + (after - before), wxshim.debug.liveSockets()];

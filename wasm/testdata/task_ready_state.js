// Spec section 3, SocketTask: readyState.

// @test constants and the four states
// @want [0,1,2,3,0,1,2,3]
wxshim.urlCheck = false;
const task = wx.connectSocket({url: echo()});
const seen = [task.CONNECTING, task.OPEN, task.CLOSING, task.CLOSED, task.readyState];
await until(() => task.readyState === 1);
seen.push(task.readyState);
task.close();
seen.push(task.readyState);
let closed = false;
task.onClose(() => { closed = true; });
await until(() => closed);
seen.push(task.readyState);
return seen;

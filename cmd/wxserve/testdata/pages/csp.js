window.log = [];
wxshim.urlCheck = false;
const task = wx.connectSocket({url: location.origin.replace("https", "wss") + "/echo"});
task.onOpen(() => task.send({data: "under a strict CSP"}));
task.onMessage((res) => log.push(res.data));
wxshim.ready.then(() => log.push("ready"), (e) => log.push("rejected: " + e.message));

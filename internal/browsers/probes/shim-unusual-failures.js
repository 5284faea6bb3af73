// What the shim (loaded with -shim build/test: it reads wxshim.debug.liveSockets) reports for the failures whose
// events differ between engines: ws:// from this https page (mixed
// content), a blocked port, a TLS failure, and protocols the server does
// not select. Each: the task's events in order and whether the socket was
// released.
await wxshim.ready;
wxshim.configure({ libVersion: "2.10.4", urlCheck: false });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const port = new URL(PLAIN_ECHO).port;
async function one(url, protocols) {
  const log = [];
  const task = wx.connectSocket({ url, protocols, fail: (r) => log.push("fail: " + r.errMsg) });
  if (!task) return log;
  task.onOpen(() => { log.push("open"); task.close({}); });
  task.onError((r) => log.push("error: " + r.errMsg));
  task.onClose((r) => log.push("close " + r.code + (r.reason ? " " + r.reason : "")));
  for (let i = 0; i < 60 && !log.some((l) => l.startsWith("close") || l.startsWith("fail")); i++) await sleep(50);
  log.push("liveSockets " + wxshim.debug.liveSockets());
  return log;
}
return {
  "ws://127.0.0.1 from https": await one(PLAIN_ECHO + "/echo"),
  "ws://good.example.com from https": await one("ws://good.example.com:" + port + "/echo"),
  "blocked port 25": await one("wss://127.0.0.1:25/"),
  "TLS failure": await one(UNTRUSTED + "/echo"),
  "protocols the server does not select": await one(ECHO + "/echo", ["chat"]),
  "duplicate protocols": await one(ECHO + "/echo", ["a", "a"]),
};

// scenario.js: what every test page does with the shim, however it came
// (a script tag, Vite, webpack, esbuild). The test copies this file into
// each project's src/ (or its root) before it builds. The page connects to
// the test's wss echo server (api.example.com, mapped to it), sends,
// receives and closes; window.wxResult is a Promise of what happened, and
// of where the wasm came from.
export function scenario(wx, wxshim, how) {
  const log = [];
  let done;
  window.wxResult = new Promise((resolve) => { done = resolve; });
  const finish = () => done({
    log,
    wasm: performance.getEntriesByType("resource").map((e) => e.name).filter((n) => /\.wasm(\?|$)/.test(n)),
    testHooks: typeof wxshim.debug !== "undefined",
  });
  wxshim.ready.catch((e) => { log.push("not ready: " + e.message); finish(); });
  wxshim.socketDomains = ["api.example.com"];
  const task = wx.connectSocket({ url: "wss://api.example.com/echo" });
  task.onOpen(() => {
    log.push("open");
    task.send({ data: "hello from " + how });
  });
  task.onMessage((res) => {
    log.push("message " + res.data);
    task.close({ code: 1000, reason: "bye" });
  });
  task.onError((res) => log.push("error " + res.errMsg));
  task.onClose((res) => {
    log.push("close " + res.code);
    finish();
  });
}

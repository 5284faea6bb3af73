// The package's types as a TypeScript user meets them: wx from
// miniprogram-api-typings (wxsocket's dependency), wxshim from wxshim.d.ts,
// both from the import and as globals. tsc must accept this file, and the
// lines marked @ts-expect-error must be errors.
import { wx, wxshim, type WxShimUrlVerdict } from "wxsocket";

wxshim.socketDomains = ["api.example.com"];
wxshim.libVersion = "2.10.4";
const task: WechatMiniprogram.SocketTask = wx.connectSocket({ url: "wss://api.example.com/ws", timeout: 5000 });
task.onMessage((res) => {
  const data: string | ArrayBuffer = res.data;
  console.log(data);
});
task.onClose((res) => console.log(res.code, res.reason));
globalThis.wxshim.ready.then(() => console.log("ready"));
const verdict = wxshim.checkUrl("wss://api.example.com/ws") as WxShimUrlVerdict;
console.log(verdict.ok, verdict.why);

// @ts-expect-error: closeBeforeOpen is "phone" or "browser"
wxshim.closeBeforeOpen = "never";
// @ts-expect-error: connectSocket needs a url
wx.connectSocket({});

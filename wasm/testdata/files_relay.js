// NETWORK.md sections 3, 4 and 6, wx.downloadFile and wx.uploadFile
// through the relay (RELAY is set by the native runner): the phone's
// Referer and every header, the real status and Set-Cookie, a multipart
// upload and a download streamed through it whole, progress. Each row sets
// the relay itself (relay_rows_test.go), so this file is not run again in
// the relay pass.
//
// @setup
wxshim.libVersion = "3.0.0";
wxshim.urlCheck = false;
wxshim.relay = {url: RELAY, secret: RELAY_SECRET, fallback: RELAY_TLS};
async function call(api, o) {
  let res;
  wx[api](Object.assign({success: (x) => { res = ["success", x]; }, fail: (x) => { res = ["fail", x]; }}, o));
  await until(() => res !== undefined, 30000);
  return res;
}
async function sha(blob) {
  const d = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, "0")).join("");
}

// @test an upload: the phone's Referer, a Cookie header sent as given, the file whole
// @want ["success",["https://servicewechat.com/wx77/3/page-frame.html"],["a=1"],{"k":"v"},2000000,true]
wxshim.appid = "wx77";
wxshim.appVersion = "3";
const blob = new Blob([new Uint8Array(2000000).fill(7)]);
const [k, res] = await call("uploadFile", {url: ORIGIN + "/http/upload", filePath: wxshim.files.add(blob, "a.bin"), name: "f",
  header: {Cookie: "a=1", Referer: "https://evil.test/"}, formData: {k: "v"}});
const u = JSON.parse(res.data);
return [k, u.header.Referer, u.header.Cookie, u.fields, u.files[0].size, u.files[0].sha256 === await sha(blob)];

// @test an upload's progress (the relay's count of what reached the upstream): rising to 100, the body's size
// @want [true,100,true]
const ev = [];
let done;
const t = wx.uploadFile({url: ORIGIN + "/http/upload", filePath: wxshim.files.add(new Blob([new Uint8Array(3 << 20)]), "a.bin"), name: "f", complete: (x) => { done = x; }});
t.onProgressUpdate((p) => ev.push(p));
await until(() => done !== undefined, 30000);
const last = ev[ev.length - 1];
return [ev.every((p, i) => i === 0 || p.progress > ev[i - 1].progress), last && last.progress, last && last.totalBytesSent === last.totalBytesExpectedToSend];

// @test a download: Set-Cookie read and split, the phone's Referer, the real status
// @want ["success",["sid=abc123; Path=/; HttpOnly","lang=zh_CN; Expires=Wed 21 Oct 2037 07:28:00 GMT; Path=/","theme=dark"],"3 cookies\n"]
const [k, res] = await call("downloadFile", {url: ORIGIN + "/http/cookies"});
return [k, res.cookies, await wxshim.files.get(res.tempFilePath).text()];

// @test a download streamed through whole: 20 MB, sha256 as sent, progress to 100
// @want [20000000,true,100]
const ev = [];
let res;
const t = wx.downloadFile({url: ORIGIN + "/http/file?size=20000000", success: (x) => { res = x; }, fail: (x) => { res = x; }});
t.onProgressUpdate((p) => ev.push(p.progress));
await until(() => res !== undefined, 60000);
const b = wxshim.files.get(res.tempFilePath);
const bytes = new Uint8Array(20000000);
for (let i = 0; i < bytes.length; i++) bytes[i] = 97 + (i % 26);
const d = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)), (x) => x.toString(16).padStart(2, "0")).join("");
wxshim.files.remove(res.tempFilePath);
return [b.size, (await sha(b)) === d, ev[ev.length - 1]];

// @test the cap through the relay: 1 GB against 1 MB fails
// @want "downloadFile:fail exceed max file size"
wxshim.maxDownloadBytes = 1 << 20;
const [, res] = await call("downloadFile", {url: ORIGIN + "/http/file?size=1073741824&length=0"});
return res.errMsg;

// @test a refused upstream: the relay's cause
// @want ["fail",true]
const [k, res] = await call("uploadFile", {url: "https://127.0.0.1:1/x", filePath: wxshim.files.add(new Blob(["x"])), name: "f"});
return [k, res.errMsg.startsWith("uploadFile:fail ") && res.errMsg.length > 20];

// @test an upload's progress comes from the relay's count while the upstream holds its answer: events before the headers
// @want [true,true,"headers","success"]
const order = [];
let done;
const t = wx.uploadFile({url: ORIGIN + "/http/upload?delay=1500", filePath: wxshim.files.add(new Blob([new Uint8Array(1 << 20)]), "a.bin"), name: "f",
  success: () => order.push("success"), complete: (x) => { done = x; }});
t.onProgressUpdate((p) => order.push(p.progress));
t.onHeadersReceived(() => order.push("headers"));
await until(() => done !== undefined, 30000);
const h = order.indexOf("headers");
return [h > 0 && order.slice(0, h).every((x) => typeof x === "number"), order.slice(0, h).includes(100), order[h], order[order.length - 1]];

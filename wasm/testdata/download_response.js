// NETWORK.md sections 1, 3 and 5, wx.downloadFile's answer: success for any
// status, the body saved whatever it is, as a Blob in the file table under a
// wxfile://tmp_<hex>.<ext> path whose extension comes from the Content-Type;
// statusCode, header, cookies, profile; the size cap (maxDownloadBytes) on
// Content-Length and on the bytes as they arrive, 1 GB against it; servers
// that lie about Content-Length or stop midway.
//
// @setup
wxshim.configure({urlCheck: false, libVersion: "3.0.0"});
const r = rec();
const TMP = /^wxfile:\/\/tmp_[0-9a-f]{32}\.([a-z0-9]+)$/;
async function download(o) {
  let res;
  const t = wx.downloadFile(Object.assign({success: (x) => { res = ["success", x]; }, fail: (x) => { res = ["fail", x]; }}, o));
  await until(() => res !== undefined, 20000);
  return res;
}
async function sha(blob) {
  const d = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, "0")).join("");
}

// @test status {{1}} is a success, its body saved
// @each 200
// @each 404
// @each 500
// @want ["success",{{1}},"downloadFile:ok","body {{1}}"]
const [k, res] = await download({url: ORIGIN + "/http/status?code={{1}}&body=body%20{{1}}"});
return [k, res.statusCode, res.errMsg, await wxshim.files.get(res.tempFilePath).text()];

// @test the success result's keys, in order
// @want ["tempFilePath","statusCode","header","cookies","profile","errMsg"]
const [, res] = await download({url: ORIGIN + "/http/file?size=10"});
return Object.keys(res);

// @test Content-Type {{1}}: the path's extension is {{2}}, the Blob's type {{3}}
// @each text/plain | txt | text/plain
// @each image/png | png | image/png
// @each image/jpeg | jpg | image/jpeg
// @each application/json%3B%20charset=utf-8 | json | application/json
// @each audio/mp4 | m4a | audio/mp4
// @each image/avif | avif | image/avif
// @each application/octet-stream | bin | application/octet-stream
// @each application/x-made-up-thing | bin | application/x-made-up-thing
// @want [true,"{{2}}","{{3}}"]
const [, res] = await download({url: ORIGIN + "/http/file?size=4&type={{1}}"});
const m = TMP.exec(res.tempFilePath);
return [m !== null, m && m[1], wxshim.files.get(res.tempFilePath).type];

// @test two downloads of the same URL: two paths, two files
// @want [true,true]
const [, a] = await download({url: ORIGIN + "/http/file?size=4"});
const [, b] = await download({url: ORIGIN + "/http/file?size=4"});
return [a.tempFilePath !== b.tempFilePath, wxshim.files.get(a.tempFilePath) !== undefined && wxshim.files.get(b.tempFilePath) !== undefined];

// @test {{1}} bytes arrive whole: size and sha256 as sent, with and without Content-Length
// @each 0 | 1
// @each 1 | 1
// @each 100000 | 1
// @each 3000000 | 1
// @each 3000000 | 0
// @want [{{1}},true]
const [, res] = await download({url: ORIGIN + "/http/file?size={{1}}&length={{2}}"});
const blob = wxshim.files.get(res.tempFilePath);
let want = "";
const bytes = new Uint8Array({{1}});
for (let i = 0; i < bytes.length; i++) bytes[i] = 97 + (i % 26);
const d = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)), (b) => b.toString(16).padStart(2, "0")).join("");
return [blob.size, (await sha(blob)) === d];

// @test {{1}} bytes with an onProgressUpdate listener (read as they arrive, in Blobs of 4 MiB): size and sha256 as sent, Content-Length {{2}}
// @each 100000 | 1
// @each 9000000 | 1
// @each 9000000 | 0
// @want [{{1}},true,true]
let res, last = -1;
const t = wx.downloadFile({url: ORIGIN + "/http/file?size={{1}}&length={{2}}", success: (x) => { res = x; }, fail: (x) => { res = x; }});
t.onProgressUpdate((p) => { last = p.totalBytesWritten; });
await until(() => res !== undefined, 20000);
const blob = wxshim.files.get(res.tempFilePath);
const bytes = new Uint8Array({{1}});
for (let i = 0; i < bytes.length; i++) bytes[i] = 97 + (i % 26);
const d = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)), (b) => b.toString(16).padStart(2, "0")).join("");
return [blob.size, (await sha(blob)) === d, last === {{1}}];

// @test the cap with an onProgressUpdate listener, Content-Length {{1}}: "exceed max file size", nothing stored
// @each 1
// @each 0
// @want ["fail","downloadFile:fail exceed max file size",0]
wxshim.maxDownloadBytes = 50000;
const before = wxshim.debug.filesHeld();
let res;
const t = wx.downloadFile({url: ORIGIN + "/http/file?size=200000&length={{1}}", success: (x) => { res = ["success", x]; }, fail: (x) => { res = ["fail", x]; }});
t.onProgressUpdate(() => {});
await until(() => res !== undefined, 20000);
return [res[0], res[1].errMsg, wxshim.debug.filesHeld() - before];

// @test a Content-Length over maxDownloadBytes: "exceed max file size" at the head, nothing stored
// @want ["fail","downloadFile:fail exceed max file size",0]
wxshim.maxDownloadBytes = 1000;
const before = wxshim.debug.filesHeld();
const [k, res] = await download({url: ORIGIN + "/http/file?size=1001"});
return [k, res.errMsg, wxshim.debug.filesHeld() - before];

// @test exactly maxDownloadBytes passes
// @want ["success",1000]
wxshim.maxDownloadBytes = 1000;
const [k, res] = await download({url: ORIGIN + "/http/file?size=1000&length=0"});
return [k, wxshim.files.get(res.tempFilePath).size];

// @test no Content-Length: the cap is checked as the bytes arrive
// @want ["fail","downloadFile:fail exceed max file size",0]
wxshim.maxDownloadBytes = 50000;
const before = wxshim.debug.filesHeld();
const [k, res] = await download({url: ORIGIN + "/http/file?size=200000&length=0"});
return [k, res.errMsg, wxshim.debug.filesHeld() - before];

// @test 1 GB against a 1 MB cap ({{1}}): fails at once, the transfer stopped
// @each with Content-Length | 1
// @each chunked | 0
// @want ["fail","downloadFile:fail exceed max file size"]
wxshim.maxDownloadBytes = 1 << 20;
const [k, res] = await download({url: ORIGIN + "/http/file?size=1073741824&length={{2}}"});
return [k, res.errMsg];

// @test the default cap is 200 MB: maxDownloadBytes reads undefined, a 200 MB + 1 Content-Length fails
// @want [null,"downloadFile:fail exceed max file size"]
const [, res] = await download({url: ORIGIN + "/http/file?size=209715201"});
return [wxshim.maxDownloadBytes === undefined ? null : wxshim.maxDownloadBytes, res.errMsg];

// @test a server that stops midway: the download fails, nothing stored
// @want ["fail",true,0]
const before = wxshim.debug.filesHeld();
const [k, res] = await download({url: ORIGIN + "/http/file?size=100000&stopAt=5000"});
return [k, res.errMsg.startsWith("downloadFile:fail "), wxshim.debug.filesHeld() - before];

// @test a server whose Content-Length says more than it sends: fails, nothing stored
// @want ["fail",true,0]
const before = wxshim.debug.filesHeld();
const [k, res] = await download({url: ORIGIN + "/http/file?size=5000&lie=long"});
return [k, res.errMsg.startsWith("downloadFile:fail "), wxshim.debug.filesHeld() - before];

// @test a server whose Content-Length says less than it sends: what the length says is kept
// @want ["success",2500]
const [k, res] = await download({url: ORIGIN + "/http/file?size=5000&lie=short"});
return [k, wxshim.files.get(res.tempFilePath).size];

// @test header and statusCode as the server sent them; cookies an array
// @want [201,"1",true]
const [, res] = await download({url: ORIGIN + "/http/status?code=201&header=X-A:1&body=x"});
const xa = Object.keys(res.header).find((k) => k.toLowerCase() === "x-a");
return [res.statusCode, res.header[xa], Array.isArray(res.cookies)];

// @test below 2.10.0 no cookies; below 2.10.4 no profile
// @want [["tempFilePath","statusCode","header","errMsg"],["tempFilePath","statusCode","header","cookies","errMsg"]]
wxshim.libVersion = "2.9.0";
const [, a] = await download({url: ORIGIN + "/http/file?size=3"});
wxshim.libVersion = "2.10.3";
const [, b] = await download({url: ORIGIN + "/http/file?size=3"});
return [Object.keys(a), Object.keys(b)];

// @test a refused connection: "downloadFile:fail" with a reason, after the call
// @want ["fail",true]
const [k, res] = await download({url: "https://127.0.0.1:1/x"});
return [k, res.errMsg.length > "downloadFile:fail ".length && res.errMsg.startsWith("downloadFile:fail ")];

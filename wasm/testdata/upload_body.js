// NETWORK.md sections 1, 4 and 5, what wx.uploadFile sends and what it
// gives back: a multipart/form-data POST, formData's fields then the file
// under name, its base name as filename, its extension's Content-Type, the
// bytes whole (the sink, /http/upload, reports sizes and sha256); success
// for any status, data the body as a string, never parsed.
//
// @setup
wxshim.configure({urlCheck: false, libVersion: "3.0.0"});
const SINK = ORIGIN + "/http/upload";
async function upload(o) {
  let res;
  wx.uploadFile(Object.assign({success: (x) => { res = ["success", x]; }, fail: (x) => { res = ["fail", x]; }}, o));
  await until(() => res !== undefined, 30000);
  return res;
}
async function sha(blob) {
  const d = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, "0")).join("");
}

// @test a POST of formData's fields, then the file under name, in that order
// @want ["POST",["a","b","avatar"],{"a":"1","b":"two"},1]
const p = wxshim.files.add(new Blob(["x"]), "x.png");
const [, res] = await upload({url: SINK, filePath: p, name: "avatar", formData: {a: 1, b: "two"}});
const u = JSON.parse(res.data);
return [u.method, u.order, u.fields, u.files.length];

// @test the file part: field name, filename the path's base name, Content-Type {{2}} from .{{1}}, size and sha256 as added
// @each png | image/png
// @each jpg | image/jpeg
// @each txt | text/plain
// @each json | application/json
// @each mp4 | video/mp4
// @each weird | application/octet-stream
// @want ["f",true,"{{2}}",70000,true]
const bytes = new Uint8Array(70000);
for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7) & 255;
const blob = new Blob([bytes]);
const p = wxshim.files.add(blob, "photo.{{1}}");
const [, res] = await upload({url: SINK, filePath: p, name: "f"});
const f = JSON.parse(res.data).files[0];
return [f.field, f.filename === p.slice(p.lastIndexOf("/") + 1) && /^tmp_[0-9a-f]{32}\.{{1}}$/.test(f.filename), f.contentType, f.size, f.sha256 === await sha(blob)];

// @test a downloaded file goes back up whole
// @want [true,300000]
let d;
wx.downloadFile({url: ORIGIN + "/http/file?size=300000&type=image/png", success: (x) => { d = x; }, fail: (x) => { d = x; }});
await until(() => d !== undefined);
const [, res] = await upload({url: SINK, filePath: d.tempFilePath, name: "f"});
const f = JSON.parse(res.data).files[0];
return [f.sha256 === await sha(wxshim.files.get(d.tempFilePath)), f.size];

// @test 8 MB up whole
// @want [8388608,true]
const bytes = new Uint8Array(8 << 20);
for (let i = 0; i < bytes.length; i += 4096) bytes[i] = i & 255;
const blob = new Blob([bytes]);
const [, res] = await upload({url: SINK, filePath: wxshim.files.add(blob, "big.bin"), name: "f"});
const f = JSON.parse(res.data).files[0];
return [f.size, f.sha256 === await sha(blob)];

// @test an empty file
// @want [0,"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"]
const [, res] = await upload({url: SINK, filePath: wxshim.files.add(new Blob([]), "e.txt"), name: "f"});
const f = JSON.parse(res.data).files[0];
return [f.size, f.sha256];

// @test names with quotes and newlines go escaped, as browsers escape them
// @want [["a%22b","c%0D%0Ad","f%22x"],{"a%22b":"1","c%0D%0Ad":"2"}]
const [, res] = await upload({url: SINK, filePath: wxshim.files.add(new Blob(["x"]), "a.txt"), name: "f\"x", formData: {"a\"b": 1, "c\r\nd": 2}});
const u = JSON.parse(res.data);
return [u.order, u.fields];

// @test status {{1}} is a success; data is the body as a string, never parsed
// @want ["success",{{1}},"string","uploadFile:ok"]
// @each 200
// @each 201
// @each 500
const [k, res] = await upload({url: SINK + "?status={{1}}", filePath: wxshim.files.add(new Blob(["x"]), "a.txt"), name: "f"});
return [k, res.statusCode, typeof res.data, res.errMsg];

// @test the success result's keys, in order
// @want ["data","statusCode","header","cookies","errMsg"]
const [, res] = await upload({url: SINK, filePath: wxshim.files.add(new Blob(["x"]), "a.txt"), name: "f"});
return Object.keys(res);

// @test below 2.10.0 no cookies
// @want ["data","statusCode","header","errMsg"]
wxshim.libVersion = "2.9.0";
const [, res] = await upload({url: SINK, filePath: wxshim.files.add(new Blob(["x"]), "a.txt"), name: "f"});
return Object.keys(res);

// @test the response header as the server sent it
// @want ["application/json",true]
const [, res] = await upload({url: SINK, filePath: wxshim.files.add(new Blob(["x"]), "a.txt"), name: "f"});
const ct = Object.keys(res.header).find((k) => k.toLowerCase() === "content-type");
return [res.header[ct].split(";")[0], Array.isArray(res.cookies)];

// @test a refused connection: "uploadFile:fail" with a reason
// @want ["fail",true]
const [k, res] = await upload({url: "https://127.0.0.1:1/x", filePath: wxshim.files.add(new Blob(["x"]), "a.txt"), name: "f"});
return [k, res.errMsg.length > "uploadFile:fail ".length];

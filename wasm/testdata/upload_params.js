// NETWORK.md sections 1 and 4, wx.uploadFile's argument: url, filePath and
// name checked together, their messages concatenated; header and formData
// that are not objects warned and dropped, their values stringified as
// wx.request's header; a path that names no file, or names something else
// (http://, file:///etc/passwd, another origin's blob:, a removed file),
// fails "uploadFile:fail fail:file doesn't exist" without a byte sent.
//
// @setup
wxshim.configure({urlCheck: false, libVersion: "3.0.0"});
const r = rec();
const cbs = {success: r("success"), fail: r("fail"), complete: r("complete")};
const SINK = ORIGIN + "/http/upload";
const file = () => wxshim.files.add(new Blob(["hello"], {type: "text/plain"}), "hello.txt");
async function upload(o) {
  let res;
  wx.uploadFile(Object.assign({success: (x) => { res = ["success", x]; }, fail: (x) => { res = ["fail", x]; }}, o));
  await until(() => res !== undefined, 20000);
  return res;
}

// @test {{1}}: one message, concatenated, errno 1001, undefined
// @each nothing | {} | parameter.url should be String instead of Undefined;parameter.filePath should be String instead of Undefined;parameter.name should be String instead of Undefined;
// @each url alone | {url: "https://a.example.com"} | parameter.filePath should be String instead of Undefined;parameter.name should be String instead of Undefined;
// @each a numeric url and name | {url: 1, filePath: "wxfile://tmp_x.txt", name: 2} | parameter.url should be String instead of Number;parameter.name should be String instead of Number;
// @each filePath an object | {url: "u", filePath: {}, name: "n"} | parameter.filePath should be String instead of Object;
// @each filePath a Blob | {url: "u", filePath: new Blob(["x"]), name: "n"} | parameter.filePath should be String instead of Blob;
// @each filePath null, name an array | {url: "u", filePath: null, name: ["n"]} | parameter.filePath should be String instead of Null;parameter.name should be String instead of Array;
// @want [["fail",{"errMsg":"uploadFile:fail parameter error: {{3}}","errno":1001}],["complete",{"errMsg":"uploadFile:fail parameter error: {{3}}","errno":1001}],null]
const t = wx.uploadFile(Object.assign({{2}}, cbs));
return [...r.log, t === undefined ? null : typeof t];

// @test empty strings pass the synchronous check: a task, and a fail later (the url's)
// @want ["object",["fail","complete"],"uploadFile:fail url is null or nil"]
const t = wx.uploadFile(Object.assign({url: "", filePath: "", name: ""}, cbs));
await until(() => r.log.length === 2);
return [typeof t, r.log.map((e) => e[0]), r.log[0][1].errMsg];

// @test an argument that is not an object: parameter should be Object (an array's fail says so)
// @want [["fail",{"errMsg":"uploadFile:fail parameter error: parameter should be Object instead of Array;","errno":1001}],null,null]
const a = [];
a.fail = r("fail");
wx.uploadFile(a);
return [...r.log, wx.uploadFile(5) === undefined ? null : 1, wx.uploadFile("x") === undefined ? null : 1];

// @test filePath {{1}}: "uploadFile:fail fail:file doesn't exist", after the call, nothing sent
// @each a path never added | "wxfile://tmp_00000000000000000000000000000000.txt"
// @each http:// | "http://example.com/a.txt"
// @each file:///etc/passwd | "file:///etc/passwd"
// @each another origin's blob: | "blob:https://evil.example.com/5f0c2a52-1111-4222-8333-944445555666"
// @each this page's own blob: URL | URL.createObjectURL(new Blob(["mine"]))
// @each a data: URL | "data:text/plain,hello"
// @each an escape | "wxfile://usr/../../etc/passwd"
// @each a relative path | "hello.txt"
// @want [["returned"],["fail","uploadFile:fail fail:file doesn't exist"],["complete","uploadFile:fail fail:file doesn't exist"],false]
performance.clearResourceTimings();
file();
wx.uploadFile(Object.assign({url: SINK + "?id=nofile", filePath: {{2}}, name: "f"}, cbs));
r.log.push(["returned"]);
await until(() => r.log.length === 3);
await sleep(50);
return [...r.log.map((e) => e[1] ? [e[0], e[1].errMsg] : e), performance.getEntriesByType("resource").some((e) => e.name.includes("id=nofile"))];

// @test a file removed before the upload is sent: doesn't exist
// @want ["fail","uploadFile:fail fail:file doesn't exist"]
const p = file();
const t = wx.uploadFile({url: SINK, filePath: p, name: "f", fail: r("fail")});
wxshim.files.remove(p);
await until(() => r.log.length === 1);
return [r.log[0][0], r.log[0][1].errMsg];

// @test a url's file path is the table's own: the object URL of a file is not its path
// @want ["fail","uploadFile:fail fail:file doesn't exist"]
const p = file();
const [k, res] = await upload({url: SINK, filePath: wxshim.files.url(p), name: "f"});
return [k, res.errMsg];

// @test {{1}} that is {{2}}: warned once, dropped, the upload goes on
// @each header | a string | header: "X-A: 1"
// @each header | a number | header: 5
// @each header | null | header: null
// @each formData | a string | formData: "a=1"
// @each formData | an array | formData: ["a"]
// @each formData | null | formData: null
// @want ["success",1,{}]
const before = warns.length;
const [k, res] = await upload({url: SINK, filePath: file(), name: "f", {{3}}});
await upload({url: SINK, filePath: file(), name: "f", {{3}}});
const got = JSON.parse(res.data);
return [k, warns.slice(before).filter((w) => w.includes("uploadFile: {{1}} must be an object")).length, got.fields];

// @test formData values stringified as request's header: string, number, boolean, object, null, undefined
// @want {"s":"x","n":"5","b":"[object Boolean]","o":"[object Object]","z":"[object Null]","u":"[object Undefined]","a":"[object Array]"}
const [, res] = await upload({url: SINK, filePath: file(), name: "f", formData: {s: "x", n: 5, b: true, o: {a: 1}, z: null, u: undefined, a: [1]}});
return JSON.parse(res.data).fields;

// @test header values stringified the same way, sent
// @want ["5","[object Boolean]","x"]
const [, res] = await upload({url: SINK, filePath: file(), name: "f", header: {"X-N": 5, "X-B": false, "X-S": "x"}});
const h = JSON.parse(res.data).header;
return [h["X-N"][0], h["X-B"][0], h["X-S"][0]];

// @test a header content-type is not the body's: the multipart type is the shim's
// @want true
const [, res] = await upload({url: SINK, filePath: file(), name: "f", header: {"content-type": "text/plain"}});
return /^multipart\/form-data; boundary=/.test(JSON.parse(res.data).header["Content-Type"][0]);

// @test a task with no callback, never a Promise
// @want ["object",false]
const t = wx.uploadFile({url: SINK, filePath: file(), name: "f"});
await until(() => wxshim.debug.requestsOpen() === 0);
return [typeof t, t instanceof Promise];

// @test a filePath or name getter that throws: a parameter error naming the first
// @want ["uploadFile:fail parameter error: parameter.filePath could not be read: nope",1001]
const o = {url: SINK, fail: r("fail")};
Object.defineProperty(o, "filePath", {get() { throw new Error("nope"); }});
Object.defineProperty(o, "name", {get() { throw new Error("later"); }});
wx.uploadFile(o);
return [r.log[0][1].errMsg, r.log[0][1].errno];

// @test a formData getter that throws leaves that field out; the upload goes on
// @want ["success",{"a":"1"}]
const form = {a: 1};
Object.defineProperty(form, "b", {get() { throw new Error("no b"); }, enumerable: true});
const [k, res] = await upload({url: SINK, filePath: file(), name: "f", formData: form});
return [k, JSON.parse(res.data).fields];

// @test a Proxy that throws on every trap as formData: dropped, the upload goes on
// @want "success"
const p = new Proxy({}, {ownKeys() { throw new Error("trap"); }, get() { throw new Error("trap"); }, getPrototypeOf() { throw new Error("trap"); }});
const [k] = await upload({url: SINK, filePath: file(), name: "f", formData: p});
return k;

// NETWORK.md sections 1 and 3, wx.downloadFile's argument: only url's type
// is checked synchronously (fail, complete, undefined, errno 1001 from
// 2.24.0); a task at every other input, even with no callback; header not
// an object warned and dropped; filePath's rules (choice: wxfile:// paths
// alone, none that escape; another fails when sent, before the network).
//
// @setup
wxshim.configure({urlCheck: false, libVersion: "3.0.0"});
const r = rec();
const cbs = {success: r("success"), fail: r("fail"), complete: r("complete")};
const FILE = ORIGIN + "/http/file?size=10&type=text/plain";

// @test url {{1}}: fail then complete before the call returns, undefined, errno 1001
// @each missing | {} | Undefined
// @each a number | {url: 1} | Number
// @each an object | {url: {}} | Object
// @each null | {url: null} | Null
// @each an array | {url: ["https://a.example.com"]} | Array
// @want [["fail",{"errMsg":"downloadFile:fail parameter error: parameter.url should be String instead of {{3}};","errno":1001}],["complete",{"errMsg":"downloadFile:fail parameter error: parameter.url should be String instead of {{3}};","errno":1001}],["returned",null]]
const t = wx.downloadFile(Object.assign({{2}}, cbs));
r.log.push(["returned", t === undefined ? null : typeof t]);
return r.log;

// @test an argument that is {{1}}: no callback to call, undefined, nothing thrown
// @each a number | 7
// @each a string | "https://a.example.com"
// @each null | null
// @each true | true
// @want [null,0]
const t = wx.downloadFile({{2}});
await sleep(20);
return [t === undefined ? null : typeof t, wxshim.debug.requestsOpen()];

// @test an array carries callbacks: its fail names Array
// @want [["fail",{"errMsg":"downloadFile:fail parameter error: parameter should be Object instead of Array;","errno":1001}],["complete",{"errMsg":"downloadFile:fail parameter error: parameter should be Object instead of Array;","errno":1001}]]
const a = [];
a.fail = r("fail"); a.complete = r("complete");
wx.downloadFile(a);
return r.log;

// @test no argument at all is {}: the url message, and undefined
// @want [null]
return [wx.downloadFile() === undefined ? null : "task"];

// @test a url getter that throws: a parameter error naming it
// @want ["fail","downloadFile:fail parameter error: parameter.url could not be read: boom",1001]
const o = Object.assign({}, cbs);
Object.defineProperty(o, "url", {get() { throw new Error("boom"); }});
wx.downloadFile(o);
return [r.log[0][0], r.log[0][1].errMsg, r.log[0][1].errno];

// @test url {{1}} passes the synchronous check: a task, and a fail later, "{{3}}", nothing fetched from the page
// @each empty | "" | downloadFile:fail url is null or nil
// @each relative | "http/file?size=3" | downloadFile:fail invalid url \"http/file?size=3\"
// @each another scheme | "ftp://a.example.com/x" | downloadFile:fail invalid url \"ftp://a.example.com/x\"
// @each a blob: URL | "blob:" + location.origin + "/x" | downloadFile:fail invalid url \"blob:
// @want ["object",["fail","complete"],"{{3}}"]
const t = wx.downloadFile(Object.assign({url: {{2}}}, cbs));
await until(() => r.log.length === 2);
return [typeof t, r.log.map((e) => e[0]), r.log[0][1].errMsg.slice(0, "{{3}}".length)];

// @test a task with no callback at all (no Promise style at any version)
// @want ["object",false,true]
const t = wx.downloadFile({url: FILE});
await until(() => wxshim.debug.requestsOpen() === 0);
return [typeof t, t instanceof Promise, typeof t.abort === "function"];

// @test errno only from 2.24.0: at 2.23.0 the fail has errMsg alone
// @want [["fail",{"errMsg":"downloadFile:fail parameter error: parameter.url should be String instead of Undefined;"}]]
wxshim.libVersion = "2.23.0";
wx.downloadFile({fail: r("fail")});
return r.log;

// @test header that is {{1}}: warned once, dropped, the download goes on
// @each a string | "X-A: 1"
// @each a number | 5
// @each null | null
// @want ["downloadFile:ok",1]
const before = warns.length;
let res;
wx.downloadFile({url: FILE, header: {{2}}, complete: (x) => { res = x; }});
wx.downloadFile({url: FILE, header: {{2}}, complete() {}});
await until(() => res !== undefined && wxshim.debug.requestsOpen() === 0);
return [res.errMsg, warns.slice(before).filter((w) => String(w).includes("downloadFile: header must be an object")).length];

// @test header values go as String(v): a number, a boolean, an object
// @want ["5","true","[object Object]"]
let res;
wx.downloadFile({url: ORIGIN + "/http/echo", header: {"X-N": 5, "X-B": true, "X-O": {}}, success: (x) => { res = x; }, fail: (x) => { res = x; }});
await until(() => res !== undefined);
const e = JSON.parse(await wxshim.files.get(res.tempFilePath).text());
return [e.header["X-N"][0], e.header["X-B"][0], e.header["X-O"][0]];

// @test filePath {{1}}: stored under it, success has filePath and no tempFilePath
// @each wxfile://usr/a.txt | "wxfile://usr/a.txt"
// @each wxfile://usr/deep/er/b.bin | "wxfile://usr/deep/er/b.bin"
// @each wxfile://tmp_mine.dat | "wxfile://tmp_mine.dat"
// @want ["downloadFile:ok",{{2}},false,"abcdefghij"]
let res;
wx.downloadFile({url: FILE, filePath: {{2}}, success: (x) => { res = x; }, fail: (x) => { res = x; }});
await until(() => res !== undefined);
const b = wxshim.files.get({{2}});
const text = b ? await b.text() : null;
wxshim.files.remove({{2}});
return [res.errMsg, res.filePath, "tempFilePath" in res, text];

// @test a second download to the same filePath replaces the first
// @want ["abcdefghij","abcde"]
const p = "wxfile://usr/same.txt";
let n = 0;
wx.downloadFile({url: FILE, filePath: p, complete: () => n++});
await until(() => n === 1);
const first = await wxshim.files.get(p).text();
wx.downloadFile({url: ORIGIN + "/http/file?size=5", filePath: p, complete: () => n++});
await until(() => n === 2);
const second = await wxshim.files.get(p).text();
wxshim.files.remove(p);
return [first, second];

// @test filePath {{1}}: fails when sent, "invalid filePath", before the network; nothing stored
// @each http:// | "http://example.com/a.txt" | http://example.com/a.txt
// @each file:///etc/passwd | "file:///etc/passwd" | file:///etc/passwd
// @each blob: | "blob:https://evil.example.com/0b5f" | blob:https://evil.example.com/0b5f
// @each a .. segment | "wxfile://usr/../tmp_x.txt" | wxfile://usr/../tmp_x.txt
// @each a . segment | "wxfile://usr/./a.txt" | wxfile://usr/./a.txt
// @each an empty segment | "wxfile://usr//a.txt" | wxfile://usr//a.txt
// @each a backslash | "wxfile://usr\\..\\a.txt" | wxfile://usr\\..\\a.txt
// @each a NUL | "wxfile://usr/a\u0000.txt" | wxfile://usr/a\u0000.txt
// @each the bare scheme | "wxfile://" | wxfile://
// @each a relative path | "a.txt" | a.txt
// @each a number | 5 | <Number>
// @each an object | {} | <Object>
// @each null | null | <Null>
// @want [["returned"],["fail","downloadFile:fail invalid filePath: {{3}}"],["complete","downloadFile:fail invalid filePath: {{3}}"],false,0]
performance.clearResourceTimings();
const before = wxshim.debug.filesHeld();
wx.downloadFile(Object.assign({url: ORIGIN + "/http/file?size=3&id=badpath"}, cbs, {filePath: {{2}}}));
r.log.push(["returned"]);
await until(() => r.log.length === 3);
await sleep(50);
return [...r.log.map((e) => e[1] ? [e[0], e[1].errMsg] : e), performance.getEntriesByType("resource").some((e) => e.name.includes("id=badpath")), wxshim.debug.filesHeld() - before];

// @test filePath an empty string: fails when sent, "invalid filePath: ", before the network
// @want [["fail","downloadFile:fail invalid filePath: "],["complete","downloadFile:fail invalid filePath: "]]
wx.downloadFile(Object.assign({url: FILE}, cbs, {filePath: ""}));
await until(() => r.log.length === 2);
return r.log.map((e) => [e[0], e[1].errMsg]);

// @test below 1.8.0 filePath is ignored: a tempFilePath
// @want ["downloadFile:ok",true,false]
wxshim.libVersion = "1.7.0";
let res;
wx.downloadFile({url: FILE, filePath: "http://bad", success: (x) => { res = x; }, fail: (x) => { res = x; }});
await until(() => res !== undefined);
return [res.errMsg, typeof res.tempFilePath === "string", "filePath" in res];

// @test timeout {{1}}: ignored, the default applies, the download succeeds
// @each a string | "100"
// @each null | null
// @each an object | {valueOf() { return 1; }}
// @each negative | -5
// @each NaN | NaN
// @want "downloadFile:ok"
let res;
wx.downloadFile({url: ORIGIN + "/http/echo?delay=200", timeout: {{2}}, complete: (x) => { res = x; }});
await until(() => res !== undefined);
return res.errMsg;

// @test callbacks that are not functions are ignored; complete alone runs
// @want ["complete","downloadFile:ok"]
let res;
wx.downloadFile({url: FILE, success: 5, fail: "x", complete: (x) => { res = ["complete", x.errMsg]; }});
await until(() => res !== undefined);
return res;

// @test a throwing success is reported, complete still runs, the file is kept
// @want ["complete",true,true]
let path;
wx.downloadFile({url: FILE, success: (x) => { path = x.tempFilePath; throw new Error("success boom"); }, complete: r("complete")});
await until(() => r.log.length === 1);
return [r.log[0][0], errors.some((e) => e.includes("success boom")), wxshim.files.get(path) !== undefined];

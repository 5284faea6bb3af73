// wx.downloadFile and wx.uploadFile's smallest rows (NETWORK.md sections 3,
// 4 and 5): a download lands in the file table, a file the page added goes
// up as multipart, progress, abort.
//
// @setup
wxshim.configure({urlCheck: false, libVersion: "3.0.0"});

// @test a download: success with a tempFilePath in the phone's form, the Blob in the table
// @want [true,200,"ok:download:ok","abcdefghij","text/plain","downloadFile:ok"]
let res;
wx.downloadFile({url: ORIGIN + "/http/status?body=abcdefghij", success: (x) => { res = x; }, fail: (x) => { res = x; }});
await until(() => res !== undefined);
const blob = wxshim.files.get(res.tempFilePath);
return [/^wxfile:\/\/tmp_[0-9a-f]{32}\.txt$/.test(res.tempFilePath), res.statusCode, "ok:download:ok", await blob.text(), blob.type, res.errMsg];

// @test an upload of a file the page added: multipart, formData then the file
// @want ["uploadFile:ok",200,"string",true,true,true]
const path = wxshim.files.add(new Blob(["hello file"], {type: "text/plain"}), "a.txt");
let res;
wx.uploadFile({url: ORIGIN + "/http/echo", filePath: path, name: "up", formData: {k: "v"}, success: (x) => { res = x; }, fail: (x) => { res = x; }});
await until(() => res !== undefined);
const e = JSON.parse(res.data);
return [res.errMsg, res.statusCode, typeof res.data, e.body.includes('name="k"\r\n\r\nv\r\n'),
  e.body.includes('name="up"; filename="' + path.slice(9) + '"\r\nContent-Type: text/plain\r\n\r\nhello file\r\n'),
  /^multipart\/form-data; boundary=/.test(e.header["Content-Type"][0])];

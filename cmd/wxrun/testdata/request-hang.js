// A wx.request that never ends: the file is not finished while it is in
// flight, and the timeout says what kept it.
wxshim.libVersion = "2.30.3";
wx.request({ url: wxrun.serve.http.echoDelay(60000), fail(res) { console.log("fail:", res.errMsg); } });

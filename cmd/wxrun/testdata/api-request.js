// wx.request to https://api.example.com/http/echo, the server the test
// maps, with the legal-domain check on: what the server got, and whose
// Referer (the phone's comes only through the relay).
wxshim.libVersion = "2.30.3";
wx.request({
  url: "https://api.example.com/http/echo?q=1",
  method: "POST",
  data: { a: 1 },
  header: { "X-Token": "t" },
  success(res) {
    const h = res.data.header || {};
    const referer = (h.Referer || [""])[0];
    console.log("api request:", res.statusCode, res.data.method, res.data.uri, res.data.body,
      "token", (h["X-Token"] || [])[0], "referer", referer.startsWith("https://servicewechat.com/") ? "phone" : "browser");
  },
  fail(res) { wxrun.fail(res.errMsg); },
});

// NETWORK.md section 1, the legal domains of wx.downloadFile
// (downloadFileDomains) and wx.uploadFile (uploadFileDomains), with
// urlCheck on: one list per API, the port exactly as written, the failure
// asynchronous (errno 600002, checked when the task is sent) with a
// one-time warning naming the API's setting. Each row runs for both APIs
// (both). Names go to 127.0.0.1; a URL without a port reaches the test
// server through a rewrite of its origin to ORIGIN (request_domain.js says
// more).
//
// @setup
wxshim.libVersion = "3.0.0";
wxshim.urlCheck = true;
let API = "", PATH = "";
// both runs body for downloadFile, then for uploadFile, from the same
// settings, and gives the two results.
async function both(body) {
  const saved = wxshim.settings(), out = [];
  for (const [api, path] of [["downloadFile", "/http/file?size=3"], ["uploadFile", "/http/upload"]]) {
    API = api; PATH = path;
    for (const k of Object.keys(saved)) wxshim[k] = undefined;
    wxshim.configure(saved);
    out.push(await body());
  }
  return out;
}
const withPort = (s) => s.split("PORT").join(PORT);
// send runs the API on url and resolves with the callbacks' names, .res
// the result of success or fail.
function send(url) {
  return new Promise((resolve) => {
    const got = [];
    const o = {url, success(res) { got.push("success"); got.res = res; }, fail(res) { got.push("fail"); got.res = res; },
      complete() { got.push("complete"); resolve(got); }};
    if (API === "uploadFile") Object.assign(o, {filePath: wxshim.files.add(new Blob(["x"]), "a.txt"), name: "f"});
    wx[API](o);
  });
}
async function verdict(url) {
  const g = await send(url);
  if (g[0] === "success") return g.res.statusCode === 200 ? "ok" : "status " + g.res.statusCode;
  return g.res.errMsg === API + ":fail url not in domain list" && g.res.errno === 600002 ? "fail" : g.res.errMsg;
}

// @test a listed host and port pass: entry {{1}}
// @each good.example.com:PORT
// @each https://GOOD.example.com:PORT
// @want ["ok","ok"]
return both(async () => {
  wxshim[API + "Domains"] = ["other.example.com", withPort("{{1}}")];
  return verdict("https://good.example.com:" + PORT + PATH);
});

// @test the port as written: {{1}}
// @each an entry without a port, a URL with one | good.example.com | https://good.example.com:PORT | fail
// @each an entry with a port, a URL without | good.example.com:PORT | https://good.example.com | fail
// @each no port either side | good.example.com | https://good.example.com | ok
// @each :443 written out, an entry without a port | good.example.com | https://good.example.com:443 | fail
// @each :443 both sides | good.example.com:443 | https://good.example.com:443 | ok
// @want ["{{4}}","{{4}}"]
return both(async () => {
  wxshim[API + "Domains"] = [withPort("{{2}}")];
  wxshim.rewrites = {"https://good.example.com": ORIGIN};
  return verdict(withPort("{{3}}") + PATH);
});

// @test not in the list: {{1}}
// @each another host | https://other.example.com:PORT
// @each a subdomain | https://sub.good.example.com:PORT
// @each http:// to a listed host | http://good.example.com:PORT
// @want [[["fail","complete"],{"errMsg":"API:fail url not in domain list","errno":600002}],[["fail","complete"],{"errMsg":"API:fail url not in domain list","errno":600002}]]
return both(async () => {
  wxshim[API + "Domains"] = [withPort("good.example.com:PORT")];
  const g = await send(withPort("{{2}}") + PATH);
  return [g.slice(), {errMsg: g.res.errMsg.replace(API, "API"), errno: g.res.errno}];
});

// @test the failure is asynchronous, a task returned first, nothing fetched
// @want [["object",["fail","complete"],false],["object",["fail","complete"],false]]
return both(async () => {
  performance.clearResourceTimings();
  wxshim[API + "Domains"] = ["good.example.com"];
  const log = [];
  const o = {url: ORIGIN + PATH + (PATH.includes("?") ? "&" : "?") + "id=refused-dom", fail() { log.push("fail"); }, complete() { log.push("complete"); }};
  if (API === "uploadFile") Object.assign(o, {filePath: wxshim.files.add(new Blob(["x"])), name: "f"});
  const t = wx[API](o);
  const before = typeof t + (log.length ? " after " + log.join() : "");
  await until(() => log.length === 2);
  await sleep(50);
  return [before, log, performance.getEntriesByType("resource").some((e) => e.name.includes("refused-dom"))];
});

// @test one list per API: {{1}} does not allow it
// @each requestDomains
// @each socketDomains
// @each the other file API's list
// @want ["fail","fail"]
return both(async () => {
  const k = "{{1}}" === "the other file API's list" ? (API === "uploadFile" ? "downloadFileDomains" : "uploadFileDomains") : "{{1}}";
  wxshim[k] = [withPort("good.example.com:PORT")];
  return verdict("https://good.example.com:" + PORT + PATH);
});

// @test a rewrite is judged on the original URL
// @want ["ok","ok"]
return both(async () => {
  wxshim[API + "Domains"] = ["good.example.com"];
  wxshim.rewrites = {"https://good.example.com": ORIGIN};
  return verdict("https://good.example.com" + PATH);
});

// @test one warning, naming the API's setting
// @want [[1,true],[1,true]]
return both(async () => {
  wxshim[API + "Domains"] = ["good.example.com"];
  await send("https://bad.example.com:" + PORT + PATH);
  await send("https://bad.example.com:" + PORT + PATH);
  const w = warns.filter((x) => x.includes("legal-domain") && x.includes("wxshim: " + API + ":"));
  return [w.length, w.length > 0 && w[0].includes("wxshim." + API + "Domains")];
});

// @test urlCheck off allows any host and http:
// @want ["ok","ok"]
return both(async () => {
  wxshim.urlCheck = false;
  wxshim[API + "Domains"] = ["good.example.com"];
  return verdict("https://other.example.com:" + PORT + PATH);
});

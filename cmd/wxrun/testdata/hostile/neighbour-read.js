// A file asks its own relay for another run's page (the one beside it at
// -p 2), with the Sec-Fetch-* headers the server takes for a host page's
// frame: run names must not be guessable from its own. Its own page,
// asked the same way, is the control that the channel works.
const [, token, id] = location.pathname.match(/^\/t\/([^/]+)\/([^/]+)\//);
const n = parseInt(id, 10);
const suffix = id.slice(String(n).length); // "" for bare numbers
const relayURL = wxshim.relay.url.replace(/^ws/, "http");

async function ask(runID) {
  const head = {
    v: 1, secret: wxshim.relay.secret, url: "https://wxrun.test/t/" + token + "/" + runID + "/",
    method: "GET", header: { "Sec-Fetch-Dest": "iframe", "Sec-Fetch-Site": "same-site" },
  };
  const res = await fetch(relayURL, { method: "POST", body: JSON.stringify(head) + "\n" });
  const meta = res.headers.get("Wx-Relay");
  const body = await res.text();
  return meta === null ? 0 : JSON.parse(meta).status + (body.includes("wxshim") ? " page" : "");
}

(async () => {
  const own = await ask(id);
  console.log("own page:", own);
  if (own !== "200 page") { wxrun.fail("the control failed: own page " + own); return; }
  for (const other of [n - 1, n + 1]) {
    for (const name of [String(other), String(other) + suffix]) {
      const got = await ask(name);
      if (got !== "404") { wxrun.fail("read run " + name + ": " + got); return; }
    }
  }
  console.log("no neighbour's page");
  wxrun.pass();
})();

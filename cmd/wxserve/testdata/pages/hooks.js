// What any script on a page can reach of the test hooks: wxshim's own keys,
// and Go's bridge, taken the way debug.js takes it (a script that runs
// before Go attaches can wrap the glue's attach). On the test build, the
// hooks must work: panicNext makes the next connectSocket fail.
window.found = new Promise((done) => {
  const glue = globalThis.__wxshimGlue;
  let bridge = null;
  const attach = glue.attach;
  glue.attach = function (goBridge, goStr) {
    bridge = Object.keys(goBridge).sort();
    return attach.call(this, goBridge, goStr);
  };
  wxshim.ready.then(() => {
    const out = {
      debug: typeof wxshim.debug,
      go: "_go" in wxshim,
      keys: Object.getOwnPropertyNames(wxshim).sort(),
      bridge,
      forced: null,
    };
    if (wxshim.debug) {
      wxshim.debug.panicNext("wx.connectSocket");
      wx.connectSocket({url: "wss://x.test/", fail: (res) => { out.forced = res.errMsg; }});
    }
    done(out);
  }, (e) => done({error: e.message}));
});

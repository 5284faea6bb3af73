  // ---- State shared with Go. ----
  let bridge = null; // Go's functions, once attached
  let str = null; // the errMsg strings Go builds
  let startFailure = ""; // why Go never started, once known
  let started = false; // Go attached and the queue ran
  let version = CONTRACT.defaultVersion; // the parsed libVersion, for the promise gate
  const slots = [undefined, undefined, undefined, undefined]; // wx.onSocket* listeners
  const glue = { bound: null }; // Go sets bound: the socket record the globals act on

  function promises() { return atLeast(version, CONTRACT.gates.promises); }

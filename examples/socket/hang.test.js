// A server that accepts the connection and never answers the handshake:
// the connect timeout (base library 2.10.0) ends each attempt.
const socket = require("./socket.js");
const assert = require("./assert.js");

socket.connect({
  url: wxrun.serve.hang,
  timeout: 300,
  maxRetries: 1,
  minDelay: 20,
  onState(state, info) {
    if (state === "failed") assert.equal(info.errMsg, "createSocketTask:fail timeout", "the reason");
  },
});

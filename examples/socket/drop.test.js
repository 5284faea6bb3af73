// The server drops the TCP connection in the middle of a message: the
// client sees the loss (1006) and reconnects.
const socket = require("./socket.js");
const assert = require("./assert.js");

let opens = 0;
const client = socket.connect({
  url: wxrun.serve.drop,
  minDelay: 20,
  jitter: 0,
  onState(state, info) {
    if (state === "open") opens++;
    if (state === "waiting") assert.equal(info.code, 1006, "the close code of a dropped connection");
    if (opens === 2) client.close();
  },
});

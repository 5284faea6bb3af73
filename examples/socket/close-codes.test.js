// A close code in stopCodes ends the client (a server's "logged out"); any
// other code (1012: the service restarts) makes it reconnect.
const socket = require("./socket.js");
const assert = require("./assert.js");

const kicked = [];
socket.connect({
  url: wxrun.serve.closeWith(4001, "logged out"),
  stopCodes: [4001],
  onState(state, info) {
    kicked.push(state);
    if (state === "closed") {
      assert.equal([info.code, info.reason], [4001, "logged out"], "the server's close frame");
      assert.equal(kicked, ["connecting", "open", "closed"], "no reconnect after 4001");
    }
  },
});

let opens = 0;
const restarted = socket.connect({
  url: wxrun.serve.closeWith(1012, "restart"),
  stopCodes: [4001],
  minDelay: 20,
  jitter: 0,
  onState(state, info) {
    if (state === "waiting") assert.equal(info.code, 1012, "the restart's close code");
    if (state === "open" && ++opens === 2) restarted.close();
  },
});

// The heartbeat: a server that answers keeps the connection; one that
// answers too late (every echo 600 ms behind) is given up on and reconnected.
const socket = require("./socket.js");
const assert = require("./assert.js");

let messages = 0;
const healthy = socket.connect({
  url: wxrun.serve.echo,
  heartbeat: 50,
  deadAfter: 1000, // generous: a busy test machine may delay an echo
  isPong: (data) => data === "ping", // the echo server sends the ping back
  onMessage() { messages++; },
  onState(state) { assert(state !== "waiting", "a healthy connection is never reconnected"); },
});

const slow = socket.connect({
  url: wxrun.serve.echoDelay(600),
  heartbeat: 100,
  deadAfter: 250,
  isPong: (data) => data === "ping",
  minDelay: 20,
  jitter: 0,
  onState(state, info) {
    if (state !== "waiting") return;
    assert.equal(info.errMsg, "heartbeat timeout", "why the slow connection was dropped");
    slow.close();
    assert.equal(healthy.state, "open", "the healthy connection");
    assert.equal(messages, 0, "pongs are not messages");
    healthy.close();
  },
});

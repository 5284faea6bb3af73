// A server that refuses the handshake (403): the client tries again after
// 50, 100, 200 ms, then gives up.
const socket = require("./socket.js");
const assert = require("./assert.js");

const states = [];
socket.connect({
  url: wxrun.serve.refuse403,
  minDelay: 50,
  jitter: 0,
  maxRetries: 3,
  onState(state, info) {
    states.push(state);
    if (state === "waiting") console.log("attempt", info.attempt, "in", info.delay, "ms:", info.errMsg);
    if (state === "failed") {
      assert.equal(states.join(" "), "connecting waiting connecting waiting connecting waiting connecting failed", "the states");
      assert(/createSocketTask:fail/.test(info.errMsg), "the last error says why: " + info.errMsg);
    }
  },
});

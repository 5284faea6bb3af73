// 10,000 messages the moment the socket opens: all of them arrive, in order.
const socket = require("./socket.js");
const assert = require("./assert.js");

const n = 10000;
let next = 0;
const client = socket.connect({
  url: wxrun.serve.flood(n, "f"),
  onMessage(data) {
    assert.equal(data, "f:" + next, "message " + next);
    if (++next === n) client.close();
  },
});

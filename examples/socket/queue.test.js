// Messages sent before the socket is open wait, then go out in order: the
// seed document's queue.
const socket = require("./socket.js");
const assert = require("./assert.js");

const got = [];
const client = socket.connect({
  url: wxrun.serve.echo,
  onMessage(data) {
    got.push(data);
    if (got.length === 3) {
      assert.equal(got, ["a", "b", "c"], "the echoes");
      client.close();
    }
  },
});
client.send("a");
client.send("b");
client.send("c");
assert.equal(client.queued, 3, "messages queued before open");

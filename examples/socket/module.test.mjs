// The same client from an ES module: its default export is awaited, and
// the file passes when the promise resolves.
const socket = require("./socket.js");
const assert = require("./assert.js");

export default async function () {
  const got = await new Promise((resolve) => {
    const got = [];
    const client = socket.connect({
      url: wxrun.serve.flood(3, "m"),
      onMessage(data) {
        got.push(data);
        if (got.length === 3) { client.close(); resolve(got); }
      },
    });
  });
  assert.equal(got, ["m:0", "m:1", "m:2"], "the flood");
}

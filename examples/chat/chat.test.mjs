// The mini-program client (../socket/socket.js) against the Go chat server
// of chat.go, which chat_test.go maps to chat.example.com.
const socket = require("../socket/socket.js");
const assert = require("../socket/assert.js");

// join connects one user; client.next(pred) waits for the next message
// that pred accepts, dropping the others.
function join(name) {
  const inbox = [];
  const states = [];
  let waiter = null;
  const client = socket.connect({
    url: "wss://chat.example.com/chat?name=" + name,
    heartbeat: 1000,
    minDelay: 50,
    jitter: 0,
    stopCodes: [4001],
    onMessage(data) {
      inbox.push(JSON.parse(data));
      if (waiter) waiter();
    },
    onState(state, info) {
      if (state !== "open" && state !== "connecting") console.log(name, state, info.code, info.reason);
      states.push(state);
      if (waiter) waiter();
    },
  });
  client.states = states;
  client.next = (pred) => new Promise((resolve) => {
    (waiter = () => {
      while (inbox.length) {
        const m = inbox.shift();
        if (pred(m)) { waiter = null; resolve(m); return; }
      }
    })();
  });
  client.say = (text) => client.send(JSON.stringify({ text }));
  client.closedWith = () => new Promise((resolve) => {
    const check = () => { if (client.state === "closed") resolve(); else setTimeout(check, 10); };
    check();
  });
  return client;
}

const joined = (who) => (m) => m.from === "server" && m.text === who + " joined";

export default async function () {
  const alice = join("alice");
  await alice.next(joined("alice"));
  const bob = join("bob");
  await alice.next(joined("bob"));

  alice.say("hello bob");
  assert.equal(await bob.next((m) => m.from === "alice"), { from: "alice", text: "hello bob" }, "what bob got");

  // The server restarts (1012): both clients come back by themselves.
  alice.say("/restart");
  // Both must be back before bob speaks: the server tells only who is there.
  await Promise.all([alice.next(joined("alice")), bob.next(joined("bob"))]);
  bob.say("back again");
  assert.equal(await alice.next((m) => m.from === "bob"), { from: "bob", text: "back again" }, "after the restart");

  // Kicked (4001, one of the client's stopCodes): bob stays away.
  alice.say("/kick bob");
  await alice.next((m) => m.text === "bob left");
  await bob.closedWith();
  assert(bob.states.indexOf("waiting") > 0 && bob.states[bob.states.length - 1] === "closed", "bob's states: " + bob.states);

  alice.close();
  await alice.closedWith();
}

// Fails, then tries to take it back and to fail the next file: its result
// stays its first, and nothing of it reaches the next file.
wxrun.fail("the first word");
wxrun.pass();
setTimeout(() => { wxrun.pass(); throw new Error("after the fact"); }, 0);
setInterval(() => console.error("after the fact: still running"), 5);

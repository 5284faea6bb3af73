// Throws on a worker's message (issue 19, item 4): the worker answers
// after 200 ms.
const w = new Worker(URL.createObjectURL(new Blob(["setTimeout(() => postMessage('late'), 200);"], { type: "text/javascript" })));
w.onmessage = (e) => { throw new Error("after a worker's message: " + e.data); };

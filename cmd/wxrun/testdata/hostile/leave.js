// Leaves what it can where the next file could see it (issue 19, item 3);
// find.js looks for each.
parent.leftover = "a global on parent";
parent.eval(`setInterval(() => console.log("the last file's interval"), 20);
  const bc = new BroadcastChannel("wxrun-leftover");
  bc.onmessage = (e) => bc.postMessage("heard " + e.data);`);
const bc = new BroadcastChannel("wxrun-leftover");
bc.onmessage = (e) => bc.postMessage("heard " + e.data);
parent.Array.prototype.leftover = 1;
parent.Object.prototype.leftover2 = 1;
Array.prototype.leftover = 1;
Object.prototype.leftover2 = 1;
parent.history.pushState(null, "", "/elsewhere");
parent.document.title = "a title left by leave.js";
parent.postMessage = () => {};
parent.name = "a name left by leave.js";
wxrun.pass();

// Breaks the host page's compiled module for every later file (issue 19,
// item 3): a `then` on the promise each file's loader awaited.
try { parent.__wxrunHost.module.then = () => {}; } catch (e) { /* no host page */ }
wxrun.pass();

// run.js: runs the js/wasm binary the Go side names in /job with its argv
// and environment, sends what Go writes to stdout and stderr to /out as it
// comes, and the exit code to /done. Go's writes reach globalThis.fs
// (wasm_exec.js), whose writeSync is replaced here, as wasmbrowsertest does.
"use strict";

(async () => {
  let code = 1, error = "";
  try {
    const job = await (await fetch("/job")).json();
    const decoders = { 1: new TextDecoder(), 2: new TextDecoder() };
    globalThis.fs.writeSync = (fd, buf) => {
      const d = decoders[fd];
      if (d) wxReport.out(fd, d.decode(buf, { stream: true }));
      return buf.length;
    };
    const go = new Go();
    go.argv = job.argv;
    go.env = job.env;
    go.exit = (c) => { code = c; };
    const { instance } = await WebAssembly.instantiateStreaming(fetch(job.wasm), go.importObject);
    await go.run(instance);
  } catch (e) {
    code = 1;
    error = String(e && e.stack || e);
  }
  await wxReport.done({ code, error });
})();

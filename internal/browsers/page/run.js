// run.js: runs the js/wasm binary the Go side names in /job with its argv
// and environment, sends what Go writes to stdout and stderr to /out as it
// comes, and the exit code to /done. Go's writes reach globalThis.fs
// (wasm_exec.js), whose writeSync is replaced here, as wasmbrowsertest does;
// when the job has a working directory, its files can be read through /fs.
"use strict";

// readOnlyFS puts the Go side's read-only file system (fs.go) behind the
// calls syscall/fs_js.go makes. The flags are Linux's, as wasmbrowsertest
// declares them: fs_js.go reads them when the program starts.
function readOnlyFS(fs, cwd) {
  fs.constants = { O_WRONLY: 1, O_RDWR: 2, O_CREAT: 0o100, O_TRUNC: 0o1000, O_APPEND: 0o2000, O_EXCL: 0o200, O_DIRECTORY: 0o20000 };
  const call = (op, body, cb, map) => {
    fetch("/fs/" + op, { method: "POST", body: JSON.stringify(body) }).then((r) => r.json()).then((res) => {
      if (res.error) {
        const e = new Error(res.error);
        e.code = res.code;
        cb(e);
      } else {
        cb(null, map(res));
      }
    }, (err) => {
      const e = new Error(String(err));
      e.code = "EIO";
      cb(e);
    });
  };
  const stat = (r) => Object.assign(r, { isDirectory: () => r.dir });
  Object.assign(fs, {
    open: (path, flags, mode, cb) => call("open", { path, flags }, cb, (r) => r.fd),
    close: (fd, cb) => call("close", { fd }, cb, () => undefined),
    fstat: (fd, cb) => call("fstat", { fd }, cb, stat),
    stat: (path, cb) => call("stat", { path }, cb, stat),
    lstat: (path, cb) => call("lstat", { path }, cb, stat),
    readdir: (path, cb) => call("readdir", { path }, cb, (r) => r.names),
    read: (fd, buffer, offset, length, position, cb) => call("read", { fd, length, position }, cb, (r) => {
      const bytes = atob(r.data);
      for (let i = 0; i < bytes.length; i++) buffer[offset + i] = bytes.charCodeAt(i);
      return bytes.length;
    }),
  });
  globalThis.process.cwd = () => cwd;
}

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
    if (job.cwd) readOnlyFS(globalThis.fs, job.cwd);
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

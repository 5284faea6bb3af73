#!/usr/bin/env node
// wxrun's bin: starts the native wxrun of this platform, which npm
// installed as one of wxrun's optionalDependencies (@wxrun/<os>-<cpu>,
// picked by its "os" and "cpu"; the pattern esbuild uses), with this
// process's arguments, standard streams and exit status.
"use strict";
const { spawn } = require("child_process");
const path = require("path");
const fs = require("fs");

const platform = process.platform + "-" + process.arch;
const pkg = "@wxrun/" + platform;
const exe = process.platform === "win32" ? "wxrun.exe" : "wxrun";

function binary() {
  try {
    return require.resolve(pkg + "/bin/" + exe);
  } catch (e) {
    const known = [{{range $i, $p := .Platforms}}{{if $i}}, {{end}}"{{$p.Name}}"{{end}}];
    const why = known.includes(platform)
      ? pkg + " is not installed (npm leaves optional dependencies out with --omit=optional or --no-optional; install again without it)"
      : "wxrun has no binary for " + platform + " (it has " + known.join(", ") + "); in the repository, go build ./cmd/wxrun builds one";
    process.stderr.write("wxrun: " + why + "\n");
    process.exit(2);
  }
}

const bin = binary();
// npm may unpack the binary without its execute bit.
try { fs.accessSync(bin, fs.constants.X_OK); } catch (e) { try { fs.chmodSync(bin, 0o755); } catch (x) { /* spawn says */ } }

const child = spawn(bin, process.argv.slice(2), { stdio: "inherit" });
// A signal to this process goes to wxrun, which stops its browser and
// reports; this process waits for it instead of dying first. (Ctrl-C
// reaches both: wxrun takes a second SIGINT as the first.)
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => { try { child.kill(sig); } catch (e) { /* gone */ } });
child.on("error", (e) => {
  process.stderr.write("wxrun: cannot start " + path.relative(process.cwd(), bin) + ": " + e.message + "\n");
  process.exit(2);
});
child.on("exit", (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code === null ? 1 : code);
});

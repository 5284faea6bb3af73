// A file that tries to act on the terminal of whoever reads wxrun's
// report: a line that would retitle it, one whose carriage return would
// let a fake PASS line overwrite it, and a failure reason that does both.
console.log("retitle \x1b]0;pwned\x07 done");
console.log("FAIL is hidden\rPASS terminal-controls.js (0.01s)");
console.log("two\nlines\r");
wxrun.fail("real failure\rPASS terminal-controls.js (0.01s)\x1b[2K");

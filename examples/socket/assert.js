/* assert.js: what the example tests check with. A failed check throws: at
 * the top level, in a timer or in a socket callback alike, wxrun reports
 * the file as failed, with this message and where it was thrown. */
"use strict";

function assert(ok, message) {
  if (!ok) throw new Error("assertion failed: " + message);
}

assert.equal = function (got, want, message) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error("assertion failed: " + message + ": got " + g + ", want " + w);
};

module.exports = assert;

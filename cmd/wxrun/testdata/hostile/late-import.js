// Throws after a dynamic import of a chain of modules (issue 19, item 4).
import("./late-chain1.mjs").then((m) => { throw new Error("after a dynamic import: " + m.depth); });
